// Worker entry: the per-cluster edge, the hosted API, and the Durable Object classes.
import { Hono } from "hono";
import type { AppEnv, Env } from "./env";
import { adminRoutes } from "./routes/admin";
import { serveClusterEdge } from "./routes/edge";
import { statusResponse } from "./routes/errors";
import { drainBody } from "./util/drain";

const app = new Hono<AppEnv>();
app.route("/", adminRoutes());
app.notFound((c) => c.json({ kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message: "the server could not find the requested resource", reason: "NotFound", details: {}, code: 404 }, 404));
app.onError((err) => statusResponse(err));

async function serveHostedApi(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
  const res = await app.fetch(request, env, ctx);
  await drainBody(request);
  return res;
}

export default {
  fetch(request: Request, env: Env, ctx: ExecutionContext): Response | Promise<Response> {
    return serveClusterEdge(request, env) ?? serveHostedApi(request, env, ctx);
  },
} satisfies ExportedHandler<Env>;
export { ClusterObject } from "./durable/cluster-object";
export { RegistryObject } from "./durable/registry-object";
