// ValidateService / ValidateServiceUpdate (the parts a single-stack simulated cluster can reach).
import type { FieldCause } from "../resource";
import { duplicate, forbidden, invalid, notSupported, required } from "../validation/field-errors";
import { isDNS1123Subdomain, validateLabels } from "../validation/names";
import { validateServicePorts, type ServicePortLike } from "../validation/ports";
import { goServicePort } from "./go-format";
import { validateMetadata } from "./meta-validation";
import { num, rec, recs, str, strMap, type Json } from "./json";

const SERVICE_TYPES = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"];
const SESSION_AFFINITY = ["ClientIP", "None"];
const TRAFFIC_POLICIES = ["Cluster", "Local"];
const IP_FAMILY_POLICIES = ["SingleStack", "PreferDualStack", "RequireDualStack"];
const IP_FAMILIES = ["IPv4", "IPv6"];
const IP_ERROR = "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)";
const MAX_CLIENT_IP_TIMEOUT = 86400;

function isIPv4(s: string): boolean {
  const parts = s.split(".");
  return parts.length === 4 && parts.every((p) => /^(0|[1-9][0-9]{0,2})$/.test(p) && Number(p) <= 255);
}

function isIPv6(s: string): boolean {
  if (!s.includes(":") || !/^[0-9a-fA-F:.]+$/.test(s)) return false;
  const doubleColons = s.split("::").length - 1;
  if (doubleColons > 1) return false;
  const groups = s.split(":").filter((g) => g.length > 0);
  const last = groups[groups.length - 1] ?? "";
  const v4Tail = last.includes(".");
  if (v4Tail && !isIPv4(last)) return false;
  const hexGroups = v4Tail ? groups.slice(0, -1) : groups;
  if (!hexGroups.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  const count = hexGroups.length + (v4Tail ? 2 : 0);
  return doubleColons === 1 ? count < 8 : count === 8;
}

export const isIP = (s: string): boolean => isIPv4(s) || isIPv6(s);

const isHeadless = (spec: Json): boolean => str(spec.clusterIP) === "None";

export function validateService(svc: Json): FieldCause[] {
  const causes = validateMetadata(svc, true, "dns1035");
  const spec = rec(svc.spec) ?? {};
  const type = str(spec.type) ?? "";
  const ports = recs(spec.ports);
  const clusterIPs = Array.isArray(spec.clusterIPs) ? spec.clusterIPs.filter((x): x is string => typeof x === "string") : [];
  const clusterIP = str(spec.clusterIP) ?? clusterIPs[0] ?? "";

  if (ports.length === 0 && !isHeadless(spec) && type !== "ExternalName") causes.push(required("spec.ports"));
  switch (type) {
    case "LoadBalancer":
      if (clusterIP === "None") causes.push(invalid("spec.clusterIPs[0]", clusterIP, "may not be set to 'None' for LoadBalancer services"));
      break;
    case "NodePort":
      if (clusterIP === "None") causes.push(invalid("spec.clusterIPs[0]", clusterIP, "may not be set to 'None' for NodePort services"));
      break;
    case "ExternalName": {
      if (clusterIPs.length > 0 || str(spec.clusterIP)) causes.push(forbidden("spec.clusterIPs", "may not be set for ExternalName services"));
      const cname = (str(spec.externalName) ?? "").replace(/\.$/, "");
      if (cname) causes.push(...isDNS1123Subdomain(cname).map((m) => invalid("spec.externalName", cname, m)));
      else causes.push(required("spec.externalName"));
      break;
    }
    default:
      break;
  }
  if (!type) causes.push(required("spec.type"));
  else if (!SERVICE_TYPES.includes(type)) causes.push(notSupported("spec.type", type, SERVICE_TYPES));

  causes.push(...validateServicePorts(ports as ServicePortLike[], "spec.ports"));
  const seen = new Set<string>();
  ports.forEach((p, i) => {
    const key = `${str(p.protocol) ?? ""}/${num(p.port) ?? 0}`;
    if (seen.has(key)) causes.push(duplicate(`spec.ports[${i}]`, goServicePort({ protocol: str(p.protocol), port: num(p.port) })));
    seen.add(key);
    if (type === "ClusterIP" && (num(p.nodePort) ?? 0) !== 0) {
      causes.push(forbidden(`spec.ports[${i}].nodePort`, "may not be used when `type` is 'ClusterIP'"));
    }
  });
  const nodePorts = new Set<string>();
  ports.forEach((p, i) => {
    const np = num(p.nodePort) ?? 0;
    if (np === 0) return;
    const key = `${str(p.protocol) ?? ""}/${np}`;
    if (nodePorts.has(key)) causes.push(duplicate(`spec.ports[${i}].nodePort`, np));
    nodePorts.add(key);
  });

  if (spec.selector !== undefined) causes.push(...validateLabels(strMap(spec.selector), "spec.selector"));
  const affinity = str(spec.sessionAffinity) ?? "";
  if (!affinity) causes.push(required("spec.sessionAffinity"));
  else if (!SESSION_AFFINITY.includes(affinity)) causes.push(notSupported("spec.sessionAffinity", affinity, SESSION_AFFINITY));
  if (affinity === "ClientIP") {
    const timeout = num(rec(rec(spec.sessionAffinityConfig)?.clientIP)?.timeoutSeconds);
    if (timeout !== undefined && (timeout <= 0 || timeout > MAX_CLIENT_IP_TIMEOUT)) {
      causes.push(invalid("spec.sessionAffinityConfig.clientIP.timeoutSeconds", timeout, `must be greater than 0 and less than ${MAX_CLIENT_IP_TIMEOUT}`));
    }
  } else if (rec(spec.sessionAffinityConfig)) {
    causes.push(forbidden("spec.sessionAffinityConfig", `must not be set when session affinity is ${affinity}`));
  }

  for (const [i, ip] of clusterIPs.entries()) {
    if (ip === "None" || ip === "") continue;
    if (!isIP(ip)) causes.push(invalid(`spec.clusterIPs[${i}]`, ip, IP_ERROR));
  }
  if (str(spec.clusterIP) && clusterIPs.length > 0 && str(spec.clusterIP) !== clusterIPs[0]) {
    causes.push(invalid("spec.clusterIPs", clusterIPs, "element [0] must match clusterIP"));
  }
  for (const [i, ip] of (Array.isArray(spec.externalIPs) ? spec.externalIPs : []).entries()) {
    if (typeof ip !== "string" || !isIP(ip)) causes.push(invalid(`spec.externalIPs[${i}]`, ip, IP_ERROR));
  }

  const etp = str(spec.externalTrafficPolicy) ?? "";
  if (type === "NodePort" || type === "LoadBalancer") {
    if (!etp) causes.push(required("spec.externalTrafficPolicy"));
    else if (!TRAFFIC_POLICIES.includes(etp)) causes.push(notSupported("spec.externalTrafficPolicy", etp, TRAFFIC_POLICIES));
  } else if (etp) {
    causes.push(invalid("spec.externalTrafficPolicy", etp, "may only be set when `type` is 'NodePort' or 'LoadBalancer'"));
  }
  const itp = str(spec.internalTrafficPolicy);
  if (type !== "ExternalName") {
    if (!itp) causes.push(required("spec.internalTrafficPolicy"));
    else if (!TRAFFIC_POLICIES.includes(itp)) causes.push(notSupported("spec.internalTrafficPolicy", itp, TRAFFIC_POLICIES));
  }
  const ipfp = str(spec.ipFamilyPolicy);
  if (ipfp !== undefined && !IP_FAMILY_POLICIES.includes(ipfp)) causes.push(notSupported("spec.ipFamilyPolicy", ipfp, IP_FAMILY_POLICIES));
  for (const [i, f] of (Array.isArray(spec.ipFamilies) ? spec.ipFamilies : []).entries()) {
    if (typeof f !== "string" || !IP_FAMILIES.includes(f)) causes.push(notSupported(`spec.ipFamilies[${i}]`, f, IP_FAMILIES));
  }
  return causes;
}

export function validateServiceUpdate(svc: Json, old: Json): FieldCause[] {
  const spec = rec(svc.spec) ?? {};
  const oldSpec = rec(old.spec) ?? {};
  const causes: FieldCause[] = [];
  const oldIPs = Array.isArray(oldSpec.clusterIPs) ? oldSpec.clusterIPs : [];
  const newIPs = Array.isArray(spec.clusterIPs) ? spec.clusterIPs : [];
  const switchingToExternal = str(spec.type) === "ExternalName";
  const oldIP = typeof oldIPs[0] === "string" ? oldIPs[0] : "";
  const newIP = typeof newIPs[0] === "string" ? newIPs[0] : "";
  if (!switchingToExternal && oldIP && newIP && oldIP !== newIP) {
    causes.push(invalid("spec.clusterIPs[0]", newIPs.filter((x): x is string => typeof x === "string"), "may not change once set"));
  }
  return causes;
}
