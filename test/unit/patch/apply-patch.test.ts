import { describe, expect, it } from "vitest";
import { applyPatch, PatchError, patchMetaFor } from "../../../src/api/patch";
import { deployment } from "./fixtures";

type Deploy = ReturnType<typeof deployment>;

describe("applyPatch dispatcher", () => {
  const containerPatch = { spec: { template: { spec: { containers: [{ name: "nginx", image: "nginx:2" }] } } } };

  it("merges containers by name for strategic merge patch", () => {
    const out = applyPatch("application/strategic-merge-patch+json", deployment(), containerPatch, "Deployment") as Deploy;
    expect(out.spec.template.spec.containers.map((c) => [c.name, c.image])).toEqual([
      ["nginx", "nginx:2"],
      ["sidecar", "busybox"],
    ]);
  });

  it("replaces the container list for merge patch", () => {
    const out = applyPatch("application/merge-patch+json", deployment(), containerPatch, "Deployment") as Deploy;
    expect(out.spec.template.spec.containers).toEqual([{ name: "nginx", image: "nginx:2" }]);
  });

  it("runs JSON patch operations and ignores content-type parameters", () => {
    const out = applyPatch(
      "application/json-patch+json; charset=utf-8",
      deployment(),
      [{ op: "replace", path: "/spec/replicas", value: 7 }],
      "Deployment",
    ) as Deploy;
    expect(out.spec.replicas).toBe(7);
  });

  it.each(["application/apply-patch+yaml", "application/json", "text/plain"])("rejects %s", (type) => {
    expect(() => applyPatch(type, {}, {}, "Pod")).toThrow(PatchError);
  });
});

describe("patchMetaFor", () => {
  it.each([
    ["Pod", ["spec", "containers"], "name"],
    ["Pod", ["spec", "volumes"], "name"],
    ["Pod", ["spec", "imagePullSecrets"], "name"],
    ["Pod", ["spec", "hostAliases"], "ip"],
    ["Pod", ["status", "conditions"], "type"],
    ["Service", ["spec", "ports"], "port"],
    ["Node", ["status", "addresses"], "type"],
    ["Node", ["status", "conditions"], "type"],
    ["Deployment", ["status", "conditions"], "type"],
    ["Job", ["status", "conditions"], "type"],
    ["ConfigMap", ["metadata", "ownerReferences"], "uid"],
  ])("%s %j merges by %s", (kind, path, key) => {
    let m = patchMetaFor(kind);
    for (const f of path) m = m.fields?.[f] ?? {};
    expect(m).toMatchObject({ mergeKey: key });
    expect(m.strategy?.split(",")).toContain("merge");
  });

  it("marks volumes and resource claims retainKeys, deployment strategy retainKeys", () => {
    expect(patchMetaFor("Pod").fields?.spec.fields?.volumes.strategy).toBe("merge,retainKeys");
    expect(patchMetaFor("Pod").fields?.spec.fields?.resourceClaims.strategy).toBe("merge,retainKeys");
    expect(patchMetaFor("Deployment").fields?.spec.fields?.strategy.strategy).toBe("retainKeys");
  });

  it("knows container-level merge keys", () => {
    const c = patchMetaFor("Pod").fields?.spec.fields?.containers.items?.fields ?? {};
    expect([c.ports.mergeKey, c.env.mergeKey, c.volumeMounts.mergeKey, c.volumeDevices.mergeKey]).toEqual([
      "containerPort",
      "name",
      "mountPath",
      "devicePath",
    ]);
  });

  it("falls back to metadata-only semantics for other kinds", () => {
    expect(patchMetaFor("Endpoints").fields?.metadata.fields?.finalizers.strategy).toBe("merge");
    expect(patchMetaFor("Endpoints").fields?.subsets).toBeUndefined();
  });
});

describe("keys that collide with Object.prototype", () => {
  const cm = () => ({ kind: "ConfigMap", metadata: { name: "c" }, data: { a: "1" } });
  const patch = { data: { toString: "t", constructor: "c", ["__proto__"]: "p" } };
  it.each(["application/strategic-merge-patch+json", "application/merge-patch+json"])("are plain data keys for %s", (type) => {
    const body = JSON.parse(JSON.stringify(patch)) as unknown;
    const out = applyPatch(type, cm(), body, "ConfigMap") as { data: Record<string, string> };
    expect(Object.keys(out.data).sort()).toEqual(["__proto__", "a", "constructor", "toString"]);
    expect(Object.getPrototypeOf(out.data)).toBe(Object.prototype);
  });
  it("are plain data keys for JSON patch", () => {
    const out = applyPatch("application/json-patch+json", cm(), JSON.parse('[{"op":"add","path":"/data/__proto__","value":"p"}]'), "ConfigMap") as {
      data: Record<string, string>;
    };
    expect(Object.keys(out.data).sort()).toEqual(["__proto__", "a"]);
  });
});
