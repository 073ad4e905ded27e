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

export function recordEvent(store: ObjectStore, spec: EventSpec, now: number): void {
  const def = resourceByKey("/events");
  if (!def) return;
  const inv = spec.involved;
  const namespace = inv.metadata.namespace ?? "default";
  const existing = store
    .list<Event>("/events", namespace)
    .find(
      (e) =>
        e.involvedObject?.uid === inv.metadata.uid &&
        e.reason === spec.reason &&
        e.message === spec.message &&
        e.type === spec.type &&
        e.source?.component === spec.component &&
        (e.source?.host ?? "") === (spec.host ?? "") &&
        (e.involvedObject?.fieldPath ?? "") === (spec.fieldPath ?? ""),
    );
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
  } catch {
    // an event must never fail the work that produced it
  }
}
