import { parse } from "yaml";
import { stepPod, execInPod, readLogs, REALISTIC } from "../../../src/sim/kubelet/index";
import type { NodeImages, PodSimState, SimEvent, SimProfile } from "../../../src/sim/kubelet/index";
import type { LogSource } from "../../../src/sim/kubelet/logs";
import type { Pod, PodStatus } from "../../../src/api/kinds";
import type { FsLayer } from "../../../src/sim/fs/types";
import { seededRng } from "../../../src/sim/random";
import { T0 } from "./pod-harness";

export type Action =
  | { at: number; exec: string[]; container?: string }
  | { at: number; logs: string; previous?: boolean }
  | { at: number; delete: number };

export interface Trace {
  events: SimEvent[];
  /** every change of the pod's status, with the cluster time it was written */
  statuses: Array<{ at: number; status: PodStatus }>;
  /** what each `logs` action and exec printed */
  seen: Array<{ at: number; text: string }>;
  /** kubelet steps the driver ran (each one an alarm or a request in the cluster) */
  steps: number;
  state: PodSimState;
}

export interface DriveOptions {
  lazy: boolean;
  /** seconds to run for */
  until: number;
  actions?: Action[];
  profile?: SimProfile;
  volumes?: Record<string, FsLayer>;
  volumeIds?: Record<string, string>;
  /** stands in for the host's log store: moves each saved state's new lines out of it */
  store?: { save(prev: PodSimState | undefined, next: PodSimState): void; source: LogSource };
}

/**
 * Drives one pod the way the cluster does: a step at every wake the kubelet asked for, a step when
 * the pod is acted on (exec, deletion) and, lazily, a catch-up step before anything looks at it
 * while something is due (the host's `record`). Eager runs wake at every probe period.
 */
export function drive(yamlText: string, o: DriveOptions): Trace {
  const pod = parse(yamlText) as Pod;
  pod.metadata.uid ??= "uid-1";
  pod.metadata.namespace ??= "default";
  const rng = seededRng(42);
  const profile = o.profile ?? REALISTIC;
  let images: NodeImages = { images: {} };
  let state: PodSimState | undefined;
  let wakeAt: number | null = null;
  let dueAt: number | null = null;
  let last = "";
  const trace: Trace = { events: [], statuses: [], seen: [], steps: 0, state: undefined as unknown as PodSimState };
  const step = (at: number): void => {
    const r = stepPod({
      state, pod, node: { name: "k8s-worker1", hostIP: "192.168.10.12", images }, podIP: "10.244.1.5", now: at, rng, profile,
      volumes: o.volumes, volumeIds: o.volumeIds, eagerProbes: !o.lazy,
    });
    o.store?.save(state, r.state);
    state = r.state;
    images = r.images;
    trace.steps++;
    trace.events.push(...r.events);
    const s = JSON.stringify(r.status);
    if (s !== last) trace.statuses.push({ at, status: r.status });
    last = s;
    wakeAt = r.finished ? null : r.nextWakeAt;
    dueAt = r.finished ? null : r.dueAt;
    if (!o.lazy && wakeAt !== dueAt) throw new Error("an eager step must wake whenever anything is due");
  };
  const fresh = (at: number): PodSimState => {
    if (o.lazy && dueAt !== null && dueAt <= at && state && state.at < at) step(at);
    if (!state) throw new Error("no state");
    return state;
  };
  step(T0);
  const end = T0 + o.until * 1000;
  const queue = [...(o.actions ?? [])].sort((a, b) => a.at - b.at);
  for (let guard = 0; guard < 1_000_000; guard++) {
    const action = queue[0];
    const actAt = action ? T0 + action.at * 1000 : Infinity;
    const wake = wakeAt ?? Infinity;
    if (wake <= Math.min(actAt, end) && wake < Infinity) {
      step(wake);
      continue;
    }
    if (!action || actAt > end) break;
    queue.shift();
    if ("exec" in action) {
      const st = fresh(actAt);
      const r = execInPod(st, { pod, podIP: "10.244.1.5", hostIP: "192.168.10.12", now: actAt, volumes: o.volumes, volumeIds: o.volumeIds }, action.container ?? pod.spec?.containers[0].name ?? "", action.exec);
      o.store?.save(state, r.state);
      state = r.state;
      trace.seen.push({ at: actAt, text: `${r.exitCode} ${r.stdout}${r.stderr}${r.error?.message ?? ""}` });
      step(r.wakeAt ?? actAt);
    } else if ("logs" in action) {
      const r = readLogs(fresh(actAt), pod.metadata.name ?? "", action.logs, { previous: action.previous, timestamps: true }, o.store?.source);
      trace.seen.push({ at: actAt, text: r.ok ? r.text : `ERR ${r.message}` });
    } else {
      pod.metadata.deletionTimestamp = new Date(actAt + action.delete * 1000).toISOString();
      pod.metadata.deletionGracePeriodSeconds = action.delete;
      step(actAt);
    }
  }
  fresh(end);
  trace.state = state as unknown as PodSimState;
  return trace;
}

/** the same pod driven both ways */
export function both(yamlText: string, o: Omit<DriveOptions, "lazy">): { eager: Trace; lazy: Trace } {
  return { eager: drive(yamlText, { ...o, lazy: false }), lazy: drive(yamlText, { ...o, lazy: true }) };
}
