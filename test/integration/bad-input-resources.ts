// The table of bad requests thrown at every served resource (see bad-input*.test.ts): each must get the
// Status error a real API server gives, and leave what is stored as it was.
import { beforeAll, describe, expect, it } from "vitest";
import type { ResourceDef } from "../../src/api/resource";
import { REASON, api, withTimeout, collectionPath, createCluster, itemPath, sampleFor, stable, statusProblem, type Cluster } from "./bad-input-helpers";

const NS = "bad-input";
const J = JSON.stringify;
const JSON_CT = "application/json";
const YAML_CT = "application/yaml";
const JP = "application/json-patch+json";
const MP = "application/merge-patch+json";
const SMP = "application/strategic-merge-patch+json";
const AP = "application/apply-patch+yaml";

interface Case {
  what: string;
  method: string;
  path: string;
  body?: string;
  contentType?: string;
  headers?: Record<string, string>;
  codes: number | number[];
  reasons?: string | string[];
}

type BodyCase = Omit<Case, "method" | "path"> & { query?: string };

type Obj = Record<string, unknown> & { metadata: Record<string, unknown> };

const SIZE_PROBED = new Set(["Pod", "Deployment"]);
const BIG = "x".repeat(3 * 1024 * 1024 + 10);
// Go's JSON decoder stops at a nesting depth of 10000
const DEEP = `${"[".repeat(20000)}${"]".repeat(20000)}`;
const YAML_BOMB = ["a: &a [x, x, x, x, x, x, x, x, x]", "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]", "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]", "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]", "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]", "f: [*e, *e, *e, *e, *e, *e, *e, *e, *e]", "metadata: {name: bomb}"].join("\n");

/** run the cases in order; after each, the snapshot of what is stored must be what it was before */
async function runCases(c: Cluster, cases: Case[], snapshot: () => Promise<string>, restore?: () => Promise<void>): Promise<string[]> {
  const failures: string[] = [];
  let before = await snapshot();
  for (const k of cases) {
    const headers: Record<string, string> = { ...(k.headers ?? {}) };
    headers["content-type"] = k.contentType ?? JSON_CT;
    const codes = Array.isArray(k.codes) ? k.codes : [k.codes];
    const reasons = k.reasons ?? codes.map((x) => REASON[x]);
    try {
      // a request that does not answer (and end) in time is a hang
      const problem = await withTimeout(api(c, k.path, { method: k.method, body: k.body, headers }).then((res) => statusProblem(res, codes, reasons)), 3000);
      if (problem) failures.push(`${k.what} [${k.method} ${k.path.slice(0, 120)}]: ${problem}`);
    } catch (e) {
      failures.push(`${k.what} [${k.method} ${k.path.slice(0, 120)}]: no answer (${String(e)})`);
    }
    const after = await snapshot();
    if (after !== before) {
      failures.push(`${k.what}: stored data changed:\n    before ${before.slice(0, 300)}\n    after  ${after.slice(0, 300)}`);
      // report each change once
      if (restore) await restore();
      before = await snapshot();
    }
  }
  return failures;
}

