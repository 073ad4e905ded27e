// A fresh sandbox cluster per test file and a pinned kubectl pointed at it.
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { inject } from "vitest";

export const KUBECTL = resolve(".tools/kubectl");
const ADMIN = { authorization: "Bearer dev-admin-token", "content-type": "application/json" };

export interface Sandbox {
  id: string;
  server: string;
  token: string;
  dir: string;
  kubectl(args: string[], opts?: { stdin?: string; env?: Record<string, string> }): Promise<KubectlResult>;
  /** kubectl's stdout, or a thrown error with what it printed when it exits non-zero */
  ok(args: string[], stdin?: string): Promise<string>;
  advance(seconds: number): Promise<void>;
  api(path: string, init?: RequestInit): Promise<Response>;
  file(name: string, content: string): string;
}

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function baseUrl(): string {
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0";
  return inject("baseUrl");
}

export async function createCluster(body: Record<string, unknown> = {}): Promise<Sandbox> {
  const base = baseUrl();
  const res = await fetch(`${base}/v1/clusters`, { method: "POST", headers: ADMIN, body: JSON.stringify(body) });
  if (res.status !== 201) throw new Error(`create cluster: ${res.status} ${await res.text()}`);
  const created = (await res.json()) as { id: string; server: string; token: string; kubeconfig: string };
  const dir = mkdtempSync(join(tmpdir(), `kube-${created.id}-`));
  const kubeconfig = join(dir, "kubeconfig");
  writeFileSync(kubeconfig, created.kubeconfig);
  const env = { PATH: process.env.PATH ?? "", HOME: dir, KUBECONFIG: kubeconfig, KUBECACHEDIR: join(dir, "cache") };
  const kubectl: Sandbox["kubectl"] = (args, opts = {}) => run(KUBECTL, args, { ...env, ...(opts.env ?? {}) }, opts.stdin, dir);
  return {
    id: created.id,
    server: created.server,
    token: created.token,
    dir,
    kubectl,
    ok: async (args, stdin) => {
      const r = await kubectl(args, stdin === undefined ? {} : { stdin });
      if (r.code !== 0) throw new Error(`kubectl ${args.join(" ")} failed (${r.code}): ${r.stderr}${r.stdout}`);
      return r.stdout;
    },
    advance: async (seconds) => {
      const r = await fetch(`${base}/v1/clusters/${created.id}/clock`, { method: "POST", headers: ADMIN, body: JSON.stringify({ advanceSeconds: seconds }) });
      if (r.status !== 200) throw new Error(`advance clock: ${r.status} ${await r.text()}`);
    },
    api: (path, init = {}) => fetch(`${created.server}${path}`, { ...init, headers: { authorization: `Bearer ${created.token}`, ...(init.headers ?? {}) } }),
    file: (name, content) => {
      const p = join(dir, name);
      writeFileSync(p, content);
      return p;
    },
  };
}

function run(cmd: string, args: string[], env: Record<string, string>, stdin: string | undefined, cwd: string): Promise<KubectlResult> {
  return new Promise((resolveRun) => {
    const child = execFile(cmd, args, { env, cwd, timeout: 60_000, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err && typeof (err as { code?: unknown }).code === "number" ? ((err as { code: number }).code) : err ? 1 : 0;
      resolveRun({ code, stdout: String(stdout), stderr: String(stderr) });
    });
    if (stdin !== undefined) {
      child.stdin?.write(stdin);
      child.stdin?.end();
    }
  });
}
