// Upstream types with their own JSON encodings (custom MarshalJSON in apimachinery), written by hand.
import { z } from "zod";

// The regular expression resource.ParseQuantity's error message names.
const QUANTITY_PATTERN = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;

export const Quantity = z
  .union([
    z.string().regex(QUANTITY_PATTERN, {
      message: "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    }),
    z.number(),
  ])
  .meta({
    id: "io.k8s.apimachinery.pkg.api.resource.Quantity",
    description:
      "Quantity is a fixed-point representation of a number. It provides convenient marshaling/unmarshaling in JSON and YAML, in addition to String() and AsInt64() accessors.",
    "x-kubernetes-int-or-string": true,
  });

export const IntOrString = z.union([z.number().int(), z.string()]).meta({
  id: "io.k8s.apimachinery.pkg.util.intstr.IntOrString",
  description:
    "IntOrString is a type that can hold an int32 or a string. When used in JSON or YAML marshalling and unmarshalling, it produces or consumes the inner type.",
  format: "int-or-string",
  "x-kubernetes-int-or-string": true,
});

export const Time = z.iso.datetime({ offset: true }).meta({
  id: "io.k8s.apimachinery.pkg.apis.meta.v1.Time",
  description: "Time is a wrapper around time.Time which supports correct marshaling to YAML and JSON.",
  format: "date-time",
});

export const MicroTime = z.iso.datetime({ offset: true }).meta({
  id: "io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime",
  description: "MicroTime is version of Time with microsecond level precision.",
  format: "date-time",
});

export const RawExtension = z.record(z.string(), z.unknown()).meta({
  id: "io.k8s.apimachinery.pkg.runtime.RawExtension",
  description: "RawExtension is used to hold extensions in external versions; it holds any embedded object.",
});

export const FieldsV1 = z.record(z.string(), z.unknown()).meta({
  id: "io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1",
  description: "FieldsV1 stores a set of fields in a data structure like a Trie, in JSON format.",
});
