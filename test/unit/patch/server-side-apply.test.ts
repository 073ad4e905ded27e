import { describe, expect, it } from "vitest";
import {
  applyServerSide,
  conflictMessage,
  fromFieldsV1,
  patchMetaFor,
  recordUpdate,
  type ManagedFieldsEntry,
} from "../../../src/api/patch";
import { deployment } from "./fixtures";

const meta = patchMetaFor("Deployment");
const T0 = "2024-05-01T10:00:00Z";
const T1 = "2024-05-01T11:00:00Z";
const T2 = "2024-05-01T12:00:00Z";

interface Obj {
  metadata: { labels?: Record<string, string>; managedFields?: ManagedFieldsEntry[]; [k: string]: unknown };
  spec: { replicas?: number; template: { spec: { containers: Array<{ name: string; image?: string }> } } };
  status?: unknown;
}

function appliedDeployment(image = "nginx:1.14", replicas = 2) {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web", namespace: "ssa", labels: { app: "web" } },
    spec: {
      replicas,
      selector: { matchLabels: { app: "web" } },
      template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "nginx", image }] } },
    },
    status: { replicas: 99 },
  };
}

const entry = (o: unknown, manager: string) => (o as Obj).metadata.managedFields?.find((e) => e.manager === manager);
const owns = (o: unknown, manager: string, path: string[]) => {
  const e = entry(o, manager);
  return e !== undefined && fromFieldsV1(e.fieldsV1).has(path);
};

