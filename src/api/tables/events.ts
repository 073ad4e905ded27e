// Event printers: core/v1 Event and events.k8s.io/v1 Event share one internal type
// upstream, hence one column set; the new-API fields are mapped onto the old ones.
import type { TableColumn, TableConvertor, TableContext } from "../resource";
import type { Event, ObjectMeta } from "../kinds";
import type { IEvent as IEventsV1 } from "kubernetes-models/events.k8s.io/v1/Event";
import { doc } from "./descriptions";
import { col, wide } from "./columns";
import { since } from "./human-duration";

export type EventsV1Event = Omit<IEventsV1, "metadata"> & { metadata: ObjectMeta };

/** The fields the printer reads, in core/v1 naming. */
interface EventView {
  name: string;
  type?: string;
  reason?: string;
  message?: string;
  involvedKind?: string;
  involvedName?: string;
  fieldPath?: string;
  sourceComponent?: string;
  sourceHost?: string;
  reportingController?: string;
  reportingInstance?: string;
  firstTimestamp?: string;
  lastTimestamp?: string;
  eventTime?: string;
  count?: number;
  series?: { count?: number; lastObservedTime?: string };
}

const eventColumns: TableColumn[] = [
  col("Last Seen", "string", doc["Event.lastTimestamp"]),
  col("Type", "string", doc["Event.type"]),
  col("Reason", "string", doc["Event.reason"]),
  col("Object", "string", doc["Event.involvedObject"]),
  wide("Subobject", "string", doc["ObjectReference.fieldPath"]),
  wide("Source", "string", doc["Event.source"]),
  col("Message", "string", doc["Event.message"]),
  wide("First Seen", "string", doc["Event.firstTimestamp"]),
  wide("Count", "string", doc["Event.count"]),
  col("Name", "string", doc["ObjectMeta.name"], 1, "name"),
];

/** formatEventSource: `component, host`, falling back to the reporting controller and instance. */
function eventSource(e: EventView): string {
  const component = e.sourceComponent || e.reportingController || "";
  const instance = e.sourceHost || e.reportingInstance || "";
  return instance ? `${component}, ${instance}` : component;
}

function eventCells(e: EventView, ctx: TableContext): Array<string | number> {
  const firstSeen = e.firstTimestamp ? since(e.firstTimestamp, ctx.now) : since(e.eventTime, ctx.now);
  let lastSeen = e.lastTimestamp ? since(e.lastTimestamp, ctx.now) : firstSeen;
  let count = e.count ?? 0;
  if (e.series) {
    lastSeen = since(e.series.lastObservedTime, ctx.now);
    count = e.series.count ?? 0;
  } else if (count === 0) {
    // singleton events of the new API carry no count
    count = 1;
  }
  const kind = (e.involvedKind ?? "").toLowerCase();
  const target = e.involvedName ? `${kind}/${e.involvedName}` : kind;
  return [
    lastSeen,
    e.type ?? "",
    e.reason ?? "",
    target,
    e.fieldPath ?? "",
    eventSource(e),
    (e.message ?? "").trim(),
    firstSeen,
    count,
    e.name,
  ];
}

export const eventTable: TableConvertor<Event> = {
  columns: eventColumns,
  cells(ev, ctx) {
    return eventCells(
      {
        name: ev.metadata.name ?? "",
        type: ev.type,
        reason: ev.reason,
        message: ev.message,
        involvedKind: ev.involvedObject?.kind,
        involvedName: ev.involvedObject?.name,
        fieldPath: ev.involvedObject?.fieldPath,
        sourceComponent: ev.source?.component,
        sourceHost: ev.source?.host,
        reportingController: ev.reportingComponent,
        reportingInstance: ev.reportingInstance,
        firstTimestamp: ev.firstTimestamp,
        lastTimestamp: ev.lastTimestamp,
        eventTime: ev.eventTime,
        count: ev.count,
        series: ev.series,
      },
      ctx,
    );
  },
};

export const eventsV1EventTable: TableConvertor<EventsV1Event> = {
  columns: eventColumns,
  cells(ev, ctx) {
    return eventCells(
      {
        name: ev.metadata.name ?? "",
        type: ev.type,
        reason: ev.reason,
        message: ev.note,
        involvedKind: ev.regarding?.kind,
        involvedName: ev.regarding?.name,
        fieldPath: ev.regarding?.fieldPath,
        sourceComponent: ev.deprecatedSource?.component,
        sourceHost: ev.deprecatedSource?.host,
        reportingController: ev.reportingController,
        reportingInstance: ev.reportingInstance,
        firstTimestamp: ev.deprecatedFirstTimestamp,
        lastTimestamp: ev.deprecatedLastTimestamp,
        eventTime: ev.eventTime,
        count: ev.deprecatedCount,
        series: ev.series,
      },
      ctx,
    );
  },
};
