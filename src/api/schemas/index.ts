// Entry point: zod schemas for the served Kubernetes kinds (v1.31 field set) and the helpers the
// registry needs to report decoding problems the way the apiserver does.
import { z } from "zod";
import { KIND_SCHEMAS, NAMED_SCHEMAS } from "./kind-table";
import { FieldsV1, IntOrString, MicroTime, Quantity, RawExtension, Time } from "./primitives";

export { findUnknownFields, strictDecodingError } from "./unknown-fields";
export { formatZodIssues, formatPath, goUnmarshalError, type FormatOptions } from "./issues";
export { KIND_SCHEMAS } from "./kind-table";
export * as meta from "./meta-v1";
export * as coreV1 from "./core-v1";
export * as appsV1 from "./apps-v1";
export * as batchV1 from "./batch-v1";
export * as autoscalingV1 from "./autoscaling-v1";
export * as autoscalingV2 from "./autoscaling-v2";
export * as discoveryV1 from "./discovery-v1";
export * as coordinationV1 from "./coordination-v1";
export * as storageV1 from "./storage-v1";
export * as networkingV1 from "./networking-v1";
export * as rbacV1 from "./rbac-v1";
export * as eventsV1 from "./events-v1";
export * as authorizationV1 from "./authorization-v1";
export * as authenticationV1 from "./authentication-v1";
export { FieldsV1, IntOrString, MicroTime, Quantity, RawExtension, Time };

export interface K8sSchemaMeta {
  id: string;
  description?: string;
  gvk?: Array<{ group: string; version: string; kind: string }>;
  [key: string]: unknown;
}

/**
 * Every named upstream type (and the hand-written primitives), keyed by OpenAPI definition id.
 * The same metadata also sits in z.globalRegistry, where the field-level descriptions live.
 */
export const namedSchemas: ReadonlyArray<{ id: string; schema: z.ZodType }> = [
  ...[Quantity, IntOrString, Time, MicroTime, RawExtension, FieldsV1].map((schema) => ({
    id: String(z.globalRegistry.get(schema)?.id),
    schema: schema as z.ZodType,
  })),
  ...Object.entries(NAMED_SCHEMAS).map(([id, schema]) => ({ id, schema })),
];

/** A registry holding only the Kubernetes definitions, for `z.toJSONSchema(k8sRegistry, ...)`. */
export const k8sRegistry = z.registry<K8sSchemaMeta>();
for (const { id, schema } of namedSchemas) {
  const own = z.globalRegistry.get(schema);
  k8sRegistry.add(schema, { ...own, id });
}

const byGvk = new Map<string, z.ZodType>(KIND_SCHEMAS.map((k) => [`${k.group}/${k.version}/${k.kind}`, k.schema]));

/** Schema of a whole object of the given kind; group "" is core. Undefined for kinds not served. */
export function schemaForKind(group: string, version: string, kind: string): z.ZodType | undefined {
  return byGvk.get(`${group}/${version}/${kind}`);
}

/** Same lookup from an object's `apiVersion` ("v1", "apps/v1") and `kind`. */
export function schemaForApiVersion(apiVersion: string, kind: string): z.ZodType | undefined {
  const slash = apiVersion.indexOf("/");
  return slash < 0 ? schemaForKind("", apiVersion, kind) : schemaForKind(apiVersion.slice(0, slash), apiVersion.slice(slash + 1), kind);
}

export { decodeErrorMessage, isDecodeIssue, splitIssues } from "./decode-error";