describe("server-side apply", () => {
  it("creates an object owned by the applier", () => {
    const { object, conflicts } = applyServerSide(undefined, appliedDeployment(), "kubectl", false, meta, "apps/v1", T0);
    expect(conflicts).toEqual([]);
    const o = object as Obj;
    expect(o.spec.replicas).toBe(2);
    expect(o.status).toBeUndefined();
    expect(o.metadata.managedFields).toEqual([
      {
        manager: "kubectl",
        operation: "Apply",
        apiVersion: "apps/v1",
        time: T0,
        fieldsType: "FieldsV1",
        fieldsV1: {
          "f:metadata": { "f:labels": { "f:app": {} } },
          "f:spec": {
            "f:replicas": {},
            "f:selector": {},
            "f:template": {
              "f:metadata": { "f:labels": { "f:app": {} } },
              "f:spec": { "f:containers": { 'k:{"name":"nginx"}': { ".": {}, "f:image": {}, "f:name": {} } } },
            },
          },
        },
      },
    ]);
  });

  it("re-applying the same configuration changes nothing, not even the timestamp", () => {
    const first = applyServerSide(undefined, appliedDeployment(), "kubectl", false, meta, "apps/v1", T0).object;
    const again = applyServerSide(first, appliedDeployment(), "kubectl", false, meta, "apps/v1", T1);
    expect(again.conflicts).toEqual([]);
    expect(again.object).toEqual(first);
  });

  it("updates the applier's own fields and keeps fields set by others", () => {
    const first = applyServerSide(undefined, appliedDeployment(), "kubectl", false, meta, "apps/v1", T0).object as Obj;
    const withSidecar = structuredClone(first);
    withSidecar.spec.template.spec.containers.push({ name: "sidecar", image: "busybox" });
    const edited = recordUpdate(first, withSidecar, "kubectl-edit", "Update", "apps/v1", T1, meta);
    const { object, conflicts } = applyServerSide(edited, appliedDeployment("nginx:1.16"), "kubectl", false, meta, "apps/v1", T2);
    expect(conflicts).toEqual([]);
    const o = object as Obj;
    expect(o.spec.template.spec.containers).toEqual([
      { name: "nginx", image: "nginx:1.16" },
      { name: "sidecar", image: "busybox" },
    ]);
    expect(entry(o, "kubectl")?.time).toBe(T2);
    expect(owns(o, "kubectl-edit", ["f:spec", "f:template", "f:spec", "f:containers", 'k:{"name":"sidecar"}', "f:image"])).toBe(true);
  });

  it("removes fields the applier no longer applies unless someone else owns them", () => {
    const cfg = appliedDeployment();
    const withLabels = { ...cfg, metadata: { ...cfg.metadata, labels: { app: "web", tier: "front", shared: "x" } } };
    const first = applyServerSide(undefined, withLabels, "kubectl", false, meta, "apps/v1", T0).object as Obj;
    const relabel = structuredClone(first);
    relabel.metadata.labels = { ...relabel.metadata.labels, shared: "y" };
    const labelled = recordUpdate(first, relabel, "kubectl-label", "Update", "apps/v1", T1, meta);
    expect(owns(labelled, "kubectl", ["f:metadata", "f:labels", "f:shared"])).toBe(false);
    expect(owns(labelled, "kubectl-label", ["f:metadata", "f:labels", "f:shared"])).toBe(true);

    const { object } = applyServerSide(labelled, cfg, "kubectl", false, meta, "apps/v1", T2);
    expect((object as Obj).metadata.labels).toEqual({ app: "web", shared: "y" });
  });

  it("reports a conflict with a client-side-apply manager and leaves the object alone", () => {
    const created = recordUpdate(undefined, deployment(), "kubectl-client-side-apply", "Update", "apps/v1", T0, meta);
    const cfg = { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "nginx-server1" }, spec: { replicas: 3 } };
    const { object, conflicts } = applyServerSide(created, cfg, "kubectl", false, meta, "apps/v1", T1);
    expect(conflicts).toEqual([
      {
        manager: "kubectl-client-side-apply",
        operation: "Update",
        apiVersion: "apps/v1",
        field: ".spec.replicas",
        message: 'conflict with "kubectl-client-side-apply" using apps/v1',
      },
    ]);
    expect(conflictMessage(conflicts)).toBe(
      'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas',
    );
    expect(object).toEqual(created);
  });

  it("shares ownership when the applied value equals the live one", () => {
    const created = recordUpdate(undefined, deployment(), "kubectl-client-side-apply", "Update", "apps/v1", T0, meta);
    const cfg = { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "nginx-server1" }, spec: { replicas: 2 } };
    const { object, conflicts } = applyServerSide(created, cfg, "kubectl", false, meta, "apps/v1", T1);
    expect(conflicts).toEqual([]);
    expect(owns(object, "kubectl", ["f:spec", "f:replicas"])).toBe(true);
    expect(owns(object, "kubectl-client-side-apply", ["f:spec", "f:replicas"])).toBe(true);
    expect((object as Obj).metadata.managedFields?.map((e) => e.operation)).toEqual(["Apply", "Update"]);
  });

  it("takes ownership with force", () => {
    const created = recordUpdate(undefined, deployment(), "kubectl-client-side-apply", "Update", "apps/v1", T0, meta);
    const cfg = { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "nginx-server1" }, spec: { replicas: 3 } };
    const { object, conflicts } = applyServerSide(created, cfg, "kubectl", true, meta, "apps/v1", T1);
    expect(conflicts).toEqual([]);
    expect((object as Obj).spec.replicas).toBe(3);
    expect(owns(object, "kubectl", ["f:spec", "f:replicas"])).toBe(true);
    expect(owns(object, "kubectl-client-side-apply", ["f:spec", "f:replicas"])).toBe(false);
    expect(owns(object, "kubectl-client-side-apply", ["f:spec", "f:template", "f:spec", "f:restartPolicy"])).toBe(true);
  });

  it("words several conflicts like the API server", () => {
    const created = recordUpdate(undefined, deployment(), "kubectl-client-side-apply", "Update", "apps/v1", T0, meta);
    const cfg = {
      metadata: { name: "nginx-server1" },
      spec: { replicas: 5, template: { spec: { containers: [{ name: "nginx", image: "nginx:2" }] } } },
    };
    const { conflicts } = applyServerSide(created, cfg, "kubectl", false, meta, "apps/v1", T1);
    expect(conflictMessage(conflicts)).toBe(
      'Apply failed with 2 conflicts: conflicts with "kubectl-client-side-apply" using apps/v1:\n' +
        "- .spec.replicas\n" +
        '- .spec.template.spec.containers[name="nginx"].image',
    );
  });

  it("conflicts between two appliers name the other applier without a version", () => {
    const a = applyServerSide(undefined, appliedDeployment(), "team-a", false, meta, "apps/v1", T0).object;
    const { conflicts } = applyServerSide(a, appliedDeployment("nginx:2"), "team-b", false, meta, "apps/v1", T1);
    expect(conflictMessage(conflicts)).toBe(
      'Apply failed with 1 conflict: conflict with "team-a": .spec.template.spec.containers[name="nginx"].image',
    );
  });
});

