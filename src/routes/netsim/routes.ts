// The simulated network over HTTP (inside the cluster's Durable Object, behind its token):
// kube-proxy's tables per node, a request walked through them, and CoreDNS answers.
import { Hono } from "hono";
import type { ClusterContext } from "../../durable/cluster-context";
import { badRequest, notFound } from "../../api/status";
import { isDnsType } from "../../netsim";
import { statusResponse } from "../errors";
import type { TableKind } from "./types";

type Env = { Variables: { cluster: ClusterContext } };

const TABLES: readonly TableKind[] = ["iptables", "ipvs", "ipset"];

function service(cluster: ClusterContext) {
  if (!cluster.network) throw notFound("", "netsim", "");
  return cluster.network;
}

/** the fields of a JSON object body; anything else is a 400 that shows the expected shape */
async function jsonFields(request: Request, shape: string): Promise<Record<string, unknown>> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw badRequest(`request body must be JSON: ${shape}`);
  }
  return typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
}

export function netsimRoutes(): Hono<Env> {
  const app = new Hono<Env>();

  app.get("/nodes/:node/:table", (c) => {
    const kind = c.req.param("table");
    if (!TABLES.includes(kind as TableKind)) throw notFound("", "netsim", kind);
    const t = service(c.get("cluster")).table(c.req.param("node"), kind as TableKind);
    if (!t.ok) throw notFound("", "nodes", c.req.param("node"));
    if (c.req.query("format") === "json") return c.json({ node: t.node, mode: t.mode, ...(t.json as object) });
    return c.text(t.text, 200, { "X-Proxy-Mode": t.mode });
  });

  // a shell on the node: {"command": "curl 10.96.0.1"} → {stdout, stderr, exitCode}
  app.post("/nodes/:node/exec", async (c) => {
    const { command } = await jsonFields(c.req.raw, '{"command": "<a bash command line>"}');
    if (typeof command !== "string" || !command.trim()) throw badRequest('"command" is required: a non-empty string');
    if (command.length > 10_000) throw badRequest('"command" may be at most 10000 characters');
    const out = service(c.get("cluster")).nodeExec(c.req.param("node"), command);
    if (!out) throw notFound("", "nodes", c.req.param("node"));
    return c.json(out);
  });

  app.post("/request", async (c) => {
    const b = await jsonFields(c.req.raw, '{"from": "pod/<ns>/<name>" | "node/<name>" | "external", "url": "http://..."}');
    if (typeof b.from !== "string" || typeof b.url !== "string") throw badRequest(`"from" and "url" are required strings`);
    return c.json(service(c.get("cluster")).request(b.from, b.url));
  });

  app.get("/dns", (c) => {
    const name = c.req.query("name") ?? "";
    const type = (c.req.query("type") ?? "A").toUpperCase();
    if (!name) throw badRequest(`"name" is required`);
    if (!isDnsType(type)) throw badRequest(`unsupported type "${type}": one of A, AAAA, SRV, PTR, CNAME, TXT`);
    const net = service(c.get("cluster"));
    const r = net.dns(name, type, c.req.query("from") || undefined);
    if ("error" in r) return c.json({ status: "REFUSED", answers: [], error: r.error, message: r.message });
    if ((c.req.header("accept") ?? "").includes("text/plain")) return c.text(net.digText(r));
    return c.json({ status: r.status, question: r.question, answers: r.answers, additional: r.additional, authoritative: r.authoritative, ...(r.tried ? { tried: r.tried } : {}) });
  });

  app.all("*", () => {
    throw notFound("", "netsim", "");
  });
  app.onError((err) => statusResponse(err));
  return app;
}
