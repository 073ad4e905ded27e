import { defineResource } from "../define";
import { selfSubjectRulesReview } from "../rbac/access-reviews";

export const selfsubjectrulesreviews = defineResource({
  group: "authorization.k8s.io",
  version: "v1",
  kind: "SelfSubjectRulesReview",
  plural: "selfsubjectrulesreviews",
  namespaced: false,
  verbs: ["create"],
  review: selfSubjectRulesReview,
});
