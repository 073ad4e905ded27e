import { defineResource } from "../define";

export const roles = defineResource({
  group: "rbac.authorization.k8s.io",
  version: "v1",
  kind: "Role",
  plural: "roles",
  namespaced: true,
  shortNames: [],
  categories: [],
  subresources: [],
});
