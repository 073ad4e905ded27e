// Naming rules of the upstream OpenAPI generator: definition ids, operationId prefixes and tags.

/** Java-style package prefix upstream uses for each API group's Go package. */
const GROUP_PACKAGE: Record<string, string> = {
  "": "io.k8s.api.core",
  "apiextensions.k8s.io": "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions",
  "apiregistration.k8s.io": "io.k8s.kube-aggregator.pkg.apis.apiregistration",
  "meta.k8s.io": "io.k8s.apimachinery.pkg.apis.meta",
};

function groupStem(group: string): string {
  // "rbac.authorization.k8s.io" lives in package rbac, "flowcontrol.apiserver.k8s.io" in flowcontrol
  if (group.endsWith(".k8s.io")) return group.slice(0, -".k8s.io".length).split(".")[0];
  return group;
}

/** e.g. ("apps","v1","Deployment") -> io.k8s.api.apps.v1.Deployment; CRD groups are reversed like upstream. */
export function definitionId(group: string, version: string, kind: string): string {
  const pkg = GROUP_PACKAGE[group];
  if (pkg) return `${pkg}.${version}.${kind}`;
  if (group.endsWith(".k8s.io") || !group.includes(".")) return `io.k8s.api.${groupStem(group)}.${version}.${kind}`;
  return `${group.split(".").reverse().join(".")}.${version}.${kind}`;
}

function upperFirst(s: string): string {
  return s.length === 0 ? s : s[0].toUpperCase() + s.slice(1);
}

function groupWords(group: string): string[] {
  if (group === "") return ["core"];
  const trimmed = group.endsWith(".k8s.io") ? group.slice(0, -".k8s.io".length) : group;
  return trimmed.split(/[.-]/).filter((w) => w.length > 0);
}

/** operationId infix: "" -> CoreV1, "rbac.authorization.k8s.io" -> RbacAuthorizationV1 */
export function operationGroupVersion(group: string, version: string): string {
  return groupWords(group).map(upperFirst).join("") + upperFirst(version);
}

/** tag: core_v1, apps_v1, rbacAuthorization_v1 */
export function operationTag(group: string, version: string): string {
  const words = groupWords(group);
  return words[0] + words.slice(1).map(upperFirst).join("") + "_" + version;
}

export function capitalize(s: string): string {
  return upperFirst(s);
}

/** URL prefix of a group-version: /api/v1 or /apis/<group>/<version> */
export function groupVersionPrefix(group: string, version: string): string {
  return group === "" ? `/api/${version}` : `/apis/${group}/${version}`;
}

/** key used in the /openapi/v3 index: api/v1 or apis/<group>/<version> */
export function groupVersionIndexKey(group: string, version: string): string {
  return groupVersionPrefix(group, version).slice(1);
}
