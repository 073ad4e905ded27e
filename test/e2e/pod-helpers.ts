// What the pod-chapter suites share: reading pods the way kubectl shows them, waiting for the
// API to reach a state (kubectl's own informers need a moment), and a pseudo-terminal for `-it`.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { expect } from "vitest";
import { KUBECTL, type KubectlResult, type Sandbox } from "./harness";

export interface PodRow {
  name: string;
  ready: string;
  status: string;
  restarts: number;
}

/** `kubectl get pods` rows (RESTARTS without its "(5s ago)" suffix). */
export async function podRows(k: Sandbox, ns = "default"): Promise<PodRow[]> {
  const r = await k.kubectl(["get", "pods", "-n", ns, "--no-headers"]);
  expect(r.stderr).toBe("");
  return r.stdout
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => {
      const [name, ready, status, restarts] = l.trim().split(/\s+/);
      return { name, ready, status, restarts: Number(restarts) };
    });
}

export async function podRow(k: Sandbox, name: string, ns = "default"): Promise<PodRow | undefined> {
  return (await podRows(k, ns)).find((p) => p.name === name);
}

/** One field of a pod through kubectl's jsonpath. */
export async function jsonpath(k: Sandbox, pod: string, path: string, ns = "default"): Promise<string> {
  const r = await k.kubectl(["get", "pod", pod, "-n", ns, "-o", `jsonpath={${path}}`]);
  expect(r.stderr).toBe("");
  return r.stdout;
}

/** The Events block of `kubectl describe pod` as [type, reason, from, message] rows. */
export async function describeEvents(k: Sandbox, pod: string, ns = "default"): Promise<Array<{ type: string; reason: string; from: string; message: string }>> {
  const r = await k.kubectl(["describe", "pod", pod, "-n", ns]);
  expect(r.code).toBe(0);
  const lines = r.stdout.split("\n");
  const start = lines.findIndex((l) => l.startsWith("Events:"));
  expect(start).toBeGreaterThan(0);
  const header = lines[start + 1] ?? "";
  const cols = ["Type", "Reason", "Age", "From", "Message"].map((c) => header.indexOf(c));
  return lines
    .slice(start + 3)
    .filter((l) => l.trim())
    .map((l) => ({
      type: l.slice(cols[0], cols[1]).trim(),
      reason: l.slice(cols[1], cols[2]).trim(),
      from: l.slice(cols[3], cols[4]).trim(),
      message: l.slice(cols[4]).trim(),
    }));
}

/** Polls a condition a few times: kubectl's watch-based waits and informers are asynchronous. */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined | false>, tries = 40, delayMs = 250): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    await new Promise((r) => setTimeout(r, delayMs));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Runs kubectl inside `script`, so it gets a real pseudo-terminal for `-t`. Each input is typed
 * once the screen shows `after` (a prompt), so nothing depends on how fast kubectl attaches. */
export function kubectlTty(k: Sandbox, args: string[], typed: Array<{ after: string; text: string }>, timeoutMs = 60_000): Promise<KubectlResult> {
  const env = { PATH: process.env.PATH ?? "", HOME: k.dir, KUBECONFIG: join(k.dir, "kubeconfig"), KUBECACHEDIR: join(k.dir, "cache"), TERM: "dumb" };
  const quoted = [KUBECTL, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(" ");
  return new Promise((resolve) => {
    const child = spawn("script", ["-qec", quoted, "/dev/null"], { env, cwd: k.dir });
    let stdout = "";
    let stderr = "";
    let next = 0;
    let seenUpTo = 0;
    const typeWhenReady = (): void => {
      const step = typed[next];
      if (!step) return;
      const at = stdout.indexOf(step.after, seenUpTo);
      if (at < 0) return;
      seenUpTo = at + step.after.length;
      next++;
      child.stdin.write(step.text);
      typeWhenReady();
    };
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
      typeWhenReady();
    });
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}

export function podYaml(name: string, spec: string, meta = ""): string {
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n${meta}spec:\n${spec}`;
}

/** Digits of pi by Gibbons' unbounded spigot, independent of the simulator's own method. */
export function piBySpigot(count: number): string {
  let q = 1n, r = 0n, t = 1n, k = 1n, n = 3n, l = 3n;
  let out = "";
  while (out.length < count) {
    if (4n * q + r - t < n * t) {
      out += n.toString();
      const nr = 10n * (r - n * t);
      n = (10n * (3n * q + r)) / t - 10n * n;
      q *= 10n;
      r = nr;
    } else {
      const nr = (2n * q + r) * l;
      const nn = (q * (7n * k) + 2n + r * l) / (t * l);
      q *= k;
      t *= l;
      l += 2n;
      k += 1n;
      n = nn;
      r = nr;
    }
  }
  return out;
}

export interface KubectlStream {
  /** what kubectl has printed so far */
  output(): string;
  done: Promise<KubectlResult>;
}

/** Starts a long-running kubectl (`logs -f`, `delete` that waits) whose output is read while it runs. */
export function kubectlStream(k: Sandbox, args: string[]): KubectlStream {
  const env = { PATH: process.env.PATH ?? "", HOME: k.dir, KUBECONFIG: join(k.dir, "kubeconfig"), KUBECACHEDIR: join(k.dir, "cache") };
  const child = spawn(KUBECTL, args, { env, cwd: k.dir, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
  const done = new Promise<KubectlResult>((resolve) =>
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    }),
  );
  return { output: () => stdout, done };
}
