// What an HTTP request asks to do, parsed like kube-apiserver's RequestInfoFactory: only
// /api/<v>/... and /apis/<g>/<v>/... with a resource are resource requests; everything else
// (discovery roots, /version, /openapi/..., /healthz) is a non-resource path checked by its
// lowercased method.
import type { Attributes } from "./types";

const NAMESPACE_SUBRESOURCES = new Set(["status", "finalize"]);
const SPECIAL_VERBS = new Set(["proxy", "watch"]);

function verbOfMethod(method: string): string {
  switch (method) {
    case "POST":
      return "create";
    case "GET":
    case "HEAD":
      return "get";
    case "PUT":
      return "update";
    case "PATCH":
      return "patch";
    case "DELETE":
      return "delete";
    default:
      return "";
  }
}

const GO_TRUE = new Set(["1", "t", "T", "TRUE", "true", "True"]);

/** the name a `metadata.name=<n>` field selector pins a list or watch to (authorizers may match resourceNames on it) */
function nameFromFieldSelector(selector: string | null): string | undefined {
  if (!selector) return undefined;
  for (const term of selector.split(",")) {
    const m = /^\s*metadata\.name\s*==?\s*(.*?)\s*$/.exec(term);
    if (!m) continue;
    const name = m[1];
    if (name && name !== "." && name !== ".." && !/[/%]/.test(name)) return name;
  }
  return undefined;
}

export function requestAttributes(method: string, path: string, query: URLSearchParams): Attributes {
  const nonResource: Attributes = { resourceRequest: false, verb: method.toLowerCase(), path };
  let parts = path.split("/").filter((p) => p !== "");
  if (parts.length < 3 || (parts[0] !== "api" && parts[0] !== "apis")) return nonResource;
  let apiGroup = "";
  if (parts[0] === "apis") {
    if (parts.length < 4) return nonResource;
    apiGroup = parts[1];
    parts = parts.slice(2);
  } else {
    parts = parts.slice(1);
  }
  const apiVersion = parts[0];
  parts = parts.slice(1);
  let verb: string;
  if (SPECIAL_VERBS.has(parts[0])) {
    if (parts.length < 2) return nonResource;
    verb = parts[0];
    parts = parts.slice(1);
  } else {
    verb = verbOfMethod(method);
  }
  let namespace = "";
  if (parts[0] === "namespaces") {
    if (parts.length > 1) {
      namespace = parts[1];
      if (parts.length > 2 && !NAMESPACE_SUBRESOURCES.has(parts[2])) parts = parts.slice(2);
    }
  }
  const attrs: Attributes = { resourceRequest: true, verb, apiGroup, apiVersion, resource: parts[0] ?? "", namespace };
  if (parts.length >= 2) attrs.name = parts[1];
  // a proxy path goes on after the name, it names no subresource
  if (parts.length >= 3 && verb !== "proxy") attrs.subresource = parts[2];
  if (!attrs.name && verb === "get") {
    attrs.verb = GO_TRUE.has(query.get("watch") ?? "") ? "watch" : "list";
    const pinned = nameFromFieldSelector(query.get("fieldSelector"));
    if (pinned) attrs.name = pinned;
  }
  if (!attrs.name && attrs.verb === "delete") attrs.verb = "deletecollection";
  return attrs;
}
