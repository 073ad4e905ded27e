import { describe, expect, it } from "vitest";
import { z } from "zod";
import { buildGroupVersionDoc, type OpenApiDocument } from "../../../src/api/openapi";
import type { ResourceDef } from "../../../src/api/resource";
import { allResources, registry } from "./fixtures";

const REF = "#/components/schemas/";

function coreDoc(): OpenApiDocument {
  return buildGroupVersionDoc(allResources, "", "v1", { registry });
}

function appsDoc(): OpenApiDocument {
  return buildGroupVersionDoc(allResources, "apps", "v1", { registry });
}

function schema(doc: OpenApiDocument, id: string): Record<string, unknown> {
  const s = doc.components.schemas[id];
  expect(s, `component ${id}`).toBeDefined();
  return s;
}

function props(s: Record<string, unknown>): Record<string, Record<string, unknown>> {
  return s.properties as Record<string, Record<string, unknown>>;
}

function collectRefs(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => collectRefs(v, out));
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k === "$ref" && typeof v === "string") out.push(v);
      else collectRefs(v, out);
    }
  }
  return out;
}

describe("components", () => {
  it("writes the top-level kind with its GVK and struct references the upstream way", () => {
    const doc = coreDoc();
    expect(doc.openapi).toBe("3.0.0");
    expect(doc.info).toEqual({ title: "Kubernetes", version: "v1.31.4" });
    const pod = schema(doc, "io.k8s.api.core.v1.Pod");
    expect(pod.description).toBe("Pod is a collection of containers.");
    expect(pod.type).toBe("object");
    expect(pod["x-kubernetes-group-version-kind"]).toEqual([{ group: "", kind: "Pod", version: "v1" }]);
    expect(props(pod).spec).toEqual({
      allOf: [{ $ref: `${REF}io.k8s.api.core.v1.PodSpec` }],
      default: {},
      description: "Specification of the desired behavior of the pod.",
    });
    expect(Object.keys(props(pod))).toEqual(["apiVersion", "kind", "metadata", "spec"]);
  });

  it("copies patch extensions onto array properties and wraps item refs in allOf", () => {
    const spec = schema(coreDoc(), "io.k8s.api.core.v1.PodSpec");
    expect(props(spec).containers).toEqual({
      description: "List of containers belonging to the pod.",
      items: { allOf: [{ $ref: `${REF}io.k8s.api.core.v1.Container` }], default: {} },
      type: "array",
      "x-kubernetes-patch-merge-key": "name",
      "x-kubernetes-patch-strategy": "merge",
    });
    expect(spec.required).toEqual(["containers"]);
    expect(props(spec).restartPolicy).toEqual({ type: "string", enum: ["Always", "OnFailure", "Never"] });
    // meta format on a plain number turns it into a Go integer
    expect(props(spec).terminationGracePeriodSeconds).toEqual({ format: "int64", type: "integer" });
  });

  it("keeps field docs given by .meta() on a clone of a named type without inlining it", () => {
    const spec = schema(coreDoc(), "io.k8s.api.core.v1.PodSpec");
    expect(props(spec).probe).toEqual({
      allOf: [{ $ref: `${REF}io.k8s.api.core.v1.Probe` }],
      default: {},
      description: "A probe, documented at the field.",
    });
  });

  it("writes IntOrString, Quantity and Time like upstream", () => {
    const doc = coreDoc();
    expect(schema(doc, "io.k8s.apimachinery.pkg.util.intstr.IntOrString")).toEqual({
      description: "IntOrString holds an int32 or a string.",
      format: "int-or-string",
      type: "string",
    });
    expect(schema(doc, "io.k8s.apimachinery.pkg.api.resource.Quantity")).toEqual({
      description: "Quantity is a fixed-point number.",
      oneOf: [{ type: "string" }, { type: "number" }],
    });
    expect(schema(doc, "io.k8s.apimachinery.pkg.apis.meta.v1.Time")).toMatchObject({ format: "date-time", type: "string" });
    // scalar refs as properties: allOf without default
    expect(props(schema(doc, "io.k8s.api.core.v1.Probe")).port).toEqual({
      allOf: [{ $ref: `${REF}io.k8s.apimachinery.pkg.util.intstr.IntOrString` }],
      description: "Port to probe.",
    });
    // scalar refs as map values: a bare $ref
    const container = schema(doc, "io.k8s.api.core.v1.Container");
    const resources = props(container).resources as { properties: Record<string, unknown> };
    expect(resources.properties.limits).toEqual({
      additionalProperties: { $ref: `${REF}io.k8s.apimachinery.pkg.api.resource.Quantity` },
      type: "object",
    });
    expect(props(container).args).toEqual({ items: { type: "string", default: "" }, type: "array" });
    expect(props(schema(doc, "io.k8s.api.core.v1.ContainerPort")).containerPort).toEqual({ format: "int32", type: "integer" });
  });

  it("derives an id and GVK for a resource schema without id, and writes its List", () => {
    const doc = coreDoc();
    const cm = schema(doc, "io.k8s.api.core.v1.ConfigMap");
    expect(cm["x-kubernetes-group-version-kind"]).toEqual([{ group: "", kind: "ConfigMap", version: "v1" }]);
    const list = schema(doc, "io.k8s.api.core.v1.ConfigMapList");
    expect(list["x-kubernetes-group-version-kind"]).toEqual([{ group: "", kind: "ConfigMapList", version: "v1" }]);
    expect(props(list).items.items).toEqual({ allOf: [{ $ref: `${REF}io.k8s.api.core.v1.ConfigMap` }], default: {} });
    expect(props(list).metadata.allOf).toEqual([{ $ref: `${REF}io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta` }]);
  });

  it("only holds the schemas of its own group-version, and every $ref resolves", () => {
    for (const doc of [coreDoc(), appsDoc()]) {
      const ids = new Set(Object.keys(doc.components.schemas));
      for (const ref of collectRefs(doc)) expect(ids.has(ref.slice(REF.length)), ref).toBe(true);
    }
    expect(coreDoc().components.schemas["io.k8s.api.apps.v1.Deployment"]).toBeUndefined();
    const apps = appsDoc();
    expect(apps.components.schemas["io.k8s.api.core.v1.Pod"]).toBeUndefined();
    // reached through Deployment.spec.template.spec
    expect(apps.components.schemas["io.k8s.api.core.v1.PodSpec"]).toBeDefined();
    expect(Object.keys(apps.components.schemas)).toEqual([...Object.keys(apps.components.schemas)].sort());
  });

  it("answers an empty document for a group-version nobody serves", () => {
    const doc = buildGroupVersionDoc(allResources, "batch", "v1", { registry });
    expect(doc.paths).toEqual({});
    expect(doc.components.schemas).toEqual({});
  });
});