describe("recordUpdate", () => {
  it("gives the creator every field it set", () => {
    const created = recordUpdate(undefined, deployment(), "kubectl-create", "Update", "apps/v1", T0, meta) as Obj;
    const e = entry(created, "kubectl-create");
    expect(e).toMatchObject({ operation: "Update", apiVersion: "apps/v1", time: T0, fieldsType: "FieldsV1" });
    const set = fromFieldsV1(e?.fieldsV1);
    expect(set.has(["f:spec", "f:replicas"])).toBe(true);
    expect(set.has(["f:metadata", "f:name"])).toBe(false);
    expect(set.has(["f:spec", "f:template", "f:spec", "f:containers", 'k:{"name":"sidecar"}'])).toBe(true);
  });

  it("moves changed fields to the updater and keeps unchanged ones with their owner", () => {
    const created = recordUpdate(undefined, deployment(), "kubectl-create", "Update", "apps/v1", T0, meta) as Obj;
    const scaled = structuredClone(created);
    scaled.spec.replicas = 4;
    const out = recordUpdate(created, scaled, "kubectl-scale", "Update", "apps/v1", T1, meta);
    expect(owns(out, "kubectl-scale", ["f:spec", "f:replicas"])).toBe(true);
    expect(owns(out, "kubectl-create", ["f:spec", "f:replicas"])).toBe(false);
    expect(owns(out, "kubectl-create", ["f:spec", "f:strategy", "f:type"])).toBe(true);
    expect(entry(out, "kubectl-scale")?.fieldsV1).toEqual({ "f:spec": { "f:replicas": {} } });
  });

  it("drops removed fields from every manager", () => {
    const created = recordUpdate(undefined, deployment(), "kubectl-create", "Update", "apps/v1", T0, meta) as Obj;
    const trimmed = structuredClone(created);
    trimmed.spec.template.spec.containers = trimmed.spec.template.spec.containers.filter((c) => c.name !== "sidecar");
    const out = recordUpdate(created, trimmed, "kubectl-edit", "Update", "apps/v1", T1, meta);
    expect(owns(out, "kubectl-create", ["f:spec", "f:template", "f:spec", "f:containers", 'k:{"name":"sidecar"}'])).toBe(false);
    expect(entry(out, "kubectl-edit")).toBeUndefined();
  });

  it("keeps managedFields untouched when nothing changed", () => {
    const created = recordUpdate(undefined, deployment(), "kubectl-create", "Update", "apps/v1", T0, meta) as Obj;
    const out = recordUpdate(created, structuredClone(created), "kubectl-patch", "Update", "apps/v1", T1, meta);
    expect(out).toEqual(created);
  });

  it("records status writes under the subresource", () => {
    const created = recordUpdate(undefined, deployment(), "kubectl-create", "Update", "apps/v1", T0, meta) as Obj;
    const next = structuredClone(created);
    next.status = { replicas: 2, readyReplicas: 2 };
    const out = recordUpdate(created, next, "kube-controller-manager", "Update", "apps/v1", T1, meta, "status");
    expect(entry(out, "kube-controller-manager")).toMatchObject({ subresource: "status", fieldsV1: { "f:status": { "f:readyReplicas": {} } } });
  });
});
