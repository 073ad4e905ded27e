// One resource = one small declarative definition run by the generic store
// (the shape of Kubernetes' registry strategies: defaults, validation, table columns, names).
import type { z } from "zod";
import type { KubeObject } from "./kinds";
import type { ReviewContext } from "./rbac/types";

export interface FieldCause {
  /** Kubernetes CauseType: FieldValueRequired, FieldValueInvalid, FieldValueNotSupported, FieldValueDuplicate, FieldValueForbidden, FieldValueTooLong ... */
  reason: string;
  /** Rendered like the real server: `Required value`, `Invalid value: "x": <detail>`, `Unsupported value: "x": supported values: "a", "b"` */
  message: string;
  /** JSON-path-ish field path, e.g. `spec.containers[0].image`, `metadata.labels` */
  field: string;
}

export interface TableColumn {
  name: string;
  type: "string" | "integer" | "number" | "boolean" | "date";
  format?: string;
  description: string;
  /** 1 = shown only with -o wide */
  priority: 0 | 1;
}

export interface TableContext {
  /** the cluster's current time in ms, for AGE cells */
  now: number;
}

export interface TableConvertor<T extends KubeObject = KubeObject> {
  columns: TableColumn[];
  /** one row of cells, in the order of `columns` */
  cells(obj: T, ctx: TableContext): Array<string | number | boolean | null>;
}

export interface SubresourceDef {
  name: "status" | "scale" | "binding" | "log" | "exec" | "attach" | "proxy" | "eviction" | "ephemeralcontainers" | "portforward";
  /** kind answered for the subresource (e.g. Scale in autoscaling/v1) */
  kind: { group: string; version: string; kind: string };
  verbs: string[];
}

export interface ResourceVersionDef {
  version: string;
  /** stored objects are kept in the storage version; other versions are served by rewriting apiVersion */
  served: boolean;
  storage: boolean;
}

export interface ResourceDef<T extends KubeObject = KubeObject> {
  group: string; // "" for core
  versions: ResourceVersionDef[];
  kind: string;
  listKind: string;
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  verbs: string[];
  subresources: SubresourceDef[];
  /** zod schema of the whole object (kind, apiVersion, metadata, spec, status); unknown fields allowed unless strict */
  schema: z.ZodType;
  /** strict variant rejecting unknown fields, for fieldValidation=Strict */
  strictSchema?: z.ZodType;
  /** fill defaults the real API server fills (mutates and returns obj) */
  defaults?(obj: T): T;
  prepareForCreate?(obj: T): void;
  /** called with the stored object; may copy fields the user cannot change (e.g. status on a main-resource update) */
  prepareForUpdate?(obj: T, old: T): void;
  validate?(obj: T): FieldCause[];
  validateUpdate?(obj: T, old: T): FieldCause[];
  table?: TableConvertor<T>;
  /** objects kept in another resource's storage (events.k8s.io Events live with core Events), with the conversions */
  storedAs?: { resource: string; fromStored(obj: KubeObject): KubeObject; toStored(obj: KubeObject): KubeObject };
  /** versions whose shape differs from the storage version's (autoscaling/v1 HPAs), by version */
  conversions?: Record<string, { toVersion(obj: KubeObject): KubeObject; fromVersion(obj: KubeObject): KubeObject }>;
  /** the spec-ish part whose change bumps metadata.generation; defaults to `spec` */
  generationFields?: string[];
  /**
   * create-only resources computed for the requesting user and never stored (access reviews, whoami):
   * the answer's body, without kind and apiVersion
   */
  review?(obj: KubeObject, ctx: ReviewContext): Record<string, unknown>;
}
