// Container output as timestamped lines, read like `kubectl logs`. The pod's state keeps only a
// cursor per container instance (how many lines, the unterminated tail, the lines written since the
// host last stored them), so a kubelet step copies the new lines, not the whole log.
import type { ContainerLog, ContainerSim, LogLine, PodSimState } from "./types";
import { rfc3339Nano } from "../time-format";

/** lines kept per container instance, like the runtime's rotated log files */
export const MAX_LOG_LINES = 5000;
const MAX_LINE = 16 * 1024;

export function emptyLog(id: string): ContainerLog {
  return { id, n: 0, partial: { out: "", err: "" }, pending: [] };
}

export function appendLog(log: ContainerLog, stream: "out" | "err", text: string, t: number): void {
  const buf = log.partial[stream] + text;
  const parts = buf.split("\n");
  log.partial[stream] = (parts.pop() ?? "").slice(0, MAX_LINE);
  for (const p of parts) log.pending.push({ t, s: stream, text: p.slice(0, MAX_LINE) });
  log.n += parts.length;
  // lines older than the last MAX_LOG_LINES can never be read again
  const over = log.pending.length - MAX_LOG_LINES;
  if (over > 0) log.pending.splice(0, over);
}

/** counts lines that were written but can no longer be read (a long stretch the kubelet skipped) */
export function skipLogLines(log: ContainerLog, count: number): void {
  log.n += count;
  const keep = Math.max(0, MAX_LOG_LINES - count);
  if (log.pending.length > keep) log.pending.splice(0, log.pending.length - keep);
}

/** index of the first line still readable */
export function logWindowStart(log: ContainerLog): number {
  return Math.max(0, log.n - MAX_LOG_LINES);
}

/**
 * The stored lines of one container instance's log: those from `logWindowStart(log)` up to (not
 * including) the pending ones. Without a store every line ever written is still pending.
 */
export type LogSource = (container: string, log: ContainerLog) => LogLine[];

/** the readable lines of a log, oldest first */
export function logLines(container: string, log: ContainerLog, source?: LogSource): LogLine[] {
  const stored = log.pending.length < log.n - logWindowStart(log) && source ? source(container, log) : [];
  const all = stored.length ? stored.concat(log.pending) : log.pending;
  return all.length > MAX_LOG_LINES ? all.slice(-MAX_LOG_LINES) : all;
}

/** Pod states saved before logs moved out kept every line in `lines`: read them as pending. */
export function upgradeLogs(state: PodSimState): PodSimState {
  const fix = (log: ContainerLog | undefined, id: string): ContainerLog | undefined => {
    if (!log || Array.isArray(log.pending)) return log;
    const old = log as unknown as { lines?: LogLine[]; dropped?: number; partial?: ContainerLog["partial"] };
    const lines = old.lines ?? [];
    return { id, n: (old.dropped ?? 0) + lines.length, partial: old.partial ?? { out: "", err: "" }, pending: lines };
  };
  for (const c of state.containers) {
    c.log = fix(c.log, c.containerID ?? `${c.name}-0`) ?? emptyLog(`${c.name}-0`);
    c.prevLog = fix(c.prevLog, `${c.name}-prev`);
  }
  return state;
}

export interface ReadLogsOptions {
  previous?: boolean;
  tailLines?: number;
  /** ms since epoch */
  sinceTime?: number;
  sinceSeconds?: number;
  timestamps?: boolean;
  limitBytes?: number;
  now?: number;
}

export type ReadLogsResult = { ok: true; text: string } | { ok: false; message: string };

export function readLogs(state: PodSimState, podName: string, containerName: string, opts: ReadLogsOptions = {}, source?: LogSource): ReadLogsResult {
  const c: ContainerSim | undefined = state.containers.find((x) => x.name === containerName);
  if (!c) return { ok: false, message: `container ${containerName} is not valid for pod ${podName}` };
  const log = opts.previous ? c.prevLog : c.log;
  if (opts.previous && !log) return { ok: false, message: `previous terminated container "${containerName}" in pod "${podName}" not found` };
  if (!opts.previous && c.phase === "waiting" && !c.containerID) {
    return { ok: false, message: `container "${containerName}" in pod "${podName}" is waiting to start: ${c.waiting?.reason ?? "ContainerCreating"}` };
  }
  let lines = log ? logLines(c.name, log, source) : [];
  const since = opts.sinceTime ?? (opts.sinceSeconds !== undefined && opts.now !== undefined ? opts.now - opts.sinceSeconds * 1000 : undefined);
  if (since !== undefined) lines = lines.filter((l) => l.t >= since);
  if (opts.tailLines !== undefined && opts.tailLines >= 0) lines = opts.tailLines === 0 ? [] : lines.slice(-opts.tailLines);
  let text = lines.map((l) => (opts.timestamps ? `${rfc3339Nano(l.t)} ${l.text}\n` : `${l.text}\n`)).join("");
  if (opts.limitBytes !== undefined) text = text.slice(0, opts.limitBytes);
  return { ok: true, text };
}
