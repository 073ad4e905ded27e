// Container output kept as timestamped lines in a bounded ring, read like `kubectl logs`.
import type { ContainerLog, ContainerSim, PodSimState } from "./types";
import { rfc3339Nano } from "../time-format";

export const MAX_LOG_LINES = 5000;
const MAX_LINE = 16 * 1024;

export function emptyLog(): ContainerLog {
  return { lines: [], dropped: 0, partial: { out: "", err: "" } };
}

export function appendLog(log: ContainerLog, stream: "out" | "err", text: string, t: number): void {
  const buf = log.partial[stream] + text;
  const parts = buf.split("\n");
  log.partial[stream] = (parts.pop() ?? "").slice(0, MAX_LINE);
  for (const p of parts) log.lines.push({ t, s: stream, text: p.slice(0, MAX_LINE) });
  const over = log.lines.length - MAX_LOG_LINES;
  if (over > 0) {
    log.lines.splice(0, over);
    log.dropped += over;
  }
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

export function readLogs(state: PodSimState, podName: string, containerName: string, opts: ReadLogsOptions = {}): ReadLogsResult {
  const c: ContainerSim | undefined = state.containers.find((x) => x.name === containerName);
  if (!c) return { ok: false, message: `container ${containerName} is not valid for pod ${podName}` };
  const log = opts.previous ? c.prevLog : c.log;
  if (opts.previous && !log) return { ok: false, message: `previous terminated container "${containerName}" in pod "${podName}" not found` };
  if (!opts.previous && c.phase === "waiting" && !c.containerID) {
    return { ok: false, message: `container "${containerName}" in pod "${podName}" is waiting to start: ${c.waiting?.reason ?? "ContainerCreating"}` };
  }
  let lines = [...(log?.lines ?? [])];
  const since = opts.sinceTime ?? (opts.sinceSeconds !== undefined && opts.now !== undefined ? opts.now - opts.sinceSeconds * 1000 : undefined);
  if (since !== undefined) lines = lines.filter((l) => l.t >= since);
  if (opts.tailLines !== undefined && opts.tailLines >= 0) lines = opts.tailLines === 0 ? [] : lines.slice(-opts.tailLines);
  let text = lines.map((l) => (opts.timestamps ? `${rfc3339Nano(l.t)} ${l.text}\n` : `${l.text}\n`)).join("");
  if (opts.limitBytes !== undefined) text = text.slice(0, opts.limitBytes);
  return { ok: true, text };
}
