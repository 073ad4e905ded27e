// The /clusters/<id>/ edge: check the id's shape once and the token's cluster, then hand the request
// to that cluster's Durable Object, which checks the token's hash and serves the Kubernetes API.
import { Hono } from "hono";
import type { AppEnv } from "../env";
import { unauthorized } from "../api/status";
import { bearerToken, clusterOfToken, CLUSTER_ID_PATTERN } from "./tokens";
import { tooLarge } from "../api/status";
import { MAX_BODY_BYTES } from "./kube/negotiate";

export function edgeRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.all("/clusters/:id/*", async (c) => {
    const id = c.req.param("id");
    const token = bearerToken(c.req.header("authorization"));
    // a token names its cluster: another cluster's token is refused here without touching storage
    if (!CLUSTER_ID_PATTERN.test(id) || !token || clusterOfToken(token) !== id) throw unauthorized();
    if (Number(c.req.header("content-length") ?? "0") > MAX_BODY_BYTES) throw tooLarge();
    const url = new URL(c.req.url);
    url.pathname = url.pathname.slice(`/clusters/${id}`.length) || "/";
    const stub = c.env.CLUSTER.get(c.env.CLUSTER.idFromName(id));
    return stub.fetch(new Request(url.toString(), c.req.raw));
  });
  return app;
}