/** bodies that are wrong whatever the resource; `base` is valid, `verb` says what a changed name means */
function bodyCases(def: ResourceDef, base: Obj, verb: "create" | "update"): BodyCase[] {
  const name = base.metadata.name as string;
  const meta = (m: Record<string, unknown>) => J({ ...base, metadata: { ...base.metadata, ...m } });
  const renamed = verb === "create" ? 422 : 400;
  // RBAC names are path segments: anything without "/" or "%" goes, and there is no length limit
  const rbac = def.group === "rbac.authorization.k8s.io";
  const hasSpec = typeof base.spec === "object";
  const other = def.kind === "ConfigMap" ? "Secret" : "ConfigMap";
  const cases: BodyCase[] = [
    { what: "malformed JSON", body: '{"metadata": {"name": ', codes: 400 },
    { what: "truncated JSON", body: J(base).slice(0, -1), codes: 400 },
    { what: "JSON with trailing garbage", body: `${J(base)}}`, codes: 400 },
    { what: "malformed YAML", body: "metadata:\n  name: [unclosed\n", contentType: YAML_CT, codes: 400 },
    { what: "YAML alias bomb", body: YAML_BOMB, contentType: YAML_CT, codes: 400 },
    { what: "YAML list", body: "- a\n- b\n", contentType: YAML_CT, codes: 400 },
    { what: "JSON array", body: "[]", codes: 400 },
    { what: "array of objects", body: J([base]), codes: 400 },
    { what: "JSON string", body: '"x"', codes: 400 },
    { what: "JSON number", body: "42", codes: 400 },
    { what: "JSON null", body: "null", codes: 400 },
    { what: "JSON boolean", body: "true", codes: 400 },
    { what: "empty body", body: "", codes: 400 },
    { what: "deeply nested body", body: `{"metadata":{"name":"${name}"},"x":${DEEP}}`, codes: 400 },
    { what: "wrong kind", body: J({ ...base, kind: "Wrong" }), codes: 400 },
    { what: "another resource's kind", body: J({ ...base, kind: other }), codes: 400 },
    { what: "wrong apiVersion", body: J({ ...base, apiVersion: "nope/v9" }), codes: 400 },
    { what: "apiVersion not a string", body: J({ ...base, apiVersion: 5 }), codes: 400 },
    { what: "kind not a string", body: J({ ...base, kind: ["Pod"] }), codes: 400 },
    { what: "metadata a string", body: J({ ...base, metadata: "x" }), codes: 400 },
    { what: "metadata an array", body: J({ ...base, metadata: [] }), codes: 400 },
    { what: "name a number", body: meta({ name: 5 }), codes: 400 },
    ...(rbac ? [] : [{ what: "name too long", body: meta({ name: "a".repeat(254) }), codes: renamed }]),
    { what: "invalid name", body: meta({ name: rbac ? "a%b" : "Bad_Name!" }), codes: renamed },
    { what: "name with a slash", body: meta({ name: "a/b" }), codes: renamed },
    { what: "labels an array", body: meta({ labels: ["a"] }), codes: 400 },
    { what: "label value a number", body: meta({ labels: { a: 1 } }), codes: 400 },
    { what: "label value an object", body: meta({ labels: { a: { b: "c" } } }), codes: 400 },
    { what: "invalid label value", body: meta({ labels: { a: "-bad-" } }), codes: 422 },
    { what: "invalid label key", body: meta({ labels: { "bad key": "v" } }), codes: 422 },
    { what: "label value too long", body: meta({ labels: { a: "x".repeat(64) } }), codes: 422 },
    { what: "annotation value an object", body: meta({ annotations: { a: {} } }), codes: 400 },
    { what: "annotations over 256 KiB", body: meta({ annotations: { a: "x".repeat(262145) } }), codes: 422 },
    { what: "finalizers a string", body: meta({ finalizers: "x" }), codes: 400 },
    { what: "ownerReferences an object", body: meta({ ownerReferences: {} }), codes: 400 },
    { what: "creationTimestamp not a time", body: meta({ creationTimestamp: "yesterday" }), codes: 400 },
    { what: "unknown field, Strict", body: J({ ...base, bogusField: 1 }), query: "fieldValidation=Strict", codes: 400 },
    { what: "unknown metadata field, Strict", body: meta({ bogusField: 1 }), query: "fieldValidation=Strict", codes: 400 },
    { what: "fieldValidation=Bogus", body: J(base), query: "fieldValidation=Bogus", codes: 422 },
    { what: "dryRun=Bogus", body: J(base), query: "dryRun=Bogus", codes: 422 },
    // the size limit is checked before anything resource-specific: every create, but updates of two kinds only
    ...(verb === "create" || SIZE_PROBED.has(def.kind) ? [{ what: "body over 3 MiB", body: meta({ annotations: { a: BIG } }), codes: 413 }] : []),
    { what: "protobuf body", body: J(base), contentType: "application/vnd.kubernetes.protobuf", codes: 415 },
    { what: "text/plain body", body: J(base), contentType: "text/plain", codes: 415 },
    { what: "form body", body: J(base), contentType: "application/x-www-form-urlencoded", codes: 415 },
  ];
  if (hasSpec) {
    cases.push({ what: "spec a string", body: J({ ...base, spec: "x" }), codes: 400 });
    cases.push({ what: "spec an array", body: J({ ...base, spec: [] }), codes: 400 });
  }
  if (verb === "update") {
    cases.push({ what: "no name (generateName only)", body: J({ ...base, metadata: { ...base.metadata, name: undefined, generateName: "x-" } }), codes: 400 });
  } else {
    cases.push({ what: "invalid generateName", body: J({ ...base, metadata: { ...base.metadata, name: undefined, generateName: rbac ? "a/" : "Bad_" } }), codes: 422 });
    cases.push({ what: "no metadata", body: J({ ...base, metadata: undefined }), codes: 422 });
  }
  if (def.namespaced) cases.push({ what: "namespace differs from the URL", body: meta({ namespace: "other" }), codes: 400 });
  cases.push(...kindCases(def, base));
  return cases;
}

