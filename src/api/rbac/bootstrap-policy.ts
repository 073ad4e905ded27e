// The default RBAC objects of a kubeadm v1.31 cluster that learners look at, transcribed from
// upstream's bootstrappolicy (testdata/cluster-roles.yaml, cluster-role-bindings.yaml) and kubeadm.
// admin, edit and view carry their aggregationRule and, since no aggregation controller runs here,
// the rules that controller computes: the matching roles' rules, roles taken by name, duplicates once.
import type { KubeObject } from "../kinds";
import type { PolicyRule } from "./types";
import { sameRule } from "./rule-equality";

const RBAC = "rbac.authorization.k8s.io";
const R = "get list watch";
const W = "create delete deletecollection patch update";
const RW = "create delete deletecollection get list patch update watch";

/** [verbs, apiGroups, resources], the lists space-separated ("" is the core group) */
type RuleRow = [string, string[], string];

const words = (s: string): string[] => s.split(" ").filter((w) => w !== "");
const rules = (rows: RuleRow[]): PolicyRule[] => rows.map(([verbs, apiGroups, resources]) => ({ apiGroups, resources: words(resources), verbs: words(verbs) }));
const urls = (verbs: string, paths: string): PolicyRule => ({ nonResourceURLs: words(paths), verbs: words(verbs) });

const AGGREGATE_TO_ADMIN = rules([
  ["create", ["authorization.k8s.io"], "localsubjectaccessreviews"],
  [RW, [RBAC], "rolebindings roles"],
]);

const AGGREGATE_TO_EDIT = rules([
  [R, [""], "pods/attach pods/exec pods/portforward pods/proxy secrets services/proxy"],
  ["impersonate", [""], "serviceaccounts"],
  [W, [""], "pods pods/attach pods/exec pods/portforward pods/proxy"],
  ["create", [""], "pods/eviction"],
  [W, [""], "configmaps events persistentvolumeclaims replicationcontrollers replicationcontrollers/scale secrets serviceaccounts services services/proxy"],
  ["create", [""], "serviceaccounts/token"],
  [W, ["apps"], "daemonsets deployments deployments/rollback deployments/scale replicasets replicasets/scale statefulsets statefulsets/scale"],
  [W, ["autoscaling"], "horizontalpodautoscalers"],
  [W, ["batch"], "cronjobs jobs"],
  [W, ["extensions"], "daemonsets deployments deployments/rollback deployments/scale ingresses networkpolicies replicasets replicasets/scale replicationcontrollers/scale"],
  [W, ["policy"], "poddisruptionbudgets"],
  [W, ["networking.k8s.io"], "ingresses networkpolicies"],
  [RW, ["coordination.k8s.io"], "leases"],
]);

const AGGREGATE_TO_VIEW = rules([
  [R, [""], "configmaps endpoints persistentvolumeclaims persistentvolumeclaims/status pods replicationcontrollers replicationcontrollers/scale serviceaccounts services services/status"],
  [R, [""], "bindings events limitranges namespaces/status pods/log pods/status replicationcontrollers/status resourcequotas resourcequotas/status"],
  [R, [""], "namespaces"],
  [R, ["discovery.k8s.io"], "endpointslices"],
  [R, ["apps"], "controllerrevisions daemonsets daemonsets/status deployments deployments/scale deployments/status replicasets replicasets/scale replicasets/status statefulsets statefulsets/scale statefulsets/status"],
  [R, ["autoscaling"], "horizontalpodautoscalers horizontalpodautoscalers/status"],
  [R, ["batch"], "cronjobs cronjobs/status jobs jobs/status"],
  [R, ["extensions"], "daemonsets daemonsets/status deployments deployments/scale deployments/status ingresses ingresses/status networkpolicies replicasets replicasets/scale replicasets/status replicationcontrollers/scale"],
  [R, ["policy"], "poddisruptionbudgets poddisruptionbudgets/status"],
  [R, ["networking.k8s.io"], "ingresses ingresses/status networkpolicies"],
]);

