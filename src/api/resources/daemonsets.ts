import { defineResource } from "../define";
import { daemonSetHooks } from "../strategies/hooks";

export const daemonsets = defineResource({
  ...daemonSetHooks,
  group: "apps",
  version: "v1",
  kind: "DaemonSet",
  plural: "daemonsets",
  namespaced: true,
  shortNames: ["ds"],
  categories: ["all"],
  subresources: ["status"],
});
