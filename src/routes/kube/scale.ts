// The scale subresource: an autoscaling/v1 Scale view of spec.replicas.
import type { KubeObject, LabelSelector } from "../../api/kinds";
import { ApiError, badRequest, conflict, invalid, staleConflict, unsupportedMediaType } from "../../api/status";
import { applyPatch, PatchError, APPLY_PATCH, JSON_PATCH, SUPPORTED_PATCH_TYPES } from "../../api/patch";
import { checkJsonPatchShape } from "./patch";
import { labelSelectorToString } from "../../api/selectors/label-selector";
import { decodeBody, readBody } from "./negotiate";
import type { ResourceRequest } from "./request-info";
import { dryRunOf, respond, type KubeContext } from "./resources";

interface Scale {
  kind: "Scale";
  apiVersion: "autoscaling/v1";
  metadata: Record<string, unknown>;
  spec: { replicas?: number };
  status: { replicas: number; selector?: string };
}

interface Scalable {
  spec?: { replicas?: number; selector?: LabelSelector | Record<string, string> };
  status?: { replicas?: number };
}

export function scaleOf(req: ResourceRequest, obj: KubeObject): Scale {
  const s = obj as KubeObject & Scalable;
  const sel = s.spec?.selector;
  let selector: string | undefined;
  if (sel && req.def.kind === "ReplicationController") {
    selector = Object.entries(sel as Record<string, string>).map(([k, v]) => `${k}=${v}`).join(",");
  } else if (sel) {
    selector = labelSelectorToString(sel as LabelSelector);
  }
  const m = obj.metadata;
  return {
    kind: "Scale",
    apiVersion: "autoscaling/v1",
    metadata: { name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion, creationTimestamp: m.creationTimestamp },
    spec: { replicas: s.spec?.replicas ?? 0 },
    status: { replicas: s.status?.replicas ?? 0, selector },
  };
}

const INT32_MAX = 2 ** 31 - 1;

export async function applyScale(c: KubeContext, req: ResourceRequest, obj: KubeObject): Promise<Response> {
  const cl = c.get("cluster");
  const current = scaleOf(req, obj);
  const dryRun = dryRunOf(c);
  const text = await readBody(c.req.raw);
  let next: unknown;
  if (c.req.method === "PUT") {
    next = decodeBody(text, c.req.header("content-type"));
  } else {
    const ct = (c.req.header("content-type") ?? "").split(";")[0].trim().toLowerCase();
    if (ct === APPLY_PATCH || !(SUPPORTED_PATCH_TYPES as readonly string[]).includes(ct)) throw unsupportedMediaType(ct, SUPPORTED_PATCH_TYPES.filter((t) => t !== APPLY_PATCH));
    const body = decodeBody(text, "application/json");
    if (ct === JSON_PATCH) checkJsonPatchShape(body);
    try {
      next = applyPatch(ct, current, body, "Scale");
    } catch (e) {
      if (e instanceof PatchError) throw new ApiError(422, "Invalid", e.message);
      throw e;
    }
  }
  if (typeof next !== "object" || next === null || Array.isArray(next)) {
    throw badRequest(`Object 'Kind' is missing in '${JSON.stringify(next)?.slice(0, 200)}'`);
  }
  const scale = next as Partial<Scale> & { kind?: unknown; metadata?: unknown; spec?: unknown };
  if (scale.kind !== undefined && scale.kind !== "Scale") throw badRequest(`the server could not find the requested resource: kind ${String(scale.kind)} does not match the expected kind Scale`);
  const meta = (typeof scale.metadata === "object" && scale.metadata !== null ? scale.metadata : {}) as { name?: unknown; resourceVersion?: unknown; uid?: unknown };
  if (meta.name !== undefined && meta.name !== obj.metadata.name) {
    throw badRequest(`the name of the object (${String(meta.name)}) does not match the name on the URL (${obj.metadata.name ?? ""})`);
  }
  const spec = (typeof scale.spec === "object" && scale.spec !== null ? scale.spec : {}) as { replicas?: unknown };
  const replicas = spec.replicas;
  if (typeof replicas !== "number" || !Number.isInteger(replicas) || Math.abs(replicas) > INT32_MAX) {
    const got = typeof replicas === "number" ? `number ${replicas}` : typeof replicas;
    throw badRequest(`Scale in version "v1" cannot be handled as a Scale: json: cannot unmarshal ${got} into Go struct field ScaleSpec.spec.replicas of type int32`);
  }
  if (replicas < 0) {
    throw invalid("autoscaling", "Scale", obj.metadata.name ?? "", [{ reason: "FieldValueInvalid", message: `Invalid value: ${replicas}: must be greater than or equal to 0`, field: "spec.replicas" }]);
  }
  if (meta.resourceVersion && meta.resourceVersion !== obj.metadata.resourceVersion) throw staleConflict(req.def.group, req.def.plural, obj.metadata.name ?? "");
  if (meta.uid && meta.uid !== obj.metadata.uid) {
    throw conflict(req.def.group, req.def.plural, obj.metadata.name ?? "", `Precondition failed: UID in precondition: ${String(meta.uid)}, UID in object meta: ${obj.metadata.uid ?? ""}`);
  }
  const updated = structuredClone(obj) as KubeObject & Scalable;
  updated.spec = { ...(updated.spec ?? {}), replicas };
  const { object } = cl.write(() => cl.store.update(req.storage, updated, { dryRun }));
  return respond(c, scaleOf(req, object));
}
