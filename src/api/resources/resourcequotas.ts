import { defineResource } from "../define";

export const resourcequotas = defineResource({
  group: "",
  version: "v1",
  kind: "ResourceQuota",
  plural: "resourcequotas",
  namespaced: true,
  shortNames: ["quota"],
  categories: [],
  subresources: ["status"],
});
