// Node-only code generator (never imported by the worker): reads the upstream API types as
// published in kubernetes-models' declaration files (descriptions, required fields, enums) and
// writes one zod module per API group-version into src/api/schemas/.
//
//   node src/api/schemas/codegen/generate-schemas.mjs [kubernetes-models package dir]
//
// The checked-in output was generated from kubernetes-models 4.5.1 (the closest release to
// Kubernetes 1.31: it has ImageVolumeSource, unlike 4.4.x), with the few post-1.31 fields in
// PRUNED removed. Patch/list metadata is not in those declarations; it comes from PATCH_META,
// transcribed from the +patchMergeKey/+listType markers in k8s.io/api types.go.
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

const here = path.dirname(new URL(import.meta.url).pathname);
const repo = path.resolve(here, "../../../..");
const modelsDir = path.resolve(process.argv[2] ?? path.join(repo, "node_modules/kubernetes-models"));
const machineryDir = path.join(repo, "node_modules/@kubernetes-models/apimachinery");
const outDir = path.resolve(here, "..");

/** [models dir, type name, gvks] */
const ROOTS = [
  ...["Namespace", "Node", "Pod", "Binding", "Service", "Endpoints", "ConfigMap", "Secret", "ServiceAccount", "Event",
    "PersistentVolume", "PersistentVolumeClaim", "ReplicationController", "LimitRange", "ResourceQuota", "PodTemplate"]
    .map((k) => ["v1", k, [["", "v1", k]]]),
  ...["Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "ControllerRevision"].map((k) => ["apps/v1", k, [["apps", "v1", k]]]),
  ["batch/v1", "Job", [["batch", "v1", "Job"]]],
  ["batch/v1", "CronJob", [["batch", "v1", "CronJob"], ["batch", "v1beta1", "CronJob"]]],
  ["autoscaling/v1", "Scale", [["autoscaling", "v1", "Scale"]]],
  ["autoscaling/v2", "HorizontalPodAutoscaler", [["autoscaling", "v2", "HorizontalPodAutoscaler"]]],
  ["discovery.k8s.io/v1", "EndpointSlice", [["discovery.k8s.io", "v1", "EndpointSlice"]]],
  ["coordination.k8s.io/v1", "Lease", [["coordination.k8s.io", "v1", "Lease"]]],
  ["storage.k8s.io/v1", "StorageClass", [["storage.k8s.io", "v1", "StorageClass"]]],
  ...["Ingress", "NetworkPolicy", "IngressClass"].map((k) => ["networking.k8s.io/v1", k, [["networking.k8s.io", "v1", k]]]),
  ...["Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"].map((k) => ["rbac.authorization.k8s.io/v1", k, [["rbac.authorization.k8s.io", "v1", k]]]),
  ["events.k8s.io/v1", "Event", [["events.k8s.io", "v1", "Event"]]],
  ...["LocalSubjectAccessReview", "SelfSubjectAccessReview", "SelfSubjectRulesReview", "SubjectAccessReview"].map((k) => ["authorization.k8s.io/v1", k, [["authorization.k8s.io", "v1", k]]]),
  ["authentication.k8s.io/v1", "SelfSubjectReview", [["authentication.k8s.io", "v1", "SelfSubjectReview"]]],
  ["@meta", "DeleteOptions", [["", "v1", "DeleteOptions"], ["meta.k8s.io", "v1", "DeleteOptions"]]],
  ["@meta", "Status", [["", "v1", "Status"], ["meta.k8s.io", "v1", "Status"]]],
  ["@meta", "ObjectMeta", []],
  ["@meta", "OwnerReference", []],
  ["@meta", "ManagedFieldsEntry", []],
  ["@meta", "LabelSelector", []],
];

/** Fields added after Kubernetes 1.31 that the source release already has. */
const PRUNED = new Set([
  "io.k8s.api.core.v1.PodSpec.resources",
  "io.k8s.api.core.v1.Lifecycle.stopSignal",
  "io.k8s.api.core.v1.ContainerStatus.stopSignal",
]);

/** Hand-written schemas (src/api/schemas/primitives.ts) standing for upstream types with custom JSON. */
const PRIMITIVES = {
  "io.k8s.apimachinery.pkg.api.resource.Quantity": "Quantity",
  "io.k8s.apimachinery.pkg.util.intstr.IntOrString": "IntOrString",
  "io.k8s.apimachinery.pkg.apis.meta.v1.Time": "Time",
  "io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime": "MicroTime",
  "io.k8s.apimachinery.pkg.runtime.RawExtension": "RawExtension",
  "io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1": "FieldsV1",
};

const TOP_DOCS = {
  apiVersion: "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values.",
  kind: "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase.",
};

const m = (mergeKey, strategy, listType, mapKeys) => ({ mergeKey, strategy, listType, mapKeys });
const CONDITIONS = m("type", "merge", "map", ["type"]);
const PATCH_META = {
  "core.v1.PodSpec.volumes": m("name", "merge,retainKeys", "map", ["name"]),
  "core.v1.PodSpec.initContainers": m("name", "merge", "map", ["name"]),
  "core.v1.PodSpec.containers": m("name", "merge", "map", ["name"]),
  "core.v1.PodSpec.ephemeralContainers": m("name", "merge", "map", ["name"]),
  "core.v1.PodSpec.imagePullSecrets": m("name", "merge", "map", ["name"]),
  "core.v1.PodSpec.hostAliases": m("ip", "merge", "map", ["ip"]),
  "core.v1.PodSpec.topologySpreadConstraints": m("topologyKey", "merge", "map", ["topologyKey", "whenUnsatisfiable"]),
  "core.v1.PodSpec.schedulingGates": m("name", "merge", "map", ["name"]),
  "core.v1.PodSpec.resourceClaims": m("name", "merge,retainKeys", "map", ["name"]),
  "core.v1.PodStatus.conditions": CONDITIONS,
  "core.v1.PodStatus.podIPs": m("ip", "merge", "atomic"),
  "core.v1.PodStatus.hostIPs": m("ip", "merge", "atomic"),
  "core.v1.PodStatus.resourceClaimStatuses": m("name", "merge,retainKeys", "map", ["name"]),
  "core.v1.Container.ports": m("containerPort", "merge", "map", ["containerPort", "protocol"]),
  "core.v1.Container.env": m("name", "merge", "atomic"),
  "core.v1.Container.volumeMounts": m("mountPath", "merge", "atomic"),
  "core.v1.Container.volumeDevices": m("devicePath", "merge", "atomic"),
  "core.v1.EphemeralContainer.ports": m("containerPort", "merge", "map", ["containerPort", "protocol"]),
  "core.v1.EphemeralContainer.env": m("name", "merge", "atomic"),
  "core.v1.EphemeralContainer.volumeMounts": m("mountPath", "merge", "atomic"),
  "core.v1.EphemeralContainer.volumeDevices": m("devicePath", "merge", "atomic"),
  "core.v1.ContainerStatus.volumeMounts": m("mountPath", "merge", "atomic"),
  "core.v1.ContainerStatus.allocatedResourcesStatus": m("name", "merge", "map", ["name"]),
  "core.v1.ResourceRequirements.claims": m(undefined, undefined, "map", ["name"]),
  "core.v1.ServiceSpec.ports": m("port", "merge", "map", ["port", "protocol"]),
  "core.v1.ServiceStatus.conditions": CONDITIONS,
  "core.v1.NodeSpec.podCIDRs": m(undefined, "merge", "set"),
  "core.v1.NodeStatus.addresses": m("type", "merge", "atomic"),
  "core.v1.NodeStatus.conditions": CONDITIONS,
  "core.v1.NamespaceStatus.conditions": CONDITIONS,
  "core.v1.PersistentVolumeClaimStatus.conditions": CONDITIONS,
  "core.v1.ReplicationControllerStatus.conditions": CONDITIONS,
  "core.v1.ServiceAccount.secrets": m("name", "merge", "atomic"),
  "apps.v1.DeploymentStatus.conditions": CONDITIONS,
  "apps.v1.ReplicaSetStatus.conditions": CONDITIONS,
  "apps.v1.StatefulSetStatus.conditions": CONDITIONS,
  "apps.v1.DaemonSetStatus.conditions": CONDITIONS,
  "batch.v1.JobStatus.conditions": m("type", "merge", "atomic"),
  "autoscaling.v2.HorizontalPodAutoscalerStatus.conditions": CONDITIONS,
  "apimachinery.pkg.apis.meta.v1.ObjectMeta.ownerReferences": m("uid", "merge", "map", ["uid"]),
  "apimachinery.pkg.apis.meta.v1.ObjectMeta.finalizers": m(undefined, "merge", "set"),
  "apimachinery.pkg.apis.meta.v1.Status.details": undefined,
};

// ---------------------------------------------------------------- reading declarations

/** models-relative dir ("v1", "apps/v1", "@meta") → [absolute dir, id prefix, output module] */
function locate(dir) {
  if (dir === "@meta") return [path.join(machineryDir, "apis/meta/v1"), "io.k8s.apimachinery.pkg.apis.meta.v1", "meta-v1"];
  if (dir.startsWith("@machinery/")) {
    const sub = dir.slice("@machinery/".length);
    return [path.join(machineryDir, sub), `io.k8s.apimachinery.pkg.${sub.replaceAll("/", ".")}`, sub.replaceAll("/", "-")];
  }
  const parts = dir.split("/");
  if (parts.length === 1) return [path.join(modelsDir, dir), `io.k8s.api.core.${dir}`, `core-${dir}`];
  const group = parts[0].replace(/\.k8s\.io$/, "").replace(/\.authorization$/, "");
  return [path.join(modelsDir, dir), `io.k8s.api.${group}.${parts[1]}`, `${group.replaceAll(".", "-")}-${parts[1]}`];
}

/** Resolve an import specifier found in a file of models-dir `fromDir` to [dir, type name]. */
function resolveImport(fromDir, spec) {
  const clean = spec.replace(/\.js$/, "");
  const mm = clean.match(/^@kubernetes-models\/apimachinery\/(.+)\/([^/]+)$/);
  if (mm) return [mm[1] === "apis/meta/v1" ? "@meta" : `@machinery/${mm[1]}`, mm[2]];
  if (fromDir.startsWith("@")) {
    const base = fromDir === "@meta" ? "apis/meta/v1" : fromDir.slice("@machinery/".length);
    const joined = path.posix.normalize(path.posix.join(base, clean));
    const dir = path.posix.dirname(joined);
    return [dir === "apis/meta/v1" ? "@meta" : `@machinery/${dir}`, path.posix.basename(joined)];
  }
  const joined = path.posix.normalize(path.posix.join(fromDir, clean));
  return [path.posix.dirname(joined), path.posix.basename(joined)];
}

const idOf = (dir, name) => `${locate(dir)[1]}.${name}`;

function jsDocText(node) {
  const docs = node.jsDoc;
  if (!docs || docs.length === 0) return "";
  const c = docs[docs.length - 1].comment;
  if (!c) return "";
  return typeof c === "string" ? c : c.map((p) => p.text ?? "").join("");
}

/** First sentences, without the generated enum listing, capped so the bundle stays small. */
function shorten(text) {
  let t = text.split(/\n\s*Possible enum values:/)[0].replace(/\s+/g, " ").trim();
  if (t.length <= 320) return t;
  let out = "";
  for (const s of t.split(/(?<=\.)\s+/)) {
    if (out.length > 0 && out.length + s.length > 320) break;
    out += (out ? " " : "") + s;
  }
  return out;
}

/** int32/int64 per property, read from the compiled validators that ship next to the declarations. */
function intFormats(id, dir) {
  const pascal = id.split(".").map((s) => s[0].toUpperCase() + s.slice(1)).join("");
  const base = dir.startsWith("@") ? machineryDir : modelsDir;
  const file = path.join(base, "_schemas", `${pascal}.js`);
  const out = {};
  if (!fs.existsSync(file)) return out;
  const src = fs.readFileSync(file, "utf8");
  const bodies = {};
  const fnRe = /function (validate\d+)\(/g;
  const starts = [];
  for (let r; (r = fnRe.exec(src)); ) starts.push([r[1], r.index]);
  // the exported validator is `validate=function validateN(` — included by the same regex
  starts.forEach(([name, at], i) => (bodies[name] = src.slice(at, i + 1 < starts.length ? starts[i + 1][1] : src.length)));
  const propRe = /void 0===data(?:\.([A-Za-z0-9_$]+)|\["([^"]+)"\])\|\|(validate\d+)\(/g;
  for (let r; (r = propRe.exec(src)); ) {
    const prop = r[1] ?? r[2];
    const body = bodies[r[3]] ?? "";
    const f = body.match(/format:"(int32|int64|double)"/);
    if (f) out[prop] = f[1];
  }
  return out;
}

const types = new Map(); // id -> info

function load(dir, name) {
  const id = idOf(dir, name);
  if (types.has(id) || PRIMITIVES[id]) return id;
  const [absDir, , module] = locate(dir);
  const file = path.join(absDir, `${name}.d.ts`);
  const sf = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
  const imports = new Map();
  let decl;
  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st) && st.importClause?.namedBindings && ts.isNamedImports(st.importClause.namedBindings)) {
      for (const el of st.importClause.namedBindings.elements) imports.set(el.name.text, resolveImport(dir, st.moduleSpecifier.text));
    }
    if ((ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st)) && st.name.text === `I${name}`) decl = st;
  }
  if (!decl) throw new Error(`no I${name} in ${file}`);
  const info = { id, name, dir, module, description: shorten(jsDocText(decl)), fields: [], deps: new Set() };
  types.set(id, info);
  const formats = intFormats(id, dir);
  const conv = (node) => {
    if (node.kind === ts.SyntaxKind.StringKeyword) return { k: "string" };
    if (node.kind === ts.SyntaxKind.NumberKeyword) return { k: "int" };
    if (node.kind === ts.SyntaxKind.BooleanKeyword) return { k: "bool" };
    if (ts.isParenthesizedTypeNode(node)) return conv(node.type);
    if (ts.isUnionTypeNode(node) && node.types.every((t) => ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal))) {
      return { k: "enum", values: node.types.map((t) => t.literal.text) };
    }
    if (ts.isLiteralTypeNode(node) && ts.isStringLiteral(node.literal)) return { k: "string" };
    if (ts.isIndexedAccessTypeNode(node)) return { k: "string" };
    if (ts.isArrayTypeNode(node)) return { k: "array", of: conv(node.elementType) };
    if (ts.isTypeReferenceNode(node)) {
      const tn = node.typeName.getText(sf);
      if (tn === "Array") return { k: "array", of: conv(node.typeArguments[0]) };
      const imp = imports.get(tn);
      if (!imp) throw new Error(`${id}: unresolved ${tn}`);
      const depId = load(imp[0], imp[1]);
      info.deps.add(depId);
      return { k: "ref", id: depId };
    }
    if (ts.isTypeLiteralNode(node)) {
      const idx = node.members.find((mm) => ts.isIndexSignatureDeclaration(mm));
      if (idx) return { k: "record", of: conv(idx.type) };
      return { k: "unknown" };
    }
    if (node.kind === ts.SyntaxKind.AnyKeyword || node.kind === ts.SyntaxKind.UnknownKeyword || node.kind === ts.SyntaxKind.ObjectKeyword) {
      return { k: "unknown" };
    }
    throw new Error(`${id}: unsupported type ${ts.SyntaxKind[node.kind]} ${node.getText(sf)}`);
  };
  if (ts.isTypeAliasDeclaration(decl)) {
    info.alias = conv(decl.type);
    return id;
  }
  for (const mem of decl.members) {
    if (!ts.isPropertySignature(mem)) continue;
    const fname = ts.isStringLiteral(mem.name) ? mem.name.text : mem.name.getText(sf);
    if (PRUNED.has(`${id}.${fname}`)) continue;
    const top = fname === "apiVersion" || fname === "kind";
    info.fields.push({
      name: fname,
      type: top ? { k: "string" } : conv(mem.type),
      required: !mem.questionToken && !top,
      description: shorten(jsDocText(mem)) || TOP_DOCS[fname] || "",
      format: formats[fname],
    });
  }
  return id;
}

