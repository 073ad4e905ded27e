import { defineResource } from "../define";
import { deploymentHooks } from "../strategies/hooks";

export const deployments = defineResource({
  ...deploymentHooks,
  group: "apps",
  version: "v1",
  kind: "Deployment",
  plural: "deployments",
  namespaced: true,
  shortNames: ["deploy"],
  categories: ["all"],
  subresources: ["status", "scale"],
});
