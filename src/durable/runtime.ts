// Runs what falls due on the cluster clock: controller reconciles, the scheduler, simulated kubelets
// and the cluster's own expiry. Everything is a timer in the persisted queue, so it survives restarts.
import type { KubeObject, Lease, Pod } from "../api/kinds";
import { RESOURCES, resourceByKey } from "../api/registry";
import { resourceKey } from "../api/define";
import { ApiError, badRequest, conflict, notFound } from "../api/status";
import type { Change } from "../store/types";
import type { ObjectStore } from "../store/object-store";
import { createControllers, keysFor, type ControllerEntry, type ControllerOptions } from "../reconcile";
import type { Action, ClusterView, ObjectRef, ReconcileContext } from "../reconcile/types";
import { seededRng } from "../sim/random";
import type { KubeContext } from "../routes/kube/resources";
import { respond } from "../routes/kube/resources";
import type { ResourceRequest } from "../routes/kube/request-info";
import { podExecOrAttach, podLog, type PodStreamDeps } from "../routes/kube/pod-streams";
import { recordEvent } from "./events";
import { KubeletHost } from "./kubelet-host";
import { NetworkHost } from "./network-host";
import type { SimStore } from "./sim-store";
import type { ClusterClock } from "./clock";
import type { TimerQueue } from "./timers";

/** timer executions per call before yielding to the alarm */
const BUDGET = 20_000;
/** how soon a reconcile that hit a conflict runs again */
const CONFLICT_RETRY_MS = 100;
const LEASE_RENEW_MS = 10_000;

export interface RuntimeHost {
  readonly store: ObjectStore;
  readonly clock: ClusterClock;
  readonly timers: TimerQueue;
  readonly sim: SimStore;
  profile(): string;
  /** re-arm the alarm after work done outside a request (WebSocket frames of exec/attach) */
  armAlarm?(): Promise<void>;
}

export class Runtime {
  private running = false;
  private readonly controllers: ControllerEntry[];
  private readonly byName: Map<string, ControllerEntry>;
  private readonly options: ControllerOptions;
  readonly kubelet: KubeletHost;
  readonly network: NetworkHost;
  private readonly view: ClusterView;
  private readonly logWatchers = new Map<string, Set<() => void>>();

  constructor(private readonly host: RuntimeHost) {
    this.options = { resources: RESOURCES.map(resourceKey), namespacedResources: RESOURCES.filter((r) => r.namespaced).map(resourceKey) };
    this.controllers = createControllers(this.options);
    this.byName = new Map(this.controllers.map((c) => [c.name, c]));
    this.view = {
      get: (resource, namespace, name) => host.store.get(resource, namespace, name),
      list: (resource, namespace) => host.store.list(resource, namespace),
    };
    this.kubelet = new KubeletHost({
      store: host.store,
      sim: host.sim,
      now: () => host.clock.now(),
      profile: () => host.profile(),
      schedule: (key, due) => host.timers.schedule("kubelet", key, due),
      synced: (uid) => this.notifyLogWatchers(uid),
      watched: (uid) => this.logWatchers.has(uid),
      network: (pod) => this.network.api(pod),
    });
    this.network = new NetworkHost({
      store: host.store,
      sim: host.sim,
      kubelet: this.kubelet,
      now: () => host.clock.now(),
      schedule: (key, due) => host.timers.schedule("netsim", key, due),
    });
  }

  onChange(change: Change): void {
    const now = this.host.clock.now();
    if (change.resource === "/pods") {
      const pod = change.object as Pod;
      if (change.type === "DELETED") this.kubelet.forget(pod);
      else this.kubelet.notice(pod);
      this.notifyLogWatchers(pod.metadata.uid ?? "");
    }
    this.network.onChange(change);
    const work = keysFor({ resource: change.resource, object: change.object, old: change.old, deleted: change.type === "DELETED" }, this.view, this.options);
    for (const w of work) this.host.timers.schedule(`rc:${w.controller}`, JSON.stringify(w.key), now);
  }

  afterWrite(): void {
    if (this.running) return;
    this.runDue(this.host.clock.now());
  }

