import { defineResource } from "../define";
import { localSubjectAccessReview } from "../rbac/access-reviews";

export const localsubjectaccessreviews = defineResource({
  group: "authorization.k8s.io",
  version: "v1",
  kind: "LocalSubjectAccessReview",
  plural: "localsubjectaccessreviews",
  namespaced: true,
  verbs: ["create"],
  review: localSubjectAccessReview,
});
