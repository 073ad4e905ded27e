import { defineResource } from "../define";

// batch/v1beta1 is still served because the course's manifests use it; both versions share one storage.
export const cronjobs = defineResource({
  group: "batch",
  versions: [
    { version: "v1", served: true, storage: true },
    { version: "v1beta1", served: true, storage: false },
  ],
  kind: "CronJob",
  plural: "cronjobs",
  namespaced: true,
  shortNames: ["cj"],
  categories: ["all"],
  subresources: ["status"],
});
