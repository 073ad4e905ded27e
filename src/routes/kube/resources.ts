// The generic REST handlers for every resource: get, list, watch, create, update, patch, delete.
import type { Context } from "hono";
import type { KubeObject } from "../../api/kinds";
import type { ResourceDef } from "../../api/resource";
import { apiVersionOf, resourceKey } from "../../api/define";
import { accept, present, presentedNow } from "./present";
import { z } from "zod";
import { ApiError, badRequest, methodNotAllowed, notFound, pathNotFound, successStatus } from "../../api/status";
import type { ClusterContext } from "../../durable/cluster-context";
import type { ResourceRequest } from "./request-info";
import { decodeBody, encode, readBody, wantsTable, wantsYaml, includeObjectParam } from "./negotiate";
import { objectFilter, selectorsOf } from "./filters";
import { renderTable } from "./tables";
import { serveWatch } from "./watch";
import { patchObject } from "./patch";
import { checkBody, fieldValidationOf, invalidOption } from "./body-check";
import { intQuery, readResourceVersion } from "./query";
import { scaleOf, applyScale } from "./scale";
import type { UserInfo } from "../../api/rbac/types";
import { reviewContext } from "./authorization";

export type KubeEnv = { Bindings: { cluster: ClusterContext }; Variables: { cluster: ClusterContext; user: UserInfo } };
export type KubeContext = Context<KubeEnv>;

export function respond(c: KubeContext, body: unknown, status = 200, warnings: string[] = []): Response {
  const { text, contentType } = encode(body, wantsYaml(c.req.header("accept")));
  const headers: Record<string, string> = { "content-type": contentType };
  const res = new Response(text, { status, headers });
  for (const w of warnings) res.headers.append("Warning", `299 - ${JSON.stringify(w)}`);
  return res;
}

function served(c: KubeContext, req: ResourceRequest, obj: KubeObject): KubeObject {
  return present(c.get("cluster"), req, obj);
}

function namespaceOf(req: ResourceRequest): string | undefined {
  return req.def.namespaced ? req.namespace : undefined;
}

export async function handleResource(c: KubeContext, req: ResourceRequest): Promise<Response> {
  const method = c.req.method;
  const { def } = req;
  if (req.subresource && !["status", "scale", "binding"].includes(req.subresource)) {
    const sub = def.subresources.find((s) => s.name === req.subresource);
    if (!sub || !req.name) throw notFound(def.group, `${def.plural}/${req.subresource}`, req.name ?? "");
    if (!sub.verbs.includes(verbOf(method, true, undefined))) throw methodNotAllowed();
    return c.get("cluster").subresource(c, req);
  }
  if (req.subresource && !def.subresources.some((s) => s.name === req.subresource)) {
    throw notFound(def.group, def.plural, req.name ?? "");
  }
  if (req.subpath !== undefined) throw pathNotFound();
  if (def.namespaced && req.namespace === undefined && method !== "GET") {
    throw methodNotAllowed();
  }
  if (!req.subresource && !def.verbs.includes(verbOf(method, !!req.name, c.req.query("watch")))) throw methodNotAllowed();
  if (!req.name) {
    if (method === "GET") return c.req.query("watch") === "true" || c.req.query("watch") === "1" ? serveWatch(c, req) : list(c, req);
    if (method === "POST") return create(c, req);
    if (method === "DELETE") return deleteCollection(c, req);
    throw methodNotAllowed();
  }
  if (def.verbs.length === 1 && def.verbs[0] === "create") throw methodNotAllowed();
  if (req.subresource === "scale") {
    if (method === "GET") return respond(c, scaleOf(req, getOrThrow(c, req)));
    if (method === "PUT" || method === "PATCH") return applyScale(c, req, getOrThrow(c, req));
    throw methodNotAllowed();
  }
  if (req.subresource === "binding") {
    if (method !== "POST") throw methodNotAllowed();
    return c.get("cluster").bind(c, req);
  }
  switch (method) {
    case "GET":
      return get(c, req);
    case "PUT":
      return update(c, req);
    case "PATCH":
      return patch(c, req);
    case "DELETE":
      return remove(c, req);
    case "POST":
      throw methodNotAllowed();
    default:
      throw methodNotAllowed();
  }
}

/** the API verb of a request on a resource (not a subresource), as RBAC and discovery name it */
function verbOf(method: string, named: boolean, watch: string | undefined): string {
  switch (method) {
    case "GET":
      if (watch === "true" || watch === "1") return "watch";
      return named ? "get" : "list";
    case "POST":
      return "create";
    case "PUT":
      return "update";
    case "PATCH":
      return "patch";
    case "DELETE":
      return named ? "delete" : "deletecollection";
    default:
      return method.toLowerCase();
  }
}

export function getOrThrow(c: KubeContext, req: ResourceRequest): KubeObject {
  const obj = c.get("cluster").store.get(resourceKey(req.storage), namespaceOf(req), req.name ?? "");
  if (!obj) throw notFound(req.def.group, req.def.plural, req.name ?? "");
  return obj;
}

