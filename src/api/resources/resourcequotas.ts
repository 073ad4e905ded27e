import { defineResource } from "../define";
import { resourceQuotaHooks } from "../strategies/hooks";

export const resourcequotas = defineResource({
  ...resourceQuotaHooks,
  group: "",
  version: "v1",
  kind: "ResourceQuota",
  plural: "resourcequotas",
  namespaced: true,
  shortNames: ["quota"],
  categories: [],
  subresources: ["status"],
});
