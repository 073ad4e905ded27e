import { defineResource } from "../define";
import { roleBindingHooks } from "../strategies/hooks";

export const rolebindings = defineResource({
  ...roleBindingHooks,
  group: "rbac.authorization.k8s.io",
  version: "v1",
  kind: "RoleBinding",
  plural: "rolebindings",
  namespaced: true,
  shortNames: [],
  categories: [],
  subresources: [],
});
