import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  decodeErrorMessage,
  findUnknownFields,
  formatZodIssues,
  goUnmarshalError,
  schemaForKind,
  splitIssues,
  strictDecodingError,
} from "../../../src/api/schemas";

interface TestContainer { name: string; image: string; resources: Record<string, unknown>; ports?: Array<Record<string, unknown>> }

const deployment = () => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web", creationTimestamp: null, labels: { app: "web" } },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: "web" } },
    strategy: {},
    template: {
      metadata: { creationTimestamp: null, labels: { app: "web" } },
      spec: {
        containers: <TestContainer[]>[
          { name: "nginx", image: "nginx", resources: {}, ports: [{ containerPort: 80 }] },
          { name: "side", image: "busybox", resources: { limits: { cpu: 1, memory: "64Mi" }, requests: { cpu: "100m" } } },
        ],
      },
    },
  },
  status: {},
});

function kind(group: string, version: string, name: string): z.ZodType {
  const schema = schemaForKind(group, version, name);
  if (!schema) throw new Error(`no schema for ${name}`);
  return schema;
}
const Deployment = kind("apps", "v1", "Deployment");
const Pod = kind("", "v1", "Pod");
const Service = kind("", "v1", "Service");

describe("what kubectl sends", () => {
  it("parses a `kubectl create deployment --dry-run -o yaml` object", () => {
    const r = Deployment.safeParse(deployment());
    expect(r.success).toBe(true);
  });

  it("takes int-or-string ports, empty strings and numeric quantities", () => {
    const svc = {
      apiVersion: "v1", kind: "Service",
      metadata: { name: "s", namespace: "", creationTimestamp: null },
      spec: { type: "", ports: [{ port: 80, targetPort: 8080 }, { name: "web", port: 81, targetPort: "http" }] },
      status: { loadBalancer: {} },
    };
    expect(Service.safeParse(svc).success).toBe(true);
    const r = Pod.safeParse({ metadata: { name: "p" }, spec: { containers: [{ name: "c", resources: { limits: { cpu: 0.5, memory: 1024 } } }] } });
    expect(r.success).toBe(true);
  });

  it("strips unknown fields from the parsed result", () => {
    const d = { ...deployment(), bogus: 1 };
    const r = Deployment.parse(d) as Record<string, unknown>;
    expect(r.bogus).toBeUndefined();
    expect(r.kind).toBe("Deployment");
  });

  it("rejects quantities that resource.ParseQuantity rejects", () => {
    const r = Pod.safeParse({ spec: { containers: [{ name: "c", resources: { limits: { cpu: "lots" } } }] } });
    expect(r.success).toBe(false);
  });
});

describe("findUnknownFields", () => {
  it("reports nothing for a clean object, and never looks inside maps of strings", () => {
    expect(findUnknownFields(Deployment, deployment())).toEqual([]);
  });

  it("reports unknown fields at every depth, in the strict decoder's notation", () => {
    const d = deployment();
    const [first, second] = d.spec.template.spec.containers;
    Object.assign(d, { extra: true });
    Object.assign(d.spec, { foo: "x" });
    Object.assign(first, { imagePullPolicyy: "Always" });
    Object.assign(first.ports![0], { hostPortt: 1 });
    Object.assign(second.resources, { limitz: {} });
    Object.assign(d.metadata, { ownerReferences: [{ apiVersion: "v1", kind: "X", name: "n", uid: "u", owner: true }] });
    expect(findUnknownFields(Deployment, d)).toEqual([
      // document order, as the decoder meets them
      "metadata.ownerReferences[0].owner",
      "spec.template.spec.containers[0].ports[0].hostPortt",
      "spec.template.spec.containers[0].imagePullPolicyy",
      "spec.template.spec.containers[1].resources.limitz",
      "spec.foo",
      "extra",
    ]);
  });

  it("walks through volumes, probes with int-or-string ports, and lists of structs", () => {
    const pod = {
      spec: {
        containers: [{ name: "c", livenessProbe: { httpGet: { port: "http", paht: "/" } } }],
        volumes: [{ name: "v", configMap: { name: "cm", items: [{ key: "k", path: "p", mod: 1 }] } }],
      },
    };
    expect(findUnknownFields(Pod, pod)).toEqual([
      "spec.containers[0].livenessProbe.httpGet.paht",
      "spec.volumes[0].configMap.items[0].mod",
    ]);
  });

  it("formats the strict decoding error body", () => {
    expect(strictDecodingError(["spec.foo", "spec.bar"])).toBe('strict decoding error: unknown field "spec.foo", unknown field "spec.bar"');
  });
});

