import { defineResource } from "../define";

export const services = defineResource({
  group: "",
  version: "v1",
  kind: "Service",
  plural: "services",
  namespaced: true,
  shortNames: ["svc"],
  categories: ["all"],
  subresources: ["status", "proxy"],
});
