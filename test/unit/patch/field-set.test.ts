import { describe, expect, it } from "vitest";
import { FieldSet, fieldSetOf, fromFieldsV1, pathString, patchMetaFor, toFieldsV1 } from "../../../src/api/patch";

describe("field sets", () => {
  it("describes an applied Deployment in the FieldsV1 format", () => {
    const applied = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web", namespace: "ssa", labels: { app: "web" } },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: "web" } },
        template: {
          metadata: { labels: { app: "web" } },
          spec: { containers: [{ name: "nginx", image: "nginx", ports: [{ containerPort: 80 }] }] },
        },
      },
    };
    expect(toFieldsV1(fieldSetOf(applied, patchMetaFor("Deployment")))).toEqual({
      "f:metadata": { "f:labels": { "f:app": {} } },
      "f:spec": {
        "f:replicas": {},
        "f:selector": {},
        "f:template": {
          "f:metadata": { "f:labels": { "f:app": {} } },
          "f:spec": {
            "f:containers": {
              'k:{"name":"nginx"}': {
                ".": {},
                "f:image": {},
                "f:name": {},
                "f:ports": { 'k:{"containerPort":80,"protocol":"TCP"}': { ".": {}, "f:containerPort": {} } },
              },
            },
          },
        },
      },
    });
  });

  it("uses v: for set members and treats atomic lists as leaves", () => {
    const pod = {
      metadata: { finalizers: ["a/b"] },
      spec: { tolerations: [{ key: "k", operator: "Exists" }], containers: [{ name: "c", args: ["x"] }] },
    };
    expect(toFieldsV1(fieldSetOf(pod, patchMetaFor("Pod")))).toEqual({
      "f:metadata": { "f:finalizers": { 'v:"a/b"': {} } },
      "f:spec": {
        "f:containers": { 'k:{"name":"c"}': { ".": {}, "f:args": {}, "f:name": {} } },
        "f:tolerations": {},
      },
    });
  });

  it("round-trips through FieldsV1", () => {
    const set = fieldSetOf(
      { metadata: { labels: { a: "1" } }, spec: { ports: [{ port: 80, protocol: "UDP", name: "dns" }] } },
      patchMetaFor("Service"),
    );
    const back = fromFieldsV1(JSON.parse(JSON.stringify(toFieldsV1(set))));
    expect(back.equals(set)).toBe(true);
    expect(back.has(["f:spec", "f:ports", 'k:{"port":80,"protocol":"UDP"}'])).toBe(true);
    expect(back.has(["f:spec", "f:ports", 'k:{"port":80,"protocol":"UDP"}', "f:name"])).toBe(true);
  });

  it.each([
    [["f:spec", "f:replicas"], ".spec.replicas"],
    [["f:spec", "f:containers", 'k:{"name":"nginx"}', "f:image"], '.spec.containers[name="nginx"].image'],
    [["f:spec", "f:ports", 'k:{"port":80,"protocol":"TCP"}'], '.spec.ports[port=80,protocol="TCP"]'],
    [["f:metadata", "f:finalizers", 'v:"x"'], '.metadata.finalizers[="x"]'],
    [["f:items", "i:3"], ".items[3]"],
  ])("prints %j as %s", (path, want) => {
    expect(pathString(path)).toBe(want);
  });

  it("supports set algebra", () => {
    const a = new FieldSet([["f:a"], ["f:b", "f:c"]]);
    const b = new FieldSet([["f:b", "f:c"], ["f:d"]]);
    expect(a.union(b).size).toBe(3);
    expect(a.difference(b).paths()).toEqual([["f:a"]]);
    expect(a.intersection(b).paths()).toEqual([["f:b", "f:c"]]);
    expect(a.hasPrefix(["f:b"])).toBe(true);
    expect(a.hasPrefix(["f:d"])).toBe(false);
  });
});
