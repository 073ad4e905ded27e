// Turns zod's findings into the apiserver's wording: FieldCauses for 422 Invalid responses and the
// Go json decoder's sentence for 400 BadRequest type mismatches.
import { z } from "zod";
import type { FieldCause } from "../resource";
import { isPlainObject, pickUnionMember, schemaId, unwrap } from "./walk";

export interface FormatOptions {
  /** the value that was parsed: lets a cause quote the offending value and tell "missing" from "wrong" */
  input?: unknown;
  /** the schema that was used: lets map keys render as `[key]` the way field.Path.Key does */
  schema?: z.ZodType;
}

type Segment = PropertyKey;

/** `spec.containers[0].image`; map keys as `metadata.labels[app]` when the schema says it is a map. */
export function formatPath(path: readonly Segment[], schema?: z.ZodType): string {
  let out = "";
  let s: z.ZodType | undefined = schema;
  for (const seg of path) {
    const inner: z.ZodType | undefined = s ? unwrap(s) : undefined;
    if (typeof seg === "number") {
      out += `[${seg}]`;
      s = inner instanceof z.ZodArray ? (inner.element as z.ZodType) : undefined;
    } else if (inner instanceof z.ZodRecord) {
      out += `[${String(seg)}]`;
      s = inner._zod.def.valueType as z.ZodType;
    } else {
      out += out === "" ? String(seg) : `.${String(seg)}`;
      s = inner instanceof z.ZodObject ? (inner.shape as Record<string, z.ZodType>)[String(seg)] : undefined;
    }
  }
  return out;
}

function leafSchema(path: readonly Segment[], schema?: z.ZodType): z.ZodType | undefined {
  let s = schema;
  for (const seg of path) {
    const inner: z.ZodType | undefined = s ? unwrap(s) : undefined;
    if (inner instanceof z.ZodArray) s = inner.element as z.ZodType;
    else if (inner instanceof z.ZodRecord) s = inner._zod.def.valueType as z.ZodType;
    else if (inner instanceof z.ZodObject) s = (inner.shape as Record<string, z.ZodType>)[String(seg)];
    else return undefined;
  }
  return s;
}

function valueAt(root: unknown, path: readonly Segment[]): unknown {
  let v = root;
  for (const seg of path) {
    if (Array.isArray(v) && typeof seg === "number") v = v[seg];
    else if (isPlainObject(v) && typeof seg !== "symbol") v = v[String(seg)];
    else return undefined;
  }
  return v;
}

/** The JSON type name kube-openapi's validator quotes for a received value. */
function jsonTypeName(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v;
}

/** How field.Invalid prints a value: strings %q, everything else as Go would. */
function quote(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v);
  if (v === undefined || v === null) return "null";
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}

function expectedName(expected: string, leaf?: z.ZodType): string {
  const s = leaf ? unwrap(leaf) : undefined;
  if (s instanceof z.ZodNumber && !s.isInt) return "number";
  switch (expected) {
    // the Kubernetes API has no floating point fields in these kinds: numbers are integers
    case "int": case "integer": case "number": return "integer";
    case "boolean": return "boolean";
    case "array": return "array";
    case "object": case "record": case "map": return "object";
    default: return "string";
  }
}

export function formatZodIssues(issues: readonly z.core.$ZodIssue[], options: FormatOptions = {}): FieldCause[] {
  const causes: FieldCause[] = [];
  for (const issue of issues) {
    const field = formatPath(issue.path, options.schema);
    const given = "input" in issue && issue.input !== undefined ? issue.input : valueAt(options.input, issue.path);
    const missing = options.input !== undefined && given === undefined;
    switch (issue.code) {
      case "invalid_type": {
        if (missing || issue.input === undefined && options.input === undefined && issue.message.includes("undefined")) {
          causes.push({ reason: "FieldValueRequired", message: "Required value", field });
          break;
        }
        const type = jsonTypeName(given);
        causes.push({
          reason: "FieldValueInvalid",
          message: `Invalid value: ${JSON.stringify(type)}: ${field} in body must be of type ${expectedName(issue.expected, leafSchema(issue.path, options.schema))}: ${JSON.stringify(type)}`,
          field,
        });
        break;
      }
      case "invalid_value": {
        const supported = issue.values.filter((v) => v !== "").map((v) => quote(v)).join(", ");
        causes.push({ reason: "FieldValueNotSupported", message: `Unsupported value: ${quote(given)}: supported values: ${supported}`, field });
        break;
      }
      case "unrecognized_keys":
        for (const key of issue.keys) {
          causes.push({ reason: "FieldValueInvalid", message: `Invalid value: ${quote(key)}: unknown field`, field: field ? `${field}.${key}` : key });
        }
        break;
      case "invalid_union": {
        const type = jsonTypeName(given);
        causes.push({
          reason: "FieldValueInvalid",
          message: `Invalid value: ${JSON.stringify(type)}: ${field} in body must be of type int-or-string: ${JSON.stringify(type)}`,
          field,
        });
        break;
      }
      case "too_big":
        causes.push({ reason: "FieldValueTooLong", message: `Invalid value: ${quote(given)}: ${issue.message}`, field });
        break;
      default:
        causes.push({ reason: "FieldValueInvalid", message: `Invalid value: ${quote(given)}: ${issue.message}`, field });
    }
  }
  return causes;
}

