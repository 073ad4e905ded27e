// The kubelet for one pod as a pure state machine: everything due between the last step and
// `now` happens in time order (pulls, starts, program wake-ups, probes, kills, restarts).
import type { Container, Pod } from "../../api/kinds";
import { resolveImage, type ResolvedImage } from "../images/catalog";
import { defaultPullPolicy, parseImageRef } from "../images/reference";
import { lookupExecutable, advanceProgram, startProgram } from "../shell/proc";
import { getCommand } from "../shell/registry";
import { isShellState } from "../shell/interp";
import { goDuration } from "../time-format";
import { randomHex, type Rng } from "../random";
import type { SimProfile } from "./profile";
import { appendLog, emptyLog, MAX_LOG_LINES, skipLogLines } from "./logs";
import { lazySignature, steadyProbes } from "./lazy-probes";
import { hostsFile, resolvConf } from "./etc-files";
import { commandContext, containerArgv, containerEnv, specOf, type PodEnv } from "./runtime";
import { firstProbeAt, probeTiming, runHandler } from "./probes";
import { buildStatus, computePhase } from "./status";
import { isInteractiveShell, openSession } from "./session";
import type { ContainerSim, NodeImages, PodSimState, ProbeKind, ProbeSim, SimEvent, StepInput, StepResult } from "./types";

const INITIAL_BACKOFF_S = 10;
const MAX_BACKOFF_S = 300;
/** how long a pod worker waits before syncing again after a sync that hit a back-off */
const POD_WORKER_BACKOFF_MS = 10_000;

function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

function podRef(pod: Pod, uid: string): string {
  return `${pod.metadata.name}_${pod.metadata.namespace ?? "default"}(${uid})`;
}

export function initialState(pod: Pod, now: number, profile: SimProfile): PodSimState {
  const mk = (c: Container, init: boolean, hasInit: boolean): ContainerSim => ({
    name: c.name, init, image: c.image ?? "", phase: "waiting",
    waiting: { reason: init || hasInit ? "PodInitializing" : "ContainerCreating" },
    pullFailures: 0, restartCount: 0, layer: { upper: {} }, probes: {}, ready: false, started: false, log: emptyLog(`${c.name}-0`),
  });
  const inits = pod.spec?.initContainers ?? [];
  return {
    v: 1,
    uid: pod.metadata.uid ?? "",
    at: now,
    createdAt: now,
    sandboxReadyAt: now + profile.sandboxMs,
    startTime: now,
    containers: [...inits.map((c) => mk(c, true, true)), ...(pod.spec?.containers ?? []).map((c) => mk(c, false, inits.length > 0))],
    volumes: Object.fromEntries((pod.spec?.volumes ?? []).filter((v) => v.emptyDir).map((v) => [v.name, { upper: {} }])),
    listeners: {},
    conditions: {},
    pids: 1,
  };
}

class Kubelet {
  readonly events: SimEvent[] = [];
  constructor(
    readonly st: PodSimState,
    readonly env: PodEnv,
    readonly images: NodeImages,
    readonly profile: SimProfile,
    readonly rng: Rng,
    readonly clusterDomain: string,
    readonly dnsServer: string,
    /** the time of this step's inputs (the pod object as it is now) */
    readonly inputAt: number,
  ) {}

  get pod(): Pod { return this.env.pod; }

  event(t: number, type: SimEvent["type"], reason: string, message: string, c?: ContainerSim): void {
    this.events.push({ type, reason, message, time: t, ...(c ? { fieldPath: `spec.${c.init ? "initContainers" : "containers"}{${c.name}}` } : {}) });
  }

  spec(c: ContainerSim): Container | undefined { return specOf(this.pod, c); }

  logCtx(c: ContainerSim, t: number): ReturnType<typeof commandContext> {
    const sp = this.spec(c);
    return commandContext(this.st, this.env, c, t, (s) => appendLog(c.log, "out", s, t), (s) => appendLog(c.log, "err", s, t), { stdinOpen: !!sp?.stdin, tty: !!sp?.tty });
  }