/** the aggregation controller's union: later roles add only the rules not already there */
function union(...lists: PolicyRule[][]): PolicyRule[] {
  const out: PolicyRule[] = [];
  for (const list of lists) for (const rule of list) if (!out.some((r) => sameRule(r, rule))) out.push(rule);
  return out;
}

const VIEW = union(AGGREGATE_TO_VIEW);
// roles labelled aggregate-to-edit, by name: system:aggregate-to-edit, view
const EDIT = union(AGGREGATE_TO_EDIT, VIEW);
// roles labelled aggregate-to-admin, by name: edit, system:aggregate-to-admin
const ADMIN = union(EDIT, AGGREGATE_TO_ADMIN);

const DEFAULTS = { "kubernetes.io/bootstrapping": "rbac-defaults" };
const AUTOUPDATE = { "rbac.authorization.kubernetes.io/autoupdate": "true" };

function clusterRole(name: string, roleRules: PolicyRule[], extra: { labels?: Record<string, string>; aggregateFrom?: string } = {}): KubeObject {
  const role: KubeObject = {
    apiVersion: `${RBAC}/v1`,
    kind: "ClusterRole",
    metadata: { name, labels: { ...DEFAULTS, ...extra.labels }, annotations: AUTOUPDATE },
    rules: roleRules,
  };
  if (extra.aggregateFrom) role.aggregationRule = { clusterRoleSelectors: [{ matchLabels: { [`${RBAC}/aggregate-to-${extra.aggregateFrom}`]: "true" } }] };
  return role;
}

function groupBinding(name: string, role: string, groups: string[], bootstrap = true): KubeObject {
  return {
    apiVersion: `${RBAC}/v1`,
    kind: "ClusterRoleBinding",
    metadata: bootstrap ? { name, labels: DEFAULTS, annotations: AUTOUPDATE } : { name },
    roleRef: { apiGroup: RBAC, kind: "ClusterRole", name: role },
    subjects: groups.map((g) => ({ apiGroup: RBAC, kind: "Group", name: g })),
  };
}

const aggregateTo = (role: string) => ({ [`${RBAC}/aggregate-to-${role}`]: "true" });

export const BOOTSTRAP_CLUSTER_ROLES: readonly KubeObject[] = [
  clusterRole("admin", ADMIN, { aggregateFrom: "admin" }),
  clusterRole("cluster-admin", [...rules([["*", ["*"], "*"]]), urls("*", "*")]),
  clusterRole("edit", EDIT, { labels: aggregateTo("admin"), aggregateFrom: "edit" }),
  clusterRole("system:aggregate-to-admin", AGGREGATE_TO_ADMIN, { labels: aggregateTo("admin") }),
  clusterRole("system:aggregate-to-edit", AGGREGATE_TO_EDIT, { labels: aggregateTo("edit") }),
  clusterRole("system:aggregate-to-view", AGGREGATE_TO_VIEW, { labels: aggregateTo("view") }),
  clusterRole("system:basic-user", rules([
    ["create", ["authorization.k8s.io"], "selfsubjectaccessreviews selfsubjectrulesreviews"],
    ["create", ["authentication.k8s.io"], "selfsubjectreviews"],
  ])),
  clusterRole("system:discovery", [urls("get", "/api /api/* /apis /apis/* /healthz /livez /openapi /openapi/* /readyz /version /version/")]),
  clusterRole("system:public-info-viewer", [urls("get", "/healthz /livez /readyz /version /version/")]),
  clusterRole("view", VIEW, { labels: aggregateTo("edit"), aggregateFrom: "view" }),
];

export const BOOTSTRAP_CLUSTER_ROLE_BINDINGS: readonly KubeObject[] = [
  groupBinding("cluster-admin", "cluster-admin", ["system:masters"]),
  // kubeadm's admin.conf user is in this group since v1.29 (system:masters is left to super-admin.conf)
  groupBinding("kubeadm:cluster-admins", "cluster-admin", ["kubeadm:cluster-admins"], false),
  groupBinding("system:basic-user", "system:basic-user", ["system:authenticated"]),
  groupBinding("system:discovery", "system:discovery", ["system:authenticated"]),
  groupBinding("system:public-info-viewer", "system:public-info-viewer", ["system:authenticated", "system:unauthenticated"]),
];