describe("zod shapes", () => {
  function docFor(schemaForKind: z.ZodType): OpenApiDocument {
    const def: ResourceDef = {
      group: "example.com",
      versions: [{ version: "v1", served: true, storage: true }],
      kind: "Widget",
      listKind: "WidgetList",
      plural: "widgets",
      singular: "widget",
      namespaced: true,
      shortNames: [],
      categories: [],
      verbs: ["get", "list", "patch"],
      subresources: [],
      schema: schemaForKind,
    };
    return buildGroupVersionDoc([def], "example.com", "v1");
  }

  it("resolves ids registered with .meta() in zod's global registry", () => {
    const Part = z.object({ size: z.number().int() }).meta({ id: "com.example.test.v1.GlobalPart", description: "A part." });
    const Widget = z
      .object({ part: Part.optional().describe("The part."), parts: z.array(Part).optional() })
      .meta({ id: "com.example.test.v1.GlobalWidget", description: "A widget.", gvk: [{ group: "example.com", version: "v1", kind: "Widget" }] });
    const doc = docFor(Widget);
    const widget = doc.components.schemas["com.example.test.v1.GlobalWidget"];
    expect(widget.description).toBe("A widget.");
    expect(widget["x-kubernetes-group-version-kind"]).toEqual([{ group: "example.com", kind: "Widget", version: "v1" }]);
    expect((widget.properties as Record<string, unknown>).part).toEqual({
      allOf: [{ $ref: `${REF}com.example.test.v1.GlobalPart` }],
      default: {},
      description: "The part.",
    });
    expect(doc.components.schemas["com.example.test.v1.GlobalPart"]).toEqual({
      description: "A part.",
      properties: { size: { format: "int32", type: "integer" } },
      required: ["size"],
      type: "object",
    });
    // resource definitions hand over z.lazy(() => Kind); the named type behind it is still used
    const lazyDoc = docFor(z.lazy(() => Widget));
    expect(lazyDoc.components.schemas["com.example.test.v1.GlobalWidget"].description).toBe("A widget.");
    expect(lazyDoc.components.schemas["com.example.v1.Widget"]).toBeUndefined();
    // CRD-style groups get a reversed-domain id when the schema has none
    expect(docFor(z.object({ a: z.string().optional() })).components.schemas["com.example.v1.Widget"]).toBeDefined();
  });

  it("terminates on recursive schemas and flattens unions of structs", () => {
    const NodeNamed = z
      .object({ name: z.string().optional(), get children() { return z.array(NodeNamed).optional(); } })
      .meta({ id: "com.example.test.v1.TreeNode" });
    const doc = docFor(
      z.object({
        tree: NodeNamed.optional(),
        either: z.union([z.object({ a: z.string() }), z.object({ a: z.string(), b: z.boolean() })]).optional(),
        maybe: z.string().nullable().optional(),
        when: z.iso.datetime().optional(),
        deferred: z.lazy(() => z.string()).optional(),
      }),
    );
    const tree = doc.components.schemas["com.example.test.v1.TreeNode"];
    expect((tree.properties as Record<string, Record<string, unknown>>).children.items).toEqual({
      allOf: [{ $ref: `${REF}com.example.test.v1.TreeNode` }],
      default: {},
    });
    const widget = doc.components.schemas["com.example.v1.Widget"].properties as Record<string, unknown>;
    expect(widget.either).toEqual({
      properties: { a: { type: "string" }, b: { type: "boolean" } },
      required: ["a"],
      type: "object",
    });
    expect(widget.maybe).toEqual({ type: "string" });
    expect(widget.when).toEqual({ format: "date-time", type: "string" });
    expect(widget.deferred).toEqual({ type: "string" });
  });
});