const gvkOf = new Map();
for (const [dir, name, gvks] of ROOTS) {
  const id = load(dir, name);
  if (gvks.length) gvkOf.set(id, gvks.map(([group, version, kind]) => ({ group, version, kind })));
}

// ---------------------------------------------------------------- emitting zod

const varName = (info) => info.name;
const byModule = new Map();
for (const info of types.values()) {
  if (!byModule.has(info.module)) byModule.set(info.module, []);
  byModule.get(info.module).push(info);
}

/** Topological order inside a module; edges closing a cycle are emitted through z.lazy. */
function order(list) {
  const inModule = new Set(list.map((i) => i.id));
  const state = new Map();
  const out = [];
  const lazyEdges = new Set();
  const visit = (info) => {
    state.set(info.id, "open");
    for (const dep of [...info.deps].sort()) {
      if (!inModule.has(dep)) continue;
      const s = state.get(dep);
      if (s === "open") lazyEdges.add(`${info.id}->${dep}`);
      else if (!s) visit(types.get(dep));
    }
    state.set(info.id, "done");
    out.push(info);
  };
  for (const info of [...list].sort((a, b) => a.name.localeCompare(b.name))) if (!state.get(info.id)) visit(info);
  return { out, lazyEdges };
}

function emitModule(module, list) {
  const { out, lazyEdges } = order(list);
  const foreign = new Map(); // module -> Set(var)
  const prims = new Set();
  const fieldHelpers = new Set();
  const refExpr = (fromId, depId) => {
    if (PRIMITIVES[depId]) {
      prims.add(PRIMITIVES[depId]);
      return PRIMITIVES[depId];
    }
    const dep = types.get(depId);
    if (dep.module !== module) {
      if (!foreign.has(dep.module)) foreign.set(dep.module, new Set());
      foreign.get(dep.module).add(varName(dep));
      return varName(dep);
    }
    if (lazyEdges.has(`${fromId}->${depId}`)) return `z.lazy((): z.ZodType => ${varName(dep)})`;
    return varName(dep);
  };
  const typeExpr = (fromId, t, format) => {
    switch (t.k) {
      case "string": return "z.string()";
      case "bool": return "z.boolean()";
      case "int": return format === "double" ? "z.number()" : `int(${JSON.stringify(format ?? "int32")})`;
      case "enum": fieldHelpers.add("kenum"); return `kenum(${JSON.stringify(t.values)})`;
      case "array": return `z.array(${typeExpr(fromId, t.of, format)})`;
      case "record": return `z.record(z.string(), ${typeExpr(fromId, t.of, format)})`;
      case "unknown": return "z.unknown()";
      case "ref": return refExpr(fromId, t.id);
    }
    throw new Error(t.k);
  };
  const lines = [];
  for (const info of out) {
    const short = info.id.replace(/^io\.k8s\.(api\.)?/, "");
    if (info.alias) {
      lines.push(`export const ${varName(info)} = ${typeExpr(info.id, info.alias)}.meta({ id: ${JSON.stringify(info.id)}, description: ${JSON.stringify(info.description)} });`, "");
      continue;
    }
    lines.push(`export const ${varName(info)} = z.object({`);
    for (const f of info.fields) {
      const meta = { description: f.description || undefined };
      if (f.type.k === "int" && f.format) meta.format = f.format;
      const pm = PATCH_META[`${short}.${f.name}`];
      if (pm) {
        if (pm.mergeKey) meta["x-kubernetes-patch-merge-key"] = pm.mergeKey;
        if (pm.strategy) meta["x-kubernetes-patch-strategy"] = pm.strategy;
        if (pm.listType) meta["x-kubernetes-list-type"] = pm.listType;
        if (pm.mapKeys) meta["x-kubernetes-list-map-keys"] = pm.mapKeys;
      } else if (f.type.k === "array") {
        meta["x-kubernetes-list-type"] = "atomic";
      }
      const helper = f.required ? "req" : "opt";
      fieldHelpers.add(helper);
      const key = /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(f.name) ? f.name : JSON.stringify(f.name);
      lines.push(`  ${key}: ${helper}(${typeExpr(info.id, f.type, f.format)}, ${JSON.stringify(meta)}),`);
    }
    const typeMeta = { id: info.id, description: info.description };
    const gvk = gvkOf.get(info.id);
    if (gvk) typeMeta["x-kubernetes-group-version-kind"] = gvk;
    const metaSrc = JSON.stringify(typeMeta).replace(/}$/, gvk ? `, gvk: ${JSON.stringify(gvk)} }` : "}");
    lines.push(`}).meta(${metaSrc});`, "");
  }
  if (out.some((i) => i.fields.some((f) => f.type.k === "int") || i.alias?.k === "int")) fieldHelpers.add("int");
  const head = [
    `// Generated by codegen/generate-schemas.mjs from the upstream API types; edit the generator, not this file.`,
    `import { z } from "zod";`,
    `import { ${[...fieldHelpers].sort().join(", ")} } from "./field";`,
  ];
  if (prims.size) head.push(`import { ${[...prims].sort().join(", ")} } from "./primitives";`);
  for (const [mod, vars] of [...foreign].sort()) head.push(`import { ${[...vars].sort().join(", ")} } from "./${mod}";`);
  fs.writeFileSync(path.join(outDir, `${module}.ts`), [...head, "", ...lines].join("\n"));
  return out.map((i) => varName(i));
}

