import { describe, expect, it } from "vitest";
import {
  compileFieldSelector,
  convertFieldSelector,
  escapeFieldValue,
  fieldSelectorToString,
  fieldsOf,
  matchesFields,
  parseFieldSelector,
  SelectorError,
  supportedFields,
  unsupportedFieldError,
} from "../../../src/api/selectors/field-selector";
import type { KubeObject } from "../../../src/api/kinds";

describe("parseFieldSelector", () => {
  it.each([
    ["", []],
    ["metadata.name=web", [{ field: "metadata.name", operator: "=", value: "web" }]],
    ["metadata.name==web", [{ field: "metadata.name", operator: "==", value: "web" }]],
    [
      "spec.nodeName=node-1,status.phase!=Succeeded,status.phase!=Failed",
      [
        { field: "spec.nodeName", operator: "=", value: "node-1" },
        { field: "status.phase", operator: "!=", value: "Failed" },
        { field: "status.phase", operator: "!=", value: "Succeeded" },
      ],
    ],
    ["involvedObject.namespace=", [{ field: "involvedObject.namespace", operator: "=", value: "" }]],
    ["a=x\\,y\\=z\\\\", [{ field: "a", operator: "=", value: "x,y=z\\" }]],
    [",a=b,", [{ field: "a", operator: "=", value: "b" }]],
  ])("%j", (input, terms) => {
    expect(parseFieldSelector(input).terms).toEqual(terms);
  });

  it.each([
    ["metadata.name", "invalid selector: 'metadata.name'; can't understand 'metadata.name'"],
    ["a=b,c", "invalid selector: 'a=b,c'; can't understand 'c'"],
    ["a=b=c", "invalid field selector: unescaped character in value: 61"],
    ["a=b\\n", "invalid field selector: invalid escape sequence: \\n"],
    ["a=b\\", "invalid field selector: invalid escape sequence: \\"],
  ])("%j fails with %j", (input, message) => {
    expect(() => parseFieldSelector(input)).toThrow(SelectorError);
    expect(() => parseFieldSelector(input)).toThrow(message);
  });

  it("round-trips through its string form with escaping", () => {
    const sel = parseFieldSelector("b!=2,a=x\\,y");
    expect(fieldSelectorToString(sel)).toBe("a=x\\,y,b!=2");
    expect(escapeFieldValue("a,b=c\\")).toBe("a\\,b\\=c\\\\");
  });
});

describe("matchesFields", () => {
  const fields = { "metadata.name": "web", "status.phase": "Running" };
  it.each([
    ["metadata.name=web", true],
    ["metadata.name!=web", false],
    ["metadata.name=web,status.phase!=Failed", true],
    ["status.phase==Pending", false],
    ["spec.nodeName=", true],
    ["spec.nodeName!=", false],
    ["", true],
  ])("%j -> %s", (s, expected) => {
    expect(matchesFields(parseFieldSelector(s), fields)).toBe(expected);
  });
});

describe("supported field labels per kind", () => {
  it.each([
    ["Pod", "spec.foo", "field label not supported: spec.foo"],
    ["Node", "metadata.namespace", "field label not supported: metadata.namespace"],
    ["Namespace", "metadata.namespace", "field label not supported: metadata.namespace"],
    ["Event", "message", "field label not supported: message"],
    ["Job", "status.active", 'field label "status.active" not supported for Job'],
    ["Deployment", "spec.replicas", '"spec.replicas" is not a known field selector: only "metadata.name", "metadata.namespace"'],
    ["ReplicaSet", "status.replicas", '"status.replicas" is not a known field selector: only "metadata.name", "metadata.namespace"'],
  ])("%s rejects %s", (kind, field, message) => {
    expect(unsupportedFieldError(kind, field)).toBe(message);
    expect(() => convertFieldSelector(kind, parseFieldSelector(`${field}=x`))).toThrow(message);
  });

  it("accepts the fields kubectl sends", () => {
    const ok: Array<[string, string]> = [
      ["Pod", "spec.nodeName=node-1,status.phase!=Succeeded,status.phase!=Failed"],
      ["Pod", "metadata.name=busybox"],
      ["Event", "involvedObject.kind=Node,involvedObject.uid=u,involvedObject.name=node-1,involvedObject.namespace="],
      ["Deployment", "metadata.name=nginx-server1"],
      ["Namespace", "metadata.name=demo,status.phase=Active"],
      ["Secret", "type=Opaque"],
      ["Node", "spec.unschedulable=false"],
      ["ReplicationController", "status.replicas=2"],
      ["Job", "status.successful=1"],
    ];
    for (const [kind, s] of ok) expect(() => convertFieldSelector(kind, parseFieldSelector(s))).not.toThrow();
    expect(supportedFields("ConfigMap")).toEqual(["metadata.name", "metadata.namespace"]);
  });

  it("maps the legacy pod field spec.host to spec.nodeName", () => {
    expect(convertFieldSelector("Pod", parseFieldSelector("spec.host=n1")).terms).toEqual([
      { field: "spec.nodeName", operator: "=", value: "n1" },
    ]);
  });
});

