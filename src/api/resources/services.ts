import { defineResource } from "../define";
import { serviceHooks } from "../strategies/hooks";

export const services = defineResource({
  ...serviceHooks,
  group: "",
  version: "v1",
  kind: "Service",
  plural: "services",
  namespaced: true,
  shortNames: ["svc"],
  categories: ["all"],
  subresources: ["status", "proxy"],
});
