import { describe, expect, it } from "vitest";
import { applyJsonPatch, parsePointer, PatchError } from "../../../src/api/patch";
import { deployment } from "./fixtures";

describe("parsePointer", () => {
  it.each([
    ["", []],
    ["/a/b", ["a", "b"]],
    ["/metadata/labels/app.kubernetes.io~1name", ["metadata", "labels", "app.kubernetes.io/name"]],
    ["/a~0b/~01", ["a~b", "~1"]],
    ["/", [""]],
  ])("%s", (ptr, tokens) => {
    expect(parsePointer(ptr)).toEqual(tokens);
  });
});

describe("applyJsonPatch", () => {
  const doc = { a: 1, list: [1, 2, 3], obj: { x: "y" }, "k/e~y": true };
  const cases: Array<{ name: string; patch: unknown; want: unknown }> = [
    { name: "add key", patch: [{ op: "add", path: "/b", value: 2 }], want: { ...doc, b: 2 } },
    { name: "add replaces existing key", patch: [{ op: "add", path: "/a", value: 5 }], want: { ...doc, a: 5 } },
    { name: "add at index", patch: [{ op: "add", path: "/list/1", value: 9 }], want: { ...doc, list: [1, 9, 2, 3] } },
    { name: "add at end index", patch: [{ op: "add", path: "/list/3", value: 9 }], want: { ...doc, list: [1, 2, 3, 9] } },
    { name: "append with -", patch: [{ op: "add", path: "/list/-", value: 4 }], want: { ...doc, list: [1, 2, 3, 4] } },
    { name: "remove key", patch: [{ op: "remove", path: "/obj/x" }], want: { ...doc, obj: {} } },
    { name: "remove index", patch: [{ op: "remove", path: "/list/0" }], want: { ...doc, list: [2, 3] } },
    { name: "escaped key", patch: [{ op: "remove", path: "/k~1e~0y" }], want: { a: 1, list: [1, 2, 3], obj: { x: "y" } } },
    { name: "replace", patch: [{ op: "replace", path: "/obj/x", value: { deep: [1] } }], want: { ...doc, obj: { x: { deep: [1] } } } },
    { name: "replace root", patch: [{ op: "replace", path: "", value: [1] }], want: [1] },
    { name: "move", patch: [{ op: "move", from: "/obj/x", path: "/moved" }], want: { ...doc, obj: {}, moved: "y" } },
    { name: "move within array", patch: [{ op: "move", from: "/list/0", path: "/list/2" }], want: { ...doc, list: [2, 3, 1] } },
    { name: "copy", patch: [{ op: "copy", from: "/obj", path: "/obj2" }], want: { ...doc, obj2: { x: "y" } } },
    {
      name: "test then replace",
      patch: [
        { op: "test", path: "/a", value: 1 },
        { op: "replace", path: "/a", value: 2 },
      ],
      want: { ...doc, a: 2 },
    },
  ];
  it.each(cases)("$name", ({ patch, want }) => {
    const original = structuredClone(doc);
    expect(applyJsonPatch(original, patch)).toEqual(want);
    expect(original).toEqual(doc);
  });

  const failures: Array<{ name: string; patch: unknown; message: string }> = [
    {
      name: "replace missing key",
      patch: [{ op: "replace", path: "/spec/foo", value: 1 }],
      message: "replace operation does not apply: doc is missing key: /spec/foo: missing value",
    },
    {
      name: "replace missing parent",
      patch: [{ op: "replace", path: "/nope/foo", value: 1 }],
      message: "replace operation does not apply: doc is missing path: /nope/foo: missing value",
    },
    {
      name: "add missing parent",
      patch: [{ op: "add", path: "/nope/foo", value: 1 }],
      message: 'add operation does not apply: doc is missing path: "/nope/foo": missing value',
    },
    { name: "remove missing key", patch: [{ op: "remove", path: "/nope" }], message: "Unable to remove nonexistent key: nope: missing value" },
    { name: "index out of range", patch: [{ op: "add", path: "/list/9", value: 1 }], message: "Unable to access invalid index: 9: invalid index referenced" },
    { name: "failed test", patch: [{ op: "test", path: "/a", value: 2 }], message: "testing value /a failed: test failed" },
    { name: "unknown op", patch: [{ op: "frobnicate", path: "/a" }], message: "Unexpected kind: frobnicate" },
    { name: "move from missing", patch: [{ op: "move", from: "/x", path: "/y" }], message: "move operation does not apply: doc is missing from path: /x: missing value" },
  ];
  it.each(failures)("rejects: $name", ({ patch, message }) => {
    const original = structuredClone({ ...doc, spec: {} });
    expect(() => applyJsonPatch(original, patch)).toThrow(PatchError);
    expect(() => applyJsonPatch(original, patch)).toThrow(message);
  });

  it("applies nothing when a later operation fails", () => {
    const original = structuredClone(doc);
    expect(() =>
      applyJsonPatch(original, [
        { op: "replace", path: "/a", value: 7 },
        { op: "remove", path: "/missing" },
      ]),
    ).toThrow(PatchError);
    expect(original.a).toBe(1);
  });

  it("applies the kubectl rollout undo body", () => {
    const live = deployment();
    const template = {
      metadata: { creationTimestamp: null, labels: { app: "nginx-server1" } },
      spec: { containers: [{ name: "nginx", image: "nginx:1.14", resources: {} }], restartPolicy: "Always" },
    };
    const annotations = { "deployment.kubernetes.io/revision": "2" };
    const out = applyJsonPatch(live, [
      { op: "replace", path: "/spec/template", value: template },
      { op: "replace", path: "/metadata/annotations", value: annotations },
    ]) as ReturnType<typeof deployment>;
    expect(out.spec.template).toEqual(template);
    expect(out.metadata.annotations).toEqual(annotations);
    expect(out.spec.replicas).toBe(2);
    expect(live.spec.template.spec.containers).toHaveLength(2);
  });

  it("does not alias the patch value into the result", () => {
    const value = { x: [1] };
    const out = applyJsonPatch({}, [{ op: "add", path: "/v", value }]) as { v: { x: number[] } };
    out.v.x.push(2);
    expect(value.x).toEqual([1]);
  });
});
