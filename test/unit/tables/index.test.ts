import { describe, expect, it } from "vitest";
import type { KubeObject, Pod } from "../../../src/api/kinds";
import { defaultTableConvertor, tableFor, tableForOrDefault, toTable } from "../../../src/api/tables";
import { ago, ctx } from "./helpers";

const pod: Pod = {
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: "pod-a", namespace: "default", labels: { app: "demo", zone: "A" }, resourceVersion: "1065", creationTimestamp: ago(44), uid: "u-1" },
  spec: { containers: [{ name: "a" }, { name: "b" }], nodeName: "node-1" },
  status: {
    phase: "Running",
    podIPs: [{ ip: "10.244.0.45" }],
    containerStatuses: ["a", "b"].map((name) => ({
      name,
      image: "busybox",
      imageID: "",
      ready: true,
      restartCount: 0,
      state: { running: { startedAt: ago(40) } },
    })),
  },
};

describe("tableFor", () => {
  it("finds printers by group and kind", () => {
    expect(tableFor("", "Pod")?.columns[1].name).toBe("Ready");
    expect(tableFor("apps", "Deployment")?.columns[2].name).toBe("Up-to-date");
    expect(tableFor("batch", "CronJob")?.columns[2].name).toBe("Timezone");
    expect(tableFor("events.k8s.io", "Event")?.columns[0].name).toBe("Last Seen");
    expect(tableFor("storage.k8s.io", "StorageClass")?.columns[1].name).toBe("Provisioner");
    expect(tableFor("apps", "Pod")).toBeUndefined();
  });

  it("has no printer for Role, ClusterRole and LimitRange, which use Name + Created At", () => {
    expect(tableFor("rbac.authorization.k8s.io", "Role")).toBeUndefined();
    expect(tableFor("rbac.authorization.k8s.io", "ClusterRole")).toBeUndefined();
    expect(tableFor("", "LimitRange")).toBeUndefined();
    expect(tableForOrDefault("", "LimitRange")).toBe(defaultTableConvertor);
  });
});

describe("default convertor", () => {
  it("prints the creation time as RFC 3339 seconds", () => {
    const role: KubeObject = { apiVersion: "rbac.authorization.k8s.io/v1", kind: "Role", metadata: { name: "pod-reader", creationTimestamp: "2026-11-27T01:01:44Z" } };
    expect(defaultTableConvertor.columns.map((c) => [c.name, c.type, c.format])).toEqual([
      ["Name", "string", "name"],
      ["Created At", "date", ""],
    ]);
    expect(defaultTableConvertor.cells(role, ctx)).toEqual(["pod-reader", "2026-11-27T01:01:44Z"]);
    expect(defaultTableConvertor.cells({ metadata: { name: "x", creationTimestamp: "2026-11-27T01:01:44.123456Z" } }, ctx)[1]).toBe("2026-11-27T01:01:44Z");
  });
});

describe("toTable", () => {
  const printer = tableForOrDefault("", "Pod");

  it("builds the meta.k8s.io/v1 Table with PartialObjectMetadata rows", () => {
    const table = toTable([pod], printer, ctx, "Metadata", { resourceVersion: "1083" });
    expect(table.kind).toBe("Table");
    expect(table.apiVersion).toBe("meta.k8s.io/v1");
    expect(table.metadata).toEqual({ resourceVersion: "1083" });
    expect(table.columnDefinitions?.[0]).toEqual({
      name: "Name",
      type: "string",
      format: "name",
      description: expect.stringContaining("Name must be unique within a namespace"),
      priority: 0,
    });
    expect(table.columnDefinitions?.[5]).toMatchObject({ name: "IP", format: "", priority: 1 });
    expect(table.rows).toEqual([
      {
        cells: ["pod-a", "2/2", "Running", "0", "44s", "10.244.0.45", "node-1", "<none>", "<none>"],
        object: { kind: "PartialObjectMetadata", apiVersion: "meta.k8s.io/v1", metadata: pod.metadata },
      },
    ]);
  });

  it("serialises to the wire shape kubectl reads", () => {
    const json = JSON.parse(JSON.stringify(toTable([pod], printer, ctx))) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(["kind", "apiVersion", "metadata", "columnDefinitions", "rows"]);
  });

  it("includeObject None and Object", () => {
    expect(toTable([pod], printer, ctx, "None").rows[0].object).toBeNull();
    expect(toTable([pod], printer, ctx, "Object").rows[0].object).toBe(pod);
  });

  it("noHeaders drops the column definitions (watch events after the first)", () => {
    const table = toTable([pod], printer, ctx, "Metadata", { noHeaders: true, resourceVersion: "1066" });
    expect("columnDefinitions" in table).toBe(false);
    expect(table.rows[0].cells[0]).toBe("pod-a");
  });

  it("adds the Completed row condition for finished pods", () => {
    const done: Pod = { ...pod, status: { phase: "Succeeded" } };
    expect(toTable([done], printer, ctx).rows[0].conditions).toEqual([
      { type: "Completed", status: "True", reason: "Succeeded", message: "The pod has completed successfully." },
    ]);
    expect(toTable([pod], printer, ctx).rows[0].conditions).toBeUndefined();
  });

  it("an empty list still carries the columns", () => {
    const table = toTable([], tableForOrDefault("apps", "Deployment"), ctx, "Metadata", { resourceVersion: "7" });
    expect(table.rows).toEqual([]);
    expect(table.columnDefinitions?.map((c) => c.name)).toEqual(["Name", "Ready", "Up-to-date", "Available", "Age", "Containers", "Images", "Selector"]);
  });
});
