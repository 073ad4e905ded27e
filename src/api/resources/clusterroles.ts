import { defineResource } from "../define";

export const clusterroles = defineResource({
  group: "rbac.authorization.k8s.io",
  version: "v1",
  kind: "ClusterRole",
  plural: "clusterroles",
  namespaced: false,
  shortNames: [],
  categories: [],
  subresources: [],
});
