import { describe, expect, it } from "vitest";
import { applyMergePatch } from "../../../src/api/patch";
import { deployment } from "./fixtures";

describe("applyMergePatch (RFC 7386)", () => {
  // The examples of RFC 7386 appendix A.
  it.each([
    [{ a: "b" }, { a: "c" }, { a: "c" }],
    [{ a: "b" }, { b: "c" }, { a: "b", b: "c" }],
    [{ a: "b" }, { a: null }, {}],
    [{ a: "b", b: "c" }, { a: null }, { b: "c" }],
    [{ a: ["b"] }, { a: "c" }, { a: "c" }],
    [{ a: "c" }, { a: ["b"] }, { a: ["b"] }],
    [{ a: { b: "c" } }, { a: { b: "d", c: null } }, { a: { b: "d" } }],
    [{ a: [{ b: "c" }] }, { a: [1] }, { a: [1] }],
    [["a", "b"], ["c", "d"], ["c", "d"]],
    [{ a: "b" }, ["c"], ["c"]],
    [{ a: "foo" }, null, null],
    [{ a: "foo" }, "bar", "bar"],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: "b", c: null }, { a: "b" }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ])("%j + %j = %j", (original, patch, want) => {
    const before = structuredClone(original);
    expect(applyMergePatch(original, patch)).toEqual(want);
    expect(original).toEqual(before);
  });

  it("adds labels like kubectl label", () => {
    const out = applyMergePatch(deployment(), { metadata: { labels: { a: "b", c: "d" } } }) as ReturnType<typeof deployment>;
    expect(out.metadata.labels).toEqual({ app: "nginx-server1", a: "b", c: "d" });
  });

  it("removes a label like kubectl label a-", () => {
    const live = { metadata: { name: "p", labels: { a: "b", keep: "x" } } };
    expect(applyMergePatch(live, { metadata: { labels: { a: null } } })).toEqual({ metadata: { name: "p", labels: { keep: "x" } } });
  });

  it("scales like kubectl scale", () => {
    const out = applyMergePatch(deployment(), { spec: { replicas: 4 } }) as ReturnType<typeof deployment>;
    expect(out.spec.replicas).toBe(4);
    expect(out.spec.template.spec.containers).toHaveLength(2);
  });

  it("replaces lists wholesale", () => {
    const out = applyMergePatch(deployment(), {
      spec: { template: { spec: { containers: [{ name: "only", image: "x" }] } } },
    }) as ReturnType<typeof deployment>;
    expect(out.spec.template.spec.containers).toEqual([{ name: "only", image: "x" }]);
  });

  it("returns a value that does not share structure with the input", () => {
    const live = deployment();
    const out = applyMergePatch(live, { spec: { replicas: 3 } }) as ReturnType<typeof deployment>;
    out.spec.template.spec.containers[0].image = "changed";
    expect(live.spec.template.spec.containers[0].image).toBe("nginx:1.14");
  });
});
