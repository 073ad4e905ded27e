// Shared by the bad-input tests: a valid object of every served resource, paths, and the checks that
// a failed request answered with a Kubernetes Status and left the stored object as it was.
import { expect } from "vitest";
import type { ResourceDef } from "../../src/api/resource";

export { ADMIN, BASE, api, call, createCluster, type Cluster } from "./harness";

type Json = Record<string, unknown>;

const container = { name: "c", image: "nginx:1.25" };
const podSpec = { containers: [container] };
const template = (app: string) => ({ metadata: { labels: { app } }, spec: podSpec });

/**
 * A minimal valid object per resource plural (group-qualified when two groups share a plural). Workloads
 * ask for no pods, so the per-cluster quota and the controllers stay out of the way.
 */
export function sampleFor(def: ResourceDef, name: string, namespace: string): Json | undefined {
  const meta: Json = def.namespaced ? { name, namespace } : { name };
  const spec = (s: Json): Json => ({ metadata: meta, ...s });
  switch (def.group ? `${def.plural}.${def.group}` : def.plural) {
    case "pods":
      return spec({ spec: podSpec });
    case "services":
      return spec({ spec: { selector: { app: name }, ports: [{ port: 80, targetPort: 8080 }] } });
    case "replicationcontrollers":
      return spec({ spec: { replicas: 0, selector: { app: name }, template: template(name) } });
    case "bindings":
      return undefined;
    case "configmaps":
      return spec({ data: { k: "v" } });
    case "endpoints":
      return spec({ subsets: [{ addresses: [{ ip: "10.1.2.3" }], ports: [{ port: 80 }] }] });
    case "events":
      return spec({ involvedObject: { kind: "Pod", name: "x", namespace }, reason: "Tested", message: "m", type: "Normal" });
    case "limitranges":
      return spec({ spec: { limits: [{ type: "Container", default: { cpu: "100m" } }] } });
    case "namespaces":
      return spec({});
    case "nodes":
      return spec({ metadata: { ...meta, labels: { fake: "true" } }, spec: { unschedulable: true } });
    case "persistentvolumeclaims":
      return spec({ spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } }, storageClassName: "bad-input-none" } });
    case "persistentvolumes":
      return spec({ spec: { capacity: { storage: "1Gi" }, accessModes: ["ReadWriteOnce"], hostPath: { path: "/tmp/x" }, storageClassName: "bad-input-none" } });
    case "podtemplates":
      return spec({ template: template(name) });
    case "resourcequotas":
      return spec({ spec: { hard: { pods: "100" } } });
    case "secrets":
      return spec({ type: "Opaque", data: { k: "dg==" } });
    case "serviceaccounts":
      return spec({});
    case "deployments.apps":
    case "replicasets.apps":
      return spec({ spec: { replicas: 0, selector: { matchLabels: { app: name } }, template: template(name) } });
    case "statefulsets.apps":
      return spec({ spec: { replicas: 0, serviceName: name, selector: { matchLabels: { app: name } }, template: template(name) } });
    case "daemonsets.apps":
      return spec({ spec: { selector: { matchLabels: { app: name } }, template: { ...template(name), spec: { ...podSpec, nodeSelector: { "no-such": "node" } } } } });
    case "controllerrevisions.apps":
      return spec({ revision: 1, data: { a: 1 } });
    case "jobs.batch":
      return spec({ spec: { suspend: true, template: { spec: { ...podSpec, restartPolicy: "Never" } } } });
    case "cronjobs.batch":
      return spec({ spec: { suspend: true, schedule: "*/5 * * * *", jobTemplate: { spec: { template: { spec: { ...podSpec, restartPolicy: "Never" } } } } } });
    case "horizontalpodautoscalers.autoscaling":
      return spec({ spec: { scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "nothing" }, minReplicas: 1, maxReplicas: 3 } });
    case "endpointslices.discovery.k8s.io":
      return spec({ addressType: "IPv4", endpoints: [{ addresses: ["10.1.2.3"] }], ports: [{ port: 80 }] });
    case "leases.coordination.k8s.io":
      return spec({ spec: { holderIdentity: "me", leaseDurationSeconds: 10 } });
    case "events.events.k8s.io":
      return spec({ eventTime: "2024-01-01T00:00:00.000000Z", reportingController: "tests/x", reportingInstance: "i", action: "Tested", reason: "Tested", regarding: { kind: "Pod", name: "x", namespace }, note: "n", type: "Normal" });
    case "storageclasses.storage.k8s.io":
      return spec({ provisioner: "example.com/none" });
    case "ingresses.networking.k8s.io":
      return spec({ spec: { rules: [{ host: "a.example.com", http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "s", port: { number: 80 } } } }] } }] } });
    case "ingressclasses.networking.k8s.io":
      return spec({ spec: { controller: "example.com/ingress" } });
    case "networkpolicies.networking.k8s.io":
      return spec({ spec: { podSelector: {}, policyTypes: ["Ingress"] } });
    case "roles.rbac.authorization.k8s.io":
    case "clusterroles.rbac.authorization.k8s.io":
      return spec({ rules: [{ apiGroups: [""], resources: ["pods"], verbs: ["get"] }] });
    case "rolebindings.rbac.authorization.k8s.io":
      return spec({ roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "r" }, subjects: [{ kind: "User", name: "u", apiGroup: "rbac.authorization.k8s.io" }] });
    case "clusterrolebindings.rbac.authorization.k8s.io":
      return spec({ roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "r" }, subjects: [{ kind: "User", name: "u", apiGroup: "rbac.authorization.k8s.io" }] });
    default:
      throw new Error(`no sample for ${def.plural}.${def.group}: add one when a resource is added to the registry`);
  }
}

