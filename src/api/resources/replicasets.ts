import { defineResource } from "../define";
import { replicaSetHooks } from "../strategies/hooks";

export const replicasets = defineResource({
  ...replicaSetHooks,
  group: "apps",
  version: "v1",
  kind: "ReplicaSet",
  plural: "replicasets",
  namespaced: true,
  shortNames: ["rs"],
  categories: ["all"],
  subresources: ["status", "scale"],
});
