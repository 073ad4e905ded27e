import { describe, expect, it } from "vitest";
import type { Endpoints, EndpointSlice, KubeObject, Namespace, Pod } from "../../../src/api/kinds";
import { reconcileEndpointSlices, reconcileEndpoints } from "../../../src/reconcile/controllers/endpoints";
import { createGarbageCollector } from "../../../src/reconcile/controllers/garbage-collector";
import { createNamespaceReconciler, NAMESPACE_CLEANUP_DELAY_MS } from "../../../src/reconcile/controllers/namespace";
import { createControllers, keysFor } from "../../../src/reconcile/index";
import { FakeCluster } from "./helpers/fake-cluster";
import { makeReady } from "./helpers/objects";

const RESOURCES = ["/pods", "apps/replicasets", "apps/deployments", "/services", "/endpoints"];

function owned(name: string, owner: KubeObject, kind: string, apiVersion = "apps/v1", block = true): KubeObject {
  return { apiVersion: "v1", kind: "Pod", metadata: { name, namespace: "default", ownerReferences: [{ apiVersion, kind, name: owner.metadata.name!, uid: owner.metadata.uid!, controller: true, blockOwnerDeletion: block }] }, spec: { containers: [] } };
}

describe("garbage collector", () => {
  const gc = createGarbageCollector(RESOURCES);
  it("deletes dependents whose owners are gone (background)", () => {
    const c = new FakeCluster();
    const rs = c.add("apps/replicasets", { metadata: { name: "rs", namespace: "default" } });
    c.add("/pods", owned("p", rs, "ReplicaSet"));
    c.run(gc, { resource: "/pods", namespace: "default", name: "p" });
    expect(c.list("/pods")).toHaveLength(1);
    c.remove("apps/replicasets", "default", "rs");
    c.run(gc, { resource: "/pods", namespace: "default", name: "p" });
    expect(c.list("/pods")).toHaveLength(0);
  });

  it("orphan removes the ownerRef and the finalizer; foreground waits for blocking dependents", () => {
    const c = new FakeCluster();
    const rs = c.add("apps/replicasets", { metadata: { name: "rs", namespace: "default", deletionTimestamp: "2024-01-01T00:00:00Z", finalizers: ["orphan"] } });
    c.add("/pods", owned("p", rs, "ReplicaSet"));
    c.run(gc, { resource: "apps/replicasets", namespace: "default", name: "rs" });
    // emptied lists are dropped, as the API server serialises them (omitempty)
    expect(c.get("/pods", "default", "p")!.metadata).not.toHaveProperty("ownerReferences");
    expect(c.get("apps/replicasets", "default", "rs")!.metadata).not.toHaveProperty("finalizers");

    const d = c.add("apps/deployments", { metadata: { name: "d", namespace: "default", deletionTimestamp: "2024-01-01T00:00:00Z", finalizers: ["foregroundDeletion"] } });
    c.add("apps/replicasets", { ...owned("rs2", d, "Deployment"), kind: "ReplicaSet" });
    const r = c.run(gc, { resource: "apps/deployments", namespace: "default", name: "d" });
    expect(r.actions).toContainEqual(expect.objectContaining({ type: "delete", name: "rs2", propagationPolicy: "Foreground" }));
    expect(c.get("apps/deployments", "default", "d")!.metadata.finalizers).toEqual(["foregroundDeletion"]);
    c.run(gc, { resource: "apps/deployments", namespace: "default", name: "d" });
    expect(c.get("apps/deployments", "default", "d")!.metadata).not.toHaveProperty("finalizers");
  });
});

