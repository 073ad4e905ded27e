import { defineResource } from "../define";
import { coreToEventsV1, eventsV1ToCore } from "../event-conversion";

// served from the core Events' storage, converted on the way in and out
export const eventsV1 = defineResource({
  group: "events.k8s.io",
  version: "v1",
  kind: "Event",
  plural: "events",
  namespaced: true,
  shortNames: ["ev"],
  storedAs: { resource: "/events", fromStored: coreToEventsV1, toStored: eventsV1ToCore },
});
