// The container runtime side: a container's filesystem view, environment, command line,
// the hooks its programs use, and how the pod answers HTTP/TCP on its ports.
import type { Container, Pod } from "../../api/kinds";
import { Vfs, type MountedLayer } from "../fs/vfs";
import type { FsLayer } from "../fs/types";
import { normalizePath } from "../fs/path";
import { imageBaseFs } from "../images/image-fs";
import { resolveImage, type ResolvedImage } from "../images/catalog";
import type { CmdContext, HttpAnswer, NetworkApi, SystemHooks } from "../shell/types";
import { parseQuantity } from "../processes/quantity";
import { nginxServe } from "../processes/nginx";
import { appendLog } from "./logs";
import { countHttp, podInterfaces, podListeners, podRoutes } from "./net-hooks";
import type { ContainerSim, PodSimState } from "./types";

export interface PodEnv {
  pod: Pod;
  podIP: string;
  hostIP: string;
  externalVolumes: Record<string, FsLayer>;
  volumeIds: Record<string, string>;
  extraEnv: Record<string, Record<string, string>>;
  serviceEnv: Record<string, string>;
  network?: NetworkApi;
}

export function specOf(pod: Pod, c: ContainerSim): Container | undefined {
  const list = c.init ? pod.spec?.initContainers : pod.spec?.containers;
  return list?.find((x) => x.name === c.name);
}

export function imageOf(c: ContainerSim): ResolvedImage | undefined {
  const r = resolveImage(c.image);
  return r.ok ? r.image : undefined;
}

function volumeLayer(st: PodSimState, env: PodEnv, name: string): FsLayer {
  const id = env.volumeIds[name];
  if (id !== undefined) {
    env.externalVolumes[id] ??= { upper: {} };
    return env.externalVolumes[id];
  }
  st.volumes[name] ??= { upper: {} };
  return st.volumes[name];
}

export function containerFs(st: PodSimState, env: PodEnv, c: ContainerSim): Vfs {
  const spec = specOf(env.pod, c);
  const mounts: MountedLayer[] = (spec?.volumeMounts ?? []).map((m) => ({
    path: normalizePath(m.mountPath),
    layer: volumeLayer(st, env, m.name),
    readOnly: m.readOnly,
    subPath: m.subPath,
  }));
  return new Vfs(c.layer, mounts, imageBaseFs);
}

/** `$(VAR)` references in command and args, expanded by the kubelet from the container env. */
function expandRefs(s: string, env: Record<string, string>): string {
  return s.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (m, name: string | undefined) => (m === "$$" ? "$" : name !== undefined && env[name] !== undefined ? env[name] : m));
}

/** a pod on the host's network keeps the node's UTS namespace, and so its hostname */
function podHostname(pod: PodEnv["pod"]): string {
  if (pod.spec?.hostNetwork && pod.spec.nodeName) return pod.spec.nodeName;
  return pod.spec?.hostname ?? pod.metadata.name ?? "";
}

export function containerEnv(env: PodEnv, c: ContainerSim, image: ResolvedImage): Record<string, string> {
  const spec = specOf(env.pod, c);
  const out: Record<string, string> = { ...image.env, HOSTNAME: podHostname(env.pod), ...env.serviceEnv };
  for (const e of spec?.env ?? []) if (e.value !== undefined || !e.valueFrom) out[e.name] = expandRefs(e.value ?? "", out);
  Object.assign(out, env.extraEnv[c.name] ?? {});
  out.HOME ??= "/root";
  return out;
}

export function containerArgv(env: PodEnv, c: ContainerSim, image: ResolvedImage, vars: Record<string, string>): string[] {
  const spec = specOf(env.pod, c);
  const command = spec?.command ?? image.entrypoint;
  const args = spec?.args ?? (spec?.command ? [] : image.cmd);
  return [...command, ...args].map((s) => expandRefs(s, vars));
}

export function memoryLimit(env: PodEnv, c: ContainerSim): number | undefined {
  const v = specOf(env.pod, c)?.resources?.limits?.memory;
  return parseQuantity(v as string | number | undefined);
}

/** The node's side of the pod network as seen from the pod: its gateway address. */
export function gatewayOf(podIP: string): string {
  const parts = podIP.split(".");
  return parts.length === 4 ? `${parts[0]}.${parts[1]}.${parts[2]}.1` : podIP;
}

