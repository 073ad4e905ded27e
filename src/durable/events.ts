// Records core/v1 Events like client-go's recorder: a repeat of the same event on the same object
// (and the same container: the key includes fieldPath) bumps count and lastTimestamp instead of adding a new Event.
import type { Event, KubeObject } from "../api/kinds";
import { resourceByKey } from "../api/registry";
import type { EventSpec } from "../reconcile/types";
import type { ObjectStore } from "../store/object-store";

function apiVersionOf(obj: KubeObject): string {
  return obj.apiVersion ?? "v1";
}

function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** what makes two events "the same" for aggregation */
function aggregationKey(uid: string | undefined, type: string | undefined, reason: string | undefined, message: string | undefined, component: string | undefined, host: string | undefined, fieldPath: string | undefined): string {
  return JSON.stringify([uid ?? "", type ?? "", reason ?? "", message ?? "", component ?? "", host ?? "", fieldPath ?? ""]);
}

function keyOfEvent(e: Event): string {
  return aggregationKey(e.involvedObject?.uid, e.type, e.reason, e.message, e.source?.component, e.source?.host, e.involvedObject?.fieldPath);
}

/**
 * Aggregation index per store and namespace, built from one scan of the namespace's events the first
 * time this instance records there; a stale entry (the event was deleted) is detected by the lookup.
 */
const indexes = new WeakMap<ObjectStore, Map<string, Map<string, string>>>();

function indexFor(store: ObjectStore, namespace: string): Map<string, string> {
  let byNs = indexes.get(store);
  if (!byNs) indexes.set(store, (byNs = new Map()));
  let idx = byNs.get(namespace);
  if (!idx) {
    idx = new Map();
    for (const e of store.list<Event>("/events", namespace)) idx.set(keyOfEvent(e), e.metadata.name ?? "");
    byNs.set(namespace, idx);
  }
  return idx;
}

export function recordEvent(store: ObjectStore, spec: EventSpec, now: number): void {
  const def = resourceByKey("/events");
  if (!def) return;
  const inv = spec.involved;
  const namespace = inv.metadata.namespace ?? "default";
  const key = aggregationKey(inv.metadata.uid, spec.type, spec.reason, spec.message, spec.component, spec.host, spec.fieldPath);
  const index = indexFor(store, namespace);
  const known = index.get(key);
  const found = known ? store.get<Event>("/events", namespace, known) : undefined;
  const existing = found && keyOfEvent(found) === key ? found : undefined;
  const ts = isoSeconds(now);
  if (existing) {
    const next = structuredClone(existing);
    next.count = (existing.count ?? 1) + 1;
    next.lastTimestamp = ts;
    store.update(def, next as KubeObject, {});
    return;
  }
  // like client-go: the name's suffix is the time in hex nanoseconds, so names sort by time;
  // the store's resourceVersion keeps events of the same millisecond apart and in order
  const nanos = BigInt(now) * 1_000_000n + BigInt(store.currentRv() % 1_000_000);
  const name = `${inv.metadata.name}.${nanos.toString(16)}`;
  const event: Event = {
    apiVersion: "v1",
    kind: "Event",
    metadata: { name, namespace },
    involvedObject: {
      kind: inv.kind,
      namespace: inv.metadata.namespace,
      name: inv.metadata.name,
      uid: inv.metadata.uid,
      apiVersion: apiVersionOf(inv),
      resourceVersion: inv.metadata.resourceVersion,
      ...(spec.fieldPath ? { fieldPath: spec.fieldPath } : {}),
    },
    reason: spec.reason,
    message: spec.message,
    source: spec.host ? { component: spec.component, host: spec.host } : { component: spec.component },
    firstTimestamp: ts,
    lastTimestamp: ts,
    count: 1,
    type: spec.type,
    eventTime: null as unknown as undefined,
    reportingComponent: spec.component,
    reportingInstance: spec.host ?? "",
  };
  try {
    store.create(def, event as KubeObject, {});
    index.set(key, name);
  } catch {
    // an event must never fail the work that produced it
  }
}
