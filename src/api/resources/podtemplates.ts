import { defineResource } from "../define";
import { podTemplateHooks } from "../strategies/hooks";

export const podtemplates = defineResource({
  ...podTemplateHooks,
  group: "",
  version: "v1",
  kind: "PodTemplate",
  plural: "podtemplates",
  namespaced: true,
  shortNames: [],
  categories: [],
  subresources: [],
});
