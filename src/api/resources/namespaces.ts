import { defineResource } from "../define";
import { namespaceHooks } from "../strategies/hooks";

export const namespaces = defineResource({
  ...namespaceHooks,
  group: "",
  version: "v1",
  kind: "Namespace",
  plural: "namespaces",
  namespaced: false,
  shortNames: ["ns"],
  categories: [],
  subresources: ["status"],
});