  /** the next time anything is due; `probes: false` leaves out every probe, a set only those */
  nextWake(probes: boolean | Set<ProbeSim> = true): number | null {
    let next: number | null = null;
    const consider = (v: number | null | undefined): void => {
      if (v !== null && v !== undefined && (next === null || v < next)) next = v;
    };
    if (this.st.sandboxReadyAt !== undefined && this.st.sandboxReadyAt > this.st.at) consider(this.st.sandboxReadyAt);
    for (const c of this.st.containers) {
      consider(c.actionAt);
      if (c.phase !== "running") continue;
      consider(c.stopRequest?.at);
      if (c.oom) consider(this.st.at);
      if (c.proc && c.proc.exitCode === undefined) consider(c.proc.untilMs);
      if (c.proc?.exitCode !== undefined) consider(this.st.at);
      if (c.postStart) consider(c.postStart.exitCode !== undefined ? this.st.at : c.postStart.untilMs);
      if (c.kill) {
        if (c.kill.preStop && c.kill.preStop.exitCode === undefined) consider(c.kill.preStop.untilMs);
        if (!c.kill.termSent) consider(c.kill.termAt);
        consider(c.kill.exitAt);
        consider(c.kill.deadline);
      } else if (!c.postStart && probes) for (const p of Object.values(c.probes)) if (p && !(probes instanceof Set && probes.has(p))) consider(p.nextAt);
    }
    return next;
  }

  /**
   * Runs due before `bound` of probes that cannot change anything happen without being run: they
   * only move the probe along its grid. A probe whose runs write log lines still runs the periods
   * whose lines stay readable; the earlier lines are only counted.
   */
  skipSteady(bound: number): void {
    for (const s of steadyProbes(this.st, this.env, bound)) {
      const runs = Math.ceil((bound - s.p.nextAt) / s.periodMs);
      let skip = runs;
      if (s.lines > 0) {
        skip = runs - Math.ceil(MAX_LOG_LINES / s.lines);
        if (skip <= 0) continue;
        skipLogLines(s.c.log, skip * s.lines);
      }
      s.p.nextAt += skip * s.periodMs;
    }
  }

  /** Does everything due at time t. */
  sync(t: number): void {
    const st = this.st;
    st.at = t;
    if (st.sandboxReadyAt !== undefined && t < st.sandboxReadyAt) return;
    // the deletion is news of this step: wake-ups still due from before it run without it
    if (this.pod.metadata.deletionTimestamp && !st.deletion && t >= this.inputAt) {
      const grace = this.pod.metadata.deletionGracePeriodSeconds ?? this.pod.spec?.terminationGracePeriodSeconds ?? 30;
      st.deletion = { at: t, graceSeconds: grace };
      for (const c of st.containers) {
        if (c.phase === "running" && !c.kill) this.startKill(c, t, "delete", grace);
        c.actionAt = undefined;
        c.action = undefined;
      }
    }
    for (const c of st.containers) if (c.phase === "running") this.advanceRunning(c, t);
    for (const c of st.containers) if (c.phase === "running" && !c.kill && !c.postStart) this.runProbes(c, t);
    if (!st.deletion && !st.terminal) this.startContainers(t);
    const phase = computePhase(st, this.pod);
    if ((phase === "Succeeded" || phase === "Failed") && !st.terminal) st.terminal = phase;
  }

  // ---- running containers -------------------------------------------------------------

