// Probes whose runs can wait. A probe that passed and whose answer cannot change until something the
// kubelet already knows the time of (a program waking, a hook, a kill) needs no wake-up of its own:
// its periods are run (or, when nothing of them could be seen, counted) the next time the pod is
// stepped, on the same period grid, so failures, events and restarts fall exactly where they would.
import type { Container, Probe } from "../../api/kinds";
import type { FsLayer } from "../fs/types";
import type { NetworkApi } from "../shell/types";
import { probeTiming, runHandler } from "./probes";
import { specOf, type PodEnv } from "./runtime";
import type { ContainerSim, PodSimState, ProbeKind, ProbeSim } from "./types";

/**
 * Besides the next period, trials at these offsets catch answers that depend on the clock (`date`,
 * file ages): uneven, so a clock-reading probe cannot look the same at each of them by chance.
 */
const TRIAL_OFFSETS_MS = [17_300, 461_900, 20_223_700, 15_852_433_100];

export interface SteadyProbe {
  c: ContainerSim;
  kind: ProbeKind;
  p: ProbeSim;
  periodMs: number;
  /** log lines each run writes (nginx logs the kubelet's requests) */
  lines: number;
}

const KINDS = ["liveness", "readiness"] as const;

function probeOf(spec: Container | undefined, kind: ProbeKind): Probe | undefined {
  return kind === "liveness" ? spec?.livenessProbe : kind === "readiness" ? spec?.readinessProbe : spec?.startupProbe;
}

/** passing, with nothing left to count: one more pass changes no state the kubelet keeps */
function candidate(env: PodEnv, c: ContainerSim, kind: ProbeKind): Probe | undefined {
  if (c.phase !== "running" || c.kill || c.postStart || !c.started) return undefined;
  const probe = probeOf(specOf(env.pod, c), kind);
  const p = c.probes[kind];
  if (!probe || !p) return undefined;
  const needed = kind === "readiness" ? probeTiming(probe).successThreshold : 1;
  if (p.result !== "success" || p.failures !== 0 || p.successes < needed) return undefined;
  if (kind === "readiness" && !c.ready) return undefined;
  // another host's answer can change without this pod hearing of it
  if (probe.httpGet?.host && probe.httpGet.host !== env.podIP) return undefined;
  if (probe.tcpSocket?.host && probe.tcpSocket.host !== env.podIP) return undefined;
  return probe;
}

/** which probes could be skipped before `before`: when this changes it is worth trying again */
export function lazySignature(st: PodSimState, env: PodEnv, before: number): string {
  let sig = "";
  st.containers.forEach((c, i) => {
    for (const kind of KINDS) if (candidate(env, c, kind) && (c.probes[kind]?.nextAt ?? Infinity) < before) sig += `${i}${kind[0]}`;
  });
  return sig;
}

/** a network that only notes it was used: the probe then depends on other pods */
function offline(used: () => void): NetworkApi {
  return {
    resolve: () => (used(), { error: "offline" }),
    http: () => (used(), { ok: false, error: "refused" }),
    tcp: () => (used(), false),
    nslookup: () => (used(), { stdout: "", stderr: "", exitCode: 1 }),
    dig: () => (used(), { stdout: "", exitCode: 9 }),
    ping: () => (used(), { ok: false }),
  };
}

/** a volume layer that notes being read: others (pods, the API) can change what it holds */
function watched(layer: FsLayer, used: () => void): FsLayer {
  return new Proxy(layer, {
    get: (t, k, r) => (used(), Reflect.get(t, k, r)),
    has: (t, k) => (used(), Reflect.has(t, k)),
    ownKeys: (t) => (used(), Reflect.ownKeys(t)),
  });
}

interface Trial {
  ok: boolean;
  output: string;
  lines: number;
  /** the run wrote nothing but whole log lines and read nothing others can change */
  clean: boolean;
}

function trial(base: string, vols: string, env: PodEnv, index: number, probe: Probe, at: number): Trial {
  const st = JSON.parse(base) as PodSimState;
  const volumes = JSON.parse(vols) as Record<string, FsLayer>;
  let foreign = false;
  const used = (): void => { foreign = true; };
  const externalVolumes = Object.fromEntries(Object.entries(volumes).map(([id, layer]) => [id, watched(layer, used)]));
  const c = st.containers[index];
  const log = c.log;
  c.log = { ...log, partial: { ...log.partial }, pending: [] };
  const r = runHandler(st, { ...env, externalVolumes, network: env.network ? offline(used) : undefined }, c, specOf(env.pod, c), probe, at, probeTiming(probe).timeoutS);
  const lines = c.log.n - log.n;
  const partialKept = c.log.partial.out === log.partial.out && c.log.partial.err === log.partial.err;
  c.log = log;
  return { ok: r.ok, output: r.output, lines, clean: !foreign && partialKept && JSON.stringify(st) === base };
}

/**
 * The probes (of running, started containers) that would pass at every period from their next one
 * on, changing nothing but the container's log, for as long as nothing else happens in the pod.
 * `before`: only probes due before then (the others have nothing to skip).
 */
export function steadyProbes(st: PodSimState, env: PodEnv, before = Infinity): SteadyProbe[] {
  let base: string | undefined;
  let vols: string | undefined;
  const out: SteadyProbe[] = [];
  st.containers.forEach((c, index) => {
    for (const kind of KINDS) {
      const probe = candidate(env, c, kind);
      const p = c.probes[kind];
      if (!probe || !p || p.nextAt >= before) continue;
      base ??= JSON.stringify(st);
      vols ??= JSON.stringify(env.externalVolumes);
      const periodMs = probeTiming(probe).periodMs;
      const next = trial(base, vols, env, index, probe, p.nextAt);
      if (!next.ok || !next.clean) continue;
      const later = (offset: number): boolean => {
        const r = trial(base as string, vols as string, env, index, probe, p.nextAt + offset);
        return r.ok && r.clean && r.output === next.output && r.lines === next.lines;
      };
      if (!TRIAL_OFFSETS_MS.every(later)) continue;
      out.push({ c, kind, p, periodMs, lines: next.lines });
    }
  });
  return out;
}