// ---------------------------------------------------------------- Go json decoding errors

/** Go's name for what the decoder met (UnmarshalTypeError.Value). */
function goValueName(v: unknown): string {
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "number" : `number ${v}`;
  if (typeof v === "boolean") return "bool";
  if (typeof v === "string") return "string";
  return "object";
}

function goPackage(id: string): string {
  const parts = id.split(".");
  return `${parts[parts.length - 2]}.${parts[parts.length - 1]}`;
}

/** Go's spelling of the field's type, e.g. `int32`, `[]v1.Container`, `map[string]string`. */
export function goTypeName(schema: z.ZodType): string {
  const id = schemaId(schema);
  const s = unwrap(schema);
  const ownId = id ?? schemaId(s);
  if (ownId && (s instanceof z.ZodObject || s instanceof z.ZodUnion || ownId.endsWith("Quantity") || ownId.endsWith("Time"))) {
    return goPackage(ownId);
  }
  if (s instanceof z.ZodArray) return `[]${goTypeName(s.element as z.ZodType)}`;
  if (s instanceof z.ZodRecord) return `map[string]${goTypeName(s._zod.def.valueType as z.ZodType)}`;
  if (s instanceof z.ZodNumber) {
    const format = z.globalRegistry.get(s)?.format ?? schemaFormat(s);
    return format === "int64" ? "int64" : format === "double" ? "float64" : "int32";
  }
  if (s instanceof z.ZodBoolean) return "bool";
  if (s instanceof z.ZodUnknown) return "interface {}";
  return "string";
}

function schemaFormat(schema: z.ZodType): string | undefined {
  let p: unknown = schema;
  for (let i = 0; i < 8 && p instanceof z.ZodType; i++) {
    const f = z.globalRegistry.get(p)?.format;
    if (typeof f === "string") return f;
    p = p._zod.parent;
  }
  return undefined;
}

/** Whether JSON `value` can be decoded into the Go type behind `schema` at all. */
function kindMismatch(s: z.ZodType, value: unknown): boolean {
  if (s instanceof z.ZodString || s instanceof z.ZodEnum) return typeof value !== "string";
  if (s instanceof z.ZodNumber) {
    if (typeof value !== "number") return true;
    return !Number.isInteger(value) && schemaFormat(s) !== "double";
  }
  if (s instanceof z.ZodBoolean) return typeof value !== "boolean";
  if (s instanceof z.ZodArray) return !Array.isArray(value);
  if (s instanceof z.ZodObject || s instanceof z.ZodRecord) return !isPlainObject(value);
  return false;
}

/**
 * The message Go's encoding/json gives when a value has the wrong JSON type, e.g.
 * `json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32`.
 * The field path is the chain of JSON names from the root, without list indexes or map keys,
 * as the decoder's field stack records it. Undefined when every value fits.
 */
export function goUnmarshalError(schema: z.ZodType, value: unknown): string | undefined {
  const found = findMismatch(schema, value, [], unwrapName(schema));
  if (!found) return undefined;
  return `json: cannot unmarshal ${goValueName(found.value)} into Go struct field ${found.struct}.${found.path.join(".")} of type ${goTypeName(found.schema)}`;
}

function unwrapName(schema: z.ZodType): string {
  const id = schemaId(schema) ?? schemaId(unwrap(schema));
  return id ? id.slice(id.lastIndexOf(".") + 1) : "Object";
}

interface Mismatch { struct: string; path: string[]; schema: z.ZodType; value: unknown }

function findMismatch(schema: z.ZodType, value: unknown, path: string[], struct: string): Mismatch | undefined {
  if (value === null || value === undefined) return undefined;
  let s = unwrap(schema);
  if (s instanceof z.ZodUnion) {
    // IntOrString / Quantity decode through their own UnmarshalJSON; only objects can descend
    const member = pickUnionMember(s, value);
    if (!member) return undefined;
    s = member;
  }
  if (path.length > 0 && kindMismatch(s, value)) return { struct, path, schema, value };
  if (s instanceof z.ZodObject && isPlainObject(value)) {
    const name = schemaId(schema) || schemaId(s) ? unwrapName(schema) : struct;
    const shape = s.shape as Record<string, z.ZodType>;
    for (const key of Object.keys(value)) {
      const field = Object.prototype.hasOwnProperty.call(shape, key) ? shape[key] : undefined;
      if (!field) continue;
      const hit = findMismatch(field, value[key], [...path, key], name);
      if (hit) return hit;
    }
  } else if (s instanceof z.ZodArray && Array.isArray(value)) {
    for (const item of value) {
      const hit = findMismatch(s.element as z.ZodType, item, path, struct);
      if (hit) return hit;
    }
  } else if (s instanceof z.ZodRecord && isPlainObject(value)) {
    for (const key of Object.keys(value)) {
      const hit = findMismatch(s._zod.def.valueType as z.ZodType, value[key], path, struct);
      if (hit) return hit;
    }
  }
  return undefined;
}