export function servedVersion(def: ResourceDef): string {
  return def.versions.find((v) => v.served && v.storage)?.version ?? def.versions.find((v) => v.served)?.version ?? def.versions[0].version;
}

export function collectionPath(def: ResourceDef, namespace: string | undefined, version = servedVersion(def)): string {
  const root = def.group ? `/apis/${def.group}/${version}` : `/api/${version}`;
  return `${root}${def.namespaced && namespace ? `/namespaces/${namespace}` : ""}/${def.plural}`;
}

export function itemPath(def: ResourceDef, namespace: string | undefined, name: string, sub?: string): string {
  return `${collectionPath(def, namespace)}/${name}${sub ? `/${sub}` : ""}`;
}

export interface StatusLike {
  kind?: unknown;
  apiVersion?: unknown;
  status?: unknown;
  code?: unknown;
  reason?: unknown;
  message?: unknown;
}

/** what went wrong with one response, or undefined when it is the expected Status */
export async function statusProblem(res: Response, codes: number | number[], reasons?: string | string[]): Promise<string | undefined> {
  const want = Array.isArray(codes) ? codes : [codes];
  const text = await res.text();
  let body: StatusLike;
  try {
    body = JSON.parse(text) as StatusLike;
  } catch {
    return `HTTP ${res.status}, body is not JSON: ${text.slice(0, 160)}`;
  }
  const problems: string[] = [];
  if (!want.includes(res.status)) problems.push(`HTTP ${res.status}, want ${want.join("|")}`);
  if (!(res.headers.get("content-type") ?? "").includes("json")) problems.push(`content-type ${res.headers.get("content-type")}`);
  if (body.kind !== "Status" || body.apiVersion !== "v1" || body.status !== "Failure") problems.push(`not a failure Status: ${text.slice(0, 160)}`);
  if (body.code !== res.status) problems.push(`Status.code ${String(body.code)} != HTTP ${res.status}`);
  if (typeof body.message !== "string" || !body.message) problems.push("empty message");
  const okReasons = reasons === undefined ? undefined : Array.isArray(reasons) ? reasons : [reasons];
  if (okReasons && !okReasons.includes(String(body.reason))) problems.push(`reason ${String(body.reason)}, want ${okReasons.join("|")}`);
  return problems.length ? `${problems.join("; ")} — ${String(body.message).slice(0, 200)}` : undefined;
}

/** the parts of an object a failed request must not change (status and resourceVersion move with the controllers) */
export function stable(obj: unknown): string {
  const o = structuredClone(obj) as { metadata?: Json; status?: unknown };
  delete o.status;
  if (o.metadata) {
    delete o.metadata.resourceVersion;
    delete o.metadata.managedFields;
  }
  return JSON.stringify(o);
}

/** the reason a real API server gives for an HTTP code */
export const REASON: Record<number, string> = {
  400: "BadRequest",
  401: "Unauthorized",
  403: "Forbidden",
  404: "NotFound",
  405: "MethodNotAllowed",
  409: "Conflict",
  410: "Expired",
  413: "RequestEntityTooLarge",
  415: "UnsupportedMediaType",
  422: "Invalid",
};

export function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
