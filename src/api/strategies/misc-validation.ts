// Validation of the kinds with little beyond metadata: namespaces, nodes, events, RBAC, leases,
// endpoints, quotas, HPAs, ingresses and network policies.
import type { FieldCause } from "../resource";
import { duplicate, forbidden, goQuote, invalid, notSupported, required, unquoted } from "../validation/field-errors";
import { isDNS1123Subdomain, isQualifiedName, isValidLabelValue, validateLabelName } from "../validation/names";
import { isValidPortNum, validateProtocol } from "../validation/ports";
import { tryParseQuantity, validateNonnegativeQuantity } from "../validation/quantity";
import { validateLabelSelector } from "../selectors/label-selector";
import { validateMetadata } from "./meta-validation";
import { validateTaintEffect } from "./pod-validation";
import { asLabelSelector } from "./selector-checks";
import { arr, num, rec, recs, str, type Json } from "./json";

export function validateNamespace(ns: Json): FieldCause[] {
  const causes = validateMetadata(ns, false, "label");
  for (const [i, f] of arr(rec(ns.spec)?.finalizers).entries()) {
    const name = String(f);
    for (const m of isQualifiedName(name)) causes.push(invalid(`spec.finalizers[${i}]`, name, m));
  }
  return causes;
}

export function validateNode(node: Json): FieldCause[] {
  const causes = validateMetadata(node, false);
  const seen = new Set<string>();
  recs(rec(node.spec)?.taints).forEach((t, i) => {
    const at = `spec.taints[${i}]`;
    const key = str(t.key) ?? "";
    causes.push(...validateLabelName(key, `${at}.key`));
    const value = str(t.value) ?? "";
    if (value) for (const m of isValidLabelValue(value)) causes.push(invalid(`${at}.value`, value, m));
    const effect = str(t.effect) ?? "";
    causes.push(...validateTaintEffect(effect, false, `${at}.effect`));
    const k = `${key}\u0000${effect}`;
    if (seen.has(k)) causes.push(duplicate(at, unquoted(`core.Taint{Key:${goQuote(key)}, Value:${goQuote(value)}, Effect:${goQuote(effect)}, TimeAdded:<nil>}`)));
    seen.add(k);
  });
  return causes;
}

/** legacyValidateEvent: the involved object must live in the event's namespace. */
export function validateEvent(ev: Json): FieldCause[] {
  const causes = validateMetadata(ev, true);
  const namespace = str(rec(ev.metadata)?.namespace) ?? "";
  const involved = rec(ev.involvedObject) ?? rec(ev.regarding) ?? {};
  const involvedNs = str(involved.namespace) ?? "";
  const path = ev.involvedObject !== undefined || ev.regarding === undefined ? "involvedObject.namespace" : "regarding.namespace";
  if (!str(ev.eventTime)) {
    if (involvedNs === "" ? namespace !== "" && namespace !== "default" : namespace !== involvedNs) {
      causes.push(invalid(path, involvedNs, "does not match event.namespace"));
    }
  } else {
    if (!involvedNs && namespace !== "default" && namespace !== "kube-system") causes.push(invalid(path, involvedNs, "does not match event.namespace"));
    const controller = str(ev.reportingComponent) ?? str(ev.reportingController) ?? "";
    if (!controller) causes.push(required("reportingComponent"));
    else for (const m of isQualifiedName(controller)) causes.push(invalid("reportingComponent", controller, m));
    if (!str(ev.reportingInstance)) causes.push(required("reportingInstance"));
    if (!str(ev.action)) causes.push(required("action"));
    if (!str(ev.reason)) causes.push(required("reason"));
  }
  return causes;
}

export const validateNamespaced = (obj: Json): FieldCause[] => validateMetadata(obj, true);
export const validateClusterScoped = (obj: Json): FieldCause[] => validateMetadata(obj, false);