describe("fieldsOf", () => {
  it("exposes pod fields the way the pod registry does", () => {
    const pod: KubeObject = {
      kind: "Pod",
      metadata: { name: "web", namespace: "demo" },
      spec: { nodeName: "node-1", restartPolicy: "Always", schedulerName: "default-scheduler", serviceAccountName: "default", containers: [] },
      status: { phase: "Running", podIPs: [{ ip: "10.244.1.5" }], podIP: "10.244.1.5" },
    };
    expect(fieldsOf("Pod", pod)).toEqual({
      "metadata.name": "web",
      "metadata.namespace": "demo",
      "spec.nodeName": "node-1",
      "spec.restartPolicy": "Always",
      "spec.schedulerName": "default-scheduler",
      "spec.serviceAccountName": "default",
      "spec.hostNetwork": "false",
      "status.phase": "Running",
      "status.podIP": "10.244.1.5",
      "status.nominatedNodeName": "",
    });
  });

  it("falls back from source.component to reportingComponent for events", () => {
    const ev: KubeObject = {
      metadata: { name: "e1", namespace: "default" },
      involvedObject: { kind: "Pod", name: "web", namespace: "default", uid: "u1" },
      reason: "Scheduled",
      type: "Normal",
      reportingComponent: "default-scheduler",
    };
    const f = fieldsOf("Event", ev);
    expect(f.source).toBe("default-scheduler");
    expect(f["involvedObject.uid"]).toBe("u1");
    expect(f["involvedObject.fieldPath"]).toBe("");
    expect(fieldsOf("Event", { ...ev, source: { component: "kubelet" } }).source).toBe("kubelet");
  });

  it("covers the other kinds with fields of their own", () => {
    expect(fieldsOf("Node", { metadata: { name: "n1" }, spec: { unschedulable: true } })).toEqual({
      "metadata.name": "n1",
      "spec.unschedulable": "true",
    });
    expect(fieldsOf("Namespace", { metadata: { name: "demo" }, status: { phase: "Active" } })).toEqual({
      "metadata.name": "demo",
      "status.phase": "Active",
    });
    expect(fieldsOf("Secret", { metadata: { name: "s", namespace: "d" }, type: "Opaque" }).type).toBe("Opaque");
    expect(fieldsOf("ReplicaSet", { metadata: { name: "r", namespace: "d" }, status: { replicas: 3 } })["status.replicas"]).toBe("3");
    expect(fieldsOf("Job", { metadata: { name: "j", namespace: "d" }, status: { succeeded: 1 } })["status.successful"]).toBe("1");
    expect(fieldsOf("Job", { metadata: { name: "j", namespace: "d" } })["status.successful"]).toBe("0");
  });
});

describe("compileFieldSelector", () => {
  const pods: KubeObject[] = [
    { metadata: { name: "a", namespace: "d" }, spec: { nodeName: "node-1" }, status: { phase: "Running" } },
    { metadata: { name: "b", namespace: "d" }, spec: { nodeName: "node-1" }, status: { phase: "Succeeded" } },
    { metadata: { name: "c", namespace: "d" }, spec: { nodeName: "node-2" }, status: { phase: "Running" } },
  ];
  it("filters like describe node does", () => {
    const pred = compileFieldSelector("Pod", "spec.nodeName=node-1,status.phase!=Succeeded,status.phase!=Failed");
    expect(pods.filter(pred).map((p) => p.metadata.name)).toEqual(["a"]);
  });
  it("refuses an unsupported field up front", () => {
    expect(() => compileFieldSelector("Pod", "spec.containers=x")).toThrow("field label not supported: spec.containers");
  });
});
