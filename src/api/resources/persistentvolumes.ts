import { defineResource } from "../define";
import { persistentVolumeHooks } from "../strategies/hooks";

export const persistentvolumes = defineResource({
  ...persistentVolumeHooks,
  group: "",
  version: "v1",
  kind: "PersistentVolume",
  plural: "persistentvolumes",
  namespaced: false,
  shortNames: ["pv"],
  categories: [],
  subresources: ["status"],
});
