// The scale subresource: an autoscaling/v1 Scale view of spec.replicas.
import type { KubeObject, LabelSelector } from "../../api/kinds";
import { resourceKey } from "../../api/define";
import { badRequest, invalid, staleConflict } from "../../api/status";
import { applyPatch, PatchError } from "../../api/patch";
import { labelSelectorToString } from "../../api/selectors/label-selector";
import { decodeBody, readBody } from "./negotiate";
import type { ResourceRequest } from "./request-info";
import { respond, type KubeContext } from "./resources";

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

export async function applyScale(c: KubeContext, req: ResourceRequest, obj: KubeObject): Promise<Response> {
  const cl = c.get("cluster");
  const current = scaleOf(req, obj);
  const text = await readBody(c.req.raw);
  let next: unknown;
  if (c.req.method === "PUT") {
    next = decodeBody(text, c.req.header("content-type"));
  } else {
    const ct = (c.req.header("content-type") ?? "").split(";")[0].trim();
    try {
      next = applyPatch(ct, current, decodeBody(text, "application/json"), "Scale");
    } catch (e) {
      if (e instanceof PatchError) throw badRequest(e.message);
      throw e;
    }
  }
  const scale = next as Partial<Scale>;
  const replicas = scale.spec?.replicas;
  if (typeof replicas !== "number" || !Number.isInteger(replicas)) {
    throw badRequest(`Scale in version "v1" cannot be handled as a Scale: json: cannot unmarshal ${typeof replicas} into Go struct field ScaleSpec.spec.replicas of type int32`);
  }
  if (replicas < 0) {
    throw invalid("autoscaling", "Scale", obj.metadata.name ?? "", [{ reason: "FieldValueInvalid", message: `Invalid value: ${replicas}: must be greater than or equal to 0`, field: "spec.replicas" }]);
  }
  const rv = (scale.metadata as { resourceVersion?: string } | undefined)?.resourceVersion;
  if (rv && rv !== obj.metadata.resourceVersion) throw staleConflict(req.def.group, req.def.plural, obj.metadata.name ?? "");
  const updated = structuredClone(obj) as KubeObject & Scalable;
  updated.spec = { ...(updated.spec ?? {}), replicas };
  const { object } = cl.write(() => cl.store.update(req.storage, updated, {}));
  void resourceKey;
  return respond(c, scaleOf(req, object));
}
