// The glue between stored pods and the simulated node: gathers what a kubelet would see (node, pod IP,
// volumes, env), runs one pure kubelet step, and writes back status, events and simulation state.
import type { ConfigMap, KubeObject, Node, Pod, PersistentVolumeClaim, Secret, Service } from "../api/kinds";
import { resourceByKey } from "../api/registry";
import { ApiError } from "../api/status";
import { allocatePodIP } from "../netsim/allocation";
import { stepPod, profileByName, type NodeImages, type PodSimState, type ExecEnvInput } from "../sim/kubelet";
import { upgradeLogs, type LogSource } from "../sim/kubelet/logs";
import type { FsLayer } from "../sim/fs/types";
import type { NetworkApi } from "../sim/shell/types";
import { seededRng } from "../sim/random";
import { fnv1a } from "../util/hash";
import type { ObjectStore } from "../store/object-store";
import { recordEvent } from "./events";
import type { SimStore } from "./sim-store";
import { PodLogs } from "./pod-logs";

export interface KubeletDeps {
  store: ObjectStore;
  sim: SimStore;
  now(): number;
  profile(): string;
  schedule(key: string, due: number): void;
  network?(pod: Pod): NetworkApi | undefined;
  /** the pod's simulated state moved (log followers and attached clients look again) */
  synced?(uid: string): void;
  /** someone follows the pod's logs live: its probes' periods must not wait */
  watched?(uid: string): boolean;
}

interface PodRecord {
  state: PodSimState;
  podIP: string;
  node: string;
  /** namespace/name, to step the pod when it is looked at */
  key?: string;
  /** when something (a probe period the alarm was not set for, included) is next due */
  dueAt?: number | null;
}

interface Ipam {
  used: Record<string, string>;
  last?: string;
}

export function podKey(pod: KubeObject): string {
  return `${pod.metadata.namespace ?? "default"}/${pod.metadata.name ?? ""}`;
}

function hostIP(node: Node): string {
  return node.status?.addresses?.find((a) => a.type === "InternalIP")?.address ?? "";
}


export class KubeletHost {
  private readonly logs: PodLogs;
  private syncing = 0;

  constructor(private readonly d: KubeletDeps) {
    this.logs = new PodLogs(d.sim);
  }

  /** a pod changed: its kubelet should look at it now */
  notice(pod: Pod): void {
    if (pod.spec?.nodeName) this.d.schedule(podKey(pod), this.d.now());
  }

  private stored(uid: string): PodRecord | undefined {
    const rec = this.d.sim.get<PodRecord>(`pod:${uid}`);
    if (rec) upgradeLogs(rec.state);
    return rec;
  }

  /**
   * The pod's simulated state as of now, for anything that reads it or acts on it from outside
   * (logs, exec, traffic): probe periods its alarm skipped are run first, so their log lines and
   * their effects come before what happens now, as they would have.
   */
  record(uid: string): PodRecord | undefined {
    const rec = this.stored(uid);
    if (!rec?.key || this.syncing > 0 || rec.dueAt === undefined || rec.dueAt === null) return rec;
    const now = this.d.now();
    if (rec.dueAt > now || rec.state.at >= now) return rec;
    this.sync(rec.key);
    return this.stored(uid);
  }

  /** reads the stored lines of the pod's logs */
  logSource(uid: string): LogSource {
    return this.logs.source(uid);
  }

  /** one kubelet sync of one pod */
  sync(key: string): void {
    const [namespace, name] = key.split("/");
    const pod = this.d.store.get<Pod>("/pods", namespace, name);
    if (!pod?.spec?.nodeName) return;
    const node = this.d.store.get<Node>("/nodes", undefined, pod.spec.nodeName);
    if (!node) return;
    const uid = pod.metadata.uid ?? "";
    const now = this.d.now();
    this.syncing++;
    try {
      this.step(key, pod, node, uid, now);
    } finally {
      this.syncing--;
    }
  }

