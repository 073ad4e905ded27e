// The 400 BadRequest side of decoding: zod issues that Go's json decoder would also have hit
// (wrong JSON types), rendered as encoding/json words them. Everything else zod reports
// (required fields, enum values, formats) is validation: a 422 built from formatZodIssues.
import { z } from "zod";
import { KIND_SCHEMAS } from "./kind-table";
import { goTypeName, goUnmarshalError } from "./issues";
import { schemaId, unwrap } from "./walk";
import { INT32_MAX, INT32_MIN } from "./field";

/** A type mismatch Go's decoder rejects, as opposed to a value its validation rejects later. */
export function isDecodeIssue(issue: z.core.$ZodIssue): boolean {
  if (issue.code === "invalid_union") return true;
  if (isInt32Overflow(issue)) return true;
  if (issue.code !== "invalid_type") return false;
  return receivedOf(issue) !== "undefined";
}

export function splitIssues(issues: readonly z.core.$ZodIssue[]): { decode: z.core.$ZodIssue[]; validation: z.core.$ZodIssue[] } {
  const decode = issues.filter(isDecodeIssue);
  return { decode, validation: issues.filter((i) => !isDecodeIssue(i)) };
}

/** a number that does not fit an int32 field: Go's decoder refuses it before validation runs */
function isInt32Overflow(issue: z.core.$ZodIssue): boolean {
  if (issue.code === "too_big") return issue.origin === "number" && Number(issue.maximum) === INT32_MAX;
  if (issue.code === "too_small") return issue.origin === "number" && Number(issue.minimum) === INT32_MIN;
  return false;
}

function receivedOf(issue: z.core.$ZodIssue): string {
  if (isInt32Overflow(issue)) return "number";
  if ("input" in issue && issue.input !== undefined) return jsonKind(issue.input);
  const m = /received (\w+)/.exec(issue.message);
  return m ? m[1] : "unknown";
}

function jsonKind(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  return typeof v;
}

const GO_VALUE: Record<string, string> = { string: "string", number: "number", boolean: "bool", array: "array", object: "object", bigint: "number" };

function schemaOfKind(kind: string): z.ZodType | undefined {
  return KIND_SCHEMAS.find((k) => k.kind === kind)?.schema;
}

function lastSegment(id: string): string {
  return id.slice(id.lastIndexOf(".") + 1);
}

/**
 * The decoder's sentence for the first type mismatch among `issues`, e.g.
 * `json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32`.
 * With `input` (the decoded body) the mismatch is found by walking the value itself.
 */
export function decodeErrorMessage(kind: string, issues: readonly z.core.$ZodIssue[], input?: unknown): string {
  const schema = schemaOfKind(kind);
  if (schema && input !== undefined) {
    const direct = goUnmarshalError(schema, input);
    if (direct) return direct;
  }
  const issue = issues.find(isDecodeIssue) ?? issues[0];
  if (!issue) return "json: unknown decoding error";
  if (!schema || !isDecodeIssue(issue)) {
    return `${issue.path.map(String).join(".")}: ${issue.message}`;
  }
  let struct = kind;
  const jsonPath: string[] = [];
  let s: z.ZodType | undefined = schema;
  for (const seg of issue.path) {
    let inner: z.ZodType | undefined = s ? unwrap(s) : undefined;
    if (inner instanceof z.ZodUnion) {
      inner = (inner.options as readonly z.ZodType[]).map(unwrap).find((o) => o instanceof z.ZodObject || o instanceof z.ZodArray || o instanceof z.ZodRecord);
    }
    if (inner instanceof z.ZodObject) {
      const id = schemaId(inner) ?? (s ? schemaId(s) : undefined);
      if (id) struct = lastSegment(id);
      jsonPath.push(String(seg));
      s = (inner.shape as Record<string, z.ZodType>)[String(seg)];
    } else if (inner instanceof z.ZodArray) {
      s = inner.element as z.ZodType;
    } else if (inner instanceof z.ZodRecord) {
      s = inner._zod.def.valueType as z.ZodType;
    } else {
      s = undefined;
    }
  }
  const received = GO_VALUE[receivedOf(issue)] ?? "object";
  const type = s ? goTypeName(s) : "string";
  return `json: cannot unmarshal ${received} into Go struct field ${struct}.${jsonPath.join(".")} of type ${type}`;
}