/** wrong field types and values of each kind's own fields */
function kindCases(def: ResourceDef, base: Obj): BodyCase[] {
  const spec = (s: Record<string, unknown>) => J({ ...base, spec: { ...(base.spec as object), ...s } });
  switch (def.kind) {
    case "Pod": {
      const c0 = (x: Record<string, unknown>) => spec({ containers: [{ name: "c", image: "nginx", ...x }] });
      return [
        { what: "containers an object", body: spec({ containers: {} }), codes: 400 },
        { what: "containers a string", body: spec({ containers: "nginx" }), codes: 400 },
        { what: "no containers", body: spec({ containers: [] }), codes: 422 },
        { what: "image a number", body: c0({ image: 5 }), codes: 400 },
        { what: "containerPort out of range", body: c0({ ports: [{ containerPort: 70000 }] }), codes: 422 },
        { what: "containerPort a string", body: c0({ ports: [{ containerPort: "80" }] }), codes: 400 },
        { what: "invalid restartPolicy", body: spec({ restartPolicy: "Sometimes" }), codes: 422 },
        { what: "invalid memory quantity", body: c0({ resources: { limits: { memory: "lots" } } }), codes: [400, 422] },
      ];
    }
    case "Service":
      return [
        { what: "ports a string", body: spec({ ports: "80" }), codes: 400 },
        { what: "port zero", body: spec({ ports: [{ port: 0 }] }), codes: 422 },
        { what: "port a string", body: spec({ ports: [{ port: "http" }] }), codes: 400 },
        { what: "invalid type", body: spec({ type: "Bogus" }), codes: 422 },
      ];
    case "Deployment":
    case "ReplicaSet":
    case "StatefulSet":
    case "ReplicationController":
      return [
        { what: "replicas a string", body: spec({ replicas: "3" }), codes: 400 },
        { what: "replicas fractional", body: spec({ replicas: 1.5 }), codes: 400 },
        { what: "replicas over int32", body: spec({ replicas: 2 ** 31 }), codes: 400 },
        { what: "negative replicas", body: spec({ replicas: -1 }), codes: 422 },
        { what: "template a list", body: spec({ template: [] }), codes: 400 },
      ];
    case "ConfigMap":
      return [
        { what: "data a list", body: J({ ...base, data: ["a"] }), codes: 400 },
        { what: "data value a number", body: J({ ...base, data: { a: 1 } }), codes: 400 },
        { what: "invalid data key", body: J({ ...base, data: { "bad key!": "v" } }), codes: 422 },
      ];
    case "Secret":
      return [
        { what: "data not base64", body: J({ ...base, data: { k: "not base64!" } }), codes: 400 },
        { what: "stringData a list", body: J({ ...base, stringData: ["x"] }), codes: 400 },
      ];
    case "CronJob":
      return [{ what: "invalid schedule", body: spec({ schedule: "every minute" }), codes: 422 }];
    default:
      return [];
  }
}

function withQuery(path: string, query: string | undefined): string {
  return query ? `${path}${path.includes("?") ? "&" : "?"}${query}` : path;
}

function asRequests(cases: BodyCase[], method: string, path: string): Case[] {
  return cases.map(({ query, ...k }) => ({ ...k, method, path: withQuery(path, query) }));
}

