import { defineResource } from "../define";

export const persistentvolumes = defineResource({
  group: "",
  version: "v1",
  kind: "PersistentVolume",
  plural: "persistentvolumes",
  namespaced: false,
  shortNames: ["pv"],
  categories: [],
  subresources: ["status"],
});
