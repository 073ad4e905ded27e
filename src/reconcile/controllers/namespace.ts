// Namespace controller: a Terminating namespace is emptied, then its
// `kubernetes` finalizer is removed so the store can drop it.
import type { Namespace } from "../../api/kinds";
import type { Action, Reconciler, ResourceKey } from "../types";
import { clone } from "../shared/clone";

export const NAMESPACE_FINALIZER = "kubernetes";

/**
 * The real controller starts emptying a namespace only after its informers catch up; clients rely on
 * that (`kubectl delete -f` sends its other DELETEs right after the namespace's and fails on a 404).
 */
export const NAMESPACE_CLEANUP_DELAY_MS = 2000;

/** `namespaced`: every namespaced resource key whose content must go with the namespace. */
export function createNamespaceReconciler(namespaced: ResourceKey[]): Reconciler {
  return (ctx, key) => {
    const ns = ctx.view.get<Namespace>("/namespaces", undefined, key.name);
    if (!ns || !ns.metadata.deletionTimestamp) return { actions: [] };
    const actions: Action[] = [];
    if (ns.status?.phase !== "Terminating") actions.push({ type: "updateStatus", resource: "/namespaces", object: { ...clone(ns), status: { ...(ns.status ?? {}), phase: "Terminating" } } });
    const since = ctx.now - Date.parse(ns.metadata.deletionTimestamp);
    if (since < NAMESPACE_CLEANUP_DELAY_MS) return { actions, requeueAfterMs: NAMESPACE_CLEANUP_DELAY_MS - since };
    let remaining = 0;
    for (const resource of namespaced) {
      for (const obj of ctx.view.list(resource, key.name)) {
        remaining++;
        if (!obj.metadata.deletionTimestamp) actions.push({ type: "delete", resource, namespace: key.name, name: obj.metadata.name!, uid: obj.metadata.uid, propagationPolicy: "Background" });
      }
    }
    if (remaining > 0) return { actions, requeueAfterMs: Math.max(100, 2000 * ctx.timeScale) };
    const finalizers = ns.spec?.finalizers ?? [];
    if (finalizers.includes(NAMESPACE_FINALIZER)) {
      const copy = clone(ns);
      copy.spec = { ...copy.spec, finalizers: finalizers.filter((f) => f !== NAMESPACE_FINALIZER) };
      actions.push({ type: "update", resource: "/namespaces", object: copy });
    }
    return { actions };
  };
}
