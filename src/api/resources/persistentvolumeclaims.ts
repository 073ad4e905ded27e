import { defineResource } from "../define";
import { persistentVolumeClaimHooks } from "../strategies/hooks";

export const persistentvolumeclaims = defineResource({
  ...persistentVolumeClaimHooks,
  group: "",
  version: "v1",
  kind: "PersistentVolumeClaim",
  plural: "persistentvolumeclaims",
  namespaced: true,
  shortNames: ["pvc"],
  categories: [],
  subresources: ["status"],
});
