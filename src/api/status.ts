// metav1.Status errors, the only error shape kubectl understands.
import type { FieldCause } from "./resource";

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: Array<{ reason?: string; message?: string; field?: string }>;
  retryAfterSeconds?: number;
}

export interface StatusBody {
  kind: "Status";
  apiVersion: "v1";
  metadata: Record<string, never>;
  status: "Failure" | "Success";
  message?: string;
  reason?: string;
  details?: StatusDetails;
  code: number;
}

export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(message);
  }

  toStatus(): StatusBody {
    const body: StatusBody = { kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message: this.message, reason: this.reason, code: this.code };
    if (this.details) body.details = this.details;
    return body;
  }
}

/** the resource name as the server prints it: "pods", "deployments.apps" */
export function qualifiedResource(group: string, plural: string): string {
  return group ? `${plural}.${group}` : plural;
}

export const notFound = (group: string, plural: string, name: string) =>
  new ApiError(404, "NotFound", `${qualifiedResource(group, plural)} "${name}" not found`, { name, group: group || undefined, kind: plural });

export const alreadyExists = (group: string, plural: string, name: string) =>
  new ApiError(409, "AlreadyExists", `${qualifiedResource(group, plural)} "${name}" already exists`, { name, group: group || undefined, kind: plural });

export const conflict = (group: string, plural: string, name: string, detail: string) =>
  new ApiError(409, "Conflict", `Operation cannot be fulfilled on ${qualifiedResource(group, plural)} "${name}": ${detail}`, { name, group: group || undefined, kind: plural });

export const staleConflict = (group: string, plural: string, name: string) =>
  conflict(group, plural, name, "the object has been modified; please apply your changes to the latest version and try again");

export function invalid(group: string, kind: string, name: string, all: FieldCause[]): ApiError {
  const seen = new Set<string>();
  const causes = all.filter((c) => {
    const id = `${c.field}\u0000${c.message}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  const msgs = causes.map((c) => (c.field ? `${c.field}: ${c.message}` : c.message));
  const summary = msgs.length === 1 ? msgs[0] : `[${msgs.join(", ")}]`;
  return new ApiError(422, "Invalid", `${kind}${group ? `.${group}` : ""} "${name}" is invalid: ${summary}`, {
    name,
    group: group || undefined,
    kind,
    causes: causes.map((c) => ({ reason: c.reason, message: c.message, field: c.field })),
  });
}

export const badRequest = (message: string) => new ApiError(400, "BadRequest", message);
export const forbidden = (message: string, details?: StatusDetails) => new ApiError(403, "Forbidden", message, details);
export const unauthorized = () => new ApiError(401, "Unauthorized", "Unauthorized");
export const methodNotAllowed = (message = "the server does not allow this method on the requested resource") =>
  new ApiError(405, "MethodNotAllowed", message);
export const gone = (message: string) => new ApiError(410, "Expired", message);
export const tooLarge = (message = "the request body is too large") => new ApiError(413, "RequestEntityTooLarge", message);
const PATCH_MEDIA_TYPES = ["application/json-patch+json", "application/merge-patch+json", "application/apply-patch+yaml", "application/strategic-merge-patch+json"];
export const unsupportedMediaType = (contentType: string, accepted: readonly string[] = PATCH_MEDIA_TYPES) =>
  new ApiError(415, "UnsupportedMediaType", `the body of the request was in an unknown format - accepted media types include: ${accepted.join(", ")}`);
export const notAcceptable = (message: string) => new ApiError(406, "NotAcceptable", message);
export const tooManyRequests = (message: string) => new ApiError(429, "TooManyRequests", message);
export const internal = (message: string) => new ApiError(500, "InternalError", `Internal error occurred: ${message}`);

export function successStatus(details?: StatusDetails): Omit<StatusBody, "code" | "reason" | "message"> & { details?: StatusDetails } {
  return { kind: "Status", apiVersion: "v1", metadata: {}, status: "Success", details };
}

export const pathNotFound = () => new ApiError(404, "NotFound", "the server could not find the requested resource", {});
