import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  buildApiGroup,
  buildApiGroupList,
  buildApiResourceList,
  buildApiVersions,
  buildVersionInfo,
  negotiateDiscovery,
  storageVersionHash,
} from "../../../src/api/discovery";
import { resources } from "./fixtures";

const KUBECTL_ACCEPT =
  "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json";

describe("legacy discovery", () => {
  it("serves APIVersions, APIGroupList and APIGroup", () => {
    expect(buildApiVersions(resources, "10.0.0.1:6443")).toEqual({
      kind: "APIVersions",
      versions: ["v1"],
      serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress: "10.0.0.1:6443" }],
    });
    const list = buildApiGroupList(resources);
    expect(list.kind).toBe("APIGroupList");
    expect(list.apiVersion).toBe("v1");
    expect(list.groups[0]).toEqual({
      name: "apps",
      versions: [{ groupVersion: "apps/v1", version: "v1" }],
      preferredVersion: { groupVersion: "apps/v1", version: "v1" },
    });
    const autoscaling = buildApiGroup(resources, "autoscaling");
    expect(autoscaling).toEqual({
      kind: "APIGroup",
      apiVersion: "v1",
      name: "autoscaling",
      versions: [
        { groupVersion: "autoscaling/v2", version: "v2" },
        { groupVersion: "autoscaling/v1", version: "v1" },
      ],
      preferredVersion: { groupVersion: "autoscaling/v2", version: "v2" },
    });
    expect(buildApiGroup(resources, "nope")).toBeUndefined();
    expect(buildApiGroup(resources, "")).toBeUndefined();
  });

  it("lists core resources with subresource entries, sorted like kube-apiserver", () => {
    const v1 = buildApiResourceList(resources, "", "v1");
    expect(v1).toBeDefined();
    expect(v1).not.toHaveProperty("apiVersion");
    expect(v1?.groupVersion).toBe("v1");
    expect(v1?.resources.map((r) => r.name)).toEqual([
      "namespaces",
      "pods",
      "pods/attach",
      "pods/exec",
      "pods/log",
      "pods/status",
      "replicationcontrollers",
      "services",
      "services/status",
    ]);
    const pods = v1?.resources.find((r) => r.name === "pods");
    expect(pods).toEqual({
      name: "pods",
      singularName: "pod",
      namespaced: true,
      kind: "Pod",
      verbs: ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"],
      shortNames: ["po"],
      categories: ["all"],
      storageVersionHash: createHash("sha256").update("/v1/Pod").digest().subarray(0, 8).toString("base64"),
    });
    expect(v1?.resources.find((r) => r.name === "pods/log")).toEqual({ name: "pods/log", singularName: "", namespaced: true, kind: "Pod", verbs: ["get"] });
    expect(v1?.resources.find((r) => r.name === "pods/exec")?.kind).toBe("PodExecOptions");
  });

  it("names the group-version of a subresource answering another one (deployments/scale)", () => {
    const apps = buildApiResourceList(resources, "apps", "v1");
    expect(apps?.apiVersion).toBe("v1");
    expect(apps?.groupVersion).toBe("apps/v1");
    expect(apps?.resources.find((r) => r.name === "deployments/scale")).toEqual({
      name: "deployments/scale",
      singularName: "",
      namespaced: true,
      group: "autoscaling",
      version: "v1",
      kind: "Scale",
      verbs: ["get", "patch", "update"],
    });
    expect(apps?.resources.find((r) => r.name === "deployments/status")).not.toHaveProperty("group");
    // hpa/status declared against v2 is still the same kind when listed under v1
    expect(buildApiResourceList(resources, "autoscaling", "v1")?.resources.find((r) => r.name === "horizontalpodautoscalers/status")).not.toHaveProperty("group");
    expect(buildApiResourceList(resources, "apps", "v1", { storageVersionHash: false })?.resources[0]).not.toHaveProperty("storageVersionHash");
    expect(buildApiResourceList(resources, "apps", "v2")).toBeUndefined();
  });

  it("hashes the storage version like kube-apiserver", () => {
    expect(storageVersionHash("", "v1", "Pod")).toBe("xPOwRZ+Yhw8=");
    expect(storageVersionHash("apps", "v1", "Deployment")).toBe(
      createHash("sha256").update("apps/v1/Deployment").digest().subarray(0, 8).toString("base64"),
    );
  });
});

describe("negotiation", () => {
  it("picks aggregated v2 for kubectl's Accept header", () => {
    expect(negotiateDiscovery(KUBECTL_ACCEPT)).toEqual({
      kind: "aggregated",
      version: "v2",
      contentType: "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList",
    });
  });

  it("falls back to v2beta1, then to legacy JSON", () => {
    expect(negotiateDiscovery("application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json")).toMatchObject({
      kind: "aggregated",
      version: "v2beta1",
      contentType: "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList",
    });
    expect(negotiateDiscovery("application/json, */*")).toEqual({ kind: "legacy", contentType: "application/json" });
    expect(negotiateDiscovery(undefined).kind).toBe("legacy");
    expect(negotiateDiscovery("")).toEqual({ kind: "legacy", contentType: "application/json" });
    // protobuf aggregated discovery and Tables are never chosen
    expect(negotiateDiscovery("application/vnd.kubernetes.protobuf;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json").kind).toBe("legacy");
    expect(negotiateDiscovery("application/json;as=Table;v=v1;g=meta.k8s.io").kind).toBe("legacy");
  });

  it("honours q-values and whitespace", () => {
    expect(
      negotiateDiscovery("application/json;q=0.9, application/json; g=apidiscovery.k8s.io; v=v2; as=APIGroupDiscoveryList").kind,
    ).toBe("aggregated");
    expect(negotiateDiscovery("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList;q=0.5,application/json").kind).toBe("legacy");
  });
});

describe("version", () => {
  it("reports Kubernetes 1.31 by default and re-derives major/minor from an override", () => {
    const info = buildVersionInfo();
    expect(info).toMatchObject({ major: "1", minor: "31", gitVersion: "v1.31.4", gitTreeState: "clean", compiler: "gc", platform: "linux/amd64" });
    expect(info.gitCommit).toMatch(/^[0-9a-f]{40}$/);
    expect(Object.keys(info)).toEqual(["major", "minor", "gitVersion", "gitCommit", "gitTreeState", "buildDate", "goVersion", "compiler", "platform"]);
    expect(buildVersionInfo({ gitVersion: "v1.32.2" })).toMatchObject({ major: "1", minor: "32", gitVersion: "v1.32.2" });
  });
});
