import { parse } from "yaml";
import { stepPod, execInPod, readLogs, REALISTIC, FAST } from "../../../src/sim/kubelet/index";
import type { NodeImages, PodSimState, SimEvent, SimProfile } from "../../../src/sim/kubelet/index";
import type { Pod, PodStatus } from "../../../src/api/kinds";
import { seededRng } from "../../../src/sim/random";

export const T0 = Date.UTC(2024, 0, 1, 0, 0, 0);

/** One pod on one node, driven by advancing the clock the way the lead's alarm loop will. */
export class PodRun {
  state?: PodSimState;
  status?: PodStatus;
  events: SimEvent[] = [];
  now = T0;
  images: NodeImages;
  readonly rng = seededRng(42);
  pod: Pod;

  constructor(yamlText: string, readonly profile: SimProfile = REALISTIC, images?: NodeImages) {
    this.pod = parse(yamlText) as Pod;
    this.pod.metadata.uid ??= "uid-1";
    this.pod.metadata.namespace ??= "default";
    this.images = images ?? { images: {} };
    this.step();
  }

  step(): void {
    const r = stepPod({
      state: this.state, pod: this.pod, node: { name: "k8s-worker1", hostIP: "192.168.10.12", images: this.images },
      podIP: "10.244.1.5", now: this.now, rng: this.rng, profile: this.profile,
    });
    this.state = r.state;
    this.status = r.status;
    this.events.push(...r.events);
    this.images = r.images;
    this.finished = r.finished;
    this.nextWakeAt = r.nextWakeAt;
  }

  finished = false;
  nextWakeAt: number | null = null;

  /** Advances in one-second steps (as a driver waking often) to now + seconds. */
  advance(seconds: number, stepMs = 1000): void {
    const end = this.now + seconds * 1000;
    while (this.now < end) {
      this.now = Math.min(end, this.now + stepMs);
      this.step();
    }
  }

  /** Advances by jumping straight to the end (one big step). */
  jump(seconds: number): void {
    this.now += seconds * 1000;
    this.step();
  }

  exec(container: string, argv: string[]) {
    if (!this.state) throw new Error("no state");
    const r = execInPod(this.state, { pod: this.pod, podIP: "10.244.1.5", hostIP: "192.168.10.12", now: this.now }, container, argv);
    this.state = r.state;
    if (r.wakeAt !== undefined) this.step();
    return r;
  }

  logs(container: string, previous = false): string {
    if (!this.state) throw new Error("no state");
    const r = readLogs(this.state, this.pod.metadata.name ?? "", container, { previous });
    return r.ok ? r.text : `ERR ${r.message}`;
  }

  cs(name: string) {
    return this.status?.containerStatuses?.find((c) => c.name === name);
  }

  eventsOf(reason: string): SimEvent[] {
    return this.events.filter((e) => e.reason === reason);
  }

  ready(): string {
    const list = this.status?.containerStatuses ?? [];
    return `${list.filter((c) => c.ready).length}/${list.length}`;
  }
}

export { FAST, REALISTIC };
