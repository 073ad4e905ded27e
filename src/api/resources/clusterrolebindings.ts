import { defineResource } from "../define";

export const clusterrolebindings = defineResource({
  group: "rbac.authorization.k8s.io",
  version: "v1",
  kind: "ClusterRoleBinding",
  plural: "clusterrolebindings",
  namespaced: false,
  shortNames: [],
  categories: [],
  subresources: [],
});
