import { defineResource } from "../define";

export const serviceaccounts = defineResource({
  group: "",
  version: "v1",
  kind: "ServiceAccount",
  plural: "serviceaccounts",
  namespaced: true,
  shortNames: ["sa"],
  categories: [],
  subresources: [],
});
