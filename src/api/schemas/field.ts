// Builders the generated modules call for every field, so the nullability rule and the metadata
// shape live in one place.
import { z } from "zod";

export interface FieldMeta {
  description?: string;
  format?: string;
  "x-kubernetes-patch-merge-key"?: string;
  "x-kubernetes-patch-strategy"?: string;
  "x-kubernetes-list-type"?: "atomic" | "set" | "map";
  "x-kubernetes-list-map-keys"?: string[];
}

export function req<T extends z.ZodType>(schema: T, meta: FieldMeta): T {
  return schema.meta({ ...meta });
}

/**
 * Optional fields also take `null`: Go's decoder turns a JSON null into the zero value, and kubectl
 * sends `creationTimestamp: null` on every object it builds.
 */
export function opt<T extends z.ZodType>(schema: T, meta: FieldMeta): z.ZodOptional<z.ZodNullable<T>> {
  return schema.nullable().optional().meta({ ...meta });
}

export const INT32_MIN = -(2 ** 31);
export const INT32_MAX = 2 ** 31 - 1;

/** an integer field; an int32 out of range fails like Go's decoder does (see isDecodeIssue) */
export function int(format: "int32" | "int64"): z.ZodNumber {
  const n = z.number().int();
  return (format === "int32" ? n.min(INT32_MIN).max(INT32_MAX) : n).meta({ format });
}

/**
 * Upstream enums. The empty string is accepted too: Go decodes it into the typed string and the
 * registry's defaulting replaces it, so it never reaches validation as a bad value.
 */
export function kenum<const T extends readonly [string, ...string[]]>(values: T): z.ZodEnum<{ [K in T[number] | ""]: K }> {
  const all = [...values, ""] as unknown as readonly [T[number] | "", ...Array<T[number] | "">];
  return z.enum(all).meta({ enum: [...values] }) as unknown as z.ZodEnum<{ [K in T[number] | ""]: K }>;
}
