import { defineResource } from "../define";
import { roleHooks } from "../strategies/hooks";

export const roles = defineResource({
  ...roleHooks,
  group: "rbac.authorization.k8s.io",
  version: "v1",
  kind: "Role",
  plural: "roles",
  namespaced: true,
  shortNames: [],
  categories: [],
  subresources: [],
});
