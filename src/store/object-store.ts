// The generic store: every resource goes through the same create/update/delete path, configured by its
// ResourceDef (defaults, validation, status split, generation), like the API server's registry store.
import { and, eq, gt, asc, sql } from "drizzle-orm";
import type { DrizzleSqliteDODatabase } from "drizzle-orm/durable-sqlite";
import type { KubeObject } from "../api/kinds";
import type { ResourceDef } from "../api/resource";
import { resourceKey } from "../api/define";
import { ApiError, alreadyExists, conflict, forbidden, invalid, notFound, staleConflict } from "../api/status";
import { objects, changes, kv } from "./schema";
import type { Change, DeleteOptions, WriteOptions } from "./types";
import { prepareCreate, prepareUpdate, sameJson, specChanged } from "./strategy";
import { randomSuffix } from "./names";
import { patchMetaFor, recordUpdate } from "../api/patch";
import { storeStatements, type StoreStatements } from "./statements";

/** how many changes the watch log keeps; older resourceVersions get 410 Gone */
export const CHANGE_WINDOW = 5000;

export interface StoreDeps {
  db: DrizzleSqliteDODatabase<Record<string, unknown>>;
  /** cluster clock, ms */
  now(): number;
  quota: number;
  onCommit(change: Change): void;
  /** admission after validation (e.g. Service address allocation): returns the object to store or throws an ApiError */
  admit?(def: ResourceDef, obj: KubeObject, old: KubeObject | undefined, opts: WriteOptions): KubeObject;
}

export interface DeleteResult {
  object: KubeObject;
  /** true when the object is gone, false when it only got a deletionTimestamp */
  removed: boolean;
}

export class ObjectStore {
  private rvCache: number | undefined;
  private countCache: number | undefined;

  private readonly stmt: StoreStatements;

  constructor(private readonly deps: StoreDeps) {
    this.stmt = storeStatements(deps.db);
  }

  /** after the storage was erased underneath */
  forgetCaches(): void {
    this.rvCache = undefined;
    this.countCache = undefined;
    this.readCache.clear();
  }

  /** every write appends to the change log, whose newest row therefore holds the cluster's resourceVersion */
  currentRv(): number {
    if (this.rvCache === undefined) {
      const logged = this.deps.db.select({ rv: sql<number | null>`max(${changes.rv})` }).from(changes).get()?.rv ?? 0;
      // clusters written before the log carried the counter kept it in kv
      const legacy = this.deps.db.select().from(kv).where(eq(kv.key, "rv")).get();
      this.rvCache = Math.max(logged, legacy ? Number(legacy.value) : 0);
    }
    return this.rvCache;
  }

  private nextRv(): number {
    const rv = this.currentRv() + 1;
    this.rvCache = rv;
    return rv;
  }

  /**
   * Parsed objects of the resources read during the current request or alarm pass, kept in step with
   * every write; dropped when the cluster goes idle (dropReadCache). Callers must not mutate them.
   */
  private readonly readCache = new Map<string, Map<string, KubeObject>>();

  /** keeps namespaces, which every namespaced write checks and which are few and small */
  dropReadCache(): void {
    for (const resource of this.readCache.keys()) if (resource !== "/namespaces") this.readCache.delete(resource);
  }

  private cached(resource: string): Map<string, KubeObject> {
    let m = this.readCache.get(resource);
    if (!m) {
      m = new Map();
      for (const r of this.stmt.listResource.all({ resource })) {
        m.set(cacheKey(r.namespace, r.name), JSON.parse(r.body) as KubeObject);
      }
      this.readCache.set(resource, m);
    }
    return m;
  }

  private remember(resource: string, namespace: string, name: string, obj: KubeObject | undefined): void {
    const m = this.readCache.get(resource);
    if (!m) return;
    if (obj) m.set(cacheKey(namespace, name), obj);
    else m.delete(cacheKey(namespace, name));
  }

  get<T extends KubeObject = KubeObject>(resource: string, namespace: string | undefined, name: string): T | undefined {
    const hit = this.readCache.get(resource);
    if (hit) return hit.get(cacheKey(namespace ?? "", name)) as T | undefined;
    const row = this.stmt.getObject.get({ resource, namespace: namespace ?? "", name });
    return row ? (JSON.parse(row.body) as T) : undefined;
  }

  list<T extends KubeObject = KubeObject>(resource: string, namespace?: string): T[] {
    const out: Array<[string, KubeObject]> = [];
    for (const [key, obj] of this.cached(resource)) {
      if (namespace === undefined || key.startsWith(`${namespace}\u0000`)) out.push([key, obj]);
    }
    out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return out.map(([, o]) => o as T);
  }