function patchCases(def: ResourceDef, item: string, name: string): Case[] {
  const p = (what: string, contentType: string, body: string, codes: number | number[], query?: string): Case => ({ what: `${contentType.split("/")[1]}: ${what}`, method: "PATCH", path: withQuery(item, query), contentType, body, codes });
  const cases: Case[] = [
    p("malformed", JP, "[{", 400),
    p("an object", JP, "{}", 400),
    p("a string", JP, '"x"', 400),
    p("unknown op", JP, J([{ op: "bogus", path: "/metadata/labels" }]), 422),
    p("op missing", JP, J([{ path: "/metadata/labels" }]), 422),
    p("path missing", JP, J([{ op: "replace", value: 1 }]), 422),
    p("operation a number", JP, "[5]", [400, 422]),
    p("replace under a missing key", JP, J([{ op: "replace", path: "/metadata/nope/x", value: 1 }]), 422),
    p("remove a missing key", JP, J([{ op: "remove", path: "/metadata/doesNotExist" }]), 422),
    p("test fails", JP, J([{ op: "test", path: "/metadata/name", value: "other" }]), 422),
    p("path without a slash", JP, J([{ op: "add", path: "metadata", value: 1 }]), 422),
    p("index out of range", JP, J([{ op: "add", path: "/metadata/finalizers/5", value: "x" }]), 422),
    p("move from a missing key", JP, J([{ op: "move", from: "/nope", path: "/x" }]), 422),
    p("rename", JP, J([{ op: "replace", path: "/metadata/name", value: "other" }]), 400),
    p("labels a number", JP, J([{ op: "add", path: "/metadata/labels", value: 5 }]), [400, 422]),
    p("wrong kind", JP, J([{ op: "replace", path: "/kind", value: "Wrong" }]), 400),
    p("invalid label", JP, J([{ op: "add", path: "/metadata/labels", value: { a: "-bad-" } }]), 422),
    p("remove metadata", JP, J([{ op: "remove", path: "/metadata" }]), [400, 422]),
    p("malformed", MP, "{", 400),
    p("a string", MP, '"x"', [400, 422]),
    p("an array", MP, "[]", [400, 422]),
    p("null", MP, "null", [400, 422]),
    p("labels a number", MP, J({ metadata: { labels: 5 } }), 400),
    p("rename", MP, J({ metadata: { name: "other" } }), 400),
    p("wrong kind", MP, J({ kind: "Wrong" }), 400),
    p("wrong apiVersion", MP, J({ apiVersion: "x/v1" }), 400),
    p("metadata null", MP, J({ metadata: null }), [400, 422]),
    p("unknown field, Strict", MP, J({ bogusField: 1 }), 400, "fieldValidation=Strict"),
    p("dryRun=Bogus", MP, J({ metadata: { labels: { a: "b" } } }), 422, "dryRun=Bogus"),
    p("malformed", SMP, "{", 400),
    p("$patch: unknown", SMP, J({ $patch: "unknown" }), [400, 422]),
    p("$patch: bogus in metadata", SMP, J({ metadata: { $patch: "bogus" } }), [400, 422]),
    p("an array", SMP, "[]", [400, 422]),
    p("$retainKeys a string", SMP, J({ metadata: { $retainKeys: "x" } }), [400, 422]),
    p("$setElementOrder a string", SMP, J({ metadata: { "$setElementOrder/finalizers": "x" } }), [400, 422]),
    p("$deleteFromPrimitiveList a string", SMP, J({ metadata: { "$deleteFromPrimitiveList/finalizers": "x" } }), [400, 422]),
    p("label an object", SMP, J({ metadata: { labels: { a: { b: 1 } } } }), 400),
    p("rename", SMP, J({ metadata: { name: "other" } }), 400),
    p("without fieldManager", AP, `apiVersion: ${def.group ? `${def.group}/` : ""}${def.versions[0].version}\nkind: ${def.kind}\nmetadata:\n  name: ${name}\n`, 422),
    p("malformed", AP, "metadata: [", 400, "fieldManager=t"),
    p("a list", AP, "- a\n- b\n", 400, "fieldManager=t"),
    p("a number", AP, "42", 400, "fieldManager=t"),
    p("wrong kind", AP, "apiVersion: v1\nkind: Wrong\nmetadata:\n  name: x\n", 400, "fieldManager=t"),
    p("another name", AP, `apiVersion: ${def.group ? `${def.group}/` : ""}${def.versions[0].version}\nkind: ${def.kind}\nmetadata:\n  name: other\n`, 400, "fieldManager=t"),
    p("alias bomb", AP, YAML_BOMB, 400, "fieldManager=t"),
    ...(SIZE_PROBED.has(def.kind) ? [p("body over 3 MiB", MP, J({ metadata: { annotations: { a: BIG } } }), 413)] : []),
    p("plain JSON is no patch type", JSON_CT, J({ metadata: { labels: { a: "b" } } }), 415),
    p("text/plain", "text/plain", "{}", 415),
    p("protobuf", "application/vnd.kubernetes.protobuf", "{}", 415),
  ];
  if (def.kind === "Pod") {
    cases.push(p("list item without merge key", SMP, J({ spec: { containers: [{ image: "x" }] } }), [400, 422]));
    cases.push(p("$patch delete without merge key", SMP, J({ spec: { containers: [{ $patch: "delete" }] } }), [400, 422]));
    cases.push(p("containers an object", SMP, J({ spec: { containers: { name: "c" } } }), [400, 422]));
  }
  return cases;
}

