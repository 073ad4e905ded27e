import { defineResource } from "../define";

export const namespaces = defineResource({
  group: "",
  version: "v1",
  kind: "Namespace",
  plural: "namespaces",
  namespaced: false,
  shortNames: ["ns"],
  categories: [],
  subresources: ["status"],
});
