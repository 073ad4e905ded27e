import { describe, expect, it } from "vitest";
import {
  AGGREGATED_DISCOVERY_V2_CONTENT_TYPE,
  buildAggregatedDiscovery,
  compareVersions,
  type APIGroupDiscoveryList,
} from "../../../src/api/discovery";
import { resources } from "./fixtures";

/** kubectl's category expansion: groups, then versions, then resources, first occurrence wins. */
function expandAll(...lists: APIGroupDiscoveryList[]): string[] {
  const seen: string[] = [];
  for (const list of lists)
    for (const group of list.items)
      for (const version of group.versions)
        for (const r of version.resources)
          if (r.categories?.includes("all") && !seen.includes(r.resource)) seen.push(r.resource);
  return seen;
}

describe("aggregated discovery", () => {
  it("answers /apis with the deployments entry kubectl expects", () => {
    const apis = buildAggregatedDiscovery(resources, "apis");
    expect(apis.kind).toBe("APIGroupDiscoveryList");
    expect(apis.apiVersion).toBe("apidiscovery.k8s.io/v2");
    expect(apis.metadata).toEqual({});
    const apps = apis.items.find((g) => g.metadata.name === "apps");
    expect(apps?.metadata).toEqual({ name: "apps", creationTimestamp: null });
    expect(apps?.versions[0].freshness).toBe("Current");
    expect(apps?.versions[0].resources.find((r) => r.resource === "deployments")).toEqual({
      resource: "deployments",
      responseKind: { group: "apps", version: "v1", kind: "Deployment" },
      scope: "Namespaced",
      singularResource: "deployment",
      verbs: ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"],
      shortNames: ["deploy"],
      categories: ["all"],
      subresources: [
        { subresource: "scale", responseKind: { group: "autoscaling", version: "v1", kind: "Scale" }, verbs: ["get", "patch", "update"] },
        { subresource: "status", responseKind: { group: "apps", version: "v1", kind: "Deployment" }, verbs: ["get", "patch", "update"] },
      ],
    });
  });

  it("answers /api with only the core group, unnamed", () => {
    const api = buildAggregatedDiscovery(resources, "api");
    expect(api.items).toHaveLength(1);
    expect(api.items[0].metadata).toEqual({ creationTimestamp: null });
    const v1 = api.items[0].versions[0];
    expect(v1.version).toBe("v1");
    const pods = v1.resources.find((r) => r.resource === "pods");
    expect(pods?.shortNames).toEqual(["po"]);
    expect(pods?.subresources?.map((s) => s.subresource)).toEqual(["attach", "exec", "log", "status"]);
    expect(pods?.subresources?.find((s) => s.subresource === "exec")).toEqual({
      subresource: "exec",
      responseKind: { group: "", version: "v1", kind: "PodExecOptions" },
      verbs: ["create", "get"],
    });
    const ns = v1.resources.find((r) => r.resource === "namespaces");
    expect(ns?.scope).toBe("Cluster");
    // empty lists are omitted like upstream's omitempty
    expect(ns).not.toHaveProperty("categories");
    expect(ns).not.toHaveProperty("subresources");
  });

  it("orders groups by kube-apiserver priority and versions preferred first", () => {
    const apis = buildAggregatedDiscovery(resources, "apis");
    expect(apis.items.map((g) => g.metadata.name)).toEqual([
      "apps",
      "autoscaling",
      "batch",
      "coordination.k8s.io",
      "discovery.k8s.io",
      "stable.example.com",
    ]);
    const autoscaling = apis.items.find((g) => g.metadata.name === "autoscaling");
    expect(autoscaling?.versions.map((v) => v.version)).toEqual(["v2", "v1"]);
    const hpaV1 = autoscaling?.versions[1].resources[0];
    expect(hpaV1?.responseKind).toEqual({ group: "autoscaling", version: "v1", kind: "HorizontalPodAutoscaler" });
    // the status subresource follows the version being listed
    expect(hpaV1?.subresources?.[0].responseKind).toEqual({ group: "autoscaling", version: "v1", kind: "HorizontalPodAutoscaler" });
    const crd = apis.items.find((g) => g.metadata.name === "stable.example.com");
    expect(crd?.versions.map((v) => v.version)).toEqual(["v1", "v1beta1"]);
  });

  it("makes `get all` expand in the order of a real cluster, or in input order on request", () => {
    const upstream = expandAll(buildAggregatedDiscovery(resources, "api"), buildAggregatedDiscovery(resources, "apis"));
    expect(upstream).toEqual([
      "pods",
      "replicationcontrollers",
      "services",
      "daemonsets",
      "deployments",
      "replicasets",
      "statefulsets",
      "horizontalpodautoscalers",
      "cronjobs",
      "jobs",
    ]);
    const input = expandAll(
      buildAggregatedDiscovery(resources, "api", { resourceOrder: "input" }),
      buildAggregatedDiscovery(resources, "apis", { resourceOrder: "input" }),
    );
    expect(input).toEqual([
      "pods",
      "services",
      "replicationcontrollers",
      "deployments",
      "replicasets",
      "statefulsets",
      "daemonsets",
      "horizontalpodautoscalers",
      "jobs",
      "cronjobs",
    ]);
  });

  it("can answer v2beta1 and exposes the exact content type", () => {
    expect(buildAggregatedDiscovery(resources, "apis", { version: "v2beta1" }).apiVersion).toBe("apidiscovery.k8s.io/v2beta1");
    expect(AGGREGATED_DISCOVERY_V2_CONTENT_TYPE).toBe("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList");
  });

  it("skips versions that are not served", () => {
    const partly = resources.map((r) =>
      r.plural === "crontabs" ? { ...r, versions: [{ version: "v1beta1", served: false, storage: false }, { version: "v1", served: true, storage: true }] } : r,
    );
    const crd = buildAggregatedDiscovery(partly, "apis").items.find((g) => g.metadata.name === "stable.example.com");
    expect(crd?.versions.map((v) => v.version)).toEqual(["v1"]);
  });

  it("sorts versions the kube-aware way", () => {
    expect(["v1alpha1", "v1beta1", "v1", "v2beta2", "v2", "foo", "v10"].sort(compareVersions)).toEqual([
      "v10",
      "v2",
      "v1",
      "v2beta2",
      "v1beta1",
      "v1alpha1",
      "foo",
    ]);
  });
});