function validatePolicyRules(rules: unknown, namespaced: boolean, path: string): FieldCause[] {
  const causes: FieldCause[] = [];
  recs(rules).forEach((r, i) => {
    const at = `${path}[${i}]`;
    if (arr(r.verbs).length === 0) causes.push(required(`${at}.verbs`, "verbs must contain at least one value"));
    const urls = arr(r.nonResourceURLs);
    if (urls.length > 0) {
      if (namespaced) causes.push(invalid(`${at}.nonResourceURLs`, urls, "namespaced rules cannot apply to non-resource URLs"));
      if (arr(r.apiGroups).length + arr(r.resources).length + arr(r.resourceNames).length > 0) {
        causes.push(invalid(`${at}.nonResourceURLs`, urls, "rules cannot apply to both regular resources and non-resource URLs"));
      }
      return;
    }
    if (arr(r.apiGroups).length === 0) causes.push(required(`${at}.apiGroups`, "resource rules must supply at least one api group"));
    if (arr(r.resources).length === 0) causes.push(required(`${at}.resources`, "resource rules must supply at least one resource"));
  });
  return causes;
}

export const validateRole = (obj: Json): FieldCause[] => [...validateMetadata(obj, true, "path-segment"), ...validatePolicyRules(obj.rules, true, "rules")];
export const validateClusterRole = (obj: Json): FieldCause[] => [
  ...validateMetadata(obj, false, "path-segment"),
  ...(rec(obj.aggregationRule) ? [] : validatePolicyRules(obj.rules, false, "rules")),
];

const SUBJECT_KINDS = ["ServiceAccount", "User", "Group"];

function validateBinding(obj: Json, namespaced: boolean): FieldCause[] {
  const causes = validateMetadata(obj, namespaced, "path-segment");
  const roleRef = rec(obj.roleRef) ?? {};
  const kind = str(roleRef.kind) ?? "";
  const allowed = namespaced ? ["Role", "ClusterRole"] : ["ClusterRole"];
  if (str(roleRef.apiGroup) !== "rbac.authorization.k8s.io") causes.push(notSupported("roleRef.apiGroup", str(roleRef.apiGroup) ?? "", ["rbac.authorization.k8s.io"]));
  if (!allowed.includes(kind)) causes.push(notSupported("roleRef.kind", kind, allowed));
  if (!str(roleRef.name)) causes.push(required("roleRef.name"));
  recs(obj.subjects).forEach((s, i) => {
    const at = `subjects[${i}]`;
    const sk = str(s.kind) ?? "";
    if (!str(s.name)) causes.push(required(`${at}.name`));
    if (!SUBJECT_KINDS.includes(sk)) causes.push(notSupported(`${at}.kind`, sk, SUBJECT_KINDS));
    if (sk === "ServiceAccount" && !namespaced && !str(s.namespace)) causes.push(required(`${at}.namespace`));
  });
  return causes;
}

export const validateRoleBinding = (obj: Json): FieldCause[] => validateBinding(obj, true);
export const validateClusterRoleBinding = (obj: Json): FieldCause[] => validateBinding(obj, false);

export function validateBindingUpdate(obj: Json, old: Json): FieldCause[] {
  const a = rec(obj.roleRef) ?? {};
  const b = rec(old.roleRef) ?? {};
  if (a.apiGroup === b.apiGroup && a.kind === b.kind && a.name === b.name) return [];
  const shown = unquoted(`rbac.RoleRef{APIGroup:${goQuote(str(a.apiGroup) ?? "")}, Kind:${goQuote(str(a.kind) ?? "")}, Name:${goQuote(str(a.name) ?? "")}}`);
  return [invalid("roleRef", shown, "cannot change roleRef")];
}

export function validateLease(obj: Json): FieldCause[] {
  const causes = validateMetadata(obj, true);
  const spec = rec(obj.spec) ?? {};
  const d = num(spec.leaseDurationSeconds);
  if (d !== undefined && d <= 0) causes.push(invalid("spec.leaseDurationSeconds", d, "must be greater than 0"));
  const t = num(spec.leaseTransitions);
  if (t !== undefined && t < 0) causes.push(invalid("spec.leaseTransitions", t, "must be greater than or equal to 0"));
  return causes;
}

