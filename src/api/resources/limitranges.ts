import { defineResource } from "../define";
import { limitRangeHooks } from "../strategies/hooks";

export const limitranges = defineResource({
  ...limitRangeHooks,
  group: "",
  version: "v1",
  kind: "LimitRange",
  plural: "limitranges",
  namespaced: true,
  shortNames: ["limits"],
  categories: [],
  subresources: [],
});
