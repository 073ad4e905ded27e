// PATCH: JSON patch, merge patch, strategic merge patch, and server-side apply (create or update).
import type { KubeObject } from "../../api/kinds";
import { apiVersionOf, resourceKey } from "../../api/define";
import { accept, present } from "./present";
import { ApiError, badRequest, notFound, unsupportedMediaType } from "../../api/status";
import { applyPatch, applyServerSide, conflictMessage, patchMetaFor, PatchError, SUPPORTED_PATCH_TYPES, APPLY_PATCH, JSON_PATCH } from "../../api/patch";
import { decodeBody } from "./negotiate";
import { checkBody, fieldValidationOf, invalidOption } from "./body-check";
import type { ResourceRequest } from "./request-info";
import type { KubeContext } from "./resources";

export interface PatchResult {
  object: KubeObject;
  created: boolean;
  warnings: string[];
}

export function patchObject(c: KubeContext, req: ResourceRequest, contentType: string, text: string, dryRun: boolean): PatchResult {
  const cl = c.get("cluster");
  const { def } = req;
  if (!(SUPPORTED_PATCH_TYPES as readonly string[]).includes(contentType)) throw unsupportedMediaType(contentType);
  const patchBody = decodeBody(text, contentType === APPLY_PATCH ? "application/yaml" : "application/json");
  const key = resourceKey(req.storage);
  const namespace = def.namespaced ? req.namespace : undefined;
  const name = req.name ?? "";
  const stored = cl.store.get(key, namespace, name);
  const warnings: string[] = [];
  const subresource = req.subresource === "status" ? "status" : "";
  const fieldManager = c.req.query("fieldManager");
  const validation = fieldValidationOf(c);
  const apiVersion = apiVersionOf(def.group, req.version);

  if (contentType === APPLY_PATCH) {
    if (!fieldManager) throw invalidOption("PATCH", "fieldManager", "Required value: is required for apply patch", "FieldValueRequired");
    // the object's identity comes from the URL, as on the real server
    const meta = (patchBody as { metadata?: { name?: unknown; namespace?: unknown } } | null)?.metadata;
    if (typeof meta?.name === "string" && meta.name && meta.name !== name) throw badRequest(`the name of the object (${meta.name}) does not match the name on the URL (${name})`);
    if (namespace && typeof meta?.namespace === "string" && meta.namespace && meta.namespace !== namespace) {
      throw badRequest("the namespace of the provided object does not match the namespace sent on the request");
    }
    const applied = checkBody(req, patchBody, validation, warnings);
    const now = new Date(cl.now()).toISOString().replace(/\.\d{3}Z$/, "Z");
    const force = c.req.query("force") === "true";
    const live = stored ? present(cl, req, stored) : undefined;
    const result = applyServerSide(live, applied, fieldManager, force, patchMetaFor(def.kind), apiVersion, now);
    if (result.conflicts.length) {
      throw new ApiError(409, "Conflict", conflictMessage(result.conflicts), {
        causes: result.conflicts.map((cf) => ({ reason: "FieldManagerConflict", message: cf.message, field: cf.field })),
      });
    }
    const merged = result.object as KubeObject;
    merged.metadata = { ...(merged.metadata ?? {}), name, namespace };
    if (!stored) {
      if (subresource) throw notFound(def.group, def.plural, name);
      return { object: cl.store.create(req.storage, accept(cl, req, merged), { dryRun, warnings }), created: true, warnings };
    }
    const { object } = cl.store.update(req.storage, accept(cl, req, merged), { dryRun, subresource, warnings });
    return { object, created: false, warnings };
  }

  if (!stored) throw notFound(def.group, def.plural, name);
  if (contentType === JSON_PATCH) checkJsonPatchShape(patchBody);
  let patched: unknown;
  try {
    patched = applyPatch(contentType, present(cl, req, stored), patchBody, def.kind);
  } catch (e) {
    if (e instanceof PatchError) throw new ApiError(422, "Invalid", e.message);
    throw e;
  }
  const obj = checkBody(req, patched, validation, warnings);
  // the object's identity comes from the URL, as on the real server
  if (obj.metadata.name !== name) throw badRequest(`the name of the object (${obj.metadata.name}) does not match the name on the URL (${name})`);
  const { object } = cl.store.update(req.storage, accept(cl, req, obj), { dryRun, subresource, fieldManager, warnings });
  return { object, created: false, warnings };
}

/** a JSON patch that is not a list of operations cannot even be decoded: 400, where failing operations are 422 */
export function checkJsonPatchShape(body: unknown): void {
  const what = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);
  if (!Array.isArray(body)) throw badRequest(`json: cannot unmarshal ${what(body)} into Go value of type jsonpatch.Patch`);
  for (const op of body) {
    if (typeof op !== "object" || op === null || Array.isArray(op)) throw badRequest(`json: cannot unmarshal ${what(op)} into Go value of type jsonpatch.Operation`);
  }
}
