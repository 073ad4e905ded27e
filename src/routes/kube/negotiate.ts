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

/** decode a request body by content type; JSON, YAML (and apply-patch+yaml) accepted */
export function decodeBody(text: string, contentType: string | undefined): unknown {
  const ct = (contentType ?? "application/json").split(";")[0].trim().toLowerCase();
  if (ct.includes("protobuf") || ct.includes("cbor")) throw unsupportedMediaType(ct);
  if (text.trim() === "") throw badRequest("the body of the request was empty");
  if (ct.endsWith("yaml")) {
    try {
      return parseYaml(text);
    } catch (e) {
      throw badRequest(`error converting YAML to JSON: ${(e as Error).message.split("\n")[0]}`);
    }
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw badRequest(`couldn't get version/kind; json parse error: ${(e as Error).message}`);
  }
}

export function encode(body: unknown, yaml: boolean): { text: string; contentType: string } {
  return yaml ? { text: toYaml(body), contentType: "application/yaml" } : { text: JSON.stringify(body), contentType: "application/json" };
}
