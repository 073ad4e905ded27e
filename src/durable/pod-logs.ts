// Container logs kept beside the pods' simulated state, in chunks of lines: a kubelet step writes the
// chunk its new lines fall in, and reading a log reads only the chunks still in its window.
import { logWindowStart, MAX_LOG_LINES, type LogSource } from "../sim/kubelet/logs";
import type { ContainerLog, LogLine, PodSimState } from "../sim/kubelet/types";
import type { SimStore } from "./sim-store";

const CHUNK = 64;

interface Chunk {
  /** index of the chunk's first line in its log */
  from: number;
  lines: LogLine[];
}

interface Ref {
  container: string;
  log: ContainerLog;
}

function refs(state: PodSimState | undefined): Ref[] {
  const out: Ref[] = [];
  for (const c of state?.containers ?? []) {
    out.push({ container: c.name, log: c.log });
    if (c.prevLog) out.push({ container: c.name, log: c.prevLog });
  }
  return out;
}

export class PodLogs {
  constructor(private readonly sim: SimStore) {}

  private key(uid: string, container: string, id: string, chunk: number): string {
    return `log:${uid}:${container}:${id}:${chunk}`;
  }

  /**
   * Stores the lines `next` holds pending (and empties them), and drops the logs of container
   * instances `prev` had that `next` no longer has.
   */
  save(uid: string, prev: PodSimState | undefined, next: PodSimState): void {
    const before = new Map(refs(prev).map((r) => [`${r.container}:${r.log.id}`, r.log]));
    const kept = new Set(refs(next).map((r) => `${r.container}:${r.log.id}`));
    for (const r of refs(prev)) if (!kept.has(`${r.container}:${r.log.id}`)) this.dropLog(uid, r.container, r.log);
    for (const r of refs(next)) if (r.log.pending.length) this.append(uid, r.container, r.log, before.get(`${r.container}:${r.log.id}`)?.n ?? 0);
  }

  forget(uid: string, state: PodSimState | undefined): void {
    for (const r of refs(state)) this.dropLog(uid, r.container, r.log);
  }

  source(uid: string): LogSource {
    return (container, log) => this.read(uid, container, log);
  }

  /** `stored`: how many lines the log had when last saved */
  private append(uid: string, container: string, log: ContainerLog, stored: number): void {
    const first = log.n - log.pending.length;
    const lo = Math.max(first, logWindowStart(log));
    for (let i = lo; i < log.n; ) {
      const chunk = Math.floor(i / CHUNK);
      const end = Math.min(log.n, (chunk + 1) * CHUNK);
      const key = this.key(uid, container, log.id, chunk);
      const old = i % CHUNK === 0 ? undefined : this.sim.get<Chunk>(key);
      const fresh = log.pending.slice(i - first, end - first);
      // a chunk continues only from where it stopped; after a gap the lines before it are unreadable
      const body: Chunk = old && old.from + old.lines.length === i ? { from: old.from, lines: old.lines.concat(fresh) } : { from: i, lines: fresh };
      this.sim.put(key, body);
      i = end;
    }
    // chunks that fell out of the window
    const was = Math.floor(Math.max(0, stored - MAX_LOG_LINES) / CHUNK);
    const gone = Math.min(Math.floor(logWindowStart(log) / CHUNK), Math.ceil(stored / CHUNK));
    for (let ch = was; ch < gone; ch++) this.sim.delete(this.key(uid, container, log.id, ch));
    log.pending = [];
  }

  private read(uid: string, container: string, log: ContainerLog): LogLine[] {
    const lo = logWindowStart(log);
    const hi = log.n - log.pending.length;
    const out: LogLine[] = [];
    for (let ch = Math.floor(lo / CHUNK); ch * CHUNK < hi; ch++) {
      const body = this.sim.get<Chunk>(this.key(uid, container, log.id, ch));
      if (!body) continue;
      for (let j = 0; j < body.lines.length; j++) {
        const at = body.from + j;
        if (at >= lo && at < hi) out.push(body.lines[j]);
      }
    }
    return out;
  }

  private dropLog(uid: string, container: string, log: ContainerLog): void {
    const stored = log.n - log.pending.length;
    for (let ch = Math.floor(logWindowStart(log) / CHUNK); ch * CHUNK < stored; ch++) this.sim.delete(this.key(uid, container, log.id, ch));
  }
}