function get(c: KubeContext, req: ResourceRequest): Response {
  readResourceVersion(c);
  c.get("cluster").beforeRead(resourceKey(req.storage));
  const obj = served(c, req, getOrThrow(c, req));
  if (wantsTable(c.req.header("accept"))) {
    const cl = c.get("cluster");
    return respond(c, renderTable(req.def, [obj], presentedNow(cl), obj.metadata.resourceVersion ?? "", includeObjectParam(c.req.query("includeObject"))));
  }
  return respond(c, obj);
}

function list(c: KubeContext, req: ResourceRequest): Response {
  const cl = c.get("cluster");
  cl.beforeRead(resourceKey(req.storage));
  const filter = objectFilter(req, selectorsOf(c));
  readResourceVersion(c);
  intQuery(c, "timeoutSeconds");
  const limit = intQuery(c, "limit") ?? 0;
  const cont = c.req.query("continue");
  const rv = String(cl.store.currentRv());
  let items = cl.store.list(resourceKey(req.storage), namespaceOf(req)).filter(filter.matches);
  let start = 0;
  if (cont) {
    const decoded = decodeContinue(cont);
    start = items.findIndex((o) => sortKey(o) > decoded);
    if (start < 0) start = items.length;
  }
  let next: string | undefined;
  let remaining: number | undefined;
  if (limit > 0 && items.length - start > limit) {
    const page = items.slice(start, start + limit);
    next = btoa(JSON.stringify({ k: sortKey(page[page.length - 1]), rv }));
    remaining = items.length - start - limit;
    items = page;
  } else {
    items = items.slice(start);
  }
  const servedItems = items.map((o) => served(c, req, o));
  if (wantsTable(c.req.header("accept"))) {
    const table = renderTable(req.def, servedItems, presentedNow(cl), rv, includeObjectParam(c.req.query("includeObject")));
    if (next) table.metadata.continue = next;
    return respond(c, table);
  }
  const metadata: Record<string, unknown> = { resourceVersion: rv };
  if (next) {
    metadata.continue = next;
    metadata.remainingItemCount = remaining;
  }
  return respond(c, { kind: req.def.listKind, apiVersion: apiVersionOf(req.def.group, req.version), metadata, items: servedItems });
}

function sortKey(o: KubeObject): string {
  return `${o.metadata.namespace ?? ""}/${o.metadata.name ?? ""}`;
}

function decodeContinue(token: string): string {
  try {
    const v = JSON.parse(atob(token)) as { k?: unknown };
    if (typeof v.k !== "string") throw new Error("bad token");
    return v.k;
  } catch {
    throw badRequest("continue key is not valid: illegal base64 data at input byte 0");
  }
}

export function dryRunOf(c: KubeContext): boolean {
  const v = c.req.queries("dryRun") ?? [];
  for (const d of v) if (d !== "All") throw invalidOption(c.req.method, "dryRun", `Unsupported value: "${d}": supported values: "All"`);
  return v.length > 0;
}

async function decodeObject(c: KubeContext, req: ResourceRequest): Promise<{ obj: KubeObject; warnings: string[] }> {
  const body = decodeBody(await readBody(c.req.raw), c.req.header("content-type"));
  // a review's status is the server's answer: kubectl sends empty (null) lists there, which are never read
  if (req.def.review && typeof body === "object" && body !== null) delete (body as { status?: unknown }).status;
  const warnings: string[] = [];
  const obj = checkBody(req, body, fieldValidationOf(c), warnings);
  return { obj, warnings };
}

async function create(c: KubeContext, req: ResourceRequest): Promise<Response> {
  const cl = c.get("cluster");
  const dryRun = dryRunOf(c);
  const { obj, warnings } = await decodeObject(c, req);
  if (req.def.namespaced) {
    const bodyNs = obj.metadata.namespace;
    if (bodyNs && req.namespace && bodyNs !== req.namespace) {
      throw badRequest("the namespace of the provided object does not match the namespace sent on the request");
    }
    obj.metadata.namespace = req.namespace;
  }
  if (req.def.plural === "bindings") return cl.bind(c, { ...req, name: obj.metadata.name }, obj);
  if (req.def.review) {
    const answer = req.def.review(obj, reviewContext(cl, c.get("user"), req));
    return respond(c, { kind: req.def.kind, apiVersion: apiVersionOf(req.def.group, req.version), ...answer }, 201, warnings);
  }
  const created = cl.write(() => cl.store.create(req.storage, accept(cl, req, obj), { dryRun, fieldManager: c.req.query("fieldManager"), warnings }));
  return respond(c, served(c, req, created), 201, warnings);
}

async function update(c: KubeContext, req: ResourceRequest): Promise<Response> {
  const cl = c.get("cluster");
  const dryRun = dryRunOf(c);
  const { obj, warnings } = await decodeObject(c, req);
  if ((obj.metadata.name ?? "") !== req.name) {
    throw badRequest(`the name of the object (${obj.metadata.name ?? ""}) does not match the name on the URL (${req.name})`);
  }
  if (req.def.namespaced) {
    if (obj.metadata.namespace && obj.metadata.namespace !== req.namespace) {
      throw badRequest("the namespace of the provided object does not match the namespace sent on the request");
    }
    obj.metadata.namespace = req.namespace;
  }
  const subresource = req.subresource === "status" ? "status" : "";
  const { object, changed } = cl.write(() =>
    cl.store.update(req.storage, accept(cl, req, obj), { dryRun, subresource, fieldManager: c.req.query("fieldManager"), warnings }),
  );
  return respond(c, served(c, req, object), 200, changed ? warnings : warnings);
}

