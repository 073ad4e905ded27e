import { describe, expect, it } from "vitest";
import type { Event } from "../../../src/api/kinds";
import { eventTable, eventsV1EventTable, type EventsV1Event } from "../../../src/api/tables/events";
import { ago, ctx } from "./helpers";

describe("core/v1 Event", () => {
  const ev: Event = {
    apiVersion: "v1",
    kind: "Event",
    metadata: { name: "nginx-7c5ddbdf54-x2x9p.17f3a", namespace: "default", creationTimestamp: ago(120) },
    involvedObject: { kind: "Pod", name: "nginx-7c5ddbdf54-x2x9p", namespace: "default", fieldPath: "spec.containers{nginx}" },
    reason: "Pulled",
    message: "Successfully pulled image \"nginx:1.25\" in 1.2s\n",
    source: { component: "kubelet", host: "node-1" },
    firstTimestamp: ago(120),
    lastTimestamp: ago(45),
    count: 3,
    type: "Normal",
  };

  it("columns: LAST SEEN TYPE REASON OBJECT MESSAGE | SUBOBJECT SOURCE FIRST SEEN COUNT NAME", () => {
    expect(eventTable.columns.map((c) => (c.priority ? `(${c.name})` : c.name)).join(" ")).toBe(
      "Last Seen Type Reason Object (Subobject) (Source) Message (First Seen) (Count) (Name)",
    );
  });

  it("renders a kubelet event", () => {
    expect(eventTable.cells(ev, ctx)).toEqual([
      "45s",
      "Normal",
      "Pulled",
      "pod/nginx-7c5ddbdf54-x2x9p",
      "spec.containers{nginx}",
      "kubelet, node-1",
      'Successfully pulled image "nginx:1.25" in 1.2s',
      "2m",
      3,
      "nginx-7c5ddbdf54-x2x9p.17f3a",
    ]);
  });

  it("falls back to eventTime, series and reporting fields", () => {
    const fresh: Event = {
      ...ev,
      firstTimestamp: undefined,
      lastTimestamp: undefined,
      count: undefined,
      source: {},
      eventTime: "2026-01-15T11:59:50.000000Z",
      reportingComponent: "default-scheduler",
      reportingInstance: "",
      involvedObject: { kind: "Node", name: "" },
    };
    expect(eventTable.cells(fresh, ctx).slice(0, 9)).toEqual(["10s", "Normal", "Pulled", "node", "", "default-scheduler", expect.any(String), "10s", 1]);
    const series: Event = { ...fresh, series: { count: 7, lastObservedTime: "2026-01-15T11:59:58.000000Z" } };
    const cells = eventTable.cells(series, ctx);
    expect([cells[0], cells[8]]).toEqual(["2s", 7]);
  });
});

describe("events.k8s.io/v1 Event", () => {
  it("maps regarding/note/deprecated* onto the same columns", () => {
    const ev: EventsV1Event = {
      apiVersion: "events.k8s.io/v1",
      kind: "Event",
      metadata: { name: "web.1", namespace: "default", creationTimestamp: ago(30) },
      eventTime: "2026-01-15T11:59:30.000000Z",
      regarding: { kind: "Deployment", name: "web", namespace: "default" },
      reason: "ScalingReplicaSet",
      note: "Scaled up replica set web-5d8 to 3",
      type: "Normal",
      action: "Scaling",
      reportingController: "deployment-controller",
      reportingInstance: "",
    };
    expect(eventsV1EventTable.cells(ev, ctx)).toEqual([
      "30s",
      "Normal",
      "ScalingReplicaSet",
      "deployment/web",
      "",
      "deployment-controller",
      "Scaled up replica set web-5d8 to 3",
      "30s",
      1,
      "web.1",
    ]);
  });
});