function validateEndpointPorts(ports: unknown, path: string): FieldCause[] {
  const causes: FieldCause[] = [];
  const list = recs(ports);
  list.forEach((p, i) => {
    const at = `${path}[${i}]`;
    const port = num(p.port) ?? 0;
    causes.push(...isValidPortNum(port).map((m) => invalid(`${at}.port`, port, m)));
    causes.push(...validateProtocol(str(p.protocol), `${at}.protocol`));
  });
  return causes;
}

export function validateEndpoints(obj: Json): FieldCause[] {
  const causes = validateMetadata(obj, true);
  recs(obj.subsets).forEach((s, i) => causes.push(...validateEndpointPorts(s.ports, `subsets[${i}].ports`)));
  return causes;
}

const ADDRESS_TYPES = ["FQDN", "IPv4", "IPv6"];

export function validateEndpointSlice(obj: Json): FieldCause[] {
  const causes = validateMetadata(obj, true);
  const t = str(obj.addressType) ?? "";
  if (!t) causes.push(required("addressType"));
  else if (!ADDRESS_TYPES.includes(t)) causes.push(notSupported("addressType", t, ADDRESS_TYPES));
  recs(obj.endpoints).forEach((e, i) => {
    if (arr(e.addresses).length === 0) causes.push(required(`endpoints[${i}].addresses`, "must contain at least 1 address"));
  });
  recs(obj.ports).forEach((p, i) => {
    const port = num(p.port);
    if (port !== undefined) causes.push(...isValidPortNum(port).map((m) => invalid(`ports[${i}].port`, port, m)));
  });
  return causes;
}

function validateQuantities(map: unknown, path: string): FieldCause[] {
  const causes: FieldCause[] = [];
  for (const [k, raw] of Object.entries(rec(map) ?? {})) {
    const q = tryParseQuantity(typeof raw === "number" ? raw : String(raw));
    if (q) causes.push(...validateNonnegativeQuantity(q, `${path}[${k}]`));
  }
  return causes;
}

const LIMIT_TYPES = ["Container", "PersistentVolumeClaim", "Pod"];

export function validateLimitRange(obj: Json): FieldCause[] {
  const causes = validateMetadata(obj, true);
  recs(rec(obj.spec)?.limits).forEach((l, i) => {
    const at = `spec.limits[${i}]`;
    const type = str(l.type) ?? "";
    if (!type) causes.push(required(`${at}.type`));
    else if (!LIMIT_TYPES.includes(type)) causes.push(notSupported(`${at}.type`, type, LIMIT_TYPES));
    for (const k of ["max", "min", "default", "defaultRequest", "maxLimitRequestRatio"]) causes.push(...validateQuantities(l[k], `${at}.${k}`));
  });
  return causes;
}

export function validateResourceQuota(obj: Json): FieldCause[] {
  return [...validateMetadata(obj, true), ...validateQuantities(rec(obj.spec)?.hard, "spec.hard")];
}

export function validateHorizontalPodAutoscaler(obj: Json): FieldCause[] {
  const causes = validateMetadata(obj, true);
  const spec = rec(obj.spec) ?? {};
  const ref = rec(spec.scaleTargetRef) ?? {};
  if (!str(ref.kind)) causes.push(required("spec.scaleTargetRef.kind"));
  if (!str(ref.name)) causes.push(required("spec.scaleTargetRef.name"));
  const min = num(spec.minReplicas);
  const max = num(spec.maxReplicas) ?? 0;
  if (min !== undefined && min < 1) causes.push(invalid("spec.minReplicas", min, "must be greater than or equal to 1"));
  if (max < 1) causes.push(invalid("spec.maxReplicas", max, "must be greater than 0"));
  if (min !== undefined && max < min) causes.push(invalid("spec.maxReplicas", max, "must be greater than or equal to `minReplicas`"));
  return causes;
}

