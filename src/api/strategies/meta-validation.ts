// ObjectMeta validation per kind: the name rule each registry strategy passes to ValidateObjectMeta.
import type { FieldCause } from "../resource";
import { invalid, required, validateObjectMeta, type NameRule, type ObjectMetaLike } from "../validation/names";

/** Most kinds use DNS subdomains; RBAC objects only forbid path-breaking names. */
export type KindNameRule = NameRule | "path-segment";

/** path.IsValidPathSegmentName / IsValidPathSegmentPrefix. */
export function isValidPathSegmentName(name: string, prefix = false): string[] {
  if (!prefix && (name === "." || name === "..")) return [`may not be '${name}'`];
  const errs: string[] = [];
  for (const bad of ["/", "%"]) if (name.includes(bad)) errs.push(`may not contain '${bad}'`);
  return errs;
}

function metaOf(obj: { metadata?: unknown }): ObjectMetaLike {
  const m = obj.metadata;
  return typeof m === "object" && m !== null ? (m as ObjectMetaLike) : {};
}

export function validateMetadata(obj: { metadata?: unknown }, namespaced: boolean, rule: KindNameRule = "subdomain"): FieldCause[] {
  const meta = metaOf(obj);
  if (rule !== "path-segment") return validateObjectMeta(meta, { namespaced, nameRule: rule });
  // run the shared checks with a neutral name, then apply the path-segment rule ourselves
  const causes = validateObjectMeta({ ...meta, name: "x", generateName: undefined }, { namespaced });
  const name = meta.name ?? "";
  const generateName = meta.generateName ?? "";
  const own: FieldCause[] = [];
  if (generateName) for (const m of isValidPathSegmentName(generateName, true)) own.push(invalid("metadata.generateName", generateName, m));
  if (!name) own.push(required("metadata.name", "name or generateName is required"));
  else for (const m of isValidPathSegmentName(name)) own.push(invalid("metadata.name", name, m));
  return [...own, ...causes];
}
