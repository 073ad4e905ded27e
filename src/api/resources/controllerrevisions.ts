import { defineResource } from "../define";
import { controllerRevisionHooks } from "../strategies/hooks";

export const controllerrevisions = defineResource({
  ...controllerRevisionHooks,
  group: "apps",
  version: "v1",
  kind: "ControllerRevision",
  plural: "controllerrevisions",
  namespaced: true,
  shortNames: [],
  categories: [],
  subresources: [],
});