function queryCases(def: ResourceDef, list: string, item: string, name: string): Case[] {
  const get = (what: string, path: string, codes: number | number[]): Case => ({ what, method: "GET", path, codes });
  const del = (what: string, path: string, codes: number | number[], body?: string): Case => ({ what, method: "DELETE", path, body, codes });
  return [
    get("limit=abc", `${list}?limit=abc`, 400),
    get("continue=garbage", `${list}?limit=1&continue=garbage`, 400),
    get("continue of valid base64 but no token", `${list}?limit=1&continue=${btoa("{}")}`, 400),
    get("resourceVersion=abc on list", `${list}?resourceVersion=abc`, 400),
    get("resourceVersion=abc on get", `${item}?resourceVersion=abc`, 400),
    get("resourceVersion=abc on watch", `${list}?watch=true&resourceVersion=abc`, 400),
    get("timeoutSeconds=abc on watch", `${list}?watch=true&timeoutSeconds=abc`, 400),
    get("timeoutSeconds=abc on list", `${list}?timeoutSeconds=abc`, 400),
    get("labelSelector: unclosed set", `${list}?labelSelector=${encodeURIComponent("a in (b")}`, 400),
    get("labelSelector: double !", `${list}?labelSelector=${encodeURIComponent("!!a")}`, 400),
    get("labelSelector: a=b=c", `${list}?labelSelector=${encodeURIComponent("a=b=c")}`, 400),
    get("labelSelector: invalid value", `${list}?labelSelector=${encodeURIComponent("a=-b-")}`, 400),
    get("labelSelector: trailing comma", `${list}?labelSelector=${encodeURIComponent("a=b,")}`, 400),
    get("labelSelector on watch", `${list}?watch=true&labelSelector=${encodeURIComponent("a in (")}`, 400),
    get("fieldSelector: no operator", `${list}?fieldSelector=metadata.name`, 400),
    get("fieldSelector: unsupported field", `${list}?fieldSelector=spec.bogus%3Dx`, 400),
    get("fieldSelector: set syntax", `${list}?fieldSelector=${encodeURIComponent("metadata.name in (a)")}`, 400),
    get("fieldSelector on watch", `${list}?watch=true&fieldSelector=spec.bogus%3Dx`, 400),
    get("unknown subresource", `${item}/bogus`, 404),
    get("path below a subresource", `${item}/status/extra`, 404),
    { what: "PUT on the collection", method: "PUT", path: list, body: "{}", codes: 405 },
    { what: "PATCH on the collection", method: "PATCH", path: list, body: "{}", contentType: MP, codes: 405 },
    { what: "POST on an item", method: "POST", path: item, body: "{}", codes: 405 },
    del("propagationPolicy=Bogus", `${item}?propagationPolicy=Bogus`, 422),
    del("gracePeriodSeconds=abc", `${item}?gracePeriodSeconds=abc`, 400),
    del("dryRun=Bogus", `${item}?dryRun=Bogus`, 422),
    del("malformed DeleteOptions", item, 400, "{"),
    del("DeleteOptions an array", item, 400, "[]"),
    del("DeleteOptions dryRun a number", item, 400, J({ dryRun: 5 })),
    del("DeleteOptions dryRun a string", item, 400, J({ dryRun: "All" })),
    del("DeleteOptions preconditions a string", item, 400, J({ preconditions: "x" })),
    del("DeleteOptions gracePeriodSeconds a string", item, 400, J({ gracePeriodSeconds: "x" })),
    del("DeleteOptions propagationPolicy a number", item, [400, 422], J({ propagationPolicy: 5 })),
    del("DeleteOptions of another kind", item, 400, J({ kind: "Pod", apiVersion: "v1" })),
    del("uid precondition", item, 409, J({ preconditions: { uid: "00000000-0000-0000-0000-000000000000" } })),
    del("resourceVersion precondition", item, 409, J({ preconditions: { resourceVersion: "1" } })),
    del("deletecollection with a bad labelSelector", `${list}?labelSelector=${encodeURIComponent("a in (")}`, 400),
    del("deletecollection with a bad fieldSelector", `${list}?fieldSelector=spec.bogus%3Dx`, 400),
    del("deletecollection with dryRun=Bogus", `${list}?dryRun=Bogus`, 422),
    get(`${name} in a missing namespace`, def.namespaced ? itemPathIn(def, "no-such-ns", name) : `${item}-missing`, 404),
  ];
}

