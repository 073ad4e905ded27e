// Serialisable state of one pod on its node, and the inputs/outputs of the kubelet step.
import type { FsLayer } from "../fs/types";
import type { NetworkApi, ProcState } from "../shell/types";
import type { Pod, PodStatus } from "../../api/kinds";
import type { Rng } from "../random";
import type { SimProfile } from "./profile";
import type { ShellSession } from "./session";

export interface LogLine {
  t: number;
  s: "out" | "err";
  text: string;
}

export interface ContainerLog {
  /** names this container instance's log where the host stores its lines */
  id: string;
  /** complete lines written so far; the last MAX_LOG_LINES of them are readable */
  n: number;
  /** unterminated output per stream */
  partial: { out: string; err: string };
  /** lines not yet handed to the host's log store: the last `pending.length` of the `n` */
  pending: LogLine[];
}

export interface TerminatedInfo {
  exitCode: number;
  reason: string;
  signal?: number;
  message?: string;
  startedAt: number;
  finishedAt: number;
  containerID: string;
}

export type ProbeKind = "liveness" | "readiness" | "startup";

export interface ProbeSim {
  nextAt: number;
  successes: number;
  failures: number;
  result: "success" | "failure" | "unknown";
}

export interface KillSim {
  why: "delete" | "liveness" | "startup" | "postStart";
  startedAt: number;
  /** SIGKILL time */
  deadline: number;
  preStop?: ProcState;
  /** when SIGTERM is (or was) sent */
  termAt?: number;
  termSent?: boolean;
  /** exit the program chose on SIGTERM, effective at exitAt */
  exitAt?: number;
  exitCode?: number;
}

export interface ContainerSim {
  name: string;
  init: boolean;
  image: string;
  phase: "waiting" | "running" | "terminated";
  waiting?: { reason: string; message?: string };
  /** next time the kubelet acts on this container (pull end, create, start, retry) */
  actionAt?: number;
  action?: "pull" | "create" | "start" | "retry" | "pullBackOff";
  pullStartedAt?: number;
  pullFailures: number;
  imageFull?: string;
  imageID?: string;
  containerID?: string;
  startedAt?: number;
  terminated?: TerminatedInfo;
  lastTerminated?: TerminatedInfo;
  restartCount: number;
  backoff?: { seconds: number; lastUpdate: number };
  backoffUntil?: number;
  layer: FsLayer;
  proc?: ProcState;
  /** postStart hook in progress: the container counts as still being created */
  postStart?: ProcState;
  kill?: KillSim;
  oom?: boolean;
  /** killed by a failed liveness/startup probe: restarted in the same sync, without back-off */
  restartNow?: boolean;
  /** exit requested from inside (nginx -s stop, an attached shell's exit) */
  stopRequest?: { exitCode: number; at: number };
  probes: Partial<Record<ProbeKind, ProbeSim>>;
  ready: boolean;
  started: boolean;
  log: ContainerLog;
  prevLog?: ContainerLog;
  /** the console of a container started with stdin (kubectl run -it) */
  console?: ShellSession;
  /** events already emitted for the current waiting reason (avoid repeats) */
  noted?: string;
}

export interface Listener {
  port: number;
  container: string;
  kind: string;
  config: Record<string, unknown>;
}

export interface PodSimState {
  v: 1;
  uid: string;
  /** time processed up to */
  at: number;
  createdAt: number;
  sandboxReadyAt?: number;
  startTime?: number;
  containers: ContainerSim[];
  /** volumes that live and die with the pod (emptyDir, and fallbacks), by pod volume name */
  volumes: Record<string, FsLayer>;
  listeners: Record<string, Listener>;
  conditions: Record<string, { status: "True" | "False"; time: number }>;
  deletion?: { at: number; graceSeconds: number };
  terminal?: "Succeeded" | "Failed";
  pids: number;
  /** packet counters of eth0 and lo, from the HTTP exchanges the pod answered */
  traffic?: Partial<Record<"eth0" | "lo", { rxPackets: number; rxBytes: number; txPackets: number; txBytes: number }>>;
}

export interface NodeImages {
  /** full reference → what the runtime has */
  images: Record<string, { id: string; repoDigest: string; size: number; pulledAt: number }>;
}

export interface SimEvent {
  type: "Normal" | "Warning";
  reason: string;
  message: string;
  /** cluster time the event happened */
  time: number;
  /** `spec.containers{nginx}` style, when about a container */
  fieldPath?: string;
}

export interface NodeInfo {
  name: string;
  hostIP: string;
  images: NodeImages;
}

export interface StepInput {
  state?: PodSimState;
  pod: Pod;
  node: NodeInfo;
  podIP: string;
  now: number;
  rng: Rng;
  profile: SimProfile;
  /** external volume layers by id (PV, configMap, secret, hostPath projections) */
  volumes?: Record<string, FsLayer>;
  /** pod volume name → external volume id */
  volumeIds?: Record<string, string>;
  /** resolved env per container (valueFrom, envFrom), added to the spec's plain values */
  env?: Record<string, Record<string, string>>;
  /** service environment variables every container gets (KUBERNETES_SERVICE_HOST...) */
  serviceEnv?: Record<string, string>;
  network?: NetworkApi;
  /** cluster DNS search path base, default cluster.local */
  clusterDomain?: string;
  /** nameserver for resolv.conf, default 10.96.0.10 */
  dnsServer?: string;
  /** wake at every probe period even when the outcome cannot change (someone follows the logs live) */
  eagerProbes?: boolean;
}

export interface StepResult {
  state: PodSimState;
  status: PodStatus;
  events: SimEvent[];
  /** when stepPod must run again (cluster time), null if nothing is pending; probe periods whose
   *  outcome cannot change before then are left out (they run when the pod is next stepped) */
  nextWakeAt: number | null;
  /** the next instant anything is due, probes included: stepping the pod before it is read or
   *  touched from outside keeps what it shows (logs) and its order of events as if it had run then */
  dueAt: number | null;
  images: NodeImages;
  volumes: Record<string, FsLayer>;
  /** a deleted pod whose containers have all stopped: the API object can go */
  finished: boolean;
}
