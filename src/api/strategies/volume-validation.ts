// ValidateVolumes: unique DNS-label names and exactly one source, with the per-source required fields.
import type { FieldCause } from "../resource";
import { duplicate, forbidden, invalid, notSupported, required } from "../validation/field-errors";
import { isDNS1123Label } from "../validation/names";
import { volumeSourceNames } from "../defaults/pod-defaults";
import { num, rec, recs, str, type Json } from "./json";

const HOST_PATH_TYPES = ["", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket"];
const FILE_MODE_ERROR = "must be a number between 0 and 0777 (octal), both inclusive";

function validateMode(mode: unknown, path: string): FieldCause[] {
  const m = num(mode);
  return m !== undefined && (m < 0 || m > 0o777) ? [invalid(path, m, FILE_MODE_ERROR)] : [];
}

function validateKeyToPaths(items: unknown, path: string): FieldCause[] {
  const causes: FieldCause[] = [];
  recs(items).forEach((item, i) => {
    const at = `${path}[${i}]`;
    if (!str(item.key)) causes.push(required(`${at}.key`));
    const p = str(item.path) ?? "";
    if (!p) causes.push(required(`${at}.path`));
    else {
      if (p.startsWith("/")) causes.push(invalid(`${at}.path`, p, "must be a relative path"));
      if (p.split("/").includes("..")) causes.push(invalid(`${at}.path`, p, "must not contain '..'"));
    }
    causes.push(...validateMode(item.mode, `${at}.mode`));
  });
  return causes;
}

function validateSource(kind: string, src: Json, path: string): FieldCause[] {
  const causes: FieldCause[] = [];
  switch (kind) {
    case "hostPath": {
      if (!str(src.path)) causes.push(required(`${path}.path`));
      const type = str(src.type) ?? "";
      if (!HOST_PATH_TYPES.includes(type)) causes.push(notSupported(`${path}.type`, type, HOST_PATH_TYPES));
      break;
    }
    case "secret":
      if (!str(src.secretName)) causes.push(required(`${path}.secretName`));
      causes.push(...validateMode(src.defaultMode, `${path}.defaultMode`), ...validateKeyToPaths(src.items, `${path}.items`));
      break;
    case "configMap":
      if (!str(src.name)) causes.push(required(`${path}.name`));
      causes.push(...validateMode(src.defaultMode, `${path}.defaultMode`), ...validateKeyToPaths(src.items, `${path}.items`));
      break;
    case "persistentVolumeClaim":
      if (!str(src.claimName)) causes.push(required(`${path}.claimName`));
      break;
    case "nfs": {
      if (!str(src.server)) causes.push(required(`${path}.server`));
      const p = str(src.path) ?? "";
      if (!p) causes.push(required(`${path}.path`));
      else if (!p.startsWith("/")) causes.push(invalid(`${path}.path`, p, "must be an absolute path"));
      break;
    }
    case "downwardAPI":
    case "projected":
      causes.push(...validateMode(src.defaultMode, `${path}.defaultMode`));
      break;
    default:
      break;
  }
  return causes;
}

/** Returns the causes and the names later checks (volumeMounts) may refer to. */
export function validateVolumes(volumes: unknown, path: string): { causes: FieldCause[]; names: Set<string> } {
  const causes: FieldCause[] = [];
  const names = new Set<string>();
  recs(volumes).forEach((v, i) => {
    const at = `${path}[${i}]`;
    const errs: FieldCause[] = [];
    const sources = volumeSourceNames(v);
    sources.forEach((kind, n) => {
      if (n > 0) errs.push(forbidden(`${at}.${kind}`, "may not specify more than 1 volume type"));
      else errs.push(...validateSource(kind, rec(v[kind]) ?? {}, `${at}.${kind}`));
    });
    if (sources.length === 0) errs.push(required(at, "must specify a volume type"));
    const name = str(v.name) ?? "";
    if (!name) errs.push(required(`${at}.name`));
    else errs.push(...isDNS1123Label(name).map((m) => invalid(`${at}.name`, name, m)));
    if (names.has(name)) errs.push(duplicate(`${at}.name`, name));
    if (errs.length === 0) names.add(name);
    else causes.push(...errs);
  });
  return { causes, names };
}
