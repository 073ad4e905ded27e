import { defineResource } from "../define";

export const replicationcontrollers = defineResource({
  group: "",
  version: "v1",
  kind: "ReplicationController",
  plural: "replicationcontrollers",
  namespaced: true,
  shortNames: ["rc"],
  categories: ["all"],
  subresources: ["status", "scale"],
});