  count(): number {
    if (this.countCache === undefined) {
      const row = this.deps.db.select({ n: sql<number>`count(*)` }).from(objects).get();
      this.countCache = row?.n ?? 0;
    }
    return this.countCache;
  }

  /** changes after `rv` (exclusive), oldest first; undefined when rv is older than the log keeps */
  changesSince(rv: number, resource?: string): Change[] | undefined {
    const oldest = this.deps.db.select({ rv: sql<number>`min(rv)` }).from(changes).get()?.rv;
    if (oldest !== undefined && oldest !== null && rv < oldest - 1 && rv < this.currentRv()) return undefined;
    const where = resource ? and(gt(changes.rv, rv), eq(changes.resource, resource)) : gt(changes.rv, rv);
    return this.deps.db
      .select()
      .from(changes)
      .where(where)
      .orderBy(asc(changes.rv))
      .all()
      .map((r) => ({ type: r.type as Change["type"], rv: r.rv, resource: r.resource, namespace: r.namespace, name: r.name, object: JSON.parse(r.body) as KubeObject }));
  }

  private nowIso(): string {
    return new Date(this.deps.now()).toISOString().replace(/\.\d{3}Z$/, "Z");
  }

  private isoIn(seconds: number): string {
    return new Date(this.deps.now() + seconds * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
  }

  /** `name`: the name the request carried (empty for generateName), as NamespaceLifecycle reports it */
  private checkNamespace(def: ResourceDef, namespace: string, name = ""): void {
    if (!def.namespaced) return;
    const ns = this.cached("/namespaces").get(cacheKey("", namespace));
    if (!ns) throw notFound("", "namespaces", namespace);
    if (ns.metadata.deletionTimestamp) {
      const resource = `${def.plural}${def.group ? "." + def.group : ""}`;
      throw forbidden(`${resource}${name ? ` "${name}"` : ""} is forbidden: unable to create new content in namespace ${namespace} because it is being terminated`, {
        ...(name ? { name } : {}),
        kind: def.plural,
        group: def.group || undefined,
        causes: [{ reason: "NamespaceTerminating", message: `namespace ${namespace} is being terminated`, field: "metadata.namespace" }],
      });
    }
  }

  create(def: ResourceDef, input: KubeObject, opts: WriteOptions = {}): KubeObject {
    const key = resourceKey(def);
    let obj = prepareCreate(def, input, this.nowIso());
    const namespace = def.namespaced ? obj.metadata.namespace ?? "" : "";
    if (!obj.metadata.name && obj.metadata.generateName) obj.metadata.name = obj.metadata.generateName + randomSuffix();
    const name = obj.metadata.name ?? "";
    // NamespaceLifecycle admits (or refuses) before the object is validated
    this.checkNamespace(def, namespace, input.metadata.name);
    const causes = def.validate ? def.validate(obj) : [];
    if (!name) causes.unshift({ reason: "FieldValueRequired", message: "Required value: name or generateName is required", field: "metadata.name" });
    if (causes.length) throw invalid(def.group, def.kind, name, causes);
    if (this.deps.admit) obj = this.deps.admit(def, obj, undefined, opts);
    if (this.get(key, namespace, name)) {
      if (input.metadata.generateName && !input.metadata.name) {
        throw new ApiError(409, "AlreadyExists", `${def.plural} "${name}" already exists, the server was not allowed to generate a unique name`, { name, kind: def.plural });
      }
      throw alreadyExists(def.group, def.plural, name);
    }
    if (this.count() >= this.deps.quota) {
      throw forbidden(`${def.plural} "${name}" is forbidden: exceeded quota: this sandbox cluster may hold at most ${this.deps.quota} objects`, { name, kind: def.plural });
    }
    if (opts.fieldManager) Object.assign(obj, this.withManagedFields(undefined, obj, opts));
    if (opts.dryRun) return obj;
    const rv = this.nextRv();
    obj.metadata.resourceVersion = String(rv);
    const body = JSON.stringify(obj);
    this.stmt.insertObject.run({ resource: key, namespace, name, uid: obj.metadata.uid ?? "", rv, body });
    this.remember(key, namespace, name, obj);
    if (this.countCache !== undefined) this.countCache++;
    this.log({ type: "ADDED", rv, resource: key, namespace, name, object: obj }, body);
    return obj;
  }

  /**
   * Replace an object (PUT semantics). With subresource "status" only the status is taken from `input`.
   * A write that changes nothing returns the stored object untouched (no resourceVersion bump).
   */
  update(def: ResourceDef, input: KubeObject, opts: WriteOptions = {}): { object: KubeObject; changed: boolean } {
    const key = resourceKey(def);
    const namespace = def.namespaced ? input.metadata.namespace ?? "" : "";
    const name = input.metadata.name ?? "";
    const old = this.get(key, namespace, name);
    if (!old) throw notFound(def.group, def.plural, name);
    const wantRv = input.metadata.resourceVersion;
    if (wantRv && wantRv !== old.metadata.resourceVersion) throw staleConflict(def.group, def.plural, name);
    if (input.metadata.uid && input.metadata.uid !== old.metadata.uid) {
      throw conflict(def.group, def.plural, name, `Precondition failed: UID in precondition: ${input.metadata.uid}, UID in object meta: ${old.metadata.uid}`);
    }
    let obj = prepareUpdate(def, input, old, opts.subresource === "status");
    if (opts.fieldManager) obj = this.withManagedFields(old, obj, opts);
    // a status write changes only the status, so only what a status write can break is checked (like
    // the API server's status strategies): objects stored under older rules keep getting status updates
    const statusOnly = opts.subresource === "status";
    const causes = statusOnly ? [] : [...(def.validate ? def.validate(obj) : []), ...(def.validateUpdate && !opts.system ? def.validateUpdate(obj, old) : [])];
    if (causes.length) throw invalid(def.group, def.kind, name, causes);
    if (this.deps.admit) obj = this.deps.admit(def, obj, old, opts);
    if (def.generationFields && opts.subresource !== "status" && specChanged(def, obj, old)) {
      obj.metadata.generation = (old.metadata.generation ?? 1) + 1;
    }
    // key order may differ after decoding; only values count
    const unchanged = sameJson({ ...obj, metadata: { ...obj.metadata, resourceVersion: undefined } }, { ...old, metadata: { ...old.metadata, resourceVersion: undefined } });
    if (unchanged) return { object: old, changed: false };
    if (opts.dryRun) return { object: obj, changed: true };
    // a terminating object whose last finalizer went away is removed by this very write
    if (obj.metadata.deletionTimestamp && !(obj.metadata.finalizers ?? []).length && !holdsDeletion(key, obj)) {
      this.remove(key, namespace, obj, old);
      return { object: obj, changed: true };
    }
    const rv = this.nextRv();
    obj.metadata.resourceVersion = String(rv);
    const body = JSON.stringify(obj);
    this.stmt.updateObject.run({ rv, body, resource: key, namespace, name });
    this.remember(key, namespace, name, obj);
    this.log({ type: "MODIFIED", rv, resource: key, namespace, name, object: obj, old }, body);
    return { object: obj, changed: true };
  }

  delete(def: ResourceDef, namespace: string | undefined, name: string, opts: DeleteOptions = {}): DeleteResult {
    const key = resourceKey(def);
    const ns = def.namespaced ? namespace ?? "" : "";
    const old = this.get(key, ns, name);
    if (!old) throw notFound(def.group, def.plural, name);
    const pre = opts.preconditions;
    if (pre?.uid && pre.uid !== old.metadata.uid) {
      throw conflict(def.group, def.plural, name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${old.metadata.uid}`);
    }
    if (pre?.resourceVersion && pre.resourceVersion !== old.metadata.resourceVersion) {
      throw conflict(def.group, def.plural, name, `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${old.metadata.resourceVersion}`);
    }
    const obj: KubeObject = structuredClone(old);
    const finalizers = new Set(obj.metadata.finalizers ?? []);
    if (opts.propagationPolicy === "Foreground") finalizers.add("foregroundDeletion");
    if (opts.propagationPolicy === "Orphan") finalizers.add("orphan");
    let grace = 0;
    if (key === "/pods") {
      const spec = (obj.spec ?? {}) as { nodeName?: string; terminationGracePeriodSeconds?: number };
      const requested = opts.gracePeriodSeconds ?? old.metadata.deletionGracePeriodSeconds ?? spec.terminationGracePeriodSeconds ?? 30;
      // an unscheduled pod has no kubelet to wait for
      grace = spec.nodeName ? Math.max(0, requested) : 0;
    }
    if (key === "/namespaces") {
      if (["default", "kube-system", "kube-public"].includes(name)) {
        throw forbidden(`namespaces "${name}" is forbidden: this namespace may not be deleted`, { name, kind: "namespaces" });
      }
      // the namespace controller empties it, then drops the "kubernetes" finalizer
      if (!old.metadata.deletionTimestamp) obj.spec = { ...(obj.spec as object), finalizers: ["kubernetes"] };
      obj.status = { ...(obj.status as object), phase: "Terminating" };
    }
    const keepsObject = grace > 0 || finalizers.size > 0 || holdsDeletion(key, obj);
    if (keepsObject) {
      if (old.metadata.deletionTimestamp) {
        // a second delete may only shorten a pod's grace period
        if (key === "/pods" && grace < (old.metadata.deletionGracePeriodSeconds ?? 0)) {
          obj.metadata.deletionGracePeriodSeconds = grace;
          obj.metadata.deletionTimestamp = this.isoIn(grace);
        } else if (key === "/pods" && grace === 0) {
          return this.hardDelete(key, ns, old, opts);
        } else if (sameFinalizers(old, finalizers)) {
          return { object: old, removed: false };
        }
      } else {
        // a pod's deletionTimestamp is the time by which it should be gone (now + grace)
        obj.metadata.deletionTimestamp = key === "/pods" ? this.isoIn(grace) : this.nowIso();
        if (key === "/pods") obj.metadata.deletionGracePeriodSeconds = grace;
        else obj.metadata.deletionGracePeriodSeconds = 0;
      }
      obj.metadata.finalizers = finalizers.size ? [...finalizers] : undefined;
      if (!obj.metadata.finalizers) delete obj.metadata.finalizers;
      if (opts.dryRun) return { object: obj, removed: false };
      const rv = this.nextRv();
      obj.metadata.resourceVersion = String(rv);
      const body = JSON.stringify(obj);
      this.stmt.updateObject.run({ rv, body, resource: key, namespace: ns, name });
      this.remember(key, ns, name, obj);
      this.log({ type: "MODIFIED", rv, resource: key, namespace: ns, name, object: obj, old }, body);
      return { object: obj, removed: false };
    }
    return this.hardDelete(key, ns, old, opts);
  }

  private hardDelete(key: string, ns: string, old: KubeObject, opts: DeleteOptions): DeleteResult {
    if (opts.dryRun) return { object: old, removed: true };
    const obj = structuredClone(old);
    this.remove(key, ns, obj, old);
    return { object: obj, removed: true };
  }

  private remove(key: string, ns: string, obj: KubeObject, old: KubeObject): void {
    const name = obj.metadata.name ?? "";
    const rv = this.nextRv();
    obj.metadata.resourceVersion = String(rv);
    this.stmt.deleteObject.run({ resource: key, namespace: ns, name });
    this.remember(key, ns, name, undefined);
    if (this.countCache !== undefined) this.countCache--;
    this.log({ type: "DELETED", rv, resource: key, namespace: ns, name, object: obj, old }, JSON.stringify(obj));
  }

  private log(change: Change, body: string): void {
    this.stmt.insertChange.run({ rv: change.rv, resource: change.resource, namespace: change.namespace, name: change.name, type: change.type, body });
    if (change.rv % 500 === 0) {
      this.deps.db.delete(changes).where(sql`${changes.rv} <= ${change.rv - CHANGE_WINDOW}`).run();
    }
    this.deps.onCommit(change);
  }

  /** metadata.managedFields after a non-apply write by opts.fieldManager */
  private withManagedFields(old: KubeObject | undefined, obj: KubeObject, opts: WriteOptions): KubeObject {
    const time = this.nowIso();
    return recordUpdate(old, obj, opts.fieldManager ?? "unknown", "Update", obj.apiVersion ?? "v1", time, patchMetaFor(obj.kind ?? ""), opts.subresource || undefined) as KubeObject;
  }

  /** erase every object of the cluster (tenant deletion) */
  wipe(): void {
    this.deps.db.delete(objects).run();
    this.deps.db.delete(changes).run();
    this.readCache.clear();
    this.countCache = 0;
  }
}

/** pods wait for their kubelet (deletionGracePeriodSeconds > 0); namespaces for their spec.finalizers */
function holdsDeletion(key: string, obj: KubeObject): boolean {
  if (key === "/pods") return (obj.metadata.deletionGracePeriodSeconds ?? 0) > 0;
  if (key === "/namespaces") return (((obj.spec ?? {}) as { finalizers?: string[] }).finalizers ?? []).length > 0;
  return false;
}

/** NUL sorts before every name character, so keys sort by namespace, then name, as SQL would */
function cacheKey(namespace: string, name: string): string {
  return `${namespace}\u0000${name}`;
}

function sameFinalizers(old: KubeObject, next: Set<string>): boolean {
  const before = old.metadata.finalizers ?? [];
  return before.length === next.size && before.every((f) => next.has(f));
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}
