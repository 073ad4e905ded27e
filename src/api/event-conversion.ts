// events.k8s.io/v1 Events are core/v1 Events seen through other field names (the API server stores one).
import type { KubeObject } from "./kinds";

type Obj = Record<string, unknown>;

function micro(t: unknown): string | undefined {
  if (typeof t !== "string" || !t) return undefined;
  const ms = Date.parse(t);
  return Number.isFinite(ms) ? new Date(ms).toISOString().replace(/\.(\d{3})Z$/, ".$1000Z") : undefined;
}

function seconds(t: unknown): string | undefined {
  if (typeof t !== "string" || !t) return undefined;
  const ms = Date.parse(t);
  return Number.isFinite(ms) ? new Date(ms).toISOString().replace(/\.\d+Z$/, "Z") : undefined;
}

function defined(o: Obj): Obj {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null));
}

export function coreToEventsV1(obj: KubeObject): KubeObject {
  const e = obj as Obj;
  const source = (e.source ?? {}) as { component?: string; host?: string };
  const series = e.series as { count?: number; lastObservedTime?: string } | undefined;
  return defined({
    apiVersion: "events.k8s.io/v1",
    kind: "Event",
    metadata: obj.metadata,
    eventTime: micro(e.eventTime) ?? micro(e.firstTimestamp) ?? micro(obj.metadata.creationTimestamp),
    series: series ? { count: series.count, lastObservedTime: micro(series.lastObservedTime) } : undefined,
    reportingController: (e.reportingComponent as string) || source.component,
    reportingInstance: (e.reportingInstance as string) || source.host,
    action: e.action,
    reason: e.reason,
    regarding: e.involvedObject,
    related: e.related,
    note: e.message,
    type: e.type,
    deprecatedSource: Object.keys(source).length ? source : undefined,
    deprecatedFirstTimestamp: e.firstTimestamp,
    deprecatedLastTimestamp: e.lastTimestamp,
    deprecatedCount: e.count,
  }) as KubeObject;
}

export function eventsV1ToCore(obj: KubeObject): KubeObject {
  const e = obj as Obj;
  const source = (e.deprecatedSource ?? (e.reportingController ? { component: e.reportingController, host: e.reportingInstance } : undefined)) as Obj | undefined;
  const series = e.series as { count?: number; lastObservedTime?: string } | undefined;
  return defined({
    apiVersion: "v1",
    kind: "Event",
    metadata: obj.metadata,
    involvedObject: e.regarding ?? {},
    reason: e.reason,
    message: e.note,
    source: source ? defined(source) : undefined,
    firstTimestamp: e.deprecatedFirstTimestamp ?? seconds(e.eventTime),
    lastTimestamp: e.deprecatedLastTimestamp ?? seconds(series?.lastObservedTime ?? e.eventTime),
    count: e.deprecatedCount ?? series?.count ?? 1,
    type: e.type,
    eventTime: micro(e.eventTime),
    series: series ? { count: series.count, lastObservedTime: micro(series.lastObservedTime) } : undefined,
    action: e.action,
    related: e.related,
    reportingComponent: e.reportingController ?? "",
    reportingInstance: e.reportingInstance ?? "",
  }) as KubeObject;
}
