import { defineResource } from "../define";
import { selfSubjectAccessReview } from "../rbac/access-reviews";

export const selfsubjectaccessreviews = defineResource({
  group: "authorization.k8s.io",
  version: "v1",
  kind: "SelfSubjectAccessReview",
  plural: "selfsubjectaccessreviews",
  namespaced: false,
  verbs: ["create"],
  review: selfSubjectAccessReview,
});
