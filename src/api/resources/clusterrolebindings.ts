import { defineResource } from "../define";
import { clusterRoleBindingHooks } from "../strategies/hooks";

export const clusterrolebindings = defineResource({
  ...clusterRoleBindingHooks,
  group: "rbac.authorization.k8s.io",
  version: "v1",
  kind: "ClusterRoleBinding",
  plural: "clusterrolebindings",
  namespaced: false,
  shortNames: [],
  categories: [],
  subresources: [],
});
