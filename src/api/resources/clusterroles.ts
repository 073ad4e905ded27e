import { defineResource } from "../define";
import { clusterRoleHooks } from "../strategies/hooks";

export const clusterroles = defineResource({
  ...clusterRoleHooks,
  group: "rbac.authorization.k8s.io",
  version: "v1",
  kind: "ClusterRole",
  plural: "clusterroles",
  namespaced: false,
  shortNames: [],
  categories: [],
  subresources: [],
});
