import { defineResource } from "../define";
import { eventHooks } from "../strategies/hooks";

export const events = defineResource({
  ...eventHooks,
  group: "",
  version: "v1",
  kind: "Event",
  plural: "events",
  namespaced: true,
  shortNames: ["ev"],
});
