import { defineResource } from "../define";

export const podtemplates = defineResource({
  group: "",
  version: "v1",
  kind: "PodTemplate",
  plural: "podtemplates",
  namespaced: true,
  shortNames: [],
  categories: [],
  subresources: [],
});
