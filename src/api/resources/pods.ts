import { defineResource } from "../define";

export const pods = defineResource({
  group: "",
  version: "v1",
  kind: "Pod",
  plural: "pods",
  namespaced: true,
  shortNames: ["po"],
  categories: ["all"],
  subresources: ["status", "binding", "log", "exec", "attach", "eviction", "ephemeralcontainers", "portforward", "proxy"],
});
