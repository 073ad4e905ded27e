// The table of reconcilers and the routing of object changes to the keys they requeue.
import type { DaemonSet, Deployment, KubeObject, PersistentVolume, PersistentVolumeClaim, Pod, ReplicaSet, ReplicationController, Service, StatefulSet } from "../api/kinds";
import { reconcileCronJob } from "./controllers/cronjob";
import { reconcileDaemonSet } from "./controllers/daemonset";
import { reconcileDeployment } from "./controllers/deployment";
import { reconcileEndpointSlices, reconcileEndpoints } from "./controllers/endpoints";
import { createGarbageCollector, findDependents } from "./controllers/garbage-collector";
import { HPAS, reconcileHorizontalPodAutoscaler } from "./controllers/hpa";
import { reconcileJob } from "./controllers/job";
import { createNamespaceReconciler } from "./controllers/namespace";
import { reconcilePersistentVolume, reconcilePersistentVolumeClaim } from "./controllers/pv-binder";
import { reconcileReplicaSet, reconcileReplicationController, replicaSetSelects, replicationControllerSelects } from "./controllers/replicaset";
import { reconcileStatefulSet } from "./controllers/statefulset";
import { needsScheduling, reconcileScheduler } from "./scheduler/scheduler";
import { controllerRef, resourceKeyFor } from "./shared/owners";
import { mapMatches, selectorMatches } from "./shared/selectors";
import type { ClusterView, ObjectRef, Reconciler, ResourceKey } from "./types";

export interface ControllerEntry {
  name: string;
  /** the resource whose objects are this reconciler's keys ("*" for the garbage collector: any resource) */
  primary: ResourceKey;
  /** resources whose changes can requeue keys of this reconciler */
  watches: ResourceKey[];
  reconcile: Reconciler;
}

export interface ControllerOptions {
  /** every resource key the store holds */
  resources: ResourceKey[];
  /** the namespaced ones, emptied by the namespace controller */
  namespacedResources: ResourceKey[];
}

export function createControllers(opts: ControllerOptions): ControllerEntry[] {
  return [
    { name: "replicaset", primary: "apps/replicasets", watches: ["apps/replicasets", "/pods"], reconcile: reconcileReplicaSet },
    { name: "replicationcontroller", primary: "/replicationcontrollers", watches: ["/replicationcontrollers", "/pods"], reconcile: reconcileReplicationController },
    { name: "deployment", primary: "apps/deployments", watches: ["apps/deployments", "apps/replicasets", "/pods"], reconcile: reconcileDeployment },
    { name: "daemonset", primary: "apps/daemonsets", watches: ["apps/daemonsets", "/pods", "/nodes", "apps/controllerrevisions"], reconcile: reconcileDaemonSet },
    { name: "statefulset", primary: "apps/statefulsets", watches: ["apps/statefulsets", "/pods", "apps/controllerrevisions"], reconcile: reconcileStatefulSet },
    { name: "job", primary: "batch/jobs", watches: ["batch/jobs", "/pods"], reconcile: reconcileJob },
    { name: "cronjob", primary: "batch/cronjobs", watches: ["batch/cronjobs", "batch/jobs"], reconcile: reconcileCronJob },
    { name: "scheduler", primary: "/pods", watches: ["/pods", "/nodes", "/persistentvolumeclaims"], reconcile: reconcileScheduler },
    { name: "persistentvolumeclaim-binder", primary: "/persistentvolumeclaims", watches: ["/persistentvolumeclaims", "/persistentvolumes", "storage.k8s.io/storageclasses"], reconcile: reconcilePersistentVolumeClaim },
    { name: "persistentvolume-binder", primary: "/persistentvolumes", watches: ["/persistentvolumes", "/persistentvolumeclaims"], reconcile: reconcilePersistentVolume },
    { name: "horizontal-pod-autoscaler", primary: HPAS, watches: [HPAS], reconcile: reconcileHorizontalPodAutoscaler },
    { name: "endpoints", primary: "/services", watches: ["/services", "/pods"], reconcile: reconcileEndpoints },
    { name: "endpointslice", primary: "/services", watches: ["/services", "/pods", "discovery.k8s.io/endpointslices"], reconcile: reconcileEndpointSlices },
    { name: "garbage-collector", primary: "*", watches: ["*"], reconcile: createGarbageCollector(opts.resources) },
    { name: "namespace", primary: "/namespaces", watches: ["*"], reconcile: createNamespaceReconciler(opts.namespacedResources) },
  ];
}

