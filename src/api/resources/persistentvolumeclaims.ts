import { defineResource } from "../define";

export const persistentvolumeclaims = defineResource({
  group: "",
  version: "v1",
  kind: "PersistentVolumeClaim",
  plural: "persistentvolumeclaims",
  namespaced: true,
  shortNames: ["pvc"],
  categories: [],
  subresources: ["status"],
});