  private step(key: string, pod: Pod, node: Node, uid: string, now: number): void {
    const [namespace, name] = key.split("/");
    const rec = this.stored(uid);
    const podIP = rec?.podIP ?? (pod.spec?.hostNetwork ? hostIP(node) : this.allocateIP(node, uid));
    const imagesKey = `images:${node.metadata.name}`;
    const images = this.d.sim.get<NodeImages>(imagesKey) ?? { images: {} };
    const inputs = this.inputs(pod, node, podIP);
    const result = stepPod({
      state: rec?.state,
      pod,
      node: { name: node.metadata.name ?? "", hostIP: hostIP(node), images },
      podIP,
      now,
      rng: seededRng(fnv1a(`${uid}:${now}`)),
      profile: profileByName(this.d.profile()),
      volumes: inputs.volumes,
      volumeIds: inputs.volumeIds,
      env: inputs.env,
      serviceEnv: inputs.serviceEnv,
      network: inputs.network,
      eagerProbes: this.d.watched?.(uid) ?? false,
    });
    this.logs.save(uid, rec?.state, result.state);
    this.d.sim.put(`pod:${uid}`, { state: result.state, podIP, node: node.metadata.name ?? "", key, dueAt: result.dueAt } satisfies PodRecord);
    this.d.sim.put(imagesKey, result.images);
    this.saveVolumes(inputs.volumeIds, result.volumes);
    for (const e of result.events) {
      recordEvent(this.d.store, { involved: pod, type: e.type, reason: e.reason, message: e.message, component: "kubelet", host: node.metadata.name, fieldPath: e.fieldPath }, e.time);
    }
    const def = resourceByKey("/pods");
    if (!def) return;
    if (result.finished) {
      this.forget(pod);
      this.d.synced?.(uid);
      try {
        this.d.store.delete(def, namespace, name, { gracePeriodSeconds: 0, preconditions: { uid } });
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
      }
      return;
    }
    if (JSON.stringify(result.status) !== JSON.stringify(pod.status)) {
      this.d.store.update(def, { ...pod, status: result.status } as KubeObject, { subresource: "status" });
    }
    if (result.nextWakeAt !== null) this.d.schedule(key, Math.max(result.nextWakeAt, now));
    this.d.synced?.(uid);
  }

  /** the pod is gone from the API: drop its process state and give back its IP */
  forget(pod: Pod): void {
    const uid = pod.metadata.uid ?? "";
    const rec = this.stored(uid);
    if (!rec) return;
    this.logs.forget(uid, rec.state);
    this.d.sim.delete(`pod:${uid}`);
    const ipam = this.d.sim.get<Ipam>(`ipam:${rec.node}`);
    if (ipam && ipam.used[rec.podIP] === uid) {
      delete ipam.used[rec.podIP];
      this.d.sim.put(`ipam:${rec.node}`, ipam);
    }
  }

  private allocateIP(node: Node, uid: string): string {
    const key = `ipam:${node.metadata.name}`;
    const ipam = this.d.sim.get<Ipam>(key) ?? { used: {} };
    const ip = allocatePodIP(node.spec?.podCIDR ?? "10.244.0.0/24", new Set(Object.keys(ipam.used)), ipam.last) ?? "";
    ipam.used[ip] = uid;
    ipam.last = ip;
    this.d.sim.put(key, ipam);
    return ip;
  }

  /** what exec and attach need besides the pod's state */
  execInput(pod: Pod, rec: PodRecord): ExecEnvInput {
    const node = this.d.store.get<Node>("/nodes", undefined, rec.node);
    const inputs = this.inputs(pod, node, rec.podIP);
    return { pod, podIP: rec.podIP, hostIP: node ? hostIP(node) : "", now: this.d.now(), ...inputs };
  }