/** Answers an HTTP GET on one of the pod's ports, writing the server's logs. */
export function podHttp(st: PodSimState, env: PodEnv, port: number, path: string, opts: { now: number; clientIP: string; host: string; userAgent: string }): HttpAnswer {
  const l = st.listeners[String(port)];
  if (!l) return { ok: false, error: "refused" };
  const c = st.containers.find((x) => x.name === l.container);
  if (!c) return { ok: false, error: "refused" };
  if (l.kind === "nginx") {
    const fs = containerFs(st, env, c);
    const cfg = { root: String(l.config.root ?? "/usr/share/nginx/html"), index: Array.isArray(l.config.index) ? (l.config.index as string[]) : ["index.html"] };
    const r = nginxServe(fs, cfg, { path, host: opts.host, clientIP: opts.clientIP, userAgent: opts.userAgent, now: opts.now, version: imageOf(c)?.version ?? "1.15.12" });
    writeServerLog(fs, c, "/var/log/nginx/access.log", "out", r.accessLog, opts.now);
    if (r.errorLog) writeServerLog(fs, c, "/var/log/nginx/error.log", "err", r.errorLog, opts.now);
    return { ok: true, status: r.status, body: r.body, headers: r.headers };
  }
  if (l.kind === "mysql") return { ok: false, error: "reset" };
  return { ok: true, status: 200, body: "OK\n", headers: { "Content-Type": "text/plain" } };
}

function writeServerLog(fs: Vfs, c: ContainerSim, file: string, stream: "out" | "err", line: string, now: number): void {
  const target = fs.resolve(file);
  if (target === "/dev/stdout" || target === "/dev/stderr") appendLog(c.log, target === "/dev/stdout" ? "out" : stream, `${line}\n`, now);
  else fs.writeFile(target, `${line}\n`, now, true);
}

export function podTcp(st: PodSimState, port: number): boolean {
  return st.listeners[String(port)] !== undefined;
}

/** Hooks a program in container `c` uses; `mainImpl` lets `nginx -s stop` end PID 1. */
export function systemHooks(st: PodSimState, env: PodEnv, c: ContainerSim, image: ResolvedImage, now: number): SystemHooks {
  const spec = specOf(env.pod, c);
  return {
    hostname: podHostname(env.pod),
    podIP: env.podIP,
    image,
    containerName: c.name,
    memoryLimitBytes: memoryLimit(env, c),
    declaredPorts: (spec?.ports ?? []).map((p) => p.containerPort),
    bind(port, kind, config) {
      if (st.listeners[String(port)]) return false;
      st.listeners[String(port)] = { port, container: c.name, kind, config: config as Record<string, unknown> };
      return true;
    },
    ownListeners(kind) {
      return Object.values(st.listeners).filter((l) => l.container === c.name && l.kind === kind).map((l) => l.port);
    },
    unbind(port) {
      delete st.listeners[String(port)];
    },
    stopMain(impl, exitCode) {
      if (c.phase !== "running" || c.proc?.impl !== impl) return false;
      c.stopRequest = { exitCode, at: now };
      return true;
    },
    processes() {
      const argv = c.proc?.argv ?? [];
      const list = [{ pid: 1, user: "root", cmd: argv.join(" ") }];
      for (const l of Object.values(st.listeners)) if (l.container === c.name && l.kind === "nginx" && c.proc?.impl !== "nginx") list.push({ pid: 7, user: "root", cmd: "nginx: master process nginx" });
      list.push({ pid: 30 + (st.pids % 200), user: "root", cmd: "ps" });
      return list;
    },
    oomKill() {
      c.oom = true;
    },
    network: env.network,
    kernelTables: env.network?.kernelTables,
    localHttp(port, path, now) {
      const opts = { now, clientIP: "127.0.0.1", host: `localhost:${port}`, userAgent: "curl/7.88.1" };
      const answer = podHttp(st, env, port, path, opts);
      countHttp(st, true, path, opts, answer);
      return answer;
    },
    // a hostNetwork pod would see the node's devices, which the kubelet does not know: it gets the pod view too
    // a pod on the host's network shares the node's namespace: its interfaces, routes and sockets
    netInterfaces: () => env.network?.host?.().interfaces ?? podInterfaces(st, env.podIP),
    netRoutes: () => env.network?.host?.().routes ?? podRoutes(),
    listeners: () => env.network?.host?.().listeners ?? podListeners(st, c, (owner) => containerFs(st, env, owner)),
  };
}

/** A command context for a program in container `c` whose output goes to `out`/`err`. */
export function commandContext(st: PodSimState, env: PodEnv, c: ContainerSim, now: number, out: (s: string) => void, err: (s: string) => void, extra: Partial<CmdContext> = {}): CmdContext | undefined {
  const image = imageOf(c);
  if (!image) return undefined;
  const vars = containerEnv(env, c, image);
  return {
    argv: [],
    env: vars,
    cwd: specOf(env.pod, c)?.workingDir ?? image.workingDir,
    stdin: "",
    now,
    fs: containerFs(st, env, c),
    out,
    err,
    sys: systemHooks(st, env, c, image, now),
    dialect: "ash",
    ...extra,
  };
}
