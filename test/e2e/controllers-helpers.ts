// Helpers of the controller suites: long-running kubectl children (watch, rollout status) driven
// by the cluster clock, polling with clock advances, and Table output parsed by column.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { expect } from "vitest";
import { KUBECTL, type Sandbox } from "./harness";

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export interface Child {
  output(): string;
  errors(): string;
  exited(): boolean;
  code(): number | null;
  kill(): void;
}

/** kubectl as a child process that keeps running (`get -w`, `rollout status`) while the test drives the clock */
export function startKubectl(k: Sandbox, args: string[]): Child {
  const env = { PATH: process.env.PATH ?? "", HOME: k.dir, KUBECONFIG: join(k.dir, "kubeconfig"), KUBECACHEDIR: join(k.dir, "cache") };
  const child = spawn(KUBECTL, args, { env, cwd: k.dir, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  let done = false;
  let status: number | null = null;
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (err += d.toString()));
  child.on("exit", (code) => {
    done = true;
    status = code;
  });
  return {
    output: () => out,
    errors: () => err,
    exited: () => done,
    code: () => status,
    kill: () => {
      if (!done) child.kill();
    },
  };
}

/**
 * Advance the cluster clock `step` seconds at a time (with a short real pause, so that watchers
 * see each state) until `check` holds; fails after `tries` steps.
 */
export async function advanceUntil(k: Sandbox, check: () => Promise<boolean> | boolean, opts: { step?: number; tries?: number; pauseMs?: number; what?: string } = {}): Promise<void> {
  const { step = 1, tries = 120, pauseMs = 100, what = "condition" } = opts;
  for (let i = 0; i < tries; i++) {
    if (await check()) return;
    await k.advance(step);
    if (pauseMs > 0) await sleep(pauseMs);
  }
  if (await check()) return;
  throw new Error(`${what} not reached after ${tries} steps of ${step}s`);
}

/** stdout of a kubectl command that must succeed with nothing on stderr */
export async function ok(k: Sandbox, args: string[]): Promise<string> {
  const r = await k.kubectl(args);
  expect(r.stderr, `kubectl ${args.join(" ")}`).toBe("");
  expect(r.code, `kubectl ${args.join(" ")}`).toBe(0);
  return r.stdout;
}

export interface Table {
  header: string[];
  rows: Array<Record<string, string>>;
  /** the header line as printed */
  headerLine: string;
}

/**
 * A printed table split at the header's column starts (cells may contain single spaces:
 * `* * * * *`, `NOMINATED NODE`).
 */
export function parseTable(text: string): Table {
  const lines = text.split("\n").filter((l) => l.trim().length > 0);
  const headerLine = lines[0] ?? "";
  const starts: number[] = [];
  const names: string[] = [];
  const re = /\S+(?: \S+)*/g;
  for (let m = re.exec(headerLine); m; m = re.exec(headerLine)) {
    starts.push(m.index);
    names.push(m[0]);
  }
  const rows = lines.slice(1).map((line) => {
    const row: Record<string, string> = {};
    names.forEach((n, i) => {
      const end = i + 1 < starts.length ? starts[i + 1] : line.length;
      row[n] = line.slice(starts[i], end).trim();
    });
    return row;
  });
  return { header: names, rows, headerLine };
}

export async function table(k: Sandbox, args: string[]): Promise<Table> {
  return parseTable(await ok(k, args));
}

export async function jsonpath(k: Sandbox, args: string[], path: string): Promise<string> {
  return ok(k, [...args, "-o", `jsonpath=${path}`]);
}

/**
 * `kubectl get <what> -w`, returned once its first listing is printed so that later changes are
 * seen (an empty list prints nothing: then it is given a moment to open its watch).
 */
export async function startWatch(k: Sandbox, args: string[]): Promise<Child> {
  const child = startKubectl(k, ["get", ...args, "-w"]);
  const listed = () => /^NAME\s/m.test(child.output());
  const deadline = Date.now() + 2_000;
  while (!listed() && !child.exited() && Date.now() < deadline) await sleep(50);
  if (child.exited()) throw new Error(`watch did not start: ${child.errors()}`);
  return child;
}