const PATH_TYPES = ["Exact", "ImplementationSpecific", "Prefix"];

function validateIngressBackend(b: Json | undefined, path: string): FieldCause[] {
  if (!b) return [];
  const causes: FieldCause[] = [];
  const service = rec(b.service);
  const resource = rec(b.resource);
  if (service && resource) causes.push(invalid(path, "", "cannot set both resource and service backends"));
  if (service) {
    const name = str(service.name) ?? "";
    if (!name) causes.push(required(`${path}.service.name`));
    const port = rec(service.port) ?? {};
    const pn = str(port.name) ?? "";
    const pnum = num(port.number) ?? 0;
    if (pn && pnum) causes.push(invalid(`${path}.service.port`, unquoted(JSON.stringify(port)), "cannot set both port name & port number"));
    else if (pnum) causes.push(...isValidPortNum(pnum).map((m) => invalid(`${path}.service.port.number`, pnum, m)));
    else if (!pn) causes.push(required(`${path}.service.port`, "port name or number is required"));
  }
  return causes;
}

export function validateIngress(obj: Json): FieldCause[] {
  const causes = validateMetadata(obj, true);
  const spec = rec(obj.spec) ?? {};
  const className = str(spec.ingressClassName);
  if (className) causes.push(...isDNS1123Subdomain(className).map((m) => invalid("spec.ingressClassName", className, m)));
  causes.push(...validateIngressBackend(rec(spec.defaultBackend), "spec.defaultBackend"));
  recs(spec.rules).forEach((r, i) => {
    const host = str(r.host) ?? "";
    if (host) {
      const bare = host.startsWith("*.") ? host.slice(2) : host;
      for (const m of isDNS1123Subdomain(bare)) causes.push(invalid(`spec.rules[${i}].host`, host, m));
    }
    const http = rec(r.http);
    if (!http) return;
    const paths = recs(http.paths);
    if (paths.length === 0) causes.push(required(`spec.rules[${i}].http.paths`));
    paths.forEach((p, j) => {
      const at = `spec.rules[${i}].http.paths[${j}]`;
      const pathType = str(p.pathType) ?? "";
      const value = str(p.path) ?? "";
      if (!pathType) causes.push(required(`${at}.pathType`, "pathType must be specified"));
      else if (!PATH_TYPES.includes(pathType)) causes.push(notSupported(`${at}.pathType`, pathType, PATH_TYPES));
      if ((pathType === "Exact" || pathType === "Prefix") && !value.startsWith("/")) causes.push(invalid(`${at}.path`, value, "must be an absolute path"));
      if (!rec(p.backend)) causes.push(required(`${at}.backend`));
      causes.push(...validateIngressBackend(rec(p.backend), `${at}.backend`));
    });
  });
  return causes;
}

export function validateIngressClass(obj: Json): FieldCause[] {
  const causes = validateMetadata(obj, false);
  if (!str(rec(obj.spec)?.controller)) causes.push(required("spec.controller"));
  return causes;
}

export function validateNetworkPolicy(obj: Json): FieldCause[] {
  const causes = validateMetadata(obj, true);
  const spec = rec(obj.spec) ?? {};
  causes.push(...validateLabelSelector(asLabelSelector(spec.podSelector), "spec.podSelector"));
  arr(spec.policyTypes).forEach((t, i) => {
    if (t !== "Ingress" && t !== "Egress") causes.push(notSupported(`spec.policyTypes[${i}]`, t, ["Ingress", "Egress"]));
  });
  for (const dir of ["ingress", "egress"]) {
    recs(spec[dir]).forEach((rule, i) => {
      recs(rule.ports).forEach((p, j) => {
        causes.push(...validateProtocol(str(p.protocol), `spec.${dir}[${i}].ports[${j}].protocol`));
      });
    });
  }
  if (arr(spec.policyTypes).length > 2) causes.push(forbidden("spec.policyTypes", "may not specify more than two policyTypes"));
  return causes;
}
