import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  base64,
  buildGroupVersionDoc,
  buildOpenApiIndex,
  getGroupVersionDocument,
  openApiHash,
  resolveOpenApiPath,
  sha256HexUpper,
} from "../../../src/api/openapi";
import { allResources, podDef, registry } from "./fixtures";

const REF = "#/components/schemas/";
type Json = Record<string, unknown>;

function op(path: string, method: string, group = "", version = "v1"): Json {
  const doc = buildGroupVersionDoc(allResources, group, version, { registry });
  const item = doc.paths[path] as Json | undefined;
  expect(item, path).toBeDefined();
  const operation = item?.[method] as Json | undefined;
  expect(operation, `${method} ${path}`).toBeDefined();
  return operation ?? {};
}

function paramNames(operation: Json): string[] {
  return (operation.parameters as Json[]).map((p) => String(p.name));
}

describe("paths", () => {
  it("gives PATCH what kubectl apply checks: GVK, fieldValidation, the patch content types", () => {
    const patch = op("/api/v1/namespaces/{namespace}/pods/{name}", "patch");
    expect(patch["x-kubernetes-action"]).toBe("patch");
    expect(patch["x-kubernetes-group-version-kind"]).toEqual({ group: "", kind: "Pod", version: "v1" });
    expect(patch.operationId).toBe("patchCoreV1NamespacedPod");
    expect(patch.tags).toEqual(["core_v1"]);
    expect(paramNames(patch)).toEqual(["dryRun", "fieldManager", "fieldValidation", "force"]);
    const fieldValidation = (patch.parameters as Json[]).find((p) => p.name === "fieldValidation");
    expect(fieldValidation).toMatchObject({ in: "query", schema: { type: "string", uniqueItems: true } });
    expect(String(fieldValidation?.description)).toContain("Strict: This will fail the request with a BadRequest error");
    const body = patch.requestBody as { content: Record<string, unknown>; required: boolean };
    expect(Object.keys(body.content)).toEqual([
      "application/apply-patch+yaml",
      "application/json-patch+json",
      "application/merge-patch+json",
      "application/strategic-merge-patch+json",
    ]);
    expect(body.content["application/merge-patch+json"]).toEqual({ schema: { $ref: `${REF}io.k8s.apimachinery.pkg.apis.meta.v1.Patch` } });
    const ok = (patch.responses as Record<string, Json>)["200"];
    expect(Object.keys(ok.content as Json)).toEqual(["application/json", "application/yaml"]);
  });

  it("writes the collection, item and all-namespaces paths with their actions", () => {
    const list = op("/api/v1/namespaces/{namespace}/pods", "get");
    expect(list["x-kubernetes-action"]).toBe("list");
    expect(paramNames(list)).toContain("labelSelector");
    expect(Object.keys(((list.responses as Record<string, Json>)["200"].content) as Json)).toContain("application/json;stream=watch");
    expect((((list.responses as Record<string, Json>)["200"].content as Record<string, Json>)["application/json"].schema)).toEqual({
      $ref: `${REF}io.k8s.api.core.v1.PodList`,
    });
    const create = op("/api/v1/namespaces/{namespace}/pods", "post");
    expect(create["x-kubernetes-action"]).toBe("post");
    expect(paramNames(create)).toEqual(["dryRun", "fieldManager", "fieldValidation"]);
    expect(Object.keys(create.responses as Json)).toEqual(["200", "201", "202", "401"]);
    expect(op("/api/v1/namespaces/{namespace}/pods", "delete")["x-kubernetes-action"]).toBe("deletecollection");
    expect(op("/api/v1/namespaces/{namespace}/pods/{name}", "put")["x-kubernetes-action"]).toBe("put");
    expect(op("/api/v1/namespaces/{namespace}/pods/{name}", "get").operationId).toBe("readCoreV1NamespacedPod");
    expect(op("/api/v1/pods", "get").operationId).toBe("listCoreV1PodForAllNamespaces");
    // cluster-scoped: no namespace segment, no namespace parameter, no deletecollection when not a verb
    const doc = buildGroupVersionDoc(allResources, "", "v1", { registry });
    const namespaces = doc.paths["/api/v1/namespaces"] as Json;
    expect(namespaces.delete).toBeUndefined();
    expect((namespaces.parameters as Json[]).map((p) => p.name)).toEqual(["pretty"]);
    expect((doc.paths["/api/v1/namespaces/{name}"] as Json).parameters).toEqual([
      expect.objectContaining({ in: "path", name: "name", required: true }),
      expect.objectContaining({ name: "pretty" }),
    ]);
    expect((doc.paths["/api/v1/namespaces/{namespace}/pods/{name}"] as Json).parameters).toEqual([
      expect.objectContaining({ name: "name", description: "name of the Pod" }),
      expect.objectContaining({ name: "namespace", in: "path" }),
      expect.objectContaining({ name: "pretty", in: "query" }),
    ]);
  });

  it("writes subresources: scale answers autoscaling/v1 Scale, status the kind itself", () => {
    const scale = op("/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale", "patch", "apps");
    expect(scale["x-kubernetes-group-version-kind"]).toEqual({ group: "autoscaling", kind: "Scale", version: "v1" });
    expect(scale.operationId).toBe("patchAppsV1NamespacedDeploymentScale");
    expect(paramNames(scale)).toContain("fieldValidation");
    expect(((scale.responses as Record<string, Json>)["200"].content as Record<string, Json>)["application/json"].schema).toEqual({
      $ref: `${REF}io.k8s.api.autoscaling.v1.Scale`,
    });
    const doc = buildGroupVersionDoc(allResources, "apps", "v1", { registry });
    expect(doc.components.schemas["io.k8s.api.autoscaling.v1.Scale"]["x-kubernetes-group-version-kind"]).toEqual([
      { group: "autoscaling", kind: "Scale", version: "v1" },
    ]);
    expect(op("/apis/apps/v1/namespaces/{namespace}/deployments/{name}/status", "put", "apps")["x-kubernetes-group-version-kind"]).toEqual({
      group: "apps",
      kind: "Deployment",
      version: "v1",
    });
  });

  it("writes log as text, exec as connect, eviction as a create with its own kind", () => {
    const log = op("/api/v1/namespaces/{namespace}/pods/{name}/log", "get");
    expect(log.operationId).toBe("readCoreV1NamespacedPodLog");
    expect(paramNames(log)).toEqual(expect.arrayContaining(["container", "follow", "tailLines", "timestamps", "sinceSeconds"]));
    const exec = op("/api/v1/namespaces/{namespace}/pods/{name}/exec", "post");
    expect(exec["x-kubernetes-action"]).toBe("connect");
    expect(exec.operationId).toBe("connectCoreV1PostNamespacedPodExec");
    expect(exec["x-kubernetes-group-version-kind"]).toEqual({ group: "", kind: "PodExecOptions", version: "v1" });
    expect(op("/api/v1/namespaces/{namespace}/pods/{name}/exec", "get")["x-kubernetes-action"]).toBe("connect");
    const eviction = op("/api/v1/namespaces/{namespace}/pods/{name}/eviction", "post");
    expect(eviction["x-kubernetes-group-version-kind"]).toEqual({ group: "policy", kind: "Eviction", version: "v1" });
  });
});

