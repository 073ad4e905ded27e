// Who a request is made as, and whether RBAC lets an impersonated request through. The cluster token
// is kubeadm's admin user and is never checked (it keeps working even if a learner breaks RBAC);
// `kubectl --as/--as-group` requests are authorized against the cluster's stored RBAC objects.
import type { KubeObject } from "../../api/kinds";
import type { BindingLike, PolicySource, ReviewContext, RoleLike, UserInfo } from "../../api/rbac/types";
import { authorize } from "../../api/rbac/authorizer";
import { forbiddenError } from "../../api/rbac/forbidden";
import { CLUSTER_ADMIN_USER, impersonatedUser } from "../../api/rbac/impersonation";
import { requestAttributes } from "../../api/rbac/request-attributes";
import type { ObjectStore } from "../../store/object-store";
import type { ClusterContext } from "../../durable/cluster-context";
import type { ResourceRequest } from "./request-info";
import { presentedNow } from "./present";

const RBAC = "rbac.authorization.k8s.io";

type Binding = KubeObject & BindingLike;
type Role = KubeObject & RoleLike;

export function storePolicy(store: ObjectStore): PolicySource {
  return {
    clusterRoleBindings: () => store.list<Binding>(`${RBAC}/clusterrolebindings`),
    roleBindings: (namespace) => store.list<Binding>(`${RBAC}/rolebindings`, namespace),
    clusterRole: (name) => store.get<Role>(`${RBAC}/clusterroles`, undefined, name),
    role: (namespace, name) => store.get<Role>(`${RBAC}/roles`, namespace, name),
  };
}

/** the request's user; throws the 403 upstream answers when an impersonated user may not do what it asks */
export function authorizedUser(request: Request, path: string, cluster: ClusterContext): UserInfo {
  const user = impersonatedUser(request.headers);
  if (!user) return CLUSTER_ADMIN_USER;
  const attrs = requestAttributes(request.method, path, new URL(request.url).searchParams);
  const decision = authorize(storePolicy(cluster.store), user, attrs);
  if (!decision.allowed) throw forbiddenError(user, attrs, decision.reason);
  return user;
}

export function reviewContext(cluster: ClusterContext, user: UserInfo, req: ResourceRequest): ReviewContext {
  const now = new Date(presentedNow(cluster)).toISOString().replace(/\.\d{3}Z$/, "Z");
  return { user, policy: storePolicy(cluster.store), namespace: req.namespace, now };
}
