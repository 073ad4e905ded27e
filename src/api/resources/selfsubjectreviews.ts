import { defineResource } from "../define";
import { selfSubjectReview } from "../rbac/self-subject-review";

export const selfsubjectreviews = defineResource({
  group: "authentication.k8s.io",
  version: "v1",
  kind: "SelfSubjectReview",
  plural: "selfsubjectreviews",
  namespaced: false,
  verbs: ["create"],
  review: selfSubjectReview,
});