describe("index and hashing", () => {
  it("lists every served group-version with a content-hash URL", () => {
    const index = buildOpenApiIndex(allResources, { registry });
    expect(Object.keys(index.paths)).toEqual(["api/v1", "apis/apps/v1"]);
    const core = getGroupVersionDocument(allResources, "", "v1", { registry });
    expect(index.paths["api/v1"].serverRelativeURL).toBe(`/openapi/v3/api/v1?hash=${core?.hash}`);
    expect(index.paths["apis/apps/v1"].serverRelativeURL).toMatch(/^\/openapi\/v3\/apis\/apps\/v1\?hash=[0-9A-F]{64}$/);
    expect(core?.hash).toBe(openApiHash(core?.json ?? ""));
    expect(JSON.parse(core?.json ?? "{}")).toEqual(core?.doc);
  });

  it("memoizes per resource list and changes the hash when the content changes", () => {
    const a = getGroupVersionDocument(allResources, "", "v1", { registry });
    const b = getGroupVersionDocument(allResources, "", "v1", { registry });
    expect(b).toBe(a);
    const fewer = getGroupVersionDocument([podDef], "", "v1", { registry });
    expect(fewer?.hash).not.toBe(a?.hash);
    // same content in a new array: rebuilt, same hash
    expect(getGroupVersionDocument([...allResources], "", "v1", { registry })?.hash).toBe(a?.hash);
  });

  it("resolves the paths kubectl requests under /openapi/v3/", () => {
    expect(resolveOpenApiPath(allResources, "api/v1", { registry })?.doc.paths).toHaveProperty(["/api/v1/namespaces/{namespace}/pods"]);
    expect(resolveOpenApiPath(allResources, "/apis/apps/v1", { registry })?.doc.paths).toHaveProperty([
      "/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale",
    ]);
    expect(resolveOpenApiPath(allResources, "apis/batch/v1", { registry })).toBeUndefined();
    expect(resolveOpenApiPath(allResources, "version", { registry })).toBeUndefined();
  });

  it("computes SHA-256 and base64 like node's crypto", () => {
    for (const input of ["", "abc", "/v1/Pod", "x".repeat(55), "y".repeat(64), "z".repeat(1000), "héllo wörld ✓"]) {
      expect(sha256HexUpper(input)).toBe(createHash("sha256").update(input, "utf8").digest("hex").toUpperCase());
    }
    for (const len of [0, 1, 2, 3, 8, 31]) {
      const bytes = Uint8Array.from({ length: len }, (_, i) => (i * 37 + 11) % 256);
      expect(base64(bytes)).toBe(Buffer.from(bytes).toString("base64"));
    }
  });
});
