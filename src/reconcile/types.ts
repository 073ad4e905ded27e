// Level-based reconcile contract (controller-runtime style): read state, compute desired,
// return actions and when to run again. Reconcilers are pure: no I/O, no clock, no randomness
// except through the context.
import type { KubeObject } from "../api/kinds";

/** "<group>/<plural>", core group is "" → "/pods", apps → "apps/deployments" */
export type ResourceKey = string;

export interface ObjectRef {
  resource: ResourceKey;
  namespace?: string;
  name: string;
}

/** Read-only view of the cluster's stored objects at one instant. */
export interface ClusterView {
  get<T extends KubeObject = KubeObject>(resource: ResourceKey, namespace: string | undefined, name: string): T | undefined;
  /** all objects of a resource, optionally in one namespace */
  list<T extends KubeObject = KubeObject>(resource: ResourceKey, namespace?: string): T[];
}

export interface ReconcileContext {
  view: ClusterView;
  /** cluster clock, ms since epoch */
  now: number;
  /** deterministic random source in [0,1) */
  random(): number;
  /** profile multiplier: 1 for realistic, ~0 for the fast profile */
  timeScale: number;
}

export interface EventSpec {
  /** object the event is about */
  involved: KubeObject;
  type: "Normal" | "Warning";
  reason: string;
  message: string;
  /** source.component, e.g. "kubelet", "default-scheduler", "deployment-controller" */
  component: string;
  /** source.host for kubelet events */
  host?: string;
  /** involvedObject.fieldPath, e.g. `spec.containers{nginx}` */
  fieldPath?: string;
}

export type Action =
  | { type: "create"; resource: ResourceKey; object: KubeObject }
  /** full replace of spec/metadata; must carry metadata.resourceVersion for optimistic concurrency */
  | { type: "update"; resource: ResourceKey; object: KubeObject }
  /** status-only update */
  | { type: "updateStatus"; resource: ResourceKey; object: KubeObject }
  | { type: "delete"; resource: ResourceKey; namespace?: string; name: string; uid?: string; gracePeriodSeconds?: number; propagationPolicy?: "Background" | "Foreground" | "Orphan" }
  | { type: "event"; event: EventSpec }
  /** pods/binding: assign a pending pod to a node (what the scheduler does) */
  | { type: "bind"; namespace: string; name: string; uid?: string; node: string };

export interface ReconcileResult {
  actions: Action[];
  /** run this reconciler for this key again after this many ms (cluster clock), if set */
  requeueAfterMs?: number;
}

export type Reconciler = (ctx: ReconcileContext, key: ObjectRef) => ReconcileResult;