  advanceRunning(c: ContainerSim, t: number): void {
    if (c.postStart) {
      const hook = c.postStart;
      if (hook.exitCode === undefined) advanceProgram(hook, t, (at) => this.hookCtx(c, at));
      if (hook.exitCode !== undefined) {
        c.postStart = undefined;
        if (hook.exitCode !== 0) this.failPostStart(c, t, `command '${hook.argv.join(" ")}' exited with ${hook.exitCode}: ${this.hookOut}`);
        else this.armProbes(c, t);
      }
    }
    if (c.proc && c.proc.exitCode === undefined) advanceProgram(c.proc, t, (at) => this.logCtx(c, at) ?? this.noCtx(at));
    if (c.oom) return this.finish(c, t, 137, "OOMKilled", 9);
    if (c.stopRequest && c.stopRequest.at <= t) return this.finish(c, c.stopRequest.at, c.stopRequest.exitCode);
    if (c.proc && c.proc.exitCode !== undefined) {
      const code = c.proc.exitCode;
      return this.finish(c, t, code);
    }
    const k = c.kill;
    if (!k) return;
    if (k.preStop && k.preStop.exitCode === undefined) {
      advanceProgram(k.preStop, Math.min(t, k.deadline), (at) => this.hookCtx(c, at));
      if (k.preStop.exitCode === undefined && t >= k.deadline) {
        // the hook used the whole grace period: SIGTERM now, SIGKILL after the 2 s minimum
        k.termAt = t;
        k.deadline = t + 2000;
      }
    }
    if (k.preStop && k.preStop.exitCode !== undefined && k.preStop.exitCode !== 0 && !c.noted?.includes("prestop")) {
      c.noted = `${c.noted ?? ""}prestop`;
      this.event(t, "Warning", "FailedPreStopHook", `PreStopHook failed`, c);
    }
    if (k.termAt === undefined && (!k.preStop || k.preStop.exitCode !== undefined)) k.termAt = t;
    if (k.termAt !== undefined && k.termAt <= t && !k.termSent) {
      k.termSent = true;
      const reaction = getCommand(c.proc?.impl ?? "")?.onTerm ?? 0;
      if (reaction !== "ignore") {
        k.exitAt = k.termAt + this.profile.termMs;
        k.exitCode = reaction;
      }
    }
    if (k.exitAt !== undefined && k.exitAt <= t) return this.finish(c, k.exitAt, k.exitCode ?? 0);
    if (k.termAt !== undefined && t >= k.deadline) return this.finish(c, k.deadline, 137, undefined, 9);
  }

  private hookOut = "";

  hookCtx(c: ContainerSim, t: number): NonNullable<ReturnType<typeof commandContext>> {
    return commandContext(this.st, this.env, c, t, (s) => { this.hookOut += s; }, (s) => { this.hookOut += s; }) ?? this.noCtx(t);
  }

  noCtx(t: number): never {
    throw new Error(`container image unresolvable at ${t}`);
  }

  failPostStart(c: ContainerSim, t: number, detail: string): void {
    const sp = this.spec(c);
    const cmd = sp?.lifecycle?.postStart?.exec?.command ?? [];
    const msg = sp?.lifecycle?.postStart?.exec
      ? `Exec lifecycle hook ([${cmd.join(" ")}]) for Container "${c.name}" in Pod "${podRef(this.pod, this.st.uid)}" failed - error: ${detail}, message: ${JSON.stringify(this.hookOut)}`
      : `HTTP lifecycle hook (${sp?.lifecycle?.postStart?.httpGet?.path ?? "/"}) for Container "${c.name}" in Pod "${podRef(this.pod, this.st.uid)}" failed - error: ${detail}`;
    this.event(t, "Warning", "FailedPostStartHook", msg, c);
    this.startKill(c, t, "postStart", this.pod.spec?.terminationGracePeriodSeconds ?? 30);
  }

  startKill(c: ContainerSim, t: number, why: "delete" | "liveness" | "startup" | "postStart", graceSeconds: number): void {
    if (c.kill) return;
    const msg = why === "liveness" ? `Container ${c.name} failed liveness probe, will be restarted`
      : why === "startup" ? `Container ${c.name} failed startup probe, will be restarted`
      : why === "postStart" ? `FailedPostStartHook` : `Stopping container ${c.name}`;
    this.event(t, "Normal", "Killing", msg, c);
    c.kill = { why, startedAt: t, deadline: t + Math.max(0, graceSeconds) * 1000 };
    c.postStart = undefined;
    const pre = this.spec(c)?.lifecycle?.preStop;
    if (pre?.exec?.command?.length && graceSeconds > 0) {
      this.hookOut = "";
      const ctx = this.hookCtx(c, t);
      const found = lookupExecutable(ctx.fs, pre.exec.command, ctx.env, ctx.cwd);
      if (found.ok) c.kill.preStop = startProgram(found.impl, found.argv, { ...ctx, argv: found.argv });
      else this.event(t, "Warning", "FailedPreStopHook", `PreStopHook failed`, c);
    } else if (pre?.httpGet) {
      const r = runHandler(this.st, this.env, c, this.spec(c), { httpGet: pre.httpGet }, t, 1);
      if (!r.ok) this.event(t, "Warning", "FailedPreStopHook", `PreStopHook failed`, c);
    } else if (pre?.sleep) {
      c.kill.preStop = { argv: ["sleep"], impl: "sleep", env: {}, cwd: "/", data: null, untilMs: t + pre.sleep.seconds * 1000 };
    }
    // nothing runs before SIGTERM: it goes out in this same sync, not at the next wake-up
    if (!c.kill.preStop || c.kill.preStop.exitCode !== undefined) c.kill.termAt = t;
  }

