// The Kubernetes API of one cluster, served inside its Durable Object (paths without the /clusters/<id> prefix).
import { Hono } from "hono";
import type { ClusterContext } from "../../durable/cluster-context";
import { RESOURCES } from "../../api/registry";
import { pathNotFound } from "../../api/status";
import { statusResponse } from "../errors";
import { parseResourcePath } from "./request-info";
import { handleResource, type KubeContext, type KubeEnv } from "./resources";
import { authorizedUser } from "./authorization";
import { discoveryRoutes } from "./discovery";
import { openApiRoutes } from "./openapi";
import { netsimRoutes } from "../netsim/routes";

/** one app for every cluster of the isolate; each request brings its cluster as the app's env */
export function buildKubeApp(): Hono<KubeEnv> {
  const app = new Hono<KubeEnv>();
  app.use("*", async (c, next) => {
    c.set("cluster", c.env.cluster);
    c.set("user", authorizedUser(c.req.raw, c.req.path, c.env.cluster));
    await next();
  });
  app.route("/", discoveryRoutes(RESOURCES));
  app.route("/", openApiRoutes(RESOURCES));
  app.route("/netsim", netsimRoutes());
  app.all("*", async (c) => {
    const info = parseResourcePath(c.req.path);
    if (info.type === "resource") return handleResource(c as KubeContext, info.req);
    if (info.type === "unknownResource") throw pathNotFound();
    throw pathNotFound();
  });
  app.onError((err) => statusResponse(err));
  return app;
}

let shared: Hono<KubeEnv> | undefined;

export function serveKubeApi(request: Request, cluster: ClusterContext): Response | Promise<Response> {
  shared ??= buildKubeApp();
  return shared.fetch(request, { cluster });
}
