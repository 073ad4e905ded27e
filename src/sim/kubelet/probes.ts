// Probe and hook handlers (exec, httpGet, tcpSocket, grpc) with the kubelet's result texts.
import type { Container, Probe } from "../../api/kinds";
import { lookupExecutable, runToEnd } from "../shell/proc";
import { getCommand } from "../shell/registry";
import { commandContext, gatewayOf, podHttp, podTcp, type PodEnv } from "./runtime";
import type { ContainerSim, PodSimState } from "./types";

export interface HandlerResult {
  ok: boolean;
  /** probe output / failure text */
  output: string;
  exitCode?: number;
}

export function resolvePort(port: number | string | undefined, spec: Container | undefined): number | undefined {
  if (port === undefined) return undefined;
  if (typeof port === "number") return port;
  if (/^\d+$/.test(port)) return Number(port);
  return spec?.ports?.find((p) => p.name === port)?.containerPort;
}

export function ociNotFound(cmd: string): string {
  return `OCI runtime exec failed: exec failed: unable to start container process: exec: "${cmd}": executable file not found in $PATH: unknown`;
}

/** Runs argv in the container the way exec probes and hooks do: no shell, waits allowed up to `timeoutMs`. */
export function execInContainer(st: PodSimState, env: PodEnv, c: ContainerSim, argv: string[], now: number, timeoutMs: number, stdin = ""): { stdout: string; stderr: string; exitCode: number; timedOut: boolean; startError?: string } {
  let stdout = "";
  let stderr = "";
  const ctx = commandContext(st, env, c, now, (s) => { stdout += s; }, (s) => { stderr += s; }, { stdin });
  if (!ctx || argv.length === 0) return { stdout, stderr, exitCode: 126, timedOut: false, startError: "no command" };
  const found = lookupExecutable(ctx.fs, argv, ctx.env, ctx.cwd);
  if (!found.ok) return { stdout, stderr, exitCode: 126, timedOut: false, startError: ociNotFound(argv[0]) };
  if (!getCommand(found.impl)) return { stdout, stderr: `${argv[0]}: not available in this simulation\n`, exitCode: 1, timedOut: false };
  const { proc } = runToEnd(found.impl, found.argv, { ...ctx, argv: found.argv }, timeoutMs);
  if (proc.exitCode === undefined) return { stdout, stderr, exitCode: -1, timedOut: true };
  return { stdout, stderr, exitCode: proc.exitCode, timedOut: false };
}

type Handler = Pick<Probe, "exec" | "httpGet" | "tcpSocket" | "grpc">;

export function runHandler(st: PodSimState, env: PodEnv, c: ContainerSim, spec: Container | undefined, h: Handler, now: number, timeoutSeconds: number): HandlerResult {
  const ip = env.podIP;
  if (h.exec) {
    const argv = h.exec.command ?? [];
    const r = execInContainer(st, env, c, argv, now, timeoutSeconds * 1000);
    if (r.startError) return { ok: false, output: r.startError, exitCode: 126 };
    if (r.timedOut) return { ok: false, output: `command "${argv.join(" ")}" timed out` };
    return { ok: r.exitCode === 0, output: r.stdout + r.stderr, exitCode: r.exitCode };
  }
  if (h.httpGet) {
    const port = resolvePort(h.httpGet.port as number | string, spec);
    const scheme = (h.httpGet.scheme ?? "HTTP").toLowerCase();
    const host = h.httpGet.host ?? ip;
    const path = h.httpGet.path ?? "/";
    const url = `${scheme}://${host}:${port ?? h.httpGet.port}${path.startsWith("/") ? path : `/${path}`}`;
    if (port === undefined) return { ok: false, output: `Get "${url}": dial tcp: address ${String(h.httpGet.port)}: unknown port` };
    if (host !== ip) {
      const a = env.network?.http("GET", host, port, path, host, now);
      if (!a || !a.ok) return { ok: false, output: `Get "${url}": dial tcp ${host}:${port}: connect: connection refused` };
      return a.status >= 200 && a.status < 400 ? { ok: true, output: "" } : { ok: false, output: `HTTP probe failed with statuscode: ${a.status}` };
    }
    const a = podHttp(st, env, port, path, { now, clientIP: gatewayOf(ip), host: `${ip}:${port}`, userAgent: "kube-probe/1.30" });
    if (!a.ok) {
      if (a.error === "timeout") return { ok: false, output: `Get "${url}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)` };
      if (a.error === "reset") return { ok: false, output: `Get "${url}": read tcp ${gatewayOf(ip)}:41562->${ip}:${port}: read: connection reset by peer` };
      return { ok: false, output: `Get "${url}": dial tcp ${ip}:${port}: connect: connection refused` };
    }
    return a.status >= 200 && a.status < 400 ? { ok: true, output: "" } : { ok: false, output: `HTTP probe failed with statuscode: ${a.status}` };
  }
  if (h.tcpSocket) {
    const port = resolvePort(h.tcpSocket.port as number | string, spec);
    const host = h.tcpSocket.host ?? ip;
    if (port !== undefined && (host === ip ? podTcp(st, port) : env.network?.tcp(host, port, now))) return { ok: true, output: "" };
    return { ok: false, output: `dial tcp ${host}:${port ?? String(h.tcpSocket.port)}: connect: connection refused` };
  }
  if (h.grpc) {
    const port = h.grpc.port;
    if (podTcp(st, port)) return { ok: true, output: "" };
    return { ok: false, output: `timeout: failed to connect service "${ip}:${port}" within ${timeoutSeconds}s: context deadline exceeded` };
  }
  return { ok: false, output: "missing probe handler" };
}

export interface ProbeTiming {
  initialDelayMs: number;
  periodMs: number;
  timeoutS: number;
  successThreshold: number;
  failureThreshold: number;
}

export function probeTiming(p: Probe): ProbeTiming {
  return {
    initialDelayMs: (p.initialDelaySeconds ?? 0) * 1000,
    periodMs: Math.max(1, p.periodSeconds ?? 10) * 1000,
    timeoutS: Math.max(1, p.timeoutSeconds ?? 1),
    successThreshold: Math.max(1, p.successThreshold ?? 1),
    failureThreshold: Math.max(1, p.failureThreshold ?? 3),
  };
}

/** First probe instant: the worker ticks every period from the start and skips ticks inside the initial delay. */
export function firstProbeAt(startedAt: number, t: ProbeTiming): number {
  return startedAt + Math.ceil(t.initialDelayMs / t.periodMs) * t.periodMs;
}