  finish(c: ContainerSim, t: number, exitCode: number, reason?: string, signal?: number): void {
    // a probe kill and its restart happen in one kubelet sync, which sees the container still
    // running: no back-off applies (kuberuntime doBackOff only looks at exited containers)
    const probeKill = c.kill?.why === "liveness" || c.kill?.why === "startup";
    c.phase = "terminated";
    c.terminated = {
      exitCode,
      reason: reason ?? (exitCode === 0 ? "Completed" : "Error"),
      startedAt: c.startedAt ?? t,
      finishedAt: t,
      containerID: c.containerID ?? "",
    };
    for (const [port, l] of Object.entries(this.st.listeners)) if (l.container === c.name) delete this.st.listeners[port];
    c.proc = undefined;
    c.kill = undefined;
    c.postStart = undefined;
    c.oom = false;
    c.stopRequest = undefined;
    c.console = undefined;
    c.probes = {};
    c.ready = false;
    c.started = false;
    c.waiting = undefined;
    if (!this.st.deletion && this.wouldRestart(c, exitCode)) {
      c.action = "retry";
      c.actionAt = t;
      if (probeKill) c.restartNow = true;
    }
  }

  wouldRestart(c: ContainerSim, exitCode: number): boolean {
    const policy = this.pod.spec?.restartPolicy ?? "Always";
    const failed = exitCode !== 0;
    return c.init ? failed && policy !== "Never" : policy === "Always" || (policy === "OnFailure" && failed);
  }

  // ---- probes --------------------------------------------------------------------------

  armProbes(c: ContainerSim, t: number): void {
    const sp = this.spec(c);
    const start = c.startedAt ?? t;
    c.probes = {};
    const kinds: Array<[ProbeKind, typeof sp extends undefined ? never : unknown]> = [["startup", sp?.startupProbe], ["liveness", sp?.livenessProbe], ["readiness", sp?.readinessProbe]];
    for (const [kind, p] of kinds) {
      if (!p || typeof p !== "object") continue;
      const timing = probeTiming(p as NonNullable<Container["livenessProbe"]>);
      c.probes[kind] = { nextAt: Math.max(t, firstProbeAt(start, timing)), successes: 0, failures: 0, result: "unknown" };
    }
    c.started = !sp?.startupProbe;
    if (!sp?.readinessProbe) c.ready = c.started && !c.init;
  }

  runProbes(c: ContainerSim, t: number): void {
    const sp = this.spec(c);
    const label = { startup: "Startup", liveness: "Liveness", readiness: "Readiness" } as const;
    for (const kind of ["startup", "liveness", "readiness"] as const) {
      const p = c.probes[kind];
      const probe = kind === "startup" ? sp?.startupProbe : kind === "liveness" ? sp?.livenessProbe : sp?.readinessProbe;
      if (!p || !probe || p.nextAt > t) continue;
      const timing = probeTiming(probe);
      p.nextAt += timing.periodMs;
      if (kind === "startup" && c.started) { delete c.probes.startup; continue; }
      if (kind !== "startup" && !c.started) continue;
      const r = runHandler(this.st, this.env, c, sp, probe, t, timing.timeoutS);
      if (r.ok) {
        // counted only up to what the threshold needs: a long run of passes is one state, not many
        p.successes = Math.min(p.successes + 1, kind === "readiness" ? timing.successThreshold : 1);
        p.failures = 0;
        if (p.successes >= (kind === "readiness" ? timing.successThreshold : 1)) p.result = "success";
        if (kind === "startup" && p.result === "success") {
          c.started = true;
          delete c.probes.startup;
          if (!sp?.readinessProbe) c.ready = true;
        }
        if (kind === "readiness" && p.result === "success") c.ready = true;
        continue;
      }
      p.failures++;
      p.successes = 0;
      this.event(t, "Warning", "Unhealthy", `${label[kind]} probe failed: ${r.output}`, c);
      if (p.failures < timing.failureThreshold) continue;
      p.result = "failure";
      if (kind === "readiness") { c.ready = false; continue; }
      const grace = probe.terminationGracePeriodSeconds ?? this.pod.spec?.terminationGracePeriodSeconds ?? 30;
      this.startKill(c, t, kind, grace);
      return;
    }
  }

