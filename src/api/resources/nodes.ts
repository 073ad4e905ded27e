import { defineResource } from "../define";
import { nodeHooks } from "../strategies/hooks";

export const nodes = defineResource({
  ...nodeHooks,
  group: "",
  version: "v1",
  kind: "Node",
  plural: "nodes",
  namespaced: false,
  shortNames: ["no"],
  categories: [],
  subresources: ["status", "proxy"],
});
