import { defineResource } from "../define";
import { cronJobHooks } from "../strategies/hooks";

// batch/v1beta1 is still served because the course's manifests use it; both versions share one storage.
export const cronjobs = defineResource({
  ...cronJobHooks,
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