  // ---- starting containers --------------------------------------------------------------

  startContainers(t: number): void {
    const st = this.st;
    const policy = this.pod.spec?.restartPolicy ?? "Always";
    const inits = st.containers.filter((c) => c.init);
    for (const c of inits) {
      if (c.phase === "terminated" && c.terminated?.exitCode === 0) continue;
      if (c.phase === "terminated" && policy === "Never") return;
      this.drive(c, t);
      return;
    }
    let busy = false;
    for (const c of st.containers.filter((x) => !x.init)) {
      const firstStart = c.phase === "waiting" && !c.containerID && c.restartCount === 0 && !c.lastTerminated;
      if (busy && firstStart) continue;
      this.drive(c, t);
      if (c.action === "pull" || c.action === "create" || c.action === "start" || c.postStart) busy = true;
    }
  }

  /** Moves one container along: begin, pull, create, start, restart. */
  drive(c: ContainerSim, t: number): void {
    if (c.phase === "running") return;
    if (c.phase === "waiting" && c.action === undefined && !c.noted?.includes("stuck")) {
      this.begin(c, t);
      return;
    }
    if (c.actionAt === undefined || c.actionAt > t) return;
    const action = c.action;
    c.action = undefined;
    c.actionAt = undefined;
    switch (action) {
      case "pull": return this.pullDone(c, t);
      case "pullBackOff": return this.pullBackOff(c, t);
      case "create": return this.create(c, t);
      case "start": return this.start(c, t);
      case "retry": return this.retry(c, t);
      default: return;
    }
  }

  private resolved(c: ContainerSim): ResolvedImage | undefined {
    const r = resolveImage(c.image);
    return r.ok ? r.image : undefined;
  }

  begin(c: ContainerSim, t: number): void {
    const r = resolveImage(c.image);
    if (!r.ok && r.reason === "InvalidImageName") {
      c.waiting = { reason: "InvalidImageName", message: r.message };
      c.noted = `${c.noted ?? ""}stuck`;
      this.event(t, "Warning", "InspectFailed", r.message, c);
      this.event(t, "Warning", "Failed", "Error: InvalidImageName", c);
      return;
    }
    const parsed = parseImageRef(c.image);
    const full = parsed.ok ? parsed.ref.full : c.image;
    c.imageFull = full;
    const policy = this.spec(c)?.imagePullPolicy ?? defaultPullPolicy(c.image);
    const present = this.images.images[full];
    if (policy === "Never" && !present) {
      const msg = `Container image "${c.image}" is not present with pull policy of Never`;
      c.waiting = { reason: "ErrImageNeverPull", message: msg };
      c.noted = `${c.noted ?? ""}stuck`;
      this.event(t, "Warning", "ErrImageNeverPull", msg, c);
      this.event(t, "Warning", "Failed", "Error: ErrImageNeverPull", c);
      return;
    }
    if (present && policy !== "Always") {
      this.event(t, "Normal", "Pulled", `Container image "${c.image}" already present on machine`, c);
      c.imageID = present.repoDigest;
      c.action = "create";
      c.actionAt = t + this.profile.createMs;
      return;
    }
    this.event(t, "Normal", "Pulling", `Pulling image "${c.image}"`, c);
    const size = r.ok ? r.image.sizeBytes : 0;
    const jitter = 1 + (this.rng() * 2 - 1) * this.profile.pullJitter;
    const transfer = present ? 0 : (size / this.profile.pullBytesPerSec) * 1000;
    c.pullStartedAt = t;
    c.action = "pull";
    c.actionAt = t + Math.max(1, Math.round((this.profile.pullBaseMs + transfer) * jitter));
  }

