// The shapes the authorizer reasons about: who asks (user.Info), what they ask for (authorizer.Attributes)
// and the RBAC objects as stored (only the fields authorization reads).

export interface UserInfo {
  name: string;
  uid?: string;
  groups: string[];
  extra?: Record<string, string[]>;
}

/** what a request asks to do, as kube-apiserver's RequestInfo names it */
export interface Attributes {
  /** false for paths outside /api and /apis resources (/version, /healthz, /api, /apis/apps/v1 ...) */
  resourceRequest: boolean;
  verb: string;
  /** non-resource requests only */
  path?: string;
  apiGroup?: string;
  apiVersion?: string;
  resource?: string;
  subresource?: string;
  namespace?: string;
  name?: string;
}

export interface PolicyRule {
  verbs?: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

export interface Subject {
  kind?: string;
  apiGroup?: string;
  name?: string;
  namespace?: string;
}

export interface RoleRef {
  apiGroup?: string;
  kind?: string;
  name?: string;
}

export interface RoleLike {
  metadata: { name?: string; namespace?: string };
  rules?: PolicyRule[] | null;
}

export interface BindingLike {
  metadata: { name?: string; namespace?: string };
  subjects?: Subject[] | null;
  roleRef?: RoleRef;
}

/** read access to the cluster's RBAC objects; lists come in a stable order (by name) */
export interface PolicySource {
  clusterRoleBindings(): readonly BindingLike[];
  roleBindings(namespace: string): readonly BindingLike[];
  clusterRole(name: string): RoleLike | undefined;
  role(namespace: string, name: string): RoleLike | undefined;
}

/** what a review (SelfSubjectAccessReview, whoami ...) is computed from */
export interface ReviewContext {
  /** the requesting user, after impersonation */
  user: UserInfo;
  policy: PolicySource;
  /** the request's namespace, for namespaced reviews */
  namespace?: string;
  /** RFC 3339 time the review is answered at */
  now: string;
}
