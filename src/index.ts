// Worker entry: the hosted API, the per-cluster edge, and the Durable Object classes.
import { Hono } from "hono";
import type { AppEnv } from "./env";
import { adminRoutes } from "./routes/admin";
import { edgeRoutes } from "./routes/edge";
import { statusResponse } from "./routes/errors";

const app = new Hono<AppEnv>();
app.route("/", edgeRoutes());
app.route("/", adminRoutes());
app.notFound((c) => c.json({ kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message: "the server could not find the requested resource", reason: "NotFound", details: {}, code: 404 }, 404));
app.onError((err) => statusResponse(err));

export default app;
export { ClusterObject } from "./durable/cluster-object";
export { RegistryObject } from "./durable/registry-object";
