// The hosted REST API course platforms call: create, list, inspect and delete sandbox clusters.
import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv, Env } from "../env";
import { ApiError, badRequest, notFound, unauthorized } from "../api/status";
import { bearerToken, deriveToken, newClusterId, newNonce, sha256Hex, timingSafeEqual, CLUSTER_ID_PATTERN } from "./tokens";
import { kubeconfigFor, type ClusterInfo } from "./cluster-info";
import { readBody } from "./kube/negotiate";

const CreateBody = z.strictObject({
  name: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "name must be a lowercase RFC 1123 label").max(63).optional(),
  ttlSeconds: z.number().int().positive().max(30 * 24 * 3600).optional(),
  profile: z.enum(["realistic", "fast"]).optional(),
});

const ClockBody = z.strictObject({ advanceSeconds: z.number().nonnegative().max(366 * 24 * 3600) });

export function adminToken(env: Env): string | undefined {
  if (env.ADMIN_TOKEN) return env.ADMIN_TOKEN;
  return env.ALLOW_DEV_ADMIN_TOKEN === "true" ? "dev-admin-token" : undefined;
}

function isAdmin(env: Env, header: string | undefined): boolean {
  const expected = adminToken(env);
  const got = bearerToken(header);
  return !!expected && !!got && timingSafeEqual(got, expected);
}

const registry = (env: Env) => env.REGISTRY.get(env.REGISTRY.idFromName("registry"));
const cluster = (env: Env, id: string) => env.CLUSTER.get(env.CLUSTER.idFromName(id));

function requireId(id: string): string {
  if (!CLUSTER_ID_PATTERN.test(id)) throw notFound("", "clusters", id);
  return id;
}

export function adminRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  // the clock accepts the cluster's own token as well as the admin token
  app.use("*", async (c, next) => {
    const isClock = /^\/v1\/clusters\/[^/]+\/clock$/.test(c.req.path);
    if (!isClock && !isAdmin(c.env, c.req.header("authorization"))) throw unauthorized();
    await next();
  });

  app.post("/v1/clusters", async (c) => {
    const text = await readBody(c.req.raw);
    let raw: unknown = {};
    if (text.trim()) raw = parseJson(text);
    const parsed = CreateBody.safeParse(raw);
    if (!parsed.success) throw badRequest(parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; "));
    const id = newClusterId();
    const now = Date.now();
    const ttl = parsed.data.ttlSeconds ?? Number(c.env.DEFAULT_TTL_SECONDS ?? "0");
    const info: ClusterInfo = {
      id,
      name: parsed.data.name ?? id,
      createdAt: new Date(now).toISOString(),
      expiresAt: ttl > 0 ? new Date(now + ttl * 1000).toISOString() : null,
      profile: parsed.data.profile ?? "realistic",
    };
    const nonce = newNonce();
    const token = await deriveToken(adminToken(c.env) ?? "", id, nonce);
    await cluster(c.env, id).init(info, await sha256Hex(token));
    await registry(c.env).add(info, nonce);
    const server = `${new URL(c.req.url).origin}/clusters/${id}`;
    return c.json({ ...info, server, token, kubeconfig: kubeconfigFor(info, server, token, isLocal(c.req.url)) }, 201);
  });

  app.get("/v1/clusters", async (c) => c.json({ items: await registry(c.env).list() }));

  app.get("/v1/clusters/:id", async (c) => {
    const entry = await registry(c.env).get(requireId(c.req.param("id")));
    if (!entry) throw notFound("", "clusters", c.req.param("id"));
    return c.json({ ...entry.info, server: `${new URL(c.req.url).origin}/clusters/${entry.info.id}` });
  });

  app.get("/v1/clusters/:id/kubeconfig", async (c) => {
    const entry = await registry(c.env).get(requireId(c.req.param("id")));
    if (!entry) throw notFound("", "clusters", c.req.param("id"));
    const token = await deriveToken(adminToken(c.env) ?? "", entry.info.id, entry.nonce);
    const server = `${new URL(c.req.url).origin}/clusters/${entry.info.id}`;
    return c.body(kubeconfigFor(entry.info, server, token, isLocal(c.req.url)), 200, { "content-type": "application/yaml" });
  });

  app.delete("/v1/clusters/:id", async (c) => {
    const id = requireId(c.req.param("id"));
    const existed = await registry(c.env).remove(id);
    if (!existed) throw notFound("", "clusters", id);
    await cluster(c.env, id).destroy();
    return c.json({ kind: "Status", apiVersion: "v1", metadata: {}, status: "Success", details: { name: id, kind: "clusters" } });
  });

  const clockAuth = async (c: { env: Env; req: { header(n: string): string | undefined } }, id: string) => {
    if (isAdmin(c.env, c.req.header("authorization"))) return;
    const token = bearerToken(c.req.header("authorization"));
    if (!token || !(await cluster(c.env, id).checkToken(token))) throw unauthorized();
  };

  app.get("/v1/clusters/:id/clock", async (c) => {
    const id = requireId(c.req.param("id"));
    await clockAuth(c, id);
    // reading a clock must not bring a cluster that does not exist into being
    if (!(await cluster(c.env, id).getInfo())) throw notFound("", "clusters", id);
    const { now, aheadSeconds } = await cluster(c.env, id).clockState();
    return c.json({ now: new Date(now).toISOString(), aheadSeconds });
  });

  app.post("/v1/clusters/:id/clock", async (c) => {
    const id = requireId(c.req.param("id"));
    await clockAuth(c, id);
    const parsed = ClockBody.safeParse(parseJson(await readBody(c.req.raw)));
    if (!parsed.success) throw badRequest(`advanceSeconds: ${parsed.error.issues[0]?.message ?? "invalid"}`);
    const info = await cluster(c.env, id).getInfo();
    if (!info) throw notFound("", "clusters", id);
    const { now, aheadSeconds } = await cluster(c.env, id).advance(parsed.data.advanceSeconds);
    return c.json({ now: new Date(now).toISOString(), aheadSeconds });
  });

  return app;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest("request body is not valid JSON");
  }
}

function isLocal(url: string): boolean {
  const host = new URL(url).hostname;
  return host === "127.0.0.1" || host === "localhost" || host === "::1" || host === "[::1]";
}

export { ApiError };
