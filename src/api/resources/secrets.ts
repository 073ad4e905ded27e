import { defineResource } from "../define";
import { secretHooks } from "../strategies/hooks";

export const secrets = defineResource({
  ...secretHooks,
  group: "",
  version: "v1",
  kind: "Secret",
  plural: "secrets",
  namespaced: true,
  shortNames: [],
  categories: [],
  subresources: [],
});