  saveAfterExec(pod: Pod, rec: PodRecord, state: PodSimState, volumes: Record<string, FsLayer>, wakeAt?: number): void {
    const uid = pod.metadata.uid ?? "";
    this.logs.save(uid, this.stored(uid)?.state, state);
    // what changed may change a probe's answer: the sync this schedules decides when it next runs
    this.d.sim.put(`pod:${uid}`, { ...rec, state, dueAt: this.d.now() });
    this.saveVolumes(this.inputs(pod, undefined, rec.podIP).volumeIds, volumes);
    this.d.schedule(podKey(pod), wakeAt ?? this.d.now());
  }

  private saveVolumes(volumeIds: Record<string, string>, volumes: Record<string, FsLayer>): void {
    for (const id of new Set(Object.values(volumeIds))) {
      if (id.startsWith("pv:") && volumes[id]) this.d.sim.put(`vol:${id}`, volumes[id]);
    }
  }

  private inputs(pod: Pod, node: Node | undefined, podIP: string) {
    const ns = pod.metadata.namespace ?? "default";
    const volumes: Record<string, FsLayer> = {};
    const volumeIds: Record<string, string> = {};
    for (const v of pod.spec?.volumes ?? []) {
      if (v.persistentVolumeClaim) {
        const pvc = this.d.store.get<PersistentVolumeClaim>("/persistentvolumeclaims", ns, v.persistentVolumeClaim.claimName);
        const pv = pvc?.spec?.volumeName;
        if (!pv) continue;
        const id = `pv:${pv}`;
        volumeIds[v.name] = id;
        volumes[id] = this.d.sim.get<FsLayer>(`vol:${id}`) ?? { upper: {} };
      } else if (v.configMap || v.secret) {
        const id = v.configMap ? `cm:${ns}/${v.configMap.name}` : `secret:${ns}/${v.secret?.secretName}`;
        volumeIds[v.name] = id;
        volumes[id] = this.projection(ns, v.configMap ? "configmap" : "secret", v.configMap?.name ?? v.secret?.secretName ?? "");
      } else if (v.hostPath) {
        const id = `host:${pod.spec?.nodeName}:${v.hostPath.path}`;
        volumeIds[v.name] = id;
        volumes[id] = this.d.sim.get<FsLayer>(`vol:${id}`) ?? { upper: {} };
      }
    }
    return { volumes, volumeIds, env: this.env(pod, node, podIP), serviceEnv: this.serviceEnv(pod), network: this.d.network?.(pod) };
  }

  private projection(ns: string, kind: "configmap" | "secret", name: string): FsLayer {
    const upper: FsLayer["upper"] = {};
    const mtime = this.d.now();
    if (kind === "configmap") {
      const cm = this.d.store.get<ConfigMap>("/configmaps", ns, name);
      for (const [k, v] of Object.entries(cm?.data ?? {})) upper[`/${k}`] = { t: "f", mode: 0o644, mtime, data: v };
    } else {
      const s = this.d.store.get<Secret>("/secrets", ns, name);
      for (const [k, v] of Object.entries(s?.data ?? {})) upper[`/${k}`] = { t: "f", mode: 0o644, mtime, data: decodeBase64(v) };
      for (const [k, v] of Object.entries(s?.stringData ?? {})) upper[`/${k}`] = { t: "f", mode: 0o644, mtime, data: v };
    }
    return { upper };
  }

