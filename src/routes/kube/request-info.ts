// Parses a Kubernetes API path once (like the API server's RequestInfoFactory), after the cluster prefix.
import type { ResourceDef } from "../../api/resource";
import { resourceByKey, resourceFor } from "../../api/registry";

export interface ResourceRequest {
  group: string;
  version: string;
  def: ResourceDef;
  /** the definition whose storage holds the objects (def itself, unless def.storedAs says otherwise) */
  storage: ResourceDef;
  /** undefined for cluster-wide lists of namespaced resources */
  namespace?: string;
  name?: string;
  subresource?: string;
  /** what follows the subresource (proxy paths) */
  subpath?: string;
}

export type PathInfo =
  | { type: "resource"; req: ResourceRequest }
  | { type: "unknownResource"; group: string; version: string; plural: string }
  | { type: "other" };

export function parseResourcePath(path: string): PathInfo {
  const parts = path.split("/").filter((p, i) => i > 0 || p !== "");
  const segs = parts.filter((p) => p !== "");
  let group: string;
  let version: string;
  let rest: string[];
  if (segs[0] === "api" && segs.length >= 3) {
    group = "";
    version = segs[1];
    rest = segs.slice(2);
  } else if (segs[0] === "apis" && segs.length >= 4) {
    group = segs[1];
    version = segs[2];
    rest = segs.slice(3);
  } else {
    return { type: "other" };
  }
  try {
    rest = rest.map(decodeURIComponent);
  } catch {
    // a malformed %-escape names nothing the server serves
    return { type: "other" };
  }
  let namespace: string | undefined;
  // namespaces/<ns>/<resource>... but namespaces/<name>[/status|finalize] is the namespace itself
  if (rest[0] === "namespaces" && rest.length >= 3) {
    const inner = resourceFor(group, version, rest[2]);
    if (inner?.namespaced || !["status", "finalize"].includes(rest[2])) {
      namespace = rest[1];
      rest = rest.slice(2);
    }
  }
  const plural = rest[0];
  const def = resourceFor(group, version, plural);
  if (!def) return { type: "unknownResource", group, version, plural };
  // a cluster-scoped resource has no path under a namespace
  if (!def.namespaced && namespace !== undefined) return { type: "unknownResource", group, version, plural };
  return {
    type: "resource",
    req: { group, version, def, storage: (def.storedAs && resourceByKey(def.storedAs.resource)) || def, namespace, name: rest[1], subresource: rest[2], subpath: rest.length > 3 ? rest.slice(3).join("/") : undefined },
  };
}