  pullDone(c: ContainerSim, t: number): void {
    const r = resolveImage(c.image);
    if (!r.ok) {
      c.pullFailures++;
      c.waiting = { reason: "ErrImagePull", message: r.message };
      this.event(t, "Warning", "Failed", `Failed to pull image "${c.image}": ${r.message}`, c);
      this.event(t, "Warning", "Failed", "Error: ErrImagePull", c);
      c.action = "pullBackOff";
      c.actionAt = t + this.profile.syncMs;
      return;
    }
    const img = r.image;
    const took = goDuration(Math.max(0, t - (c.pullStartedAt ?? t)));
    this.images.images[img.ref.full] = { id: img.id, repoDigest: img.repoDigest, size: img.sizeBytes, pulledAt: t };
    c.pullFailures = 0;
    c.imageID = img.repoDigest;
    this.event(t, "Normal", "Pulled", `Successfully pulled image "${c.image}" in ${took} (${took} including waiting). Image size: ${img.sizeBytes} bytes.`, c);
    c.action = "create";
    c.actionAt = t + this.profile.createMs;
  }

  pullBackOff(c: ContainerSim, t: number): void {
    const seconds = Math.min(MAX_BACKOFF_S, INITIAL_BACKOFF_S * 2 ** Math.max(0, c.pullFailures - 1));
    c.waiting = { reason: "ImagePullBackOff", message: `Back-off pulling image "${c.image}"` };
    this.event(t, "Normal", "BackOff", `Back-off pulling image "${c.image}"`, c);
    this.event(t, "Warning", "Failed", "Error: ImagePullBackOff", c);
    c.action = "retry";
    c.actionAt = t + seconds * 1000;
  }

  create(c: ContainerSim, t: number): void {
    if (c.containerID || c.lastTerminated || c.terminated) {
      if (c.terminated) c.lastTerminated = c.terminated;
      c.terminated = undefined;
    }
    if (c.containerID) c.restartCount++;
    c.containerID = randomHex(this.rng, 64);
    this.event(t, "Normal", "Created", `Created container ${c.name}`, c);
    c.action = "start";
    c.actionAt = t + this.profile.startMs;
  }

