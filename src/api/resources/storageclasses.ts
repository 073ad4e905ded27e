import { defineResource } from "../define";
import { storageClassHooks } from "../strategies/hooks";

export const storageclasses = defineResource({
  ...storageClassHooks,
  group: "storage.k8s.io",
  version: "v1",
  kind: "StorageClass",
  plural: "storageclasses",
  namespaced: false,
  shortNames: ["sc"],
  categories: [],
  subresources: [],
});
