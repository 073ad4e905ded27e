import { defineResource } from "../define";

export const jobs = defineResource({
  group: "batch",
  version: "v1",
  kind: "Job",
  plural: "jobs",
  namespaced: true,
  shortNames: [],
  categories: ["all"],
  subresources: ["status"],
});
