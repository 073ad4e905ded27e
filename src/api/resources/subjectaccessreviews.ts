import { defineResource } from "../define";
import { subjectAccessReview } from "../rbac/access-reviews";

export const subjectaccessreviews = defineResource({
  group: "authorization.k8s.io",
  version: "v1",
  kind: "SubjectAccessReview",
  plural: "subjectaccessreviews",
  namespaced: false,
  verbs: ["create"],
  review: subjectAccessReview,
});