describe("namespace controller", () => {
  it("deletes the content, then removes the kubernetes finalizer", () => {
    const c = new FakeCluster();
    c.add("/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: "x", deletionTimestamp: "2024-01-01T00:00:00Z" }, spec: { finalizers: ["kubernetes"] }, status: { phase: "Active" } });
    c.add("/pods", { metadata: { name: "p", namespace: "x" } });
    c.add("/pods", { metadata: { name: "q", namespace: "default" } });
    const ns = createNamespaceReconciler(["/pods", "/services"]);
    const early = c.run(ns, { resource: "/namespaces", name: "x" });
    expect(early.requeueAfterMs).toBe(NAMESPACE_CLEANUP_DELAY_MS);
    expect(c.get<Namespace>("/namespaces", undefined, "x")!.status!.phase).toBe("Terminating");
    expect(c.list("/pods").map((p) => p.metadata.name).sort()).toEqual(["p", "q"]);
    c.now += NAMESPACE_CLEANUP_DELAY_MS;
    const r = c.run(ns, { resource: "/namespaces", name: "x" });
    expect(r.requeueAfterMs).toBeGreaterThan(0);
    expect(c.list("/pods").map((p) => p.metadata.name)).toEqual(["q"]);
    c.run(ns, { resource: "/namespaces", name: "x" });
    expect(c.get<Namespace>("/namespaces", undefined, "x")!.spec!.finalizers).toEqual([]);
  });
});

describe("endpoints", () => {
  function setup(): FakeCluster {
    const c = new FakeCluster();
    c.add("/services", { apiVersion: "v1", kind: "Service", metadata: { name: "web", namespace: "default" }, spec: { selector: { app: "web" }, ports: [{ name: "http", port: 80, targetPort: "http", protocol: "TCP" }] } });
    const mk = (name: string, ip: string, containerPort: number, ready: boolean): Pod => {
      const p: Pod = { apiVersion: "v1", kind: "Pod", metadata: { name, namespace: "default", uid: `u-${name}`, labels: { app: "web" } }, spec: { containers: [{ name: "c", image: "x", ports: [{ name: "http", containerPort }] }] } };
      const r = makeReady(p, c.now, "n1");
      r.status!.podIP = ip;
      if (!ready) r.status!.conditions = [{ type: "Ready", status: "False" }];
      return r;
    };
    c.add("/pods", mk("a", "10.244.0.2", 8080, true));
    c.add("/pods", mk("b", "10.244.0.3", 9090, false));
    c.add("/pods", mk("c", "10.244.0.4", 8080, true));
    return c;
  }
  it("puts ready pods in addresses, others in notReadyAddresses, grouping by resolved port", () => {
    const c = setup();
    c.run(reconcileEndpoints, { resource: "/services", namespace: "default", name: "web" });
    const ep = c.get<Endpoints>("/endpoints", "default", "web")!;
    expect(ep.subsets).toEqual([
      { addresses: [expect.objectContaining({ ip: "10.244.0.2", nodeName: "n1" }), expect.objectContaining({ ip: "10.244.0.4" })], ports: [{ name: "http", port: 8080, protocol: "TCP" }] },
      { notReadyAddresses: [expect.objectContaining({ ip: "10.244.0.3", targetRef: { kind: "Pod", namespace: "default", name: "b", uid: "u-b" } })], ports: [{ name: "http", port: 9090, protocol: "TCP" }] },
    ]);
    expect(c.run(reconcileEndpoints, { resource: "/services", namespace: "default", name: "web" }).actions).toEqual([]);
  });
  it("writes EndpointSlices labelled for the service with ready conditions", () => {
    const c = setup();
    c.run(reconcileEndpointSlices, { resource: "/services", namespace: "default", name: "web" });
    const slices = c.list<EndpointSlice>("discovery.k8s.io/endpointslices");
    expect(slices).toHaveLength(2);
    expect(slices[0].metadata.labels).toMatchObject({ "kubernetes.io/service-name": "web", "endpointslice.kubernetes.io/managed-by": "endpointslice-controller.k8s.io" });
    const all = slices.flatMap((s) => (s.endpoints ?? []).map((e) => [e.addresses[0], e.conditions!.ready]));
    expect(all.sort()).toEqual([["10.244.0.2", true], ["10.244.0.3", false], ["10.244.0.4", true]]);
  });
});

describe("routing changes to reconcile keys", () => {
  it("a pod change requeues its owner, the scheduler, selecting services and the GC", () => {
    const c = new FakeCluster();
    const opts = { resources: RESOURCES, namespacedResources: RESOURCES };
    expect(createControllers(opts).map((x) => x.name)).toContain("statefulset");
    c.add("/services", { metadata: { name: "web", namespace: "default" }, spec: { selector: { app: "web" } } });
    const pod: Pod = { apiVersion: "v1", kind: "Pod", metadata: { name: "p", namespace: "default", labels: { app: "web" }, ownerReferences: [{ apiVersion: "apps/v1", kind: "ReplicaSet", name: "rs", uid: "u1", controller: true }] }, spec: { containers: [] } };
    const work = keysFor({ resource: "/pods", object: pod }, c, opts).map((w) => `${w.controller}:${w.key.resource}/${w.key.name}`);
    expect(work).toEqual(expect.arrayContaining(["replicaset:apps/replicasets/rs", "scheduler:/pods/p", "endpoints:/services/web", "endpointslice:/services/web", "garbage-collector:/pods/p"]));
    const jobWork = keysFor({ resource: "batch/jobs", object: { metadata: { name: "j", namespace: "default", ownerReferences: [{ apiVersion: "batch/v1", kind: "CronJob", name: "cj", uid: "u", controller: true }] } } }, c, opts);
    expect(jobWork.map((w) => w.controller)).toEqual(expect.arrayContaining(["job", "cronjob"]));
  });
});
