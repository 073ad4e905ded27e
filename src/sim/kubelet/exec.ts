// kubectl exec / attach against the simulated pod: one-shot commands, interactive shells,
// and the console of a container started with stdin.
import type { Pod } from "../../api/kinds";
import type { FsLayer } from "../fs/types";
import type { HttpAnswer, NetworkApi } from "../shell/types";
import { resolveImage } from "../images/catalog";
import { ociNotFound } from "./probes";
import { lookupExecutable, runToEnd } from "../shell/proc";
import { getCommand } from "../shell/registry";
import { commandContext, podHttp, podTcp, type PodEnv } from "./runtime";
import { countHttp } from "./net-hooks";
import { isInteractiveShell, openSession, sessionInput, type ShellSession } from "./session";
import { appendLog } from "./logs";
import { pseudoDigest } from "../random";
import type { ContainerSim, PodSimState } from "./types";

export interface ExecEnvInput {
  pod: Pod;
  podIP: string;
  hostIP: string;
  now: number;
  volumes?: Record<string, FsLayer>;
  volumeIds?: Record<string, string>;
  env?: Record<string, Record<string, string>>;
  serviceEnv?: Record<string, string>;
  network?: NetworkApi;
}

export interface OutputChunk {
  stream: "stdout" | "stderr";
  text: string;
}

export type ExecError = { code: "ContainerNotFound" | "ContainerNotRunning" | "ExecFailed"; message: string };

export interface ExecResult {
  state: PodSimState;
  volumes: Record<string, FsLayer>;
  stdout: string;
  stderr: string;
  /** stdout and stderr in the order they were written: a client sees tar's complaint before the archive's end */
  output: OutputChunk[];
  /** null when the command was still waiting when the session's budget ran out */
  exitCode: number | null;
  error?: ExecError;
  /** the pod needs a kubelet step at this time (e.g. `nginx -s stop` ended the main process) */
  wakeAt?: number;
}

function envFor(st: PodSimState, input: ExecEnvInput, volumes: Record<string, FsLayer>): PodEnv {
  return {
    pod: input.pod, podIP: input.podIP, hostIP: input.hostIP, externalVolumes: volumes, volumeIds: input.volumeIds ?? {},
    extraEnv: input.env ?? {}, serviceEnv: input.serviceEnv ?? {}, network: input.network,
  };
}

function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

function findRunning(st: PodSimState, name: string, podName: string): { ok: true; index: number } | { ok: false; error: ExecError } {
  const index = st.containers.findIndex((c) => c.name === name);
  if (index < 0) return { ok: false, error: { code: "ContainerNotFound", message: `container ${name} is not valid for pod ${podName}` } };
  if (st.containers[index].phase !== "running") return { ok: false, error: { code: "ContainerNotRunning", message: "container not created or running" } };
  return { ok: true, index };
}

/** Runs argv without a shell as the runtime's exec does, recording its output in the order it was written. */
function runOrdered(st: PodSimState, env: PodEnv, c: ContainerSim, argv: string[], now: number, stdin: string): { output: OutputChunk[]; exitCode: number; timedOut: boolean; startError?: string } {
  const output: OutputChunk[] = [];
  const write = (stream: OutputChunk["stream"]) => (text: string) => {
    const last = output[output.length - 1];
    if (last?.stream === stream) last.text += text;
    else if (text) output.push({ stream, text });
  };
  const ctx = commandContext(st, env, c, now, write("stdout"), write("stderr"), { stdin });
  if (!ctx || argv.length === 0) return { output, exitCode: 126, timedOut: false, startError: "no command" };
  const found = lookupExecutable(ctx.fs, argv, ctx.env, ctx.cwd);
  if (!found.ok) return { output, exitCode: 126, timedOut: false, startError: ociNotFound(argv[0]) };
  if (!getCommand(found.impl)) return { output: [{ stream: "stderr", text: `${argv[0]}: not available in this simulation\n` }], exitCode: 1, timedOut: false };
  const { proc } = runToEnd(found.impl, found.argv, { ...ctx, argv: found.argv }, 3600_000);
  return { output, exitCode: proc.exitCode ?? -1, timedOut: proc.exitCode === undefined };
}

function joined(output: OutputChunk[], stream: OutputChunk["stream"]): string {
  return output.filter((o) => o.stream === stream).map((o) => o.text).join("");
}

