import { defineResource } from "../define";

export const nodes = defineResource({
  group: "",
  version: "v1",
  kind: "Node",
  plural: "nodes",
  namespaced: false,
  shortNames: ["no"],
  categories: [],
  subresources: ["status", "proxy"],
});
