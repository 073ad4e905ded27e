// In-memory ClusterView that can also apply reconcile actions, standing in for the store.
import type { KubeObject } from "../../../../src/api/kinds";
import type { Action, ClusterView, EventSpec, ObjectRef, ReconcileContext, ReconcileResult, Reconciler, ResourceKey } from "../../../../src/reconcile/types";

export function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

export class FakeCluster implements ClusterView {
  private objects = new Map<string, KubeObject>();
  private uidSeq = 0;
  private rv = 0;
  now = Date.UTC(2024, 0, 1, 0, 0, 0);
  events: EventSpec[] = [];
  applied: Action[] = [];
  private seed = 42;

  private k(resource: ResourceKey, ns: string | undefined, name: string): string {
    return `${resource}|${ns ?? ""}|${name}`;
  }

  random = (): number => {
    // mulberry32: deterministic randomness for generated names
    this.seed = (this.seed + 0x6d2b79f5) | 0;
    let t = this.seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };

  get<T extends KubeObject = KubeObject>(resource: ResourceKey, namespace: string | undefined, name: string): T | undefined {
    const o = this.objects.get(this.k(resource, namespace, name));
    return o ? (JSON.parse(JSON.stringify(o)) as T) : undefined;
  }

  list<T extends KubeObject = KubeObject>(resource: ResourceKey, namespace?: string): T[] {
    const out: T[] = [];
    for (const [key, o] of this.objects) {
      if (!key.startsWith(`${resource}|`)) continue;
      if (namespace !== undefined && o.metadata.namespace !== namespace) continue;
      out.push(JSON.parse(JSON.stringify(o)) as T);
    }
    return out.sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
  }

  /** put an object as the store would after a create: uid, rv, creationTimestamp, generation */
  add<T extends KubeObject>(resource: ResourceKey, obj: T): T {
    const o = JSON.parse(JSON.stringify(obj)) as T;
    o.metadata.uid ??= `uid-${++this.uidSeq}`;
    o.metadata.resourceVersion = String(++this.rv);
    o.metadata.creationTimestamp ??= iso(this.now);
    o.metadata.generation ??= 1;
    if (!o.metadata.name && o.metadata.generateName) o.metadata.name = `${o.metadata.generateName}${this.uidSeq}`;
    this.objects.set(this.k(resource, o.metadata.namespace, o.metadata.name!), o);
    return o;
  }

  /** replace an object in place (tests mutating state as a kubelet/user would) */
  put<T extends KubeObject>(resource: ResourceKey, obj: T): void {
    const o = JSON.parse(JSON.stringify(obj)) as T;
    o.metadata.resourceVersion = String(++this.rv);
    this.objects.set(this.k(resource, o.metadata.namespace, o.metadata.name!), o);
  }

  remove(resource: ResourceKey, ns: string | undefined, name: string): void {
    this.objects.delete(this.k(resource, ns, name));
  }

  apply(actions: Action[]): void {
    for (const a of actions) {
      this.applied.push(a);
      switch (a.type) {
        case "create":
          this.add(a.resource, a.object);
          break;
        case "update": {
          const old = this.get(a.resource, a.object.metadata.namespace, a.object.metadata.name!);
          if (!old) throw new Error(`update of missing ${a.resource} ${a.object.metadata.name}`);
          const next = { ...a.object, status: old.status };
          if (JSON.stringify((old as { spec?: unknown }).spec) !== JSON.stringify((a.object as { spec?: unknown }).spec)) {
            next.metadata = { ...next.metadata, generation: (old.metadata.generation ?? 1) + 1 };
          }
          this.put(a.resource, next);
          break;
        }
        case "updateStatus": {
          const old = this.get(a.resource, a.object.metadata.namespace, a.object.metadata.name!);
          if (!old) throw new Error(`status update of missing ${a.resource} ${a.object.metadata.name}`);
          this.put(a.resource, { ...old, status: a.object.status });
          break;
        }
        case "delete":
          this.remove(a.resource, a.namespace, a.name);
          break;
        case "event":
          this.events.push(a.event);
          break;
      }
    }
  }

  ctx(): ReconcileContext {
    return { view: this, now: this.now, random: this.random, timeScale: 1 };
  }

  run(reconciler: Reconciler, key: ObjectRef): ReconcileResult {
    const result = reconciler(this.ctx(), key);
    this.apply(result.actions);
    return result;
  }

  eventMessages(reason?: string): string[] {
    return this.events.filter((e) => !reason || e.reason === reason).map((e) => e.message);
  }
}