  /** env values that come from elsewhere: the downward API, ConfigMaps and Secrets */
  private env(pod: Pod, node: Node | undefined, podIP: string): Record<string, Record<string, string>> {
    const ns = pod.metadata.namespace ?? "default";
    const out: Record<string, Record<string, string>> = {};
    const field = (path: string): string => {
      switch (path) {
        case "metadata.name": return pod.metadata.name ?? "";
        case "metadata.namespace": return ns;
        case "metadata.uid": return pod.metadata.uid ?? "";
        case "spec.nodeName": return pod.spec?.nodeName ?? "";
        case "spec.serviceAccountName": return pod.spec?.serviceAccountName ?? "default";
        case "status.podIP": return podIP;
        case "status.hostIP": return node ? hostIP(node) : "";
        default: {
          const m = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
          if (m) return (m[1] === "labels" ? pod.metadata.labels : pod.metadata.annotations)?.[m[2]] ?? "";
          return "";
        }
      }
    };
    for (const c of [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]) {
      const vars: Record<string, string> = {};
      for (const from of c.envFrom ?? []) {
        if (from.configMapRef) {
          const cm = this.d.store.get<ConfigMap>("/configmaps", ns, from.configMapRef.name ?? "");
          for (const [k, v] of Object.entries(cm?.data ?? {})) vars[(from.prefix ?? "") + k] = v;
        }
        if (from.secretRef) {
          const s = this.d.store.get<Secret>("/secrets", ns, from.secretRef.name ?? "");
          for (const [k, v] of Object.entries(s?.data ?? {})) vars[(from.prefix ?? "") + k] = decodeBase64(v);
        }
      }
      for (const e of c.env ?? []) {
        const vf = e.valueFrom;
        if (!vf) continue;
        if (vf.fieldRef) vars[e.name] = field(vf.fieldRef.fieldPath);
        else if (vf.configMapKeyRef) vars[e.name] = this.d.store.get<ConfigMap>("/configmaps", ns, vf.configMapKeyRef.name ?? "")?.data?.[vf.configMapKeyRef.key] ?? "";
        else if (vf.secretKeyRef) {
          const raw = this.d.store.get<Secret>("/secrets", ns, vf.secretKeyRef.name ?? "")?.data?.[vf.secretKeyRef.key];
          vars[e.name] = raw ? decodeBase64(raw) : "";
        } else if (vf.resourceFieldRef) vars[e.name] = "0";
      }
      out[c.name] = vars;
    }
    return out;
  }

  /** the docker-link style variables of every Service in the pod's namespace, plus the API server's */
  private serviceEnv(pod: Pod): Record<string, string> {
    const env: Record<string, string> = { KUBERNETES_SERVICE_HOST: "10.96.0.1", KUBERNETES_SERVICE_PORT: "443", KUBERNETES_SERVICE_PORT_HTTPS: "443", KUBERNETES_PORT: "tcp://10.96.0.1:443", KUBERNETES_PORT_443_TCP: "tcp://10.96.0.1:443", KUBERNETES_PORT_443_TCP_PROTO: "tcp", KUBERNETES_PORT_443_TCP_PORT: "443", KUBERNETES_PORT_443_TCP_ADDR: "10.96.0.1" };
    if (pod.spec?.enableServiceLinks === false) return env;
    for (const svc of this.d.store.list<Service>("/services", pod.metadata.namespace ?? "default")) {
      const ip = svc.spec?.clusterIP;
      if (!ip || ip === "None" || svc.metadata.name === "kubernetes") continue;
      const prefix = (svc.metadata.name ?? "").toUpperCase().replace(/-/g, "_");
      const ports = svc.spec?.ports ?? [];
      if (!ports.length) continue;
      env[`${prefix}_SERVICE_HOST`] = ip;
      env[`${prefix}_SERVICE_PORT`] = String(ports[0].port);
      for (const p of ports) {
        const proto = (p.protocol ?? "TCP").toLowerCase();
        if (p.name) env[`${prefix}_SERVICE_PORT_${p.name.toUpperCase().replace(/-/g, "_")}`] = String(p.port);
        const base = `${prefix}_PORT_${p.port}_${proto.toUpperCase()}`;
        env[base] = `${proto}://${ip}:${p.port}`;
        env[`${base}_PROTO`] = proto;
        env[`${base}_PORT`] = String(p.port);
        env[`${base}_ADDR`] = ip;
      }
      env[`${prefix}_PORT`] = `${(ports[0].protocol ?? "TCP").toLowerCase()}://${ip}:${ports[0].port}`;
    }
    return env;
  }
}

function decodeBase64(v: string): string {
  try {
    return new TextDecoder().decode(Uint8Array.from(atob(v), (ch) => ch.charCodeAt(0)));
  } catch {
    return "";
  }
}
