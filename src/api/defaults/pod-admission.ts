// What the default admission chain adds to a pod on create: the ServiceAccount, Priority and
// DefaultTolerationSeconds plugins, then the pod strategy's own status reset with its QoS class.
import { tryParseQuantity, compareQuantities, isZeroQuantity, addQuantities, type Quantity } from "../validation/quantity";
import { child, recs, rec, setDefault, setDefaultString, str, type Json } from "../strategies/json";

export const DEFAULT_TOLERATION_SECONDS = 300;
const NOT_READY = "node.kubernetes.io/not-ready";
const UNREACHABLE = "node.kubernetes.io/unreachable";

function toleratesNoExecute(tolerations: Json[], key: string): boolean {
  return tolerations.some((t) => {
    const effect = str(t.effect) ?? "";
    if (effect !== "" && effect !== "NoExecute") return false;
    const tk = str(t.key) ?? "";
    return tk === key || (tk === "" && (str(t.operator) ?? "Equal") === "Exists");
  });
}

export function addDefaultTolerations(spec: Json): void {
  const tolerations = recs(spec.tolerations);
  const added: Json[] = [];
  for (const key of [NOT_READY, UNREACHABLE]) {
    if (!toleratesNoExecute(tolerations, key)) {
      added.push({ key, operator: "Exists", effect: "NoExecute", tolerationSeconds: DEFAULT_TOLERATION_SECONDS });
    }
  }
  if (added.length > 0) spec.tolerations = [...(Array.isArray(spec.tolerations) ? spec.tolerations : []), ...added];
}

export function admitPodCreate(pod: Json): void {
  const spec = child(pod, "spec");
  setDefaultString(spec, "serviceAccountName", "default");
  setDefaultString(spec, "serviceAccount", str(spec.serviceAccountName) ?? "default");
  setDefault(spec, "priority", 0);
  setDefaultString(spec, "preemptionPolicy", "PreemptLowerPriority");
  addDefaultTolerations(spec);
}

export type QOSClass = "Guaranteed" | "Burstable" | "BestEffort";

const QOS_RESOURCES = ["cpu", "memory"];

/** GetPodQOS over cpu and memory of init and regular containers. */
export function podQOSClass(spec: Json): QOSClass {
  const requests = new Map<string, Quantity>();
  const limits = new Map<string, Quantity>();
  let guaranteed = true;
  const add = (m: Map<string, Quantity>, name: string, q: Quantity) => {
    const prev = m.get(name);
    m.set(name, prev ? addQuantities(prev, q) : q);
  };
  for (const c of [...recs(spec.initContainers), ...recs(spec.containers)]) {
    const resources = rec(c.resources) ?? {};
    for (const [name, raw] of Object.entries(rec(resources.requests) ?? {})) {
      if (!QOS_RESOURCES.includes(name)) continue;
      const q = tryParseQuantity(typeof raw === "number" ? raw : String(raw));
      if (q && !isZeroQuantity(q)) add(requests, name, q);
    }
    let limitsFound = 0;
    for (const [name, raw] of Object.entries(rec(resources.limits) ?? {})) {
      if (!QOS_RESOURCES.includes(name)) continue;
      const q = tryParseQuantity(typeof raw === "number" ? raw : String(raw));
      if (q && !isZeroQuantity(q)) {
        limitsFound++;
        add(limits, name, q);
      }
    }
    if (limitsFound !== QOS_RESOURCES.length) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return "BestEffort";
  if (guaranteed && requests.size === limits.size) {
    for (const [name, l] of limits) {
      const r = requests.get(name);
      if (!r || compareQuantities(r, l) !== 0) return "Burstable";
    }
    return "Guaranteed";
  }
  return "Burstable";
}

/** podStrategy.PrepareForCreate: whatever status the client sent is replaced. */
export function resetPodStatus(pod: Json): void {
  pod.status = { phase: "Pending", qosClass: podQOSClass(child(pod, "spec")) };
}