function itemPathIn(def: ResourceDef, ns: string, name: string): string {
  return `${collectionPath(def, ns)}/${name}`;
}

/** one test per resource: create a valid object, then throw every bad request of the tables at it */
export function describeBadInput(title: string, defs: readonly ResourceDef[]): void {
  describe(title, () => {
    let c: Cluster;
    beforeAll(async () => {
      c = await createCluster();
      const ns = await api(c, "/api/v1/namespaces", { method: "POST", body: J({ metadata: { name: NS } }) });
      expect(ns.status).toBe(201);
    });

    it.each(defs.filter((d) => d.plural !== "bindings" && !d.review).map((d) => [`${d.plural}${d.group ? `.${d.group}` : ""}`, d] as const))("%s", async (_label, def) => {
      const name = `bi-${def.plural.slice(0, 20)}${def.group ? "-g" : ""}`;
      const sample = sampleFor(def, name, NS) as Obj;
      const list = collectionPath(def, NS);
      const item = itemPath(def, NS, name);
      const created = await api(c, list, { method: "POST", body: J(sample) });
      expect(created.status, await created.clone().text()).toBe(201);
      const stored = (await created.json()) as Obj;
      const fresh = { ...sample, metadata: { ...sample.metadata, name: `${name}-new` } };
      // the object must stay as it is and the fresh name must stay free
      const snapshot = async () => {
        const res = await api(c, list);
        const items = ((await res.json()) as { items?: Obj[] }).items ?? [];
        return `${res.status} ${items.filter((o) => o.metadata.name === name || o.metadata.name === `${name}-new`).map(stable).join(" | ")}`;
      };
      const cases: Case[] = [
        ...asRequests(bodyCases(def, fresh as Obj, "create"), "POST", list),
        // without a resourceVersion, so that one wrongly accepted update does not turn the rest into conflicts
        ...asRequests(bodyCases(def, { ...stored, metadata: { ...stored.metadata, resourceVersion: undefined } }, "update"), "PUT", item),
        { what: "stale resourceVersion", method: "PUT", path: item, body: J({ ...stored, metadata: { ...stored.metadata, resourceVersion: "1" } }), codes: 409 },
        { what: "resourceVersion not a number", method: "PUT", path: item, body: J({ ...stored, metadata: { ...stored.metadata, resourceVersion: "abc" } }), codes: [400, 409, 422] },
        { what: "uid precondition", method: "PUT", path: item, body: J({ ...stored, metadata: { ...stored.metadata, uid: "00000000-0000-0000-0000-000000000000" } }), codes: 409 },
        { what: "name differs from the URL", method: "PUT", path: item, body: J({ ...stored, metadata: { ...stored.metadata, name: "other" } }), codes: 400 },
        { what: "update of a missing object", method: "PUT", path: itemPath(def, NS, `${name}-new`), body: J(fresh), codes: 404 },
        { what: "patch of a missing object", method: "PATCH", path: itemPath(def, NS, `${name}-new`), body: J({ metadata: { labels: { a: "b" } } }), contentType: MP, codes: 404 },
        { what: "create of an existing name", method: "POST", path: list, body: J(sample), codes: 409, reasons: "AlreadyExists" },
        ...patchCases(def, item, name),
        ...queryCases(def, list, item, name),
      ];
      if (def.namespaced) {
        cases.push({ what: "create in a missing namespace", method: "POST", path: collectionPath(def, "no-such-ns"), body: J({ ...fresh, metadata: { name: `${name}-new` } }), codes: 404 });
        cases.push({ what: "create on the all-namespaces path", method: "POST", path: collectionPath(def, undefined), body: J(fresh), codes: 405 });
        cases.push({ what: "deletecollection on the all-namespaces path", method: "DELETE", path: collectionPath(def, undefined), codes: 405 });
      } else {
        cases.push({ what: "cluster-scoped resource under a namespace", method: "GET", path: `${collectionPath(def, undefined).replace(/\/[^/]+$/, "")}/namespaces/${NS}/${def.plural}/${name}`, codes: 404 });
        cases.push({ what: "cluster-scoped list under a namespace", method: "GET", path: `${collectionPath(def, undefined).replace(/\/[^/]+$/, "")}/namespaces/${NS}/${def.plural}`, codes: 404 });
        cases.push({ what: "cluster-scoped create under a namespace", method: "POST", path: `${collectionPath(def, undefined).replace(/\/[^/]+$/, "")}/namespaces/${NS}/${def.plural}`, body: J(fresh), codes: 404 });
      }
      if (def.subresources.some((s) => s.name === "status")) {
        cases.push(...asRequests([
          { what: "status: malformed", body: "{", codes: 400 },
          { what: "status: an array", body: "[]", codes: 400 },
          { what: "status: a string status", body: J({ ...stored, status: "x" }), codes: 400 },
          { what: "status: stale resourceVersion", body: J({ ...stored, metadata: { ...stored.metadata, resourceVersion: "1" } }), codes: 409 },
          { what: "status: other name", body: J({ ...stored, metadata: { ...stored.metadata, name: "other" } }), codes: 400 },
        ], "PUT", itemPath(def, NS, name, "status")));
      } else {
        cases.push({ what: "status of a resource without one", method: "GET", path: itemPath(def, NS, name, "status"), codes: 404 });
      }
      if (def.subresources.some((s) => s.name === "scale")) {
        const scale = itemPath(def, NS, name, "scale");
        const s = (what: string, method: string, body: string, codes: number | number[], contentType = JSON_CT): Case => ({ what: `scale: ${what}`, method, path: scale, body, codes, contentType });
        cases.push(
          s("malformed", "PUT", "{", 400),
          s("null", "PUT", "null", 400),
          s("an array", "PUT", "[]", 400),
          s("replicas a string", "PUT", J({ spec: { replicas: "3" } }), 400),
          s("replicas over int32", "PUT", J({ spec: { replicas: 2 ** 31 } }), 400),
          s("negative replicas", "PUT", J({ spec: { replicas: -1 } }), 422),
          s("stale resourceVersion", "PUT", J({ metadata: { resourceVersion: "1" }, spec: { replicas: 1 } }), 409),
          s("other name", "PUT", J({ metadata: { name: "other" }, spec: { replicas: 0 } }), 400),
          s("wrong kind", "PUT", J({ kind: "Pod", spec: { replicas: 0 } }), 400),
          s("JSON patch to a missing key", "PATCH", J([{ op: "replace", path: "/spec/nope/x", value: 1 }]), 422, JP),
          s("merge patch malformed", "PATCH", "{", 400, MP),
          s("merge patch replicas a string", "PATCH", J({ spec: { replicas: "x" } }), 400, MP),
          s("text/plain patch", "PATCH", "{}", 415, "text/plain"),
          s("POST", "POST", "{}", 405),
        );
      } else {
        cases.push({ what: "scale of a resource without one", method: "GET", path: itemPath(def, NS, name, "scale"), codes: 404 });
      }
      const restore = async () => {
        await api(c, `${itemPath(def, NS, `${name}-new`)}?gracePeriodSeconds=0`, { method: "DELETE" });
        if ((await api(c, item)).status === 404) await api(c, list, { method: "POST", body: J(sample) });
      };
      const failures = await runCases(c, cases, snapshot, restore);
      expect(failures.join("\n")).toBe("");
    }, 60_000);
  });
}
