import { defineResource } from "../define";

export const rolebindings = defineResource({
  group: "rbac.authorization.k8s.io",
  version: "v1",
  kind: "RoleBinding",
  plural: "rolebindings",
  namespaced: true,
  shortNames: [],
  categories: [],
  subresources: [],
});
