import { defineResource } from "../define";
import { replicationControllerHooks } from "../strategies/hooks";

export const replicationcontrollers = defineResource({
  ...replicationControllerHooks,
  group: "",
  version: "v1",
  kind: "ReplicationController",
  plural: "replicationcontrollers",
  namespaced: true,
  shortNames: ["rc"],
  categories: ["all"],
  subresources: ["status", "scale"],
});
