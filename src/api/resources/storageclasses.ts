import { defineResource } from "../define";

export const storageclasses = defineResource({
  group: "storage.k8s.io",
  version: "v1",
  kind: "StorageClass",
  plural: "storageclasses",
  namespaced: false,
  shortNames: ["sc"],
  categories: [],
  subresources: [],
});
