// Decoding checks every write goes through: shape, apiVersion/kind, types, unknown fields.
import type { KubeObject } from "../../api/kinds";
import { apiVersionOf } from "../../api/define";
import { ApiError, badRequest, invalid } from "../../api/status";
import { findUnknownFields, decodeErrorMessage, splitIssues, formatZodIssues } from "../../api/schemas";
import type { ResourceRequest } from "./request-info";
import type { KubeContext } from "./resources";

export type FieldValidation = "Strict" | "Warn" | "Ignore";

/** the options object a verb's query parameters decode into, as the real server names it in errors */
export function optionsKindOf(method: string): string {
  switch (method) {
    case "POST":
      return "CreateOptions";
    case "PUT":
      return "UpdateOptions";
    case "PATCH":
      return "PatchOptions";
    case "DELETE":
      return "DeleteOptions";
    default:
      return "ListOptions";
  }
}

/** a query parameter the options validation rejects: 422 like `CreateOptions.meta.k8s.io "" is invalid: ...` */
export function invalidOption(method: string, field: string, message: string, reason = "FieldValueNotSupported"): ApiError {
  return invalid("meta.k8s.io", optionsKindOf(method), "", [{ reason, message, field }]);
}

export function fieldValidationOf(c: KubeContext): FieldValidation {
  const v = c.req.query("fieldValidation");
  if (v === undefined || v === "") return "Warn";
  if (v === "Strict" || v === "Warn" || v === "Ignore") return v;
  throw invalidOption(c.req.method, "fieldValidation", `Unsupported value: "${v}": supported values: "", "Ignore", "Strict", "Warn"`);
}

export function checkBody(req: ResourceRequest, body: unknown, validation: FieldValidation, warnings: string[]): KubeObject {
  const { def } = req;
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw badRequest(`Object 'Kind' is missing in '${JSON.stringify(body)?.slice(0, 200)}'`);
  }
  const obj = body as Record<string, unknown>;
  const expected = apiVersionOf(req.group, req.version);
  for (const field of ["kind", "apiVersion"] as const) {
    const v = obj[field];
    if (v !== undefined && v !== null && typeof v !== "string") {
      throw badRequest(`json: cannot unmarshal ${Array.isArray(v) ? "array" : typeof v} into Go struct field TypeMeta.${field} of type string`);
    }
  }
  const kind = typeof obj.kind === "string" && obj.kind ? obj.kind : undefined;
  const apiVersion = typeof obj.apiVersion === "string" && obj.apiVersion ? obj.apiVersion : undefined;
  if (kind && kind !== def.kind && !(def.plural === "bindings" && kind === "Binding")) {
    throw badRequest(`the server could not find the requested resource: kind ${kind} does not match the expected kind ${def.kind}`);
  }
  if (apiVersion && apiVersion !== expected) {
    throw badRequest(`the API version in the data (${apiVersion}) does not match the expected API version (${expected})`);
  }
  if (obj.metadata === undefined || obj.metadata === null) obj.metadata = {};
  if (typeof obj.metadata !== "object" || Array.isArray(obj.metadata)) {
    throw badRequest(`${def.kind} in version "${req.version}" cannot be handled as a ${def.kind}: json: cannot unmarshal ${Array.isArray(obj.metadata) ? "array" : typeof obj.metadata} into Go struct field ${def.kind}.metadata of type v1.ObjectMeta`);
  }
  const parsed = def.schema.safeParse(obj);
  if (!parsed.success) {
    const { decode, validation: rules } = splitIssues(parsed.error.issues);
    if (decode.length) {
      throw badRequest(`${def.kind} in version "${req.version}" cannot be handled as a ${def.kind}: ${decodeErrorMessage(def.kind, decode, obj)}`);
    }
    // a timestamp Go cannot parse fails while decoding, before any validation
    const badTime = rules.find((i) => i.code === "invalid_format" && (i.format === "datetime" || i.format === "date-time"));
    if (badTime) {
      const value = valueAt(obj, badTime.path);
      throw badRequest(`${def.kind} in version "${req.version}" cannot be handled as a ${def.kind}: parsing time ${JSON.stringify(String(value))} as "2006-01-02T15:04:05Z07:00": cannot parse ${JSON.stringify(String(value))} as "2006"`);
    }
    const name = typeof (obj.metadata as { name?: unknown }).name === "string" ? ((obj.metadata as { name: string }).name) : "";
    throw invalid(def.group, def.kind, name, formatZodIssues(rules, { schema: def.schema, input: obj }));
  }
  checkBase64(def.kind, req.version, obj);
  if (validation !== "Ignore") {
    const unknown = findUnknownFields(def.schema, obj);
    if (unknown.length) {
      if (validation === "Strict") {
        throw badRequest(`strict decoding error: ${unknown.map((p) => `unknown field "${p.replace(/^\./, "")}"`).join(", ")}`);
      }
      for (const p of unknown) warnings.push(`unknown field "${p.replace(/^\./, "")}"`);
    }
  }
  // the server keeps only fields it knows
  const known = parsed.data as KubeObject;
  return { ...known, metadata: (known.metadata ?? {}) as KubeObject["metadata"] };
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const seg of path) {
    if (typeof v !== "object" || v === null || typeof seg === "symbol") return undefined;
    v = (v as Record<string, unknown>)[String(seg)];
  }
  return v;
}

/** []byte fields travel as base64; Go's decoder refuses anything else before validation */
function checkBase64(kind: string, version: string, obj: Record<string, unknown>): void {
  const fields = kind === "Secret" ? ["data"] : kind === "ConfigMap" ? ["binaryData"] : [];
  for (const field of fields) {
    const map = obj[field];
    if (typeof map !== "object" || map === null) continue;
    for (const value of Object.values(map)) {
      if (typeof value !== "string") continue;
      const bad = firstNonBase64(value);
      if (bad !== undefined) throw badRequest(`${kind} in version "${version}" cannot be handled as a ${kind}: illegal base64 data at input byte ${bad}`);
    }
  }
}

/** where Go's padded standard base64 decoder gives up on `s`, or undefined when it decodes */
function firstNonBase64(s: string): number | undefined {
  const text = s.replace(/[\r\n]/g, "");
  const bad = /[^A-Za-z0-9+/=]/.exec(text);
  if (bad) return bad.index;
  const pad = text.indexOf("=");
  if (pad >= 0 && (pad < text.length - 2 || !/^=*$/.test(text.slice(pad)))) return pad;
  return text.length % 4 === 0 ? undefined : text.length - (text.length % 4);
}
