// Component schemas that are not plain structs upstream (custom JSON marshalling) or that every
// group-version document needs (list metadata, Status, DeleteOptions, Patch, Scale). Shapes follow
// the kube-openapi v3 output; a registered zod schema with the same id only contributes its description.

export type JsonObject = Record<string, unknown>;

export const REF_PREFIX = "#/components/schemas/";

export const ID = {
  intOrString: "io.k8s.apimachinery.pkg.util.intstr.IntOrString",
  quantity: "io.k8s.apimachinery.pkg.api.resource.Quantity",
  time: "io.k8s.apimachinery.pkg.apis.meta.v1.Time",
  microTime: "io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime",
  duration: "io.k8s.apimachinery.pkg.apis.meta.v1.Duration",
  fieldsV1: "io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1",
  rawExtension: "io.k8s.apimachinery.pkg.runtime.RawExtension",
  listMeta: "io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta",
  status: "io.k8s.apimachinery.pkg.apis.meta.v1.Status",
  statusDetails: "io.k8s.apimachinery.pkg.apis.meta.v1.StatusDetails",
  statusCause: "io.k8s.apimachinery.pkg.apis.meta.v1.StatusCause",
  deleteOptions: "io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions",
  preconditions: "io.k8s.apimachinery.pkg.apis.meta.v1.Preconditions",
  patch: "io.k8s.apimachinery.pkg.apis.meta.v1.Patch",
  watchEvent: "io.k8s.apimachinery.pkg.apis.meta.v1.WatchEvent",
  apiResourceList: "io.k8s.apimachinery.pkg.apis.meta.v1.APIResourceList",
  apiResource: "io.k8s.apimachinery.pkg.apis.meta.v1.APIResource",
  scale: "io.k8s.api.autoscaling.v1.Scale",
  scaleSpec: "io.k8s.api.autoscaling.v1.ScaleSpec",
  scaleStatus: "io.k8s.api.autoscaling.v1.ScaleStatus",
  objectMeta: "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta",
} as const;

export const API_VERSION_DESCRIPTION =
  "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources";
export const KIND_DESCRIPTION =
  "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds";
const LIST_META_FIELD_DESCRIPTION =
  "Standard list metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";
const OBJECT_META_FIELD_DESCRIPTION =
  "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";

/** `{"allOf":[{"$ref":...}],"default":{}}`, the upstream way of pointing at a struct. */
export function refTo(id: string, extra: JsonObject = {}, objectDefault = true): JsonObject {
  const out: JsonObject = { allOf: [{ $ref: REF_PREFIX + id }] };
  if (objectDefault) out.default = {};
  return { ...out, ...extra };
}

export function gvkExtension(group: string, version: string, kind: string): Array<Record<string, string>> {
  return [{ group, kind, version }];
}

function str(description: string, extra: JsonObject = {}): JsonObject {
  return { description, type: "string", ...extra };
}

/** Shapes whose zod form (unions, strings) says nothing about their wire semantics. */
export const SCALAR_SHAPES: Record<string, JsonObject> = {
  [ID.intOrString]: {
    description:
      "IntOrString is a type that can hold an int32 or a string.  When used in JSON or YAML marshalling and unmarshalling, it produces or consumes the inner type.  This allows you to have, for example, a JSON field that can accept a name or number.",
    format: "int-or-string",
    type: "string",
  },
  [ID.quantity]: {
    description:
      "Quantity is a fixed-point representation of a number. It provides convenient marshaling/unmarshaling in JSON and YAML, in addition to String() and AsInt64() accessors.",
    oneOf: [{ type: "string" }, { type: "number" }],
  },
  [ID.time]: {
    description:
      "Time is a wrapper around time.Time which supports correct marshaling to YAML and JSON.  Wrappers are provided for many of the factory methods that the time package offers.",
    format: "date-time",
    type: "string",
  },
  [ID.microTime]: {
    description: "MicroTime is version of Time with microsecond level precision.",
    format: "date-time",
    type: "string",
  },
  [ID.duration]: {
    description: "Duration is a wrapper around time.Duration which supports correct marshaling to YAML and JSON. In particular, it marshals into strings, which can be used as map keys in json.",
    type: "string",
  },
  [ID.fieldsV1]: {
    description:
      "FieldsV1 stores a set of fields in a data structure like a Trie, in JSON format.\n\nEach key is either a '.' representing the field itself, and will always map to an empty set, or a string representing a sub-field or item. The string will follow one of these four formats: 'f:<name>', where <name> is the name of a field in a struct, or key in a map 'v:<value>', where <value> is the exact json formatted value of a list item 'i:<index>', where <index> is position of a item in a list 'k:<keys>', where <keys> is a map of  a list item's key fields to their unique values If a key maps to an empty Fields value, the field that key represents is part of the set.\n\nThe exact format is defined in sigs.k8s.io/structured-merge-diff",
    type: "object",
  },
  [ID.rawExtension]: {
    description: "RawExtension is used to hold extensions in external versions.",
    type: "object",
  },
};

