// Path items of one resource in one group-version, shaped like kube-apiserver's OpenAPI v3:
// collection, item, all-namespaces list and subresource paths, each operation tagged with
// x-kubernetes-action and x-kubernetes-group-version-kind.
import type { ResourceDef, SubresourceDef } from "../resource";
import { capitalize, groupVersionPrefix, operationGroupVersion, operationTag } from "./names";
import { LIST_QUERY, P, nameParam } from "./parameters";
import { ID, REF_PREFIX, type JsonObject } from "./well-known-schemas";

export const PATCH_CONTENT_TYPES = [
  "application/apply-patch+yaml",
  "application/json-patch+json",
  "application/merge-patch+json",
  "application/strategic-merge-patch+json",
] as const;

const RESPONSE_TYPES = ["application/json", "application/yaml"];
const WATCH_TYPES = ["application/json;stream=watch"];
const CONNECT_SUBRESOURCES = new Set(["exec", "attach", "portforward", "proxy"]);
const CREATE_SUBRESOURCES = new Set(["binding", "eviction"]);
/** kinds whose registry returns the deleted object instead of a Status */
const RETURNS_DELETED_OBJECT = new Set(["Pod", "Namespace", "Service"]);

export interface ResourcePathContext {
  resource: ResourceDef;
  group: string;
  version: string;
  /** component id of the resource kind */
  kindId: string;
  /** component id of <Kind>List */
  listId: string;
  /** component id answering a subresource (Scale, Pod, ...), undefined for streaming ones */
  subresourceKindId(sub: SubresourceDef): string | undefined;
}

interface Gvk {
  group: string;
  kind: string;
  version: string;
}

function content(id: string, types: readonly string[]): JsonObject {
  const out: JsonObject = {};
  for (const type of types) out[type] = { schema: { $ref: REF_PREFIX + id } };
  return out;
}

function response(description: string, id: string, types: readonly string[] = RESPONSE_TYPES): JsonObject {
  return { content: content(id, types), description };
}

const TEXT_RESPONSE: JsonObject = {
  content: { "*/*": { schema: { type: "string" } } },
  description: "OK",
};

interface OperationSpec {
  action: string;
  description: string;
  operationId: string;
  parameters?: JsonObject[];
  requestBody?: JsonObject;
  responses: Record<string, JsonObject>;
  gvk: Gvk;
  tag: string;
}

function operation(spec: OperationSpec): JsonObject {
  const out: JsonObject = { description: spec.description, operationId: spec.operationId };
  if (spec.parameters && spec.parameters.length > 0) out.parameters = spec.parameters;
  if (spec.requestBody) out.requestBody = spec.requestBody;
  out.responses = { ...spec.responses, "401": { description: "Unauthorized" } };
  out.tags = [spec.tag];
  out["x-kubernetes-action"] = spec.action;
  out["x-kubernetes-group-version-kind"] = { group: spec.gvk.group, kind: spec.gvk.kind, version: spec.gvk.version };
  return out;
}

function bodyOf(id: string): JsonObject {
  return { content: content(id, ["*/*"]), required: true };
}

const PATCH_BODY: JsonObject = { content: content(ID.patch, PATCH_CONTENT_TYPES), required: true };