describe("field errors", () => {
  it("reports a missing required field as FieldValueRequired", () => {
    const input = { metadata: { name: "p" }, spec: {} };
    const r = Pod.safeParse(input);
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(formatZodIssues(r.error.issues, { input })).toEqual([
      { reason: "FieldValueRequired", message: "Required value", field: "spec.containers" },
    ]);
  });

  it("reports a missing required field inside a list item", () => {
    const input = { spec: { containers: [{ image: "nginx" }] } };
    const r = Pod.safeParse(input);
    if (r.success) throw new Error("expected failure");
    expect(formatZodIssues(r.error.issues, { input })).toEqual([
      { reason: "FieldValueRequired", message: "Required value", field: "spec.containers[0].name" },
    ]);
    expect(splitIssues(r.error.issues).decode).toEqual([]);
  });

  it("words type errors like the OpenAPI validator", () => {
    const d = deployment();
    Object.assign(d.spec, { replicas: "3" });
    const r = Deployment.safeParse(d);
    if (r.success) throw new Error("expected failure");
    expect(formatZodIssues(r.error.issues, { input: d })).toEqual([
      {
        reason: "FieldValueInvalid",
        message: 'Invalid value: "string": spec.replicas in body must be of type integer: "string"',
        field: "spec.replicas",
      },
    ]);
  });

  it("words unsupported enum values like field.NotSupported", () => {
    const input = { spec: { containers: [{ name: "c", imagePullPolicy: "always" }] } };
    const r = Pod.safeParse(input);
    if (r.success) throw new Error("expected failure");
    expect(formatZodIssues(r.error.issues, { input })).toEqual([
      {
        reason: "FieldValueNotSupported",
        message: 'Unsupported value: "always": supported values: "Always", "IfNotPresent", "Never"',
        field: "spec.containers[0].imagePullPolicy",
      },
    ]);
  });

  it("writes map keys as [key] when given the schema", () => {
    const input = { metadata: { labels: { "app.kubernetes.io/name": 5 } }, spec: { containers: [] } };
    const r = Pod.safeParse(input);
    if (r.success) throw new Error("expected failure");
    expect(formatZodIssues(r.error.issues, { input, schema: Pod }).map((c) => c.field)).toEqual(["metadata.labels[app.kubernetes.io/name]"]);
  });
});

describe("Go json decoding errors", () => {
  it("names the innermost struct, the JSON path without indexes, and the Go type", () => {
    const d = deployment();
    Object.assign(d.spec, { replicas: "3" });
    expect(goUnmarshalError(Deployment, d)).toBe("json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32");
    const d2 = deployment();
    Object.assign(d2.spec.template.spec.containers[1], { image: 7 });
    expect(goUnmarshalError(Deployment, d2)).toBe("json: cannot unmarshal number into Go struct field Container.spec.template.spec.containers.image of type string");
    const d3 = deployment();
    Object.assign(d3.metadata, { labels: { app: 1 } });
    expect(goUnmarshalError(Deployment, d3)).toBe("json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string");
    const d4 = deployment();
    Object.assign(d4.spec.template.spec, { containers: { name: "x" } });
    expect(goUnmarshalError(Deployment, d4)).toBe("json: cannot unmarshal object into Go struct field PodSpec.spec.template.spec.containers of type []v1.Container");
    expect(goUnmarshalError(Deployment, deployment())).toBeUndefined();
  });

  it("builds the same sentence from zod issues alone", () => {
    const d = deployment();
    Object.assign(d.spec, { replicas: "3" });
    const r = Deployment.safeParse(d);
    if (r.success) throw new Error("expected failure");
    expect(splitIssues(r.error.issues).decode).toHaveLength(1);
    expect(decodeErrorMessage("Deployment", r.error.issues)).toBe(
      "json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32",
    );
    const p = { spec: { terminationGracePeriodSeconds: "30", containers: [] } };
    const rp = Pod.safeParse(p);
    if (rp.success) throw new Error("expected failure");
    expect(decodeErrorMessage("Pod", rp.error.issues)).toBe(
      "json: cannot unmarshal string into Go struct field PodSpec.spec.terminationGracePeriodSeconds of type int64",
    );
  });

  it("is not confused by schemas it was not generated for", () => {
    expect(goUnmarshalError(z.object({ a: z.string() }), { a: "x" })).toBeUndefined();
  });
});
