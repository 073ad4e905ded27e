import { defineResource } from "../define";

export const limitranges = defineResource({
  group: "",
  version: "v1",
  kind: "LimitRange",
  plural: "limitranges",
  namespaced: true,
  shortNames: ["limits"],
  categories: [],
  subresources: [],
});
