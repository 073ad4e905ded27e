// Unknown-field reporting for fieldValidation=Strict/Warn. z.object strips unknown keys when
// parsing, so the value is walked separately to name what was dropped.
import { z } from "zod";
import { isPlainObject, pickUnionMember, unwrap } from "./walk";

/**
 * Paths of fields the schema does not know, in the notation of the apiserver's strict decoder
 * (sigs.k8s.io/json): `spec.containers[0].imagePullPolicyy`, map entries as `.key`.
 */
export function findUnknownFields(schema: z.ZodType, value: unknown): string[] {
  const out: string[] = [];
  walk(schema, value, "", out);
  return out;
}

function join(prefix: string, key: string): string {
  return prefix === "" ? key : `${prefix}.${key}`;
}

function walk(schema: z.ZodType, value: unknown, path: string, out: string[]): void {
  if (value === null || value === undefined) return;
  let s = unwrap(schema);
  if (s instanceof z.ZodUnion) {
    const member = pickUnionMember(s, value);
    if (!member) return;
    s = member;
  }
  if (s instanceof z.ZodObject) {
    if (!isPlainObject(value)) return;
    const shape = s.shape as Record<string, z.ZodType>;
    const catchall = s._zod.def.catchall;
    const open = catchall !== undefined && !(catchall instanceof z.ZodNever);
    for (const key of Object.keys(value)) {
      const field = Object.prototype.hasOwnProperty.call(shape, key) ? shape[key] : undefined;
      if (field) walk(field, value[key], join(path, key), out);
      else if (!open) out.push(join(path, key));
    }
    return;
  }
  if (s instanceof z.ZodArray) {
    if (!Array.isArray(value)) return;
    const element = s.element as z.ZodType;
    value.forEach((item, i) => walk(element, item, `${path}[${i}]`, out));
    return;
  }
  if (s instanceof z.ZodRecord) {
    if (!isPlainObject(value)) return;
    const valueSchema = s._zod.def.valueType as z.ZodType;
    for (const key of Object.keys(value)) walk(valueSchema, value[key], join(path, key), out);
  }
}

/** The body of the 400 the apiserver answers under fieldValidation=Strict. */
export function strictDecodingError(paths: readonly string[]): string {
  return `strict decoding error: ${paths.map((p) => `unknown field ${JSON.stringify(p)}`).join(", ")}`;
}
