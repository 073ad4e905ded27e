// The /clusters/<id>/ edge: check the id's shape once and the token's cluster, then hand the request
// to that cluster's Durable Object, which checks the token's hash and serves the Kubernetes API.
// Every kubectl request passes here, so it works on the URL string instead of building a router context.
import type { Env } from "../env";
import { tooLarge, unauthorized } from "../api/status";
import { bearerToken, clusterOfToken, CLUSTER_ID_PATTERN } from "./tokens";
import { MAX_BODY_BYTES } from "./kube/negotiate";
import { statusResponse } from "./errors";
import { drainBody } from "../util/drain";

const PREFIX = "/clusters/";

/** where a URL's path starts, and where the part after `/clusters/<id>` starts; undefined for other paths */
function clusterPath(url: string): { origin: string; id: string; rest: string } | undefined {
  const pathStart = url.indexOf("/", url.indexOf("://") + 3);
  if (pathStart < 0 || !url.startsWith(PREFIX, pathStart)) return undefined;
  const idStart = pathStart + PREFIX.length;
  let idEnd = idStart;
  while (idEnd < url.length && url[idEnd] !== "/" && url[idEnd] !== "?" && url[idEnd] !== "#") idEnd++;
  const rest = url.slice(idEnd);
  return { origin: url.slice(0, pathStart), id: url.slice(idStart, idEnd), rest: rest.startsWith("/") ? rest : "/" + rest };
}

// ids are plain values (a hash of the name): keep the recent ones instead of hashing on every request
const ids = new Map<string, DurableObjectId>();
const MAX_IDS = 1000;

function objectId(env: Env, id: string): DurableObjectId {
  let found = ids.get(id);
  if (!found) {
    if (ids.size >= MAX_IDS) ids.delete(ids.keys().next().value as string);
    found = env.CLUSTER.idFromName(id);
    ids.set(id, found);
  }
  return found;
}

async function refuse(request: Request, answer: Response): Promise<Response> {
  await drainBody(request);
  return answer;
}

/** the cluster's answer for `/clusters/<id>/...`; undefined when the request is not for a cluster */
export function serveClusterEdge(request: Request, env: Env): Promise<Response> | Response | undefined {
  const parts = clusterPath(request.url);
  if (!parts) return undefined;
  const token = bearerToken(request.headers.get("authorization"));
  // a token names its cluster: another cluster's token is refused here without touching storage
  if (!CLUSTER_ID_PATTERN.test(parts.id) || !token || clusterOfToken(token) !== parts.id) return refuse(request, statusResponse(unauthorized()));
  if (Number(request.headers.get("content-length") ?? "0") > MAX_BODY_BYTES) return refuse(request, statusResponse(tooLarge()));
  return env.CLUSTER.get(objectId(env, parts.id)).fetch(new Request(parts.origin + parts.rest, request));
}