  /** run timers due up to `target` in order, moving the clock to each */
  runDue(target: number): void {
    if (this.running) return;
    this.running = true;
    try {
      for (let i = 0; i < BUDGET; i++) {
        const t = this.host.timers.popDue(target);
        if (!t) break;
        if (t.due > this.host.clock.now()) this.host.clock.setNow(t.due);
        this.runTimer(t.kind, t.key);
      }
    } finally {
      this.running = false;
    }
  }

  private runTimer(kind: string, key: string): void {
    try {
      if (kind === "kubelet") return this.kubelet.sync(key);
      if (kind === "netsim") return this.network.runTimer(key);
      if (kind.startsWith("rc:")) return this.reconcile(kind.slice(3), JSON.parse(key) as ObjectRef);
    } catch (e) {
      // one broken object must not stop the cluster's other work
      console.error(`timer ${kind} ${key} failed`, e);
    }
  }

  private reconcile(name: string, key: ObjectRef): void {
    const controller = this.byName.get(name);
    if (!controller) return;
    const now = this.host.clock.now();
    const ctx: ReconcileContext = {
      view: this.view,
      now,
      random: seededRng(this.host.store.currentRv() * 7919 + name.length),
      timeScale: this.host.profile() === "fast" ? 0 : 1,
    };
    const result = controller.reconcile(ctx, key);
    let retry = false;
    // a reconcile may write one object twice from the same read (spec, then status): the second
    // write carries the resourceVersion the first one replaced, which is not a conflict
    const written = new Map<string, { from: string; to: string }>();
    for (const action of result.actions) {
      try {
        if (action.type === "update" || action.type === "updateStatus") {
          const m = action.object.metadata;
          const id = `${action.resource}|${m.namespace ?? ""}|${m.name}`;
          const w = written.get(id);
          if (w && m.resourceVersion === w.from) action.object = { ...action.object, metadata: { ...m, resourceVersion: w.to } };
          const before = action.object.metadata.resourceVersion ?? "";
          const after = this.apply(action);
          if (after) written.set(id, { from: before, to: after });
          continue;
        }
        this.apply(action);
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        if (e.code === 409) retry = true;
        else if (e.code !== 404) console.warn(`${name}: ${action.type} refused: ${e.message}`);
      }
    }
    const due = retry ? now + CONFLICT_RETRY_MS : result.requeueAfterMs !== undefined ? now + Math.max(0, result.requeueAfterMs) : undefined;
    if (due !== undefined) this.host.timers.schedule(`rc:${name}`, JSON.stringify(key), due);
  }

  /** applies one action; for writes, answers the object's new resourceVersion */
  private apply(action: Action): string | undefined {
    const store = this.host.store;
    const def = (resource: string) => {
      const d = resourceByKey(resource);
      if (!d) throw notFound("", resource, "");
      return d;
    };
    switch (action.type) {
      case "create":
        store.create(def(action.resource), action.object, {});
        return;
      case "update":
        return store.update(def(action.resource), action.object, { system: true }).object.metadata.resourceVersion;
      case "updateStatus":
        return store.update(def(action.resource), action.object, { subresource: "status", system: true }).object.metadata.resourceVersion;
      case "delete":
        store.delete(def(action.resource), action.namespace, action.name, {
          gracePeriodSeconds: action.gracePeriodSeconds,
          propagationPolicy: action.propagationPolicy,
          preconditions: action.uid ? { uid: action.uid } : undefined,
        });
        return;
      case "event":
        recordEvent(store, action.event, this.host.clock.now());
        return;
      case "bind":
        this.bindPod(action.namespace, action.name, action.node, action.uid);
        return;
    }
  }

