import { defineResource } from "../define";

export const secrets = defineResource({
  group: "",
  version: "v1",
  kind: "Secret",
  plural: "secrets",
  namespaced: true,
  shortNames: [],
  categories: [],
  subresources: [],
});
