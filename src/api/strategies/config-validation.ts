// ConfigMap and Secret: key names, sizes, immutability and the typed-secret required keys.
import type { FieldCause } from "../resource";
import { forbidden, invalid, required, tooLong, utf8Length } from "../validation/field-errors";
import { isConfigMapKey } from "../validation/names";
import { validateMetadata } from "./meta-validation";
import { rec, semanticEqual, str, type Json } from "./json";

const MAX_SIZE = 1024 * 1024;

function validateKeys(data: Json | undefined, path: string): { causes: FieldCause[]; size: number } {
  const causes: FieldCause[] = [];
  let size = 0;
  for (const [k, v] of Object.entries(data ?? {})) {
    for (const m of isConfigMapKey(k)) causes.push(invalid(`${path}[${k}]`, k, m));
    size += typeof v === "string" ? utf8Length(v) : 0;
  }
  return { causes, size };
}

export function validateConfigMap(cm: Json): FieldCause[] {
  const causes = validateMetadata(cm, true);
  const data = rec(cm.data);
  const binary = rec(cm.binaryData);
  const d = validateKeys(data, "data");
  const b = validateKeys(binary, "binaryData");
  causes.push(...d.causes, ...b.causes);
  for (const k of Object.keys(binary ?? {})) {
    if (data && k in data) causes.push(invalid(`data[${k}]`, k, "duplicate of key present in binaryData"));
  }
  // binaryData is stored base64: count the decoded bytes
  const binarySize = Object.values(binary ?? {}).reduce<number>((n, v) => n + (typeof v === "string" ? Math.floor((v.replace(/=+$/, "").length * 3) / 4) : 0), 0);
  if (d.size + binarySize > MAX_SIZE) causes.push(tooLong("", MAX_SIZE));
  return causes;
}

function immutableUpdate(obj: Json, old: Json, fields: string[]): FieldCause[] {
  if (old.immutable !== true) return [];
  const causes: FieldCause[] = [];
  if (obj.immutable !== true) causes.push(forbidden("immutable", "field is immutable when `immutable` is set"));
  for (const f of fields) {
    if (!semanticEqual(obj[f], old[f])) causes.push(forbidden(f, "field is immutable when `immutable` is set"));
  }
  return causes;
}

export function validateConfigMapUpdate(cm: Json, old: Json): FieldCause[] {
  return immutableUpdate(cm, old, ["data", "binaryData"]);
}

const TYPED_KEYS: Record<string, string[]> = {
  "kubernetes.io/tls": ["tls.crt", "tls.key"],
  "kubernetes.io/dockerconfigjson": [".dockerconfigjson"],
  "kubernetes.io/dockercfg": [".dockercfg"],
  "kubernetes.io/ssh-auth": ["ssh-privatekey"],
};

export function validateSecret(secret: Json): FieldCause[] {
  const causes = validateMetadata(secret, true);
  const data = rec(secret.data) ?? {};
  const k = validateKeys(data, "data");
  causes.push(...k.causes);
  const size = Object.values(data).reduce<number>((n, v) => n + (typeof v === "string" ? Math.floor((v.replace(/=+$/, "").length * 3) / 4) : 0), 0);
  if (size > MAX_SIZE) causes.push(tooLong("data", MAX_SIZE));
  const type = str(secret.type) ?? "";
  for (const key of TYPED_KEYS[type] ?? []) if (!(key in data)) causes.push(required(`data[${key}]`));
  if (type === "kubernetes.io/basic-auth" && !("username" in data) && !("password" in data)) {
    causes.push(required("data[username]"));
  }
  if (type === "kubernetes.io/service-account-token") {
    const annotations = rec(rec(secret.metadata)?.annotations) ?? {};
    if (!str(annotations["kubernetes.io/service-account.name"])) causes.push(required("metadata.annotations[kubernetes.io/service-account.name]"));
  }
  return causes;
}

export function validateSecretUpdate(secret: Json, old: Json): FieldCause[] {
  const causes: FieldCause[] = [];
  if ((str(secret.type) ?? "") !== (str(old.type) ?? "")) causes.push(invalid("type", str(secret.type) ?? "", "field is immutable"));
  causes.push(...immutableUpdate(secret, old, ["data"]));
  return causes;
}
