// Shared helpers for walking a value alongside a zod schema.
import { z } from "zod";

/** Peels wrappers that do not change the shape of the value (optional, nullable, lazy, pipes...). */
export function unwrap(schema: z.ZodType): z.ZodType {
  let s: z.ZodType = schema;
  for (let i = 0; i < 64; i++) {
    if (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault ||
        s instanceof z.ZodReadonly || s instanceof z.ZodNonOptional || s instanceof z.ZodCatch) {
      s = s.unwrap() as z.ZodType;
    } else if (s instanceof z.ZodLazy) {
      s = s._zod.def.getter() as z.ZodType;
    } else if (s instanceof z.ZodPipe) {
      s = s._zod.def.in as z.ZodType;
    } else {
      return s;
    }
  }
  return s;
}

/** The OpenAPI id of a schema, following clones made by `.meta()`/`.describe()` back to the named original. */
export function schemaId(schema: z.ZodType): string | undefined {
  let s: unknown = schema;
  for (let i = 0; i < 16 && s instanceof z.ZodType; i++) {
    const id = z.globalRegistry.get(s)?.id;
    if (typeof id === "string") return id;
    s = s._zod.parent;
  }
  return undefined;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** For a union, the member whose kind fits the value (the schemas here never need deeper matching). */
export function pickUnionMember(schema: z.ZodUnion, value: unknown): z.ZodType | undefined {
  for (const option of schema.options as readonly z.ZodType[]) {
    const inner = unwrap(option);
    if (isPlainObject(value) && (inner instanceof z.ZodObject || inner instanceof z.ZodRecord)) return inner;
    if (Array.isArray(value) && inner instanceof z.ZodArray) return inner;
  }
  return undefined;
}