export function resourcePaths(ctx: ResourcePathContext): Record<string, JsonObject> {
  const { resource: res, group, version, kindId, listId } = ctx;
  const verbs = new Set(res.verbs);
  const prefix = groupVersionPrefix(group, version);
  const gv = operationGroupVersion(group, version);
  const tag = operationTag(group, version);
  const kind = res.kind;
  const gvk: Gvk = { group, kind, version };
  const ns = res.namespaced ? "Namespaced" : "";
  const collectionPath = res.namespaced ? `${prefix}/namespaces/{namespace}/${res.plural}` : `${prefix}/${res.plural}`;
  const itemPath = `${collectionPath}/{name}`;
  const scopeParams = res.namespaced ? [P.namespace] : [];
  const paths: Record<string, JsonObject> = {};

  const collection: JsonObject = {};
  if (verbs.has("deletecollection")) {
    collection.delete = operation({
      action: "deletecollection",
      description: `delete collection of ${kind}`,
      operationId: `delete${gv}Collection${ns}${kind}`,
      parameters: [
        P.continue, P.dryRun, P.fieldSelector, P.gracePeriodSeconds, P.labelSelector, P.limit,
        P.orphanDependents, P.propagationPolicy, P.resourceVersion, P.resourceVersionMatch,
        P.sendInitialEvents, P.timeoutSeconds,
      ],
      requestBody: { content: content(ID.deleteOptions, ["*/*"]) },
      responses: { "200": response("OK", ID.status) },
      gvk,
      tag,
    });
  }
  if (verbs.has("list")) {
    collection.get = operation({
      action: "list",
      description: `list or watch objects of kind ${kind}`,
      operationId: `list${gv}${ns}${kind}`,
      parameters: LIST_QUERY,
      responses: { "200": response("OK", listId, [...RESPONSE_TYPES, ...WATCH_TYPES]) },
      gvk,
      tag,
    });
  }
  if (verbs.has("create")) {
    collection.post = operation({
      action: "post",
      description: `create a ${kind}`,
      operationId: `create${gv}${ns}${kind}`,
      parameters: [P.dryRun, P.fieldManager, P.fieldValidation],
      requestBody: bodyOf(kindId),
      responses: { "200": response("OK", kindId), "201": response("Created", kindId), "202": response("Accepted", kindId) },
      gvk,
      tag,
    });
  }
  if (Object.keys(collection).length > 0) {
    paths[collectionPath] = { ...collection, parameters: [...scopeParams, P.pretty] };
  }

  const item: JsonObject = {};
  if (verbs.has("delete")) {
    const deleted = RETURNS_DELETED_OBJECT.has(kind) ? kindId : ID.status;
    item.delete = operation({
      action: "delete",
      description: `delete a ${kind}`,
      operationId: `delete${gv}${ns}${kind}`,
      parameters: [P.dryRun, P.gracePeriodSeconds, P.orphanDependents, P.propagationPolicy],
      requestBody: { content: content(ID.deleteOptions, ["*/*"]) },
      responses: { "200": response("OK", deleted), "202": response("Accepted", deleted) },
      gvk,
      tag,
    });
  }
  if (verbs.has("get")) {
    item.get = operation({
      action: "get",
      description: `read the specified ${kind}`,
      operationId: `read${gv}${ns}${kind}`,
      responses: { "200": response("OK", kindId) },
      gvk,
      tag,
    });
  }
  if (verbs.has("patch")) {
    item.patch = operation({
      action: "patch",
      description: `partially update the specified ${kind}`,
      operationId: `patch${gv}${ns}${kind}`,
      parameters: [P.dryRun, P.fieldManagerPatch, P.fieldValidation, P.force],
      requestBody: PATCH_BODY,
      responses: { "200": response("OK", kindId), "201": response("Created", kindId) },
      gvk,
      tag,
    });
  }
  if (verbs.has("update")) {
    item.put = operation({
      action: "put",
      description: `replace the specified ${kind}`,
      operationId: `replace${gv}${ns}${kind}`,
      parameters: [P.dryRun, P.fieldManager, P.fieldValidation],
      requestBody: bodyOf(kindId),
      responses: { "200": response("OK", kindId), "201": response("Created", kindId) },
      gvk,
      tag,
    });
  }
  if (Object.keys(item).length > 0) {
    paths[itemPath] = { ...item, parameters: [nameParam(kind), ...scopeParams, P.pretty] };
  }

  if (res.namespaced && verbs.has("list")) {
    paths[`${prefix}/${res.plural}`] = {
      get: operation({
        action: "list",
        description: `list or watch objects of kind ${kind}`,
        operationId: `list${gv}${kind}ForAllNamespaces`,
        responses: { "200": response("OK", listId, [...RESPONSE_TYPES, ...WATCH_TYPES]) },
        gvk,
        tag,
      }),
      parameters: [...LIST_QUERY.slice(0, 5), P.pretty, ...LIST_QUERY.slice(5)],
    };
  }

  for (const sub of res.subresources) {
    const subPath = `${itemPath}/${sub.name}`;
    const subItem = subresourceOperations(ctx, sub, { gv, ns, tag });
    if (Object.keys(subItem.ops).length === 0) continue;
    paths[subPath] = { ...subItem.ops, parameters: [nameParam(subItem.nameOf), ...scopeParams, ...subItem.pathParams] };
  }
  return paths;
}

