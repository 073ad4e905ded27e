// Garbage collector (pkg/controller/garbagecollector), level-based: for an object
// being deleted, honour its orphan/foregroundDeletion finalizers; for a dependent,
// delete it once none of its owners exists any more.
import type { KubeObject } from "../../api/kinds";
import type { Action, ClusterView, Reconciler, ResourceKey } from "../types";
import { clone } from "../shared/clone";
import { resourceKeyFor, setList } from "../shared/owners";

export const ORPHAN_FINALIZER = "orphan";

export const FOREGROUND_FINALIZER = "foregroundDeletion";

export function findDependents(view: ClusterView, owner: KubeObject, resources: ResourceKey[]): Array<{ resource: ResourceKey; object: KubeObject }> {
  const uid = owner.metadata.uid;
  const out: Array<{ resource: ResourceKey; object: KubeObject }> = [];
  if (!uid) return out;
  for (const resource of resources) {
    const list = owner.metadata.namespace ? view.list(resource, owner.metadata.namespace) : view.list(resource);
    for (const object of list) if ((object.metadata.ownerReferences ?? []).some((r) => r.uid === uid)) out.push({ resource, object });
  }
  return out;
}

function ownerExists(view: ClusterView, dependent: KubeObject, ref: { apiVersion: string; kind: string; name: string; uid: string }, known: Set<ResourceKey>): boolean | undefined {
  const resource = resourceKeyFor(ref.apiVersion, ref.kind);
  if (!known.has(resource)) return undefined; // unknown kinds are never judged absent
  const owner = view.get(resource, dependent.metadata.namespace, ref.name) ?? view.get(resource, undefined, ref.name);
  return !!owner && owner.metadata.uid === ref.uid;
}

/** `resources`: every resource key the store holds (dependents are searched in all of them). */
export function createGarbageCollector(resources: ResourceKey[]): Reconciler {
  const known = new Set(resources);
  return (ctx, key) => {
    const obj = ctx.view.get(key.resource, key.namespace, key.name);
    if (!obj) return { actions: [] };
    const actions: Action[] = [];
    const finalizers = obj.metadata.finalizers ?? [];
    if (obj.metadata.deletionTimestamp && finalizers.includes(ORPHAN_FINALIZER)) {
      for (const dep of findDependents(ctx.view, obj, resources)) {
        const copy = clone(dep.object);
        setList(copy, "ownerReferences", (copy.metadata.ownerReferences ?? []).filter((r) => r.uid !== obj.metadata.uid));
        actions.push({ type: "update", resource: dep.resource, object: copy });
      }
      const copy = clone(obj);
      setList(copy, "finalizers", finalizers.filter((f) => f !== ORPHAN_FINALIZER));
      actions.push({ type: "update", resource: key.resource, object: copy });
      return { actions };
    }
    if (obj.metadata.deletionTimestamp && finalizers.includes(FOREGROUND_FINALIZER)) {
      const deps = findDependents(ctx.view, obj, resources);
      for (const dep of deps) {
        if (dep.object.metadata.deletionTimestamp) continue;
        actions.push({ type: "delete", resource: dep.resource, namespace: dep.object.metadata.namespace, name: dep.object.metadata.name!, uid: dep.object.metadata.uid, propagationPolicy: "Foreground" });
      }
      const blocking = deps.filter((d) => (d.object.metadata.ownerReferences ?? []).some((r) => r.uid === obj.metadata.uid && r.blockOwnerDeletion));
      if (blocking.length === 0) {
        const copy = clone(obj);
        setList(copy, "finalizers", finalizers.filter((f) => f !== FOREGROUND_FINALIZER));
        actions.push({ type: "update", resource: key.resource, object: copy });
        return { actions };
      }
      return { actions, requeueAfterMs: Math.max(100, 1000 * ctx.timeScale) };
    }
    const refs = obj.metadata.ownerReferences ?? [];
    if (refs.length === 0 || obj.metadata.deletionTimestamp) return { actions };
    const states = refs.map((r) => ownerExists(ctx.view, obj, r, known));
    if (states.every((s) => s === false)) {
      actions.push({ type: "delete", resource: key.resource, namespace: obj.metadata.namespace, name: obj.metadata.name!, uid: obj.metadata.uid, propagationPolicy: "Background" });
    } else if (states.some((s) => s === false)) {
      const copy = clone(obj);
      setList(copy, "ownerReferences", refs.filter((_, i) => states[i] !== false));
      actions.push({ type: "update", resource: key.resource, object: copy });
    }
    return { actions };
  };
}