  start(c: ContainerSim, t: number): void {
    const image = this.resolved(c);
    if (!image) return;
    const sp = this.spec(c);
    // a new container: the image's files again, with the kubelet-managed ones
    c.layer = { base: image.fsKey, upper: {} };
    if (c.log.n || c.log.partial.out || c.log.partial.err || c.restartCount > 0) c.prevLog = c.log;
    c.log = emptyLog(c.containerID ?? `${c.name}-${c.restartCount}`);
    const ctx0 = this.logCtx(c, t);
    if (!ctx0) return;
    const fs = ctx0.fs;
    fs.writeFile("/etc/hosts", hostsFile(this.pod, this.env.podIP, this.clusterDomain), t);
    fs.writeFile("/etc/hostname", `${this.pod.spec?.hostname ?? this.pod.metadata.name ?? ""}\n`, t);
    fs.writeFile("/etc/resolv.conf", resolvConf(this.pod, this.clusterDomain, this.dnsServer), t);
    for (const m of sp?.volumeMounts ?? []) c.layer.upper[m.mountPath.replace(/\/+$/, "") || "/"] ??= { t: "d", mode: 0o755, mtime: t };
    const vars = containerEnv(this.env, c, image);
    const argv = containerArgv(this.env, c, image, vars);
    const ctx = { ...ctx0, env: vars };
    let found = lookupExecutable(fs, argv, vars, ctx.cwd);
    if (!found.ok && !image.known) found = { ok: true, impl: "generic-server", argv, path: argv[0] ?? "/app" };
    if (!found.ok || argv.length === 0) {
      const what = argv[0] ?? "";
      const why = found.ok ? "no command specified" : found.error === "noperm" ? `exec: "${what}": permission denied` : found.error === "isdir" ? `exec: "${what}": is a directory` : `exec: "${what}": executable file not found in $PATH`;
      const message = `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: ${why}: unknown`;
      this.event(t, "Warning", "Failed", `Error: ${message}`, c);
      c.phase = "terminated";
      c.startedAt = undefined;
      c.terminated = { exitCode: 128, reason: "StartError", message, startedAt: 0, finishedAt: t, containerID: c.containerID ?? "" };
      if (this.wouldRestart(c, 128)) {
        c.action = "retry";
        c.actionAt = t;
      }
      return;
    }
    this.event(t, "Normal", "Started", `Started container ${c.name}`, c);
    c.phase = "running";
    c.startedAt = t;
    c.waiting = undefined;
    c.ready = false;
    c.started = false;
    this.st.pids++;
    if (sp?.stdin && isInteractiveShell(found.argv)) {
      const { session, output } = openSession(found.argv, image, ctx, !!sp.tty);
      c.console = session;
      if (output) appendLog(c.log, "out", output, t);
      c.proc = { argv: found.argv, impl: found.impl, env: vars, cwd: ctx.cwd, data: { waitingForInput: true }, untilMs: null };
    } else {
      c.proc = startProgram(found.impl, found.argv, { ...ctx, argv: found.argv });
    }
    const post = sp?.lifecycle?.postStart;
    if (post?.exec?.command?.length) {
      this.hookOut = "";
      const hctx = this.hookCtx(c, t);
      const hf = lookupExecutable(hctx.fs, post.exec.command, hctx.env, hctx.cwd);
      if (!hf.ok) {
        this.failPostStart(c, t, `rpc error: code = Unknown desc = failed to exec in container: failed to start exec: OCI runtime exec failed: exec failed: unable to start container process: exec: "${post.exec.command[0]}": executable file not found in $PATH: unknown`);
        return;
      }
      c.postStart = startProgram(hf.impl, hf.argv, { ...hctx, argv: hf.argv });
      if (c.postStart.exitCode !== undefined) {
        const code = c.postStart.exitCode;
        c.postStart = undefined;
        if (code !== 0) { this.failPostStart(c, t, `command '${post.exec.command.join(" ")}' exited with ${code}: ${this.hookOut}`); return; }
      } else return;
    } else if (post?.httpGet) {
      const r = runHandler(this.st, this.env, c, sp, { httpGet: post.httpGet }, t, 1);
      if (!r.ok) { this.failPostStart(c, t, r.output); return; }
    }
    this.armProbes(c, t);
  }

  retry(c: ContainerSim, t: number): void {
    if (c.phase === "waiting" && (c.waiting?.reason === "ImagePullBackOff" || c.waiting?.reason === "ErrImagePull")) {
      this.begin(c, t);
      return;
    }
    const policy = this.pod.spec?.restartPolicy ?? "Always";
    const term = c.terminated ?? c.lastTerminated;
    if (!term) return this.begin(c, t);
    void policy;
    if (c.phase === "terminated" && !this.wouldRestart(c, term.exitCode)) return;
    if (c.restartNow) {
      c.restartNow = undefined;
      c.lastTerminated = c.terminated;
      c.terminated = undefined;
      c.phase = "waiting";
      c.waiting = { reason: "ContainerCreating" };
      return this.begin(c, t);
    }
    // flowcontrol.Backoff keyed by container, measured from the last exit
    const finishedAt = term.finishedAt;
    const entry = c.backoff;
    const expired = (eventTime: number): boolean => !!entry && eventTime - entry.lastUpdate > 2 * MAX_BACKOFF_S * 1000;
    if (entry && !expired(t) && t - finishedAt < entry.seconds * 1000) {
      const backoffEnd = finishedAt + entry.seconds * 1000;
      if (c.phase === "terminated" && t < finishedAt + POD_WORKER_BACKOFF_MS) {
        // the kubelet notes the back-off now, but its status still shows the exit (OOMKilled,
        // Error, Completed) until the pod worker's next sync, backOffPeriod later
        this.event(t, "Warning", "BackOff", `Back-off restarting failed container ${c.name} in pod ${podRef(this.pod, this.st.uid)}`, c);
        c.action = "retry";
        c.actionAt = Math.min(finishedAt + POD_WORKER_BACKOFF_MS, backoffEnd);
        return;
      }
      if (c.phase === "terminated") {
        c.lastTerminated = c.terminated;
        c.terminated = undefined;
        c.phase = "waiting";
      }
      const wait = goDuration(entry.seconds * 1000);
      c.waiting = { reason: "CrashLoopBackOff", message: `back-off ${wait} restarting failed container=${c.name} pod=${podRef(this.pod, this.st.uid)}` };
      this.event(t, "Warning", "BackOff", `Back-off restarting failed container ${c.name} in pod ${podRef(this.pod, this.st.uid)}`, c);
      c.action = "retry";
      c.actionAt = finishedAt + entry.seconds * 1000;
      return;
    }
    c.backoff = !entry || expired(finishedAt) ? { seconds: INITIAL_BACKOFF_S, lastUpdate: finishedAt } : { seconds: Math.min(entry.seconds * 2, MAX_BACKOFF_S), lastUpdate: finishedAt };
    if (c.phase === "terminated") {
      c.lastTerminated = c.terminated;
      c.terminated = undefined;
      c.phase = "waiting";
      c.waiting = c.waiting ?? { reason: "ContainerCreating" };
    }
    this.begin(c, t);
  }
}