const modules = [];
for (const [module, list] of [...byModule].sort()) modules.push([module, emitModule(module, list)]);

const kinds = [...gvkOf].flatMap(([id, gvks]) => gvks.map((g) => [g, types.get(id)]));
const reg = [
  `// Generated by codegen/generate-schemas.mjs; edit the generator, not this file.`,
  `import type { z } from "zod";`,
  ...modules.map(([mod, vars]) => `import * as ${mod.replaceAll("-", "_")} from "./${mod}";`),
  "",
  "/** group/version/kind → schema of the whole object (group \"\" is core). */",
  "export const KIND_SCHEMAS: ReadonlyArray<{ group: string; version: string; kind: string; schema: z.ZodType }> = [",
  ...kinds.map(([g, info]) => `  { group: ${JSON.stringify(g.group)}, version: ${JSON.stringify(g.version)}, kind: ${JSON.stringify(g.kind)}, schema: ${info.module.replaceAll("-", "_")}.${varName(info)} },`),
  "];",
  "",
  "/** Every named upstream type, by OpenAPI definition id. */",
  "export const NAMED_SCHEMAS: Readonly<Record<string, z.ZodType>> = {",
  ...[...types.values()].sort((a, b) => a.id.localeCompare(b.id)).map((i) => `  ${JSON.stringify(i.id)}: ${i.module.replaceAll("-", "_")}.${varName(i)},`),
  "};",
  "",
];
fs.writeFileSync(path.join(outDir, "kind-table.ts"), reg.join("\n"));
console.log(`${types.size} types in ${modules.length} modules`);
