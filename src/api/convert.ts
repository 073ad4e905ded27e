// Serving one stored object in several versions. Most versions served here share their shape (batch/v1
// and batch/v1beta1 CronJob), so conversion rewrites apiVersion only; a definition's `conversions`
// convert the others (autoscaling/v1 HorizontalPodAutoscaler).
import type { KubeObject } from "./kinds";
import type { ResourceDef } from "./resource";
import { apiVersionOf } from "./define";

export function toServedVersion<T extends KubeObject>(def: ResourceDef, obj: T, version: string): T {
  if (def.storedAs) return def.storedAs.fromStored(obj) as T;
  const conversion = def.conversions?.[version];
  if (conversion) return conversion.toVersion(obj) as T;
  const apiVersion = apiVersionOf(def.group, version);
  if (obj.apiVersion === apiVersion && obj.kind === def.kind) return obj;
  return { ...obj, apiVersion, kind: def.kind };
}

export function toStorageVersion<T extends KubeObject>(def: ResourceDef, obj: T): T {
  if (def.storedAs) return def.storedAs.toStored(obj) as T;
  const from = (obj.apiVersion ?? "").split("/").pop() ?? "";
  const conversion = def.conversions?.[from];
  if (conversion && obj.apiVersion === apiVersionOf(def.group, from)) return conversion.fromVersion(obj) as T;
  const storage = def.versions.find((v) => v.storage)?.version ?? def.versions[0].version;
  return { ...obj, apiVersion: apiVersionOf(def.group, storage), kind: def.kind };
}
