// authentication.k8s.io/v1 SelfSubjectReview (kubectl auth whoami): the user the request was made as.
import type { ReviewContext } from "./types";

export function selfSubjectReview(_review: Record<string, unknown>, ctx: ReviewContext): Record<string, unknown> {
  const { user } = ctx;
  const userInfo: Record<string, unknown> = { username: user.name };
  if (user.uid) userInfo.uid = user.uid;
  userInfo.groups = user.groups;
  if (user.extra && Object.keys(user.extra).length) userInfo.extra = user.extra;
  return { metadata: { creationTimestamp: ctx.now }, status: { userInfo } };
}