async function patch(c: KubeContext, req: ResourceRequest): Promise<Response> {
  const cl = c.get("cluster");
  const contentType = (c.req.header("content-type") ?? "").split(";")[0].trim();
  const dryRun = dryRunOf(c);
  const text = await readBody(c.req.raw);
  const result = cl.write(() => patchObject(c, req, contentType, text, dryRun));
  return respond(c, served(c, req, result.object), result.created ? 201 : 200, result.warnings);
}

async function remove(c: KubeContext, req: ResourceRequest): Promise<Response> {
  const cl = c.get("cluster");
  const opts = await deleteOptionsOf(c);
  const { object, removed } = cl.write(() => cl.store.delete(req.storage, namespaceOf(req), req.name ?? "", opts));
  if (removed && !returnsDeletedObject(req.def)) {
    return respond(c, successStatus({ name: req.name, group: req.def.group, kind: req.def.plural, uid: object.metadata.uid }));
  }
  return respond(c, served(c, req, object));
}

/** like the API server, pods, namespaces and a few others answer a delete with the object itself */
function returnsDeletedObject(def: ResourceDef): boolean {
  return ["pods", "namespaces", "services", "nodes", "persistentvolumes", "persistentvolumeclaims"].includes(def.plural) && def.group === "";
}

async function deleteCollection(c: KubeContext, req: ResourceRequest): Promise<Response> {
  const cl = c.get("cluster");
  const opts = await deleteOptionsOf(c);
  const filter = objectFilter(req, selectorsOf(c));
  const items = cl.store.list(resourceKey(req.storage), namespaceOf(req)).filter(filter.matches);
  const out: KubeObject[] = [];
  cl.write(() => {
    for (const o of items) {
      // a preconditioned or finalizing object does not stop the rest of the collection
      try {
        out.push(cl.store.delete(req.storage, o.metadata.namespace, o.metadata.name ?? "", opts).object);
      } catch (e) {
        if (!(e instanceof ApiError) || e.code >= 500) throw e;
      }
    }
  });
  return respond(c, { kind: req.def.listKind, apiVersion: apiVersionOf(req.def.group, req.version), metadata: { resourceVersion: String(cl.store.currentRv()) }, items: out.map((o) => served(c, req, o)) });
}

const DeleteOptionsBody = z.object({
  kind: z.literal("DeleteOptions").optional(),
  apiVersion: z.string().optional(),
  gracePeriodSeconds: z.number().int().nullish(),
  propagationPolicy: z.string().nullish(),
  orphanDependents: z.boolean().nullish(),
  preconditions: z.object({ uid: z.string().nullish(), resourceVersion: z.string().nullish() }).nullish(),
  dryRun: z.array(z.string()).nullish(),
});

type Policy = "Background" | "Foreground" | "Orphan";

async function deleteOptionsOf(c: KubeContext): Promise<{ gracePeriodSeconds?: number; propagationPolicy?: Policy; preconditions?: { uid?: string; resourceVersion?: string }; dryRun: boolean }> {
  let dryRun = dryRunOf(c);
  const text = await readBody(c.req.raw);
  let body: z.infer<typeof DeleteOptionsBody> = {};
  if (text.trim()) {
    const parsed = DeleteOptionsBody.safeParse(decodeBody(text, c.req.header("content-type")));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw badRequest(`DeleteOptions in version "v1" cannot be handled as a DeleteOptions: ${issue.path.join(".") || "body"}: ${issue.message}`);
    }
    body = parsed.data;
  }
  for (const d of body.dryRun ?? []) if (d !== "All") throw invalidOption("DELETE", "dryRun", `Unsupported value: "${d}": supported values: "All"`);
  dryRun = dryRun || (body.dryRun ?? []).length > 0;
  const grace = intQuery(c, "gracePeriodSeconds") ?? body.gracePeriodSeconds ?? undefined;
  const policy = c.req.query("propagationPolicy") || body.propagationPolicy || (body.orphanDependents ? "Orphan" : undefined);
  if (policy && !["Background", "Foreground", "Orphan"].includes(policy)) {
    throw invalidOption("DELETE", "propagationPolicy", `Unsupported value: "${policy}": supported values: "Foreground", "Background", "Orphan", "nil"`);
  }
  const pre = body.preconditions ? { uid: body.preconditions.uid ?? undefined, resourceVersion: body.preconditions.resourceVersion ?? undefined } : undefined;
  // a negative grace period means "now" on the real server too
  return { gracePeriodSeconds: grace !== undefined && grace < 0 ? 1 : grace, propagationPolicy: policy as Policy | undefined, preconditions: pre, dryRun };
}