  /** what pods/binding does: set the node and the PodScheduled condition */
  private bindPod(namespace: string, name: string, node: string, uid?: string): Pod {
    const store = this.host.store;
    const def = resourceByKey("/pods");
    const pod = store.get<Pod>("/pods", namespace, name);
    if (!def || !pod || (uid && pod.metadata.uid !== uid)) throw notFound("", "pods", name);
    if (pod.spec?.nodeName) throw conflict("", "pods", name, `pod ${name} is already assigned to node "${pod.spec.nodeName}"`);
    if (!store.get("/nodes", undefined, node)) throw notFound("", "nodes", node);
    const bound = structuredClone(pod);
    bound.spec = { ...(bound.spec ?? { containers: [] }), nodeName: node };
    const updated = store.update(def, bound as KubeObject, { system: true }).object as Pod;
    const ts = new Date(this.host.clock.now()).toISOString().replace(/\.\d{3}Z$/, "Z");
    const conditions = (updated.status?.conditions ?? []).filter((c) => c.type !== "PodScheduled");
    conditions.unshift({ type: "PodScheduled", status: "True", lastProbeTime: null as unknown as undefined, lastTransitionTime: ts });
    return store.update(def, { ...updated, status: { ...(updated.status ?? {}), conditions } } as KubeObject, { subresource: "status", system: true }).object as Pod;
  }

  /** pods/binding and POST bindings */
  async bind(c: KubeContext, req: ResourceRequest, body?: KubeObject): Promise<Response> {
    const binding = body ?? ((await c.req.json().catch(() => undefined)) as KubeObject | undefined);
    const target = (binding as { target?: { name?: string } } | undefined)?.target;
    if (!target?.name) throw badRequest("Binding.target.name is required");
    this.bindPod(req.namespace ?? "default", req.name ?? binding?.metadata.name ?? "", target.name, binding?.metadata.uid);
    this.afterWrite();
    return respond(c, { kind: "Status", apiVersion: "v1", metadata: {}, status: "Success", code: 201 }, 201);
  }

  /** kubelets renew their node's Lease every 10 s; done when someone looks, so idle clusters stay asleep */
  beforeRead(resource: string): void {
    if (resource !== "coordination.k8s.io/leases") return;
    const def = resourceByKey(resource);
    if (!def) return;
    const now = this.host.clock.now();
    for (const lease of this.host.store.list<Lease>(resource, "kube-node-lease")) {
      const renewed = Date.parse(lease.spec?.renewTime ?? "");
      if (!lease.spec?.holderIdentity || !this.host.store.get("/nodes", undefined, lease.spec.holderIdentity)) continue;
      if (Number.isFinite(renewed) && now - renewed < LEASE_RENEW_MS) continue;
      const at = now - (now % LEASE_RENEW_MS);
      const renewTime = new Date(at).toISOString().replace(/\.(\d{3})Z$/, ".$1000Z");
      this.host.store.update(def, { ...lease, spec: { ...lease.spec, renewTime } } as KubeObject, { system: true });
    }
  }

  private notifyLogWatchers(uid: string): void {
    for (const fn of this.logWatchers.get(uid) ?? []) fn();
  }

  private streamDeps(): PodStreamDeps {
    return {
      kubelet: this.kubelet,
      now: () => this.host.clock.now(),
      pod: (req) => {
        const pod = this.host.store.get<Pod>("/pods", req.namespace, req.name ?? "");
        if (!pod) throw notFound("", "pods", req.name ?? "");
        return pod;
      },
      settle: () => {
        this.afterWrite();
        void this.host.armAlarm?.();
      },
      subscribeLogs: (uid, fn) => {
        let set = this.logWatchers.get(uid);
        if (!set) this.logWatchers.set(uid, (set = new Set()));
        set.add(fn);
        return () => {
          set?.delete(fn);
          if (set?.size === 0) this.logWatchers.delete(uid);
        };
      },
    };
  }

  async subresource(c: KubeContext, req: ResourceRequest): Promise<Response> {
    if (req.def.plural === "pods" && req.subresource === "log") return podLog(c, req, this.streamDeps());
    if (req.def.plural === "pods" && (req.subresource === "exec" || req.subresource === "attach")) {
      const res = podExecOrAttach(c, req, this.streamDeps());
      this.afterWrite();
      return res;
    }
    if (req.def.plural === "services" && req.def.group === "" && req.subresource === "proxy") {
      const url = new URL(c.req.url);
      const a = this.network.serviceProxy(req.namespace ?? "default", req.name ?? "", req.subpath ?? "", url.search.slice(1), c.req.method);
      this.afterWrite();
      return new Response(c.req.method === "HEAD" ? null : a.body, { status: a.status, headers: a.headers });
    }
    throw notFound(req.def.group, `${req.def.plural}/${req.subresource}`, req.name ?? "");
  }
}
