import { defineResource } from "../define";

export const controllerrevisions = defineResource({
  group: "apps",
  version: "v1",
  kind: "ControllerRevision",
  plural: "controllerrevisions",
  namespaced: true,
  shortNames: [],
  categories: [],
  subresources: [],
});
