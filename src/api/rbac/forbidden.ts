// The 403 a denied request gets, worded like kube-apiserver's responsewriters.Forbidden.
import { ApiError } from "../status";
import type { Attributes, UserInfo } from "./types";

export function forbiddenMessage(user: UserInfo, attrs: Attributes): string {
  const who = `User ${JSON.stringify(user.name)}`;
  if (!attrs.resourceRequest) return `${who} cannot ${attrs.verb} path ${JSON.stringify(attrs.path ?? "")}`;
  const resource = attrs.subresource ? `${attrs.resource ?? ""}/${attrs.subresource}` : attrs.resource ?? "";
  const what = `${who} cannot ${attrs.verb} resource ${JSON.stringify(resource)} in API group ${JSON.stringify(attrs.apiGroup ?? "")}`;
  return attrs.namespace ? `${what} in the namespace ${JSON.stringify(attrs.namespace)}` : `${what} at the cluster scope`;
}

export function forbiddenError(user: UserInfo, attrs: Attributes, reason: string): ApiError {
  const detail = reason ? `${forbiddenMessage(user, attrs)}: ${reason}` : forbiddenMessage(user, attrs);
  const group = attrs.resourceRequest ? attrs.apiGroup ?? "" : "";
  const resource = attrs.resourceRequest ? attrs.resource ?? "" : "";
  const name = attrs.resourceRequest ? attrs.name ?? "" : "";
  if (!resource && !group) return new ApiError(403, "Forbidden", `forbidden: ${detail}`, {});
  const qualified = group ? `${resource}.${group}` : resource;
  const message = name ? `${qualified} ${JSON.stringify(name)} is forbidden: ${detail}` : `${qualified} is forbidden: ${detail}`;
  const details: { name?: string; group?: string; kind?: string } = {};
  if (name) details.name = name;
  if (group) details.group = group;
  if (resource) details.kind = resource;
  return new ApiError(403, "Forbidden", message, details);
}
