// authorization.k8s.io/v1 reviews, computed and never stored: SelfSubjectAccessReview (kubectl auth
// can-i), SelfSubjectRulesReview (can-i --list), SubjectAccessReview and LocalSubjectAccessReview,
// validated and answered the way their REST storage upstream does.
import type { FieldCause } from "../resource";
import { badRequest, invalid } from "../status";
import type { Attributes, PolicyRule, ReviewContext, UserInfo } from "./types";
import { aggregateErrors, authorize, rulesFor } from "./authorizer";

type Json = Record<string, unknown>;

const GROUP = "authorization.k8s.io";

const str = (v: unknown): string => (typeof v === "string" ? v : "");
const obj = (v: unknown): Json | undefined => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Json) : undefined);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === "string") : []);

/** metadata as the server echoes it: whatever was sent, with the zero creation time Go prints as null */
const echoedMeta = (o: Json): Json => ({ ...obj(o.metadata), creationTimestamp: null });

function resourceAttributes(ra: Json): Attributes {
  return {
    resourceRequest: true,
    verb: str(ra.verb),
    namespace: str(ra.namespace),
    apiGroup: str(ra.group),
    apiVersion: str(ra.version) || "*",
    resource: str(ra.resource),
    subresource: str(ra.subresource),
    name: str(ra.name),
  };
}

function nonResourceAttributes(nra: Json): Attributes {
  return { resourceRequest: false, verb: str(nra.verb), path: str(nra.path) };
}

/** Go's %v of a *NonResourceAttributes in field errors */
const goNonResource = (nra: Json): string => `&NonResourceAttributes{Path:${str(nra.path)},Verb:${str(nra.verb)},}`;

function attributeCauses(spec: Json): FieldCause[] {
  const ra = obj(spec.resourceAttributes);
  const nra = obj(spec.nonResourceAttributes);
  if (ra && nra) {
    return [{ reason: "FieldValueInvalid", field: "spec.nonResourceAttributes", message: `Invalid value: "${goNonResource(nra)}": cannot be specified in combination with resourceAttributes` }];
  }
  if (!ra && !nra) {
    return [{ reason: "FieldValueInvalid", field: "spec.resourceAttributes", message: `Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified` }];
  }
  return [];
}

function subjectCauses(spec: Json): FieldCause[] {
  if (str(spec.user) || strings(spec.groups).length) return [];
  return [{ reason: "FieldValueInvalid", field: "spec.user", message: `Invalid value: "": at least one of user or group must be specified` }];
}

/** the selector fields are dropped while the AuthorizeWithSelectors gate is off (the v1.31 default) */
function withoutSelectors(spec: Json): Json {
  const ra = obj(spec.resourceAttributes);
  if (!ra) return spec;
  const rest = { ...ra };
  delete rest.fieldSelector;
  delete rest.labelSelector;
  return { ...spec, resourceAttributes: rest };
}

function accessStatus(ctx: ReviewContext, user: UserInfo, spec: Json): Json {
  const ra = obj(spec.resourceAttributes);
  const attrs = ra ? resourceAttributes(ra) : nonResourceAttributes(obj(spec.nonResourceAttributes) ?? {});
  const decision = authorize(ctx.policy, user, attrs);
  const status: Json = { allowed: decision.allowed };
  if (decision.reason) status.reason = decision.reason;
  return status;
}

function userOfSpec(spec: Json): UserInfo {
  const user: UserInfo = { name: str(spec.user), groups: strings(spec.groups) };
  if (str(spec.uid)) user.uid = str(spec.uid);
  const extra = obj(spec.extra);
  if (extra) user.extra = Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, strings(v)]));
  return user;
}

export function selfSubjectAccessReview(review: Json, ctx: ReviewContext): Json {
  const spec = withoutSelectors(obj(review.spec) ?? {});
  const causes = attributeCauses(spec);
  if (causes.length) throw invalid(GROUP, "SelfSubjectAccessReview", "", causes);
  return { metadata: echoedMeta(review), spec, status: accessStatus(ctx, ctx.user, spec) };
}

export function subjectAccessReview(review: Json, ctx: ReviewContext): Json {
  const spec = withoutSelectors(obj(review.spec) ?? {});
  const causes = [...attributeCauses(spec), ...subjectCauses(spec)];
  if (causes.length) throw invalid(GROUP, "SubjectAccessReview", "", causes);
  return { metadata: echoedMeta(review), spec, status: accessStatus(ctx, userOfSpec(spec), spec) };
}

export function localSubjectAccessReview(review: Json, ctx: ReviewContext): Json {
  const spec = withoutSelectors(obj(review.spec) ?? {});
  const namespace = str(obj(review.metadata)?.namespace);
  if (!ctx.namespace) throw badRequest(`namespace is required on this type: ${namespace}`);
  if (namespace !== ctx.namespace) throw badRequest(`spec.resourceAttributes.namespace must match namespace: ${ctx.namespace}`);
  const causes = [...attributeCauses(spec), ...subjectCauses(spec)];
  const ra = obj(spec.resourceAttributes);
  const nra = obj(spec.nonResourceAttributes);
  if (ra && str(ra.namespace) !== namespace) {
    causes.push({ reason: "FieldValueInvalid", field: "spec.resourceAttributes.namespace", message: `Invalid value: ${JSON.stringify(str(ra.namespace))}: must match metadata.namespace` });
  }
  if (nra) causes.push({ reason: "FieldValueInvalid", field: "spec.nonResourceAttributes", message: `Invalid value: "${goNonResource(nra)}": disallowed on this kind of request` });
  if (causes.length) throw invalid(GROUP, "LocalSubjectAccessReview", "", causes);
  return { metadata: echoedMeta(review), spec, status: accessStatus(ctx, userOfSpec(spec), spec) };
}

function resourceRule(r: PolicyRule): Json {
  const out: Json = { verbs: r.verbs ?? [] };
  if (r.apiGroups?.length) out.apiGroups = r.apiGroups;
  if (r.resources?.length) out.resources = r.resources;
  if (r.resourceNames?.length) out.resourceNames = r.resourceNames;
  return out;
}

export function selfSubjectRulesReview(review: Json, ctx: ReviewContext): Json {
  const namespace = str(obj(review.spec)?.namespace);
  if (!namespace) throw badRequest("no namespace on request");
  const { rules, errors } = rulesFor(ctx.policy, ctx.user, namespace);
  const status: Json = {
    resourceRules: rules.filter((r) => r.resources?.length).map(resourceRule),
    nonResourceRules: rules.filter((r) => r.nonResourceURLs?.length).map((r) => ({ verbs: r.verbs ?? [], nonResourceURLs: r.nonResourceURLs })),
    incomplete: false,
  };
  if (errors.length) status.evaluationError = aggregateErrors(errors);
  // upstream answers with a new object: the spec is not echoed
  return { metadata: { creationTimestamp: null }, spec: {}, status };
}
