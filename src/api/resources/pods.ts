import { defineResource } from "../define";
import { podHooks } from "../strategies/hooks";

export const pods = defineResource({
  ...podHooks,
  group: "",
  version: "v1",
  kind: "Pod",
  plural: "pods",
  namespaced: true,
  shortNames: ["po"],
  categories: ["all"],
  subresources: ["status", "binding", "log", "exec", "attach", "eviction", "ephemeralcontainers", "portforward", "proxy"],
});
