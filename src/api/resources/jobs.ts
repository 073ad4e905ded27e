import { defineResource } from "../define";
import { jobHooks } from "../strategies/hooks";

export const jobs = defineResource({
  ...jobHooks,
  group: "batch",
  version: "v1",
  kind: "Job",
  plural: "jobs",
  namespaced: true,
  shortNames: [],
  categories: ["all"],
  subresources: ["status"],
});
