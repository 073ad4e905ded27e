// Content negotiation: Table or object, JSON or YAML; request bodies in JSON or YAML.
import { parse as parseYaml, stringify as toYaml } from "yaml";
import { badRequest, tooLarge, unsupportedMediaType } from "../../api/status";

export const MAX_BODY_BYTES = 3 * 1024 * 1024;

export type IncludeObject = "None" | "Metadata" | "Object";

export function wantsTable(accept: string | undefined): boolean {
  return !!accept && /as=Table/.test(accept) && /g=meta\.k8s\.io/.test(accept);
}

export function wantsYaml(accept: string | undefined): boolean {
  if (!accept) return false;
  const first = accept.split(",")[0].trim();
  return first.startsWith("application/yaml");
}

export function includeObjectParam(v: string | undefined): IncludeObject {
  return v === "None" || v === "Object" ? v : "Metadata";
}

export async function readBody(req: Request): Promise<string> {
  const len = Number(req.headers.get("content-length") ?? "0");
  if (len > MAX_BODY_BYTES) throw tooLarge();
  const buf = await req.arrayBuffer();
  if (buf.byteLength > MAX_BODY_BYTES) throw tooLarge();
  return new TextDecoder().decode(buf);
}

/** Go's encoding/json refuses documents nested deeper than this; so do we, before anything recurses into them */
export const MAX_NESTING_DEPTH = 10000;

const BODY_TYPES = ["application/json", "application/yaml"];

/** the nesting depth of a JSON text, counted without parsing it (brackets inside strings do not count) */
function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 92) i++; // backslash escapes the next character
      else if (ch === 34) inString = false;
    } else if (ch === 34) inString = true;
    else if (ch === 123 || ch === 91) {
      if (++depth > max) max = depth;
    } else if (ch === 125 || ch === 93) depth--;
  }
  return max;
}

/** the nesting depth of a decoded value, without recursion */
function valueDepth(root: unknown): number {
  let max = 0;
  const stack: Array<[unknown, number]> = [[root, 1]];
  while (stack.length) {
    const [v, d] = stack.pop() as [unknown, number];
    if (typeof v !== "object" || v === null) continue;
    if (d > max) max = d;
    if (max > MAX_NESTING_DEPTH) return max;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, d + 1]);
  }
  return max;
}

function tooDeep(): never {
  throw badRequest(`json: exceeded max depth ${MAX_NESTING_DEPTH}`);
}

/**
 * Decode a request body by content type: JSON, or YAML (`application/yaml`, apply patches). A missing
 * content type is read as JSON; anything else (protobuf, CBOR, forms, text) is 415 like the real server.
 */
export function decodeBody(text: string, contentType: string | undefined): unknown {
  const ct = (contentType ?? "application/json").split(";")[0].trim().toLowerCase() || "application/json";
  const yaml = ct.endsWith("yaml");
  if (!yaml && ct !== "application/json" && !ct.endsWith("+json")) {
    throw unsupportedMediaType(ct, BODY_TYPES);
  }
  if (text.trim() === "") throw badRequest("the body of the request was empty");
  if (yaml) {
    let value: unknown;
    try {
      // maxAliasCount guards against alias bombs ("billion laughs")
      value = parseYaml(text, { maxAliasCount: 100 });
    } catch (e) {
      throw badRequest(`error converting YAML to JSON: ${(e as Error).message.split("\n")[0]}`);
    }
    if (valueDepth(value) > MAX_NESTING_DEPTH) tooDeep();
    return value;
  }
  if (jsonDepth(text) > MAX_NESTING_DEPTH) tooDeep();
  try {
    return JSON.parse(text);
  } catch (e) {
    throw badRequest(`couldn't get version/kind; json parse error: ${(e as Error).message}`);
  }
}

export function encode(body: unknown, yaml: boolean): { text: string; contentType: string } {
  return yaml ? { text: toYaml(body), contentType: "application/yaml" } : { text: JSON.stringify(body), contentType: "application/json" };
}
