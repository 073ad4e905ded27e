import { defineResource } from "../define";
import { serviceAccountHooks } from "../strategies/hooks";

export const serviceaccounts = defineResource({
  ...serviceAccountHooks,
  group: "",
  version: "v1",
  kind: "ServiceAccount",
  plural: "serviceaccounts",
  namespaced: true,
  shortNames: ["sa"],
  categories: [],
  subresources: [],
});