/** Advances one pod from its last step to `now`. */
export function stepPod(input: StepInput): StepResult {
  const st = input.state ? clone(input.state) : initialState(input.pod, input.now, input.profile);
  const images = clone(input.node.images);
  const volumes = clone(input.volumes ?? {});
  const env: PodEnv = {
    pod: input.pod,
    podIP: input.podIP,
    hostIP: input.node.hostIP,
    externalVolumes: volumes,
    volumeIds: input.volumeIds ?? {},
    extraEnv: input.env ?? {},
    serviceEnv: input.serviceEnv ?? { KUBERNETES_SERVICE_HOST: "10.96.0.1", KUBERNETES_SERVICE_PORT: "443", KUBERNETES_SERVICE_PORT_HTTPS: "443", KUBERNETES_PORT: "tcp://10.96.0.1:443", KUBERNETES_PORT_443_TCP: "tcp://10.96.0.1:443", KUBERNETES_PORT_443_TCP_PROTO: "tcp", KUBERNETES_PORT_443_TCP_PORT: "443", KUBERNETES_PORT_443_TCP_ADDR: "10.96.0.1" },
    network: input.network,
  };
  const k = new Kubelet(st, env, images, input.profile, input.rng, input.clusterDomain ?? "cluster.local", input.dnsServer ?? "10.96.0.10", input.now);
  const lazy = !input.eagerProbes;
  let t = Math.min(st.at, input.now);
  let spins = 0;
  let tried: string | undefined;
  for (let i = 0; i < 200000; i++) {
    k.sync(t);
    if (lazy) {
      // worth trying when the next other event or the set of passing probes changed
      const other = k.nextWake(false);
      const bound = Math.min(other ?? Infinity, input.now);
      const sig = `${bound}|${lazySignature(st, env, bound)}`;
      if (sig !== tried) {
        tried = sig;
        k.skipSteady(bound);
      }
    }
    const next = k.nextWake();
    if (next === null || next > input.now) {
      // nothing else falls due before now: one last sync at now sees what changed in the pod
      if (t >= input.now) break;
      t = input.now;
      continue;
    }
    // guard against a wake that never moves time forward
    spins = next <= t ? spins + 1 : 0;
    if (spins > 100) break;
    t = Math.max(t, next);
  }
  st.at = Math.max(st.at, input.now);
  const finished = !!st.deletion && st.containers.every((c) => c.phase !== "running");
  const dueAt = finished ? null : k.nextWake();
  let nextWakeAt = dueAt;
  if (lazy && dueAt !== null) {
    const steady = steadyProbes(st, env);
    if (steady.length) nextWakeAt = k.nextWake(new Set(steady.map((s) => s.p)));
  }
  return {
    state: st,
    status: buildStatus(st, input.pod, input.podIP, input.node.hostIP, input.now),
    events: k.events,
    nextWakeAt,
    dueAt,
    images,
    volumes,
    finished,
  };
}

export { isShellState };