/** Builtin metav1/autoscaling structs every document may reference; each entry lists the ids it refers to. */
export const BUILTIN_COMPONENTS: Record<string, { schema: JsonObject; refs: string[] }> = {
  [ID.listMeta]: {
    refs: [],
    schema: {
      description:
        "ListMeta describes metadata that synthetic resources must have, including lists and various status objects. A resource may have only one of {ObjectMeta, ListMeta}.",
      properties: {
        continue: str(
          "continue may be set if the user set a limit on the number of items returned, and indicates that the server has more data available. The value is opaque and may be used to issue another request to the endpoint that served this list to retrieve the next set of available objects.",
        ),
        remainingItemCount: {
          description:
            "remainingItemCount is the number of subsequent items in the list which are not included in this list response.",
          format: "int64",
          type: "integer",
        },
        resourceVersion: str(
          "String that identifies the server's internal version of this object that can be used by clients to determine when objects have changed. Value must be treated as opaque by clients and passed unmodified back to the server. Populated by the system. Read-only. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#concurrency-control-and-consistency",
        ),
        selfLink: str("Deprecated: selfLink is a legacy read-only field that is no longer populated by the system."),
      },
      type: "object",
    },
  },
  [ID.statusCause]: {
    refs: [],
    schema: {
      description: "StatusCause provides more information about an api.Status failure, including cases when multiple errors are encountered.",
      properties: {
        field: str(
          "The field of the resource that has caused this error, as named by its JSON serialization. May include dot and postfix notation for nested attributes. Arrays are zero-indexed.  Fields may appear more than once in an array of causes due to fields having multiple errors. Optional.\n\nExamples:\n  \"name\" - the field \"name\" on the current resource\n  \"items[0].name\" - the field \"name\" on the first array entry in \"items\"",
        ),
        message: str("A human-readable description of the cause of the error.  This field may be presented as-is to a reader."),
        reason: str("A machine-readable description of the cause of the error. If this value is empty there is no information available."),
      },
      type: "object",
    },
  },
  [ID.statusDetails]: {
    refs: [ID.statusCause],
    schema: {
      description:
        "StatusDetails is a set of additional properties that MAY be set by the server to provide additional information about a response. The Reason field of a Status object defines what attributes will be set. Clients must ignore fields that do not match the defined type of each attribute, and should assume that any attribute may be empty, invalid, or under defined.",
      properties: {
        causes: {
          description:
            "The Causes array includes more details associated with the StatusReason failure. Not all StatusReasons may provide detailed causes.",
          items: refTo(ID.statusCause),
          type: "array",
          "x-kubernetes-list-type": "atomic",
        },
        group: str("The group attribute of the resource associated with the status StatusReason."),
        kind: str(
          "The kind attribute of the resource associated with the status StatusReason. On some operations may differ from the requested resource Kind. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds",
        ),
        name: str("The name attribute of the resource associated with the status StatusReason (when there is a single name which can be described)."),
        retryAfterSeconds: {
          description: "If specified, the time in seconds before the operation should be retried.",
          format: "int32",
          type: "integer",
        },
        uid: str("UID of the resource. (when there is a single resource which can be described). More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#uids"),
      },
      type: "object",
    },
  },
  [ID.status]: {
    refs: [ID.listMeta, ID.statusDetails],
    schema: {
      description: "Status is a return value for calls that don't return other objects.",
      properties: {
        apiVersion: str(API_VERSION_DESCRIPTION),
        code: { description: "Suggested HTTP return code for this status, 0 if not set.", format: "int32", type: "integer" },
        details: refTo(ID.statusDetails, {
          description:
            "Extended data associated with the reason.  Each reason may define its own extended details. This field is optional and the data returned is not guaranteed to conform to any schema except that defined by the reason type.",
        }, false),
        kind: str(KIND_DESCRIPTION),
        message: str("A human-readable description of the status of this operation."),
        metadata: refTo(ID.listMeta, { description: LIST_META_FIELD_DESCRIPTION }),
        reason: str(
          "A machine-readable description of why this operation is in the \"Failure\" status. If this value is empty there is no information available. A Reason clarifies an HTTP status code but does not override it.",
        ),
        status: str(
          "Status of the operation. One of: \"Success\" or \"Failure\". More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status",
        ),
      },
      type: "object",
      "x-kubernetes-group-version-kind": gvkExtension("", "v1", "Status"),
    },
  },
  [ID.preconditions]: {
    refs: [],
    schema: {
      description: "Preconditions must be fulfilled before an operation (update, delete, etc.) is carried out.",
      properties: {
        resourceVersion: str("Specifies the target ResourceVersion"),
        uid: str("Specifies the target UID."),
      },
      type: "object",
    },
  },
  [ID.deleteOptions]: {
    refs: [ID.preconditions],
    schema: {
      description: "DeleteOptions may be provided when deleting an API object.",
      properties: {
        apiVersion: str(API_VERSION_DESCRIPTION),
        dryRun: {
          description:
            "When present, indicates that modifications should not be persisted. An invalid or unrecognized dryRun directive will result in an error response and no further processing of the request. Valid values are: - All: all dry run stages will be processed",
          items: { default: "", type: "string" },
          type: "array",
          "x-kubernetes-list-type": "atomic",
        },
        gracePeriodSeconds: {
          description:
            "The duration in seconds before the object should be deleted. Value must be non-negative integer. The value zero indicates delete immediately. If this value is nil, the default grace period for the specified type will be used. Defaults to a per object value if not specified. zero means delete immediately.",
          format: "int64",
          type: "integer",
        },
        kind: str(KIND_DESCRIPTION),
        orphanDependents: {
          description:
            "Deprecated: please use the PropagationPolicy, this field will be deprecated in 1.7. Should the dependent objects be orphaned. If true/false, the \"orphan\" finalizer will be added to/removed from the object's finalizers list. Either this field or PropagationPolicy may be set, but not both.",
          type: "boolean",
        },
        preconditions: refTo(ID.preconditions, {
          description: "Must be fulfilled before a deletion is carried out. If not possible, a 409 Conflict status will be returned.",
        }, false),
        propagationPolicy: str(
          "Whether and how garbage collection will be performed. Either this field or OrphanDependents may be set, but not both. The default policy is decided by the existing finalizer set in the metadata.finalizers and the resource-specific default policy. Acceptable values are: 'Orphan' - orphan the dependents; 'Background' - allow the garbage collector to delete the dependents in the background; 'Foreground' - a cascading policy that deletes all dependents in the foreground.",
        ),
      },
      type: "object",
      "x-kubernetes-group-version-kind": gvkExtension("", "v1", "DeleteOptions"),
    },
  },
  [ID.patch]: {
    refs: [],
    schema: {
      description: "Patch is provided to give a concrete name and type to the Kubernetes PATCH request body.",
      type: "object",
    },
  },
  [ID.rawExtension]: { refs: [], schema: SCALAR_SHAPES[ID.rawExtension] },
  [ID.watchEvent]: {
    refs: [ID.rawExtension],
    schema: {
      description: "Event represents a single event to a watched resource.",
      properties: {
        object: refTo(ID.rawExtension, {
          description:
            "Object is:\n * If Type is Added or Modified: the new state of the object.\n * If Type is Deleted: the state of the object immediately before deletion.\n * If Type is Error: *Status is recommended; other types may make sense\n   depending on context.",
        }, false),
        type: { default: "", type: "string" },
      },
      required: ["type", "object"],
      type: "object",
      "x-kubernetes-group-version-kind": gvkExtension("", "v1", "WatchEvent"),
    },
  },
  [ID.scaleSpec]: {
    refs: [],
    schema: {
      description: "ScaleSpec describes the attributes of a scale subresource.",
      properties: {
        replicas: { description: "replicas is the desired number of instances for the scaled object.", format: "int32", type: "integer" },
      },
      type: "object",
    },
  },
  [ID.scaleStatus]: {
    refs: [],
    schema: {
      description: "ScaleStatus represents the current status of a scale subresource.",
      properties: {
        replicas: {
          default: 0,
          description: "replicas is the actual number of observed instances of the scaled object.",
          format: "int32",
          type: "integer",
        },
        selector: str(
          "selector is the label query over pods that should match the replicas count. This is same as the label selector but in the string format to avoid introspection by clients. The string will be in the same format as the query-param syntax. More info about label selectors: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels#label-selectors",
        ),
      },
      required: ["replicas"],
      type: "object",
    },
  },
  [ID.scale]: {
    refs: [ID.scaleSpec, ID.scaleStatus],
    schema: {
      description: "Scale represents a scaling request for a resource.",
      properties: {
        apiVersion: str(API_VERSION_DESCRIPTION),
        kind: str(KIND_DESCRIPTION),
        metadata: refTo(ID.objectMeta, { description: OBJECT_META_FIELD_DESCRIPTION }),
        spec: refTo(ID.scaleSpec, {
          description: "spec defines the behavior of the scale. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status.",
        }),
        status: refTo(ID.scaleStatus, {
          description:
            "status is the current status of the scale. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status. Read-only.",
        }),
      },
      type: "object",
      "x-kubernetes-group-version-kind": gvkExtension("autoscaling", "v1", "Scale"),
    },
  },
};

/** Used only when neither the registry nor BUILTIN_COMPONENTS knows ObjectMeta, so $refs never dangle. */
export const MINIMAL_OBJECT_META: JsonObject = {
  description:
    "ObjectMeta is metadata that all persisted resources must have, which includes all objects users must create.",
  properties: {
    annotations: { additionalProperties: { default: "", type: "string" }, type: "object" },
    labels: { additionalProperties: { default: "", type: "string" }, type: "object" },
    name: { type: "string" },
    namespace: { type: "string" },
    resourceVersion: { type: "string" },
    uid: { type: "string" },
  },
  type: "object",
};

export { LIST_META_FIELD_DESCRIPTION, OBJECT_META_FIELD_DESCRIPTION };
