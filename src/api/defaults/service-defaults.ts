// Service defaults: SetDefaults_Service plus what the service REST storage fills on create
// (ipFamilies / ipFamilyPolicy for a single-stack IPv4 cluster). ClusterIP and nodePort allocation
// happen elsewhere.
import { child, recs, setDefault, setDefaultString, str, type Json } from "../strategies/json";

export function defaultService(obj: Json): void {
  const spec = child(obj, "spec");
  setDefaultString(spec, "type", "ClusterIP");
  const type = str(spec.type);
  setDefaultString(spec, "sessionAffinity", "None");
  // SetDefaults_Service drops the config of affinity None, so patching ClientIP back to None works
  if (spec.sessionAffinity === "None") delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === "ClientIP") {
    const cfg = child(child(spec, "sessionAffinityConfig"), "clientIP");
    setDefault(cfg, "timeoutSeconds", 10800);
  }
  for (const p of recs(spec.ports)) {
    setDefaultString(p, "protocol", "TCP");
    if (p.targetPort === undefined || p.targetPort === null || p.targetPort === 0 || p.targetPort === "") p.targetPort = p.port;
  }
  if (type === "NodePort" || type === "LoadBalancer") setDefaultString(spec, "externalTrafficPolicy", "Cluster");
  if (type === "LoadBalancer") setDefault(spec, "allocateLoadBalancerNodePorts", true);
  if (type !== "ExternalName") {
    setDefaultString(spec, "internalTrafficPolicy", "Cluster");
    const families = Array.isArray(spec.ipFamilies) ? spec.ipFamilies : [];
    if (families.length === 0) spec.ipFamilies = ["IPv4"];
    setDefaultString(spec, "ipFamilyPolicy", "SingleStack");
    // clusterIP and clusterIPs mirror each other once either is given
    const clusterIP = str(spec.clusterIP);
    const clusterIPs = Array.isArray(spec.clusterIPs) ? spec.clusterIPs : [];
    if (clusterIP && clusterIPs.length === 0) spec.clusterIPs = [clusterIP];
    else if (!clusterIP && typeof clusterIPs[0] === "string" && clusterIPs[0]) spec.clusterIP = clusterIPs[0];
  }
}

/**
 * A replace that omits what the server allocated keeps it (the service registry's patchAllocatedValues):
 * clusterIP(s), and nodePorts of ports that keep their (port, protocol) while the type still uses them.
 */
export function keepAllocatedServiceFields(obj: Json, old: Json): void {
  const spec = child(obj, "spec");
  const oldSpec = child(old, "spec");
  const type = str(spec.type);
  if (type !== "ExternalName" && str(oldSpec.type) !== "ExternalName") {
    if (!str(spec.clusterIP) && str(oldSpec.clusterIP)) {
      spec.clusterIP = oldSpec.clusterIP;
      spec.clusterIPs = oldSpec.clusterIPs;
    }
    if ((!Array.isArray(spec.clusterIPs) || spec.clusterIPs.length === 0) && Array.isArray(oldSpec.clusterIPs)) spec.clusterIPs = oldSpec.clusterIPs;
  }
  if (type === "NodePort" || type === "LoadBalancer") {
    const oldPorts = recs(oldSpec.ports);
    for (const p of recs(spec.ports)) {
      if (p.nodePort) continue;
      const match = oldPorts.find((o) => o.port === p.port && (o.protocol ?? "TCP") === (p.protocol ?? "TCP"));
      if (match?.nodePort) p.nodePort = match.nodePort;
    }
    if (!spec.healthCheckNodePort && oldSpec.healthCheckNodePort && spec.externalTrafficPolicy === "Local") {
      spec.healthCheckNodePort = oldSpec.healthCheckNodePort;
    }
  }
}