/** Runs a command to its end (its waits pass instantly, up to an hour of simulated time). */
export function execInPod(state: PodSimState, input: ExecEnvInput, containerName: string, argv: string[], stdin = ""): ExecResult {
  const st = clone(state);
  const volumes = clone(input.volumes ?? {});
  const found = findRunning(st, containerName, input.pod.metadata.name ?? "");
  if (!found.ok) return { state, volumes: input.volumes ?? {}, stdout: "", stderr: "", output: [], exitCode: null, error: found.error };
  const c = st.containers[found.index];
  const before = c.stopRequest;
  const r = runOrdered(st, envFor(st, input, volumes), c, argv, input.now, stdin);
  if (r.startError) {
    return { state, volumes: input.volumes ?? {}, stdout: "", stderr: "", output: [], exitCode: null, error: { code: "ExecFailed", message: `failed to exec in container: failed to start exec ${JSON.stringify(pseudoDigest(`${c.containerID ?? ""}:${input.now}:${argv.join(" ")}`))}: ${r.startError}` } };
  }
  const wakeAt = c.stopRequest && c.stopRequest !== before ? c.stopRequest.at : undefined;
  return {
    state: st, volumes, stdout: joined(r.output, "stdout"), stderr: joined(r.output, "stderr"), output: r.output,
    exitCode: r.timedOut ? null : r.exitCode, ...(wakeAt !== undefined ? { wakeAt } : {}),
  };
}

export interface SessionResult {
  state: PodSimState;
  volumes: Record<string, FsLayer>;
  session?: ShellSession;
  output: string;
  exitCode?: number;
  error?: ExecError;
}

/** Opens `kubectl exec -it ... -- /bin/sh`; non-shell commands should use execInPod. */
export function openExecSession(state: PodSimState, input: ExecEnvInput, containerName: string, argv: string[], tty: boolean): SessionResult {
  const found = findRunning(state, containerName, input.pod.metadata.name ?? "");
  if (!found.ok) return { state, volumes: input.volumes ?? {}, output: "", error: found.error };
  const c = state.containers[found.index];
  const image = resolveImage(c.image);
  if (!image.ok || !isInteractiveShell(argv)) return { state, volumes: input.volumes ?? {}, output: "", error: { code: "ExecFailed", message: "not an interactive shell" } };
  const volumes = clone(input.volumes ?? {});
  const ctx = commandContext(state, envFor(state, input, volumes), c, input.now, () => undefined, () => undefined);
  if (!ctx) return { state, volumes, output: "", error: { code: "ExecFailed", message: "image" } };
  const { session, output } = openSession(argv, image.image, ctx, tty);
  return { state, volumes, session, output };
}

/** Typed bytes into an exec session. */
export function execSessionInput(state: PodSimState, input: ExecEnvInput, containerName: string, session: ShellSession, data: string): SessionResult {
  const st = clone(state);
  const s = clone(session);
  const volumes = clone(input.volumes ?? {});
  const found = findRunning(st, containerName, input.pod.metadata.name ?? "");
  if (!found.ok) return { state, volumes: input.volumes ?? {}, output: "", error: found.error };
  const c = st.containers[found.index];
  const ctx = commandContext(st, envFor(st, input, volumes), c, input.now, () => undefined, () => undefined);
  if (!ctx) return { state, volumes, output: "" };
  const output = sessionInput(s, data, ctx);
  return { state: st, volumes, session: s, output, ...(s.exited !== undefined ? { exitCode: s.exited } : {}) };
}

/** Typed bytes into the console of a container started with stdin (kubectl attach / run -it). */
export function attachInput(state: PodSimState, input: ExecEnvInput, containerName: string, data: string): SessionResult {
  const st = clone(state);
  const volumes = clone(input.volumes ?? {});
  const found = findRunning(st, containerName, input.pod.metadata.name ?? "");
  if (!found.ok) return { state, volumes: input.volumes ?? {}, output: "", error: found.error };
  const c = st.containers[found.index];
  if (!c.console) return { state, volumes, output: "" };
  const ctx = commandContext(st, envFor(st, input, volumes), c, input.now, () => undefined, () => undefined);
  if (!ctx) return { state, volumes, output: "" };
  const output = sessionInput(c.console, data, ctx);
  if (output) appendLog(c.log, "out", output, input.now);
  const exited = c.console.exited;
  if (exited !== undefined) c.stopRequest = { exitCode: exited, at: input.now };
  return { state: st, volumes, output, ...(exited !== undefined ? { exitCode: exited } : {}) };
}

/** An HTTP GET from elsewhere in the cluster to one of the pod's ports (Services, curl from other pods). */
export function answerHttp(state: PodSimState, input: ExecEnvInput, port: number, path: string, from: { clientIP: string; host?: string; userAgent?: string }): { state: PodSimState; volumes: Record<string, FsLayer>; answer: HttpAnswer } {
  const st = clone(state);
  const volumes = clone(input.volumes ?? {});
  const req = { now: input.now, clientIP: from.clientIP, host: from.host ?? `${input.podIP}:${port}`, userAgent: from.userAgent ?? "curl/7.88.1" };
  const answer = podHttp(st, envFor(st, input, volumes), port, path, req);
  countHttp(st, false, path, req, answer);
  return { state: st, volumes, answer };
}

/** Whether a TCP connect to the pod's port would be accepted. */
export function acceptsTcp(state: PodSimState, port: number): boolean {
  return podTcp(state, port);
}
