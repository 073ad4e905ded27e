// What every integration test needs: the Worker's fetch handler, a fresh cluster, and its API.
import { createExecutionContext, env } from "cloudflare:test";
import { expect } from "vitest";
import worker from "../../src/index";

/**
 * The Worker's own fetch handler with the test bindings. SELF.fetch would do, but it gets slower with every
 * request a test file makes (cloudflare/workers-sdk#15446) and these tests make thousands.
 */
export function call(url: string, init: RequestInit = {}): Promise<Response> {
  return Promise.resolve(worker.fetch(new Request(url, init), env, createExecutionContext()));
}

export const ADMIN = { authorization: "Bearer dev-admin-token", "content-type": "application/json" };
export const BASE = "https://sandbox.test";

export interface Cluster {
  id: string;
  token: string;
  server: string;
  kubeconfig: string;
}

export async function createCluster(body: Record<string, unknown> = { profile: "fast" }): Promise<Cluster> {
  const res = await call(`${BASE}/v1/clusters`, { method: "POST", headers: ADMIN, body: JSON.stringify(body) });
  expect(res.status).toBe(201);
  return (await res.json()) as Cluster;
}

export function api(c: Cluster, path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers({ authorization: `Bearer ${c.token}`, "content-type": "application/json" });
  for (const [k, v] of new Headers(init.headers ?? {})) headers.set(k, v);
  return call(`${c.server}${path}`, { ...init, headers });
}