export interface Change {
  resource: ResourceKey;
  /** the object after the change, or the last state of a deleted object */
  object: KubeObject;
  /** the object before the change, when it was updated */
  old?: KubeObject;
  deleted?: boolean;
}

export interface Work {
  controller: string;
  key: ObjectRef;
}

const ref = (resource: ResourceKey, o: KubeObject): ObjectRef => ({ resource, namespace: o.metadata.namespace, name: o.metadata.name! });

const OWNER_CONTROLLERS: Record<string, string> = {
  "apps/replicasets": "replicaset",
  "/replicationcontrollers": "replicationcontroller",
  "apps/deployments": "deployment",
  "apps/daemonsets": "daemonset",
  "apps/statefulsets": "statefulset",
  "batch/jobs": "job",
  "batch/cronjobs": "cronjob",
};

/**
 * Which reconcilers must run, for which keys, after `change`: the object's own
 * controller, its controlling owner (or, for an orphan, every selector that now
 * matches it), the scheduler for pending pods, endpoints of selecting services,
 * storage binding, garbage collection and namespace cleanup.
 */
export function keysFor(change: Change, view: ClusterView, opts: ControllerOptions): Work[] {
  const out: Work[] = [];
  const seen = new Set<string>();
  const add = (controller: string, key: ObjectRef): void => {
    const id = `${controller}|${key.resource}|${key.namespace ?? ""}|${key.name}`;
    if (seen.has(id)) return;
    seen.add(id);
    out.push({ controller, key });
  };
  const { resource, object } = change;
  const ns = object.metadata.namespace;

  const own = OWNER_CONTROLLERS[resource];
  if (own && !change.deleted) add(own, ref(resource, object));
  if (resource === "/persistentvolumeclaims" && !change.deleted) add("persistentvolumeclaim-binder", ref(resource, object));
  if (resource === "/persistentvolumes" && !change.deleted) add("persistentvolume-binder", ref(resource, object));
  if (resource === "/services" && !change.deleted) {
    add("endpoints", ref(resource, object));
    add("endpointslice", ref(resource, object));
  }
  if (resource === "/namespaces" && !change.deleted) add("namespace", ref(resource, object));
  // The HPA controller keeps its own 15 s cadence through requeues (upstream's rate-limited queue).
  // A new HPA or a spec change schedules it (which also picks up HPAs stored before it existed);
  // its own status writes must not, as an extra sync would repeat its events.
  if (resource === HPAS && !change.deleted && change.old?.metadata.generation !== object.metadata.generation) {
    add("horizontal-pod-autoscaler", ref(resource, object));
  }

  // controlling owner (current and previous), or selectors adopting an orphan
  for (const o of [object, change.old]) {
    const cref = o && controllerRef(o);
    if (!cref) continue;
    const ownerResource = resourceKeyFor(cref.apiVersion, cref.kind);
    const controller = OWNER_CONTROLLERS[ownerResource];
    if (controller) add(controller, { resource: ownerResource, namespace: ns, name: cref.name });
  }
  if (!controllerRef(object) && !change.deleted) {
    if (resource === "/pods") {
      for (const rs of view.list<ReplicaSet>("apps/replicasets", ns)) if (replicaSetSelects(rs, object as Pod)) add("replicaset", ref("apps/replicasets", rs));
      for (const rc of view.list<ReplicationController>("/replicationcontrollers", ns)) if (replicationControllerSelects(rc, object as Pod)) add("replicationcontroller", ref("/replicationcontrollers", rc));
      for (const s of view.list<StatefulSet>("apps/statefulsets", ns)) if (selectorMatches(s.spec?.selector, object.metadata.labels)) add("statefulset", ref("apps/statefulsets", s));
      for (const d of view.list<DaemonSet>("apps/daemonsets", ns)) if (selectorMatches(d.spec?.selector, object.metadata.labels)) add("daemonset", ref("apps/daemonsets", d));
    }
    if (resource === "apps/replicasets") {
      for (const d of view.list<Deployment>("apps/deployments", ns)) {
        if (selectorMatches(d.spec?.selector, object.metadata.labels)) add("deployment", ref("apps/deployments", d));
      }
    }
  }

  if (resource === "/pods") {
    const pod = object as Pod;
    if (!change.deleted && needsScheduling(pod)) add("scheduler", ref("/pods", pod));
    // resources freed or nodes changed: pending pods get another chance
    if (change.deleted || (change.old && (change.old as Pod).spec?.nodeName !== pod.spec?.nodeName)) {
      if (change.deleted || pod.status?.phase === "Succeeded" || pod.status?.phase === "Failed") {
        for (const p of view.list<Pod>("/pods")) if (needsScheduling(p)) add("scheduler", ref("/pods", p));
      }
    }
    for (const svc of view.list<Service>("/services", ns)) {
      const sel = svc.spec?.selector;
      if (!sel || Object.keys(sel).length === 0) continue;
      if (mapMatches(sel, pod.metadata.labels) || (change.old && mapMatches(sel, change.old.metadata.labels))) {
        add("endpoints", ref("/services", svc));
        add("endpointslice", ref("/services", svc));
      }
    }
  }
  if (resource === "/nodes") {
    for (const p of view.list<Pod>("/pods")) if (needsScheduling(p)) add("scheduler", ref("/pods", p));
    for (const d of view.list<DaemonSet>("apps/daemonsets")) add("daemonset", ref("apps/daemonsets", d));
  }
  if (resource === "/persistentvolumeclaims") {
    for (const p of view.list<Pod>("/pods", ns)) if (needsScheduling(p)) add("scheduler", ref("/pods", p));
    const pvc = object as PersistentVolumeClaim;
    for (const pv of view.list<PersistentVolume>("/persistentvolumes")) {
      const r = pv.spec?.claimRef;
      if (r && r.name === pvc.metadata.name && r.namespace === ns) add("persistentvolume-binder", ref("/persistentvolumes", pv));
    }
  }
  if (resource === "/persistentvolumes" || resource === "storage.k8s.io/storageclasses") {
    for (const pvc of view.list<PersistentVolumeClaim>("/persistentvolumeclaims")) if (pvc.status?.phase !== "Bound") add("persistentvolumeclaim-binder", ref("/persistentvolumeclaims", pvc));
  }

  // garbage collection
  if (!change.deleted && ((object.metadata.ownerReferences ?? []).length > 0 || object.metadata.deletionTimestamp)) add("garbage-collector", ref(resource, object));
  if (change.deleted) for (const dep of findDependents(view, object, opts.resources)) add("garbage-collector", ref(dep.resource, dep.object));

  // a terminating namespace waits for its content
  if (change.deleted && ns) {
    const namespace = view.get("/namespaces", undefined, ns);
    if (namespace?.metadata.deletionTimestamp) add("namespace", { resource: "/namespaces", name: ns });
  }
  return out;
}

export { reconcileCronJob, reconcileDaemonSet, reconcileDeployment, reconcileEndpointSlices, reconcileEndpoints, reconcileHorizontalPodAutoscaler, reconcileJob, reconcilePersistentVolume, reconcilePersistentVolumeClaim, reconcileReplicaSet, reconcileReplicationController, reconcileScheduler, reconcileStatefulSet };
export { createGarbageCollector, createNamespaceReconciler };
