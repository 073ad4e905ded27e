// Defaults of the remaining core, networking and autoscaling kinds.
import { child, recs, rec, setDefault, setDefaultString, str, type Json } from "../strategies/json";

export const NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

/** SetDefaults_Namespace: the immutable name label every namespace carries. */
export function defaultNamespace(obj: Json): void {
  const meta = child(obj, "metadata");
  const name = str(meta.name);
  if (name) child(meta, "labels")[NAMESPACE_NAME_LABEL] = name;
}

/** namespaceStrategy.PrepareForCreate: the `kubernetes` finalizer and phase Active. */
export function prepareNamespaceCreate(obj: Json): void {
  const spec = child(obj, "spec");
  const finalizers = Array.isArray(spec.finalizers) ? spec.finalizers.filter((f): f is string => typeof f === "string") : [];
  if (!finalizers.includes("kubernetes")) finalizers.push("kubernetes");
  spec.finalizers = finalizers;
  obj.status = { phase: "Active" };
}

/**
 * A replace that leaves spec.finalizers out keeps them. Upstream only changes them through the finalize
 * subresource; this store has none, so the namespace controller's explicit removal must still go through.
 */
export function prepareNamespaceUpdate(obj: Json, old: Json): void {
  const oldSpec = rec(old.spec);
  const spec = rec(obj.spec);
  if (oldSpec?.finalizers !== undefined && (!spec || spec.finalizers === undefined)) child(obj, "spec").finalizers = structuredClone(oldSpec.finalizers);
}

export function defaultSecret(obj: Json): void {
  setDefaultString(obj, "type", "Opaque");
}

export function defaultEndpoints(obj: Json): void {
  for (const subset of recs(obj.subsets)) for (const p of recs(subset.ports)) setDefaultString(p, "protocol", "TCP");
}

export function defaultEndpointSlice(obj: Json): void {
  for (const p of recs(obj.ports)) {
    setDefaultString(p, "protocol", "TCP");
    setDefault(p, "name", "");
  }
}

/** SetDefaults_NetworkPolicy: policyTypes from the rules present, ports TCP. */
export function defaultNetworkPolicy(obj: Json): void {
  const spec = child(obj, "spec");
  for (const rule of [...recs(spec.ingress), ...recs(spec.egress)]) {
    for (const p of recs(rule.ports)) setDefaultString(p, "protocol", "TCP");
  }
  const types = Array.isArray(spec.policyTypes) ? spec.policyTypes : [];
  if (types.length === 0) {
    const out = ["Ingress"];
    if (Array.isArray(spec.egress) && spec.egress.length > 0) out.push("Egress");
    spec.policyTypes = out;
  }
}

/** autoscaling/v2 SetDefaults_HorizontalPodAutoscaler: one replica minimum, 80 % CPU when no metric is given. */
export function defaultHorizontalPodAutoscaler(obj: Json): void {
  const spec = child(obj, "spec");
  setDefault(spec, "minReplicas", 1);
  if (!Array.isArray(spec.metrics) || spec.metrics.length === 0) {
    spec.metrics = [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 80 } } }];
  }
  const behavior = rec(spec.behavior);
  if (behavior) {
    {
      const up = child(behavior, "scaleUp");
      setDefault(up, "stabilizationWindowSeconds", 0);
      setDefaultString(up, "selectPolicy", "Max");
      if (!Array.isArray(up.policies)) {
        up.policies = [
          { type: "Pods", value: 4, periodSeconds: 15 },
          { type: "Percent", value: 100, periodSeconds: 15 },
        ];
      }
    }
    {
      const down = child(behavior, "scaleDown");
      setDefaultString(down, "selectPolicy", "Max");
      if (!Array.isArray(down.policies)) down.policies = [{ type: "Percent", value: 100, periodSeconds: 15 }];
    }
  }
}

