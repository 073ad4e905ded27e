// The Kubernetes API of one cluster, served inside its Durable Object (paths without the /clusters/<id> prefix).
import { Hono } from "hono";
import type { ClusterContext } from "../../durable/cluster-context";
import { RESOURCES } from "../../api/registry";
import { pathNotFound } from "../../api/status";
import { statusResponse } from "../errors";
import { parseResourcePath } from "./request-info";
import { handleResource, type KubeContext } from "./resources";
import { discoveryRoutes } from "./discovery";
import { openApiRoutes } from "./openapi";
import { netsimRoutes } from "../netsim/routes";

export function buildKubeApp(cluster: ClusterContext): Hono<{ Variables: { cluster: ClusterContext } }> {
  const app = new Hono<{ Variables: { cluster: ClusterContext } }>();
  app.use("*", async (c, next) => {
    c.set("cluster", cluster);
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