function subresourceOperations(
  ctx: ResourcePathContext,
  sub: SubresourceDef,
  names: { gv: string; ns: string; tag: string },
): { ops: JsonObject; nameOf: string; pathParams: JsonObject[] } {
  const kind = ctx.resource.kind;
  const subKind = sub.kind;
  const gvk: Gvk = { group: subKind.group, kind: subKind.kind, version: subKind.version };
  const suffix = capitalize(sub.name);
  const base = `${names.gv}${names.ns}${kind}${suffix}`;
  const verbs = new Set(sub.verbs);
  const ops: JsonObject = {};
  const tag = names.tag;

  if (sub.name === "log") {
    if (verbs.has("get")) {
      ops.get = operation({
        action: "get",
        description: `read log of the specified ${kind}`,
        operationId: `read${base}`,
        parameters: [
          P.container("The container for which to stream logs. Defaults to only container if there is one container in the pod."),
          P.follow, P.insecureSkipTLSVerifyBackend, P.limitBytes, P.previous, P.sinceSeconds, P.tailLines, P.timestamps,
        ],
        responses: { "200": TEXT_RESPONSE },
        gvk,
        tag,
      });
    }
    return { ops, nameOf: kind, pathParams: [P.pretty] };
  }

  if (CONNECT_SUBRESOURCES.has(sub.name)) {
    const params = connectParams(sub.name);
    const methods: Array<[string, string]> = [["get", "Get"], ["post", "Post"], ["put", "Put"], ["patch", "Patch"], ["delete", "Delete"]];
    const verbOf: Record<string, string> = { get: "get", post: "create", put: "update", patch: "patch", delete: "delete" };
    for (const [method, label] of methods) {
      if (!verbs.has(verbOf[method])) continue;
      ops[method] = operation({
        action: "connect",
        description: `connect ${method.toUpperCase()} requests to ${sub.name} of ${kind}`,
        operationId: `connect${names.gv}${label}${names.ns}${kind}${suffix}`,
        parameters: params,
        responses: { "200": TEXT_RESPONSE },
        gvk,
        tag,
      });
    }
    return { ops, nameOf: subKind.kind, pathParams: [] };
  }

  const subId = ctx.subresourceKindId(sub);
  if (!subId) return { ops, nameOf: subKind.kind, pathParams: [] };

  if (CREATE_SUBRESOURCES.has(sub.name)) {
    if (verbs.has("create")) {
      ops.post = operation({
        action: "post",
        description: `create ${sub.name} of a ${kind}`,
        operationId: `create${base}`,
        parameters: [P.dryRun, P.fieldManager, P.fieldValidation],
        requestBody: bodyOf(subId),
        responses: { "200": response("OK", subId), "201": response("Created", subId), "202": response("Accepted", subId) },
        gvk,
        tag,
      });
    }
    return { ops, nameOf: subKind.kind, pathParams: [P.pretty] };
  }

  if (verbs.has("get")) {
    ops.get = operation({
      action: "get",
      description: `read ${sub.name} of the specified ${kind}`,
      operationId: `read${base}`,
      responses: { "200": response("OK", subId) },
      gvk,
      tag,
    });
  }
  if (verbs.has("patch")) {
    ops.patch = operation({
      action: "patch",
      description: `partially update ${sub.name} of the specified ${kind}`,
      operationId: `patch${base}`,
      parameters: [P.dryRun, P.fieldManagerPatch, P.fieldValidation, P.force],
      requestBody: PATCH_BODY,
      responses: { "200": response("OK", subId), "201": response("Created", subId) },
      gvk,
      tag,
    });
  }
  if (verbs.has("update")) {
    ops.put = operation({
      action: "put",
      description: `replace ${sub.name} of the specified ${kind}`,
      operationId: `replace${base}`,
      parameters: [P.dryRun, P.fieldManager, P.fieldValidation],
      requestBody: bodyOf(subId),
      responses: { "200": response("OK", subId), "201": response("Created", subId) },
      gvk,
      tag,
    });
  }
  return { ops, nameOf: subKind.kind, pathParams: [P.pretty] };
}

function connectParams(name: string): JsonObject[] {
  switch (name) {
    case "exec":
      return [
        P.command,
        P.container("Container in which to execute the command. Defaults to only container if there is only one container in the pod."),
        P.stderr("Redirect the standard error stream of the pod for this call."),
        P.stdin("Redirect the standard input stream of the pod for this call."),
        P.stdout("Redirect the standard output stream of the pod for this call."),
        P.tty,
      ];
    case "attach":
      return [
        P.container("The container in which to execute the command. Defaults to only container if there is only one container in the pod."),
        P.stderr("Stderr if true indicates that stderr is to be redirected for the attach call."),
        P.stdin("Stdin if true, redirects the standard input stream of the pod for this call."),
        P.stdout("Stdout if true indicates that stdout is to be redirected for the attach call."),
        P.tty,
      ];
    case "portforward":
      return [P.ports];
    default:
      return [P.proxyPath];
  }
}
