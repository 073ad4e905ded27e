// Container checks of ValidatePodSpec: names, image, pull policy, ports, env, mounts, probes, resources.
import type { FieldCause } from "../resource";
import { duplicate, forbidden, invalid, notFound, notSupported, required, unquoted } from "../validation/field-errors";
import { isConfigMapKey, isDNS1123Label, isDNS1123Subdomain, isEnvVarName, isQualifiedName, validateNonnegativeField } from "../validation/names";
import { validateContainerPorts, validatePortNumOrName, isValidPortNum, type ContainerPortLike } from "../validation/ports";
import { quantityParseError, quantityToString, tryParseQuantity, validateNonnegativeQuantity, validateRequestWithinLimit, compareQuantities } from "../validation/quantity";
import { arr, num, rec, recs, str, type Json } from "./json";

const dnsLabel = (value: string, path: string): FieldCause[] => isDNS1123Label(value).map((m) => invalid(path, value, m));

const ENV_FIELD_PATHS = [
  "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName",
  "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs",
].sort();

function validateFieldRef(ref: Json, path: string): FieldCause[] {
  const apiVersion = str(ref.apiVersion) ?? "";
  const fieldPath = str(ref.fieldPath) ?? "";
  if (!apiVersion) return [required(`${path}.apiVersion`)];
  if (!fieldPath) return [required(`${path}.fieldPath`)];
  const sub = /^(metadata\.(?:labels|annotations))\['(.*)'\]$/.exec(fieldPath);
  if (sub) {
    const key = sub[1] === "metadata.annotations" ? sub[2].toLowerCase() : sub[2];
    return isQualifiedName(key).map((m) => invalid(path, key, m));
  }
  return ENV_FIELD_PATHS.includes(fieldPath) ? [] : [notSupported(`${path}.fieldPath`, fieldPath, ENV_FIELD_PATHS)];
}

function validateKeySelector(sel: Json, path: string): FieldCause[] {
  const causes: FieldCause[] = [];
  const name = str(sel.name) ?? "";
  for (const m of isDNS1123Subdomain(name)) causes.push(invalid(`${path}.name`, name, m));
  const key = str(sel.key) ?? "";
  if (!key) causes.push(required(`${path}.key`));
  else for (const m of isConfigMapKey(key)) causes.push(invalid(`${path}.key`, key, m));
  return causes;
}

export function validateEnv(env: unknown, path: string): FieldCause[] {
  const causes: FieldCause[] = [];
  recs(env).forEach((ev, i) => {
    const at = `${path}[${i}]`;
    const name = str(ev.name) ?? "";
    if (!name) causes.push(required(`${at}.name`));
    for (const m of isEnvVarName(name)) causes.push(invalid(`${at}.name`, name, m));
    const from = rec(ev.valueFrom);
    if (!from) return;
    const fromPath = `${at}.valueFrom`;
    let sources = 0;
    const fieldRef = rec(from.fieldRef);
    if (fieldRef) {
      sources++;
      causes.push(...validateFieldRef(fieldRef, `${fromPath}.fieldRef`));
    }
    const resourceRef = rec(from.resourceFieldRef);
    if (resourceRef) {
      sources++;
      if (!str(resourceRef.resource)) causes.push(required(`${fromPath}.resourceFieldRef.resource`));
    }
    for (const key of ["configMapKeyRef", "secretKeyRef"]) {
      const sel = rec(from[key]);
      if (!sel) continue;
      sources++;
      causes.push(...validateKeySelector(sel, `${fromPath}.${key}`));
    }
    if (sources === 0) causes.push(invalid(fromPath, "", "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"));
    else if (str(ev.value)) causes.push(invalid(fromPath, "", "may not be specified when `value` is not empty"));
    else if (sources > 1) causes.push(invalid(fromPath, "", "may not have more than one field specified at a time"));
  });
  return causes;
}

export function validateEnvFrom(envFrom: unknown, path: string): FieldCause[] {
  const causes: FieldCause[] = [];
  recs(envFrom).forEach((ev, i) => {
    const at = `${path}[${i}]`;
    const prefix = str(ev.prefix) ?? "";
    if (prefix) for (const m of isEnvVarName(prefix)) causes.push(invalid(`${at}.prefix`, prefix, m));
    let sources = 0;
    for (const key of ["configMapRef", "secretRef"]) {
      const ref = rec(ev[key]);
      if (!ref) continue;
      sources++;
      const name = str(ref.name) ?? "";
      if (!name) causes.push(required(`${at}.${key}.name`));
      else for (const m of isDNS1123Subdomain(name)) causes.push(invalid(`${at}.${key}.name`, name, m));
    }
    if (sources === 0) causes.push(invalid(path, "", "must specify one of: `configMapRef` or `secretRef`"));
    else if (sources > 1) causes.push(invalid(path, "", "may not have more than one field specified at a time"));
  });
  return causes;
}

function validateLocalDescendingPath(p: string, path: string): FieldCause[] {
  const causes: FieldCause[] = [];
  if (p.startsWith("/")) causes.push(invalid(path, p, "must be a relative path"));
  if (p.split("/").includes("..")) causes.push(invalid(path, p, "must not contain '..'"));
  return causes;
}

export function validateVolumeMounts(mounts: unknown, volumeNames: ReadonlySet<string>, path: string): FieldCause[] {
  const causes: FieldCause[] = [];
  const seen = new Set<string>();
  recs(mounts).forEach((m, i) => {
    const at = `${path}[${i}]`;
    const name = str(m.name) ?? "";
    const mountPath = str(m.mountPath) ?? "";
    if (!name) causes.push(required(`${at}.name`));
    if (!volumeNames.has(name)) causes.push(notFound(`${at}.name`, name));
    if (!mountPath) causes.push(required(`${at}.mountPath`));
    if (seen.has(mountPath)) causes.push(invalid(`${at}.mountPath`, mountPath, "must be unique"));
    seen.add(mountPath);
    const subPath = str(m.subPath) ?? "";
    // upstream reports subPath on the list's path, not the item's
    if (subPath) causes.push(...validateLocalDescendingPath(subPath, `${path}.subPath`));
  });
  return causes;
}

const PROBE_HANDLERS = ["exec", "httpGet", "tcpSocket", "grpc"] as const;
const LIFECYCLE_HANDLERS = ["exec", "httpGet", "tcpSocket", "sleep"] as const;

function validateHandler(h: Json, path: string, kinds: readonly string[]): FieldCause[] {
  const causes: FieldCause[] = [];
  let count = 0;
  for (const kind of kinds) {
    const action = rec(h[kind]);
    if (!action) continue;
    if (count > 0) {
      causes.push(forbidden(`${path}.${kind}`, "may not specify more than 1 handler type"));
      continue;
    }
    count++;
    const at = `${path}.${kind}`;
    if (kind === "exec" && arr(action.command).length === 0) causes.push(required(`${at}.command`));
    if (kind === "httpGet") {
      if (!str(action.path)) causes.push(required(`${at}.path`));
      causes.push(...validatePortNumOrName(portOf(action.port), `${at}.port`));
      const scheme = str(action.scheme) ?? "";
      if (scheme !== "HTTP" && scheme !== "HTTPS") causes.push(notSupported(`${at}.scheme`, scheme, ["HTTP", "HTTPS"]));
    }
    if (kind === "tcpSocket") causes.push(...validatePortNumOrName(portOf(action.port), `${at}.port`));
    if (kind === "grpc") {
      const port = num(action.port) ?? 0;
      causes.push(...isValidPortNum(port).map((m) => invalid(`${at}.port`, port, m)));
    }
    if (kind === "sleep") {
      const seconds = num(action.seconds) ?? 0;
      if (seconds <= 0) causes.push(invalid(`${at}.seconds`, seconds, "must be greater than 0 and less than terminationGracePeriodSeconds (30). Enable AllowPodLifecycleSleepActionZeroValue feature gate for zero sleep."));
    }
  }
  if (count === 0) causes.push(required(path, "must specify a handler type"));
  return causes;
}

const portOf = (v: unknown): number | string => (typeof v === "number" || typeof v === "string" ? v : 0);

export function validateProbe(probe: Json | undefined, path: string, mustSucceedOnce: boolean): FieldCause[] {
  if (!probe) return [];
  const causes = validateHandler(probe, path, PROBE_HANDLERS);
  for (const k of ["initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold", "failureThreshold"]) {
    causes.push(...validateNonnegativeField(num(probe[k]) ?? 0, `${path}.${k}`));
  }
  const grace = num(probe.terminationGracePeriodSeconds);
  if (grace !== undefined && grace <= 0) causes.push(invalid(`${path}.terminationGracePeriodSeconds`, grace, "must be greater than 0"));
  if (mustSucceedOnce && (num(probe.successThreshold) ?? 0) !== 1) causes.push(invalid(`${path}.successThreshold`, num(probe.successThreshold) ?? 0, "must be 1"));
  return causes;
}

function validateLifecycle(lifecycle: Json | undefined, path: string): FieldCause[] {
  if (!lifecycle) return [];
  const causes: FieldCause[] = [];
  for (const k of ["postStart", "preStop"]) {
    const h = rec(lifecycle[k]);
    if (h) causes.push(...validateHandler(h, `${path}.${k}`, LIFECYCLE_HANDLERS));
  }
  return causes;
}

const STANDARD_CONTAINER_RESOURCES = ["cpu", "memory", "ephemeral-storage"];
const isHugePages = (name: string) => name.startsWith("hugepages-");
const isNative = (name: string) => !name.includes("/") || name.includes("kubernetes.io/");
const overcommitAllowed = (name: string) => isNative(name) && !isHugePages(name);

function validateResourceName(name: string, path: string): FieldCause[] {
  const causes = isQualifiedName(name).map((m) => invalid(path, name, m));
  if (!name.includes("/")) {
    if (!STANDARD_CONTAINER_RESOURCES.includes(name) && !isHugePages(name)) causes.push(invalid(path, name, "must be a standard resource for containers"));
  } else if (!isNative(name) && name.startsWith("requests.")) {
    causes.push(invalid(path, name, "doesn't follow extended resource name standard"));
  }
  return causes;
}

export function validateResources(resources: Json | undefined, path: string): FieldCause[] {
  const causes: FieldCause[] = [];
  const limits = rec(resources?.limits) ?? {};
  const requests = rec(resources?.requests) ?? {};
  const parse = (raw: unknown, at: string) => {
    const text = typeof raw === "number" ? raw : String(raw);
    const q = tryParseQuantity(text);
    if (!q) causes.push(invalid(at, String(raw), quantityParseError(text) ?? "invalid quantity"));
    return q;
  };
  for (const [name, raw] of Object.entries(limits)) {
    const at = `${path}.limits[${name}]`;
    causes.push(...validateResourceName(name, at));
    const q = parse(raw, at);
    if (q) causes.push(...validateNonnegativeQuantity(q, at));
  }
  for (const [name, raw] of Object.entries(requests)) {
    const at = `${path}.requests[${name}]`;
    causes.push(...validateResourceName(name, at));
    const q = parse(raw, at);
    if (!q) continue;
    causes.push(...validateNonnegativeQuantity(q, at));
    if (name in limits) {
      const l = tryParseQuantity(typeof limits[name] === "number" ? (limits[name] as number) : String(limits[name]));
      if (!l) continue;
      if (!overcommitAllowed(name) && compareQuantities(q, l) !== 0) {
        causes.push(invalid(`${path}.requests`, quantityToString(q), `must be equal to ${name} limit of ${quantityToString(l)}`));
      } else {
        causes.push(...validateRequestWithinLimit(name, q, l, `${path}.requests`));
      }
    } else if (!overcommitAllowed(name)) {
      causes.push(required(`${path}.limits`, "Limit must be set for non overcommitable resources"));
    }
  }
  return causes;
}

/** validateContainerCommon: what every kind of container must satisfy. */
function validateContainerCommon(c: Json, volumeNames: ReadonlySet<string>, path: string): FieldCause[] {
  const causes: FieldCause[] = [];
  const name = str(c.name) ?? "";
  if (!name) causes.push(required(`${path}.name`));
  else causes.push(...dnsLabel(name, `${path}.name`));
  if (!str(c.image)) causes.push(required(`${path}.image`));
  const tmp = str(c.terminationMessagePolicy) ?? "";
  if (!tmp) causes.push(required(`${path}.terminationMessagePolicy`, "must be 'File' or 'FallbackToLogsOnError'"));
  else if (tmp !== "File" && tmp !== "FallbackToLogsOnError") causes.push(notSupported(`${path}.terminationMessagePolicy`, tmp, ["File", "FallbackToLogsOnError"]));
  causes.push(...validateContainerPorts(recs(c.ports) as ContainerPortLike[], `${path}.ports`));
  causes.push(...validateEnv(c.env, `${path}.env`));
  causes.push(...validateEnvFrom(c.envFrom, `${path}.envFrom`));
  causes.push(...validateVolumeMounts(c.volumeMounts, volumeNames, `${path}.volumeMounts`));
  const pull = str(c.imagePullPolicy) ?? "";
  if (!pull) causes.push(required(`${path}.imagePullPolicy`));
  else if (!["Always", "IfNotPresent", "Never"].includes(pull)) causes.push(notSupported(`${path}.imagePullPolicy`, pull, ["Always", "IfNotPresent", "Never"]));
  causes.push(...validateResources(rec(c.resources), `${path}.resources`));
  return causes;
}

export function validateContainers(containers: unknown, volumeNames: ReadonlySet<string>, path: string): FieldCause[] {
  const list = recs(containers);
  const causes: FieldCause[] = [];
  if (list.length === 0) causes.push(required(path));
  const names = new Set<string>();
  list.forEach((c, i) => {
    const at = `${path}[${i}]`;
    causes.push(...validateContainerCommon(c, volumeNames, at));
    const name = str(c.name) ?? "";
    if (names.has(name)) causes.push(duplicate(`${at}.name`, name));
    else names.add(name);
    causes.push(...validateLifecycle(rec(c.lifecycle), `${at}.lifecycle`));
    causes.push(...validateProbe(rec(c.livenessProbe), `${at}.livenessProbe`, true));
    causes.push(...validateProbe(rec(c.readinessProbe), `${at}.readinessProbe`, false));
    causes.push(...validateProbe(rec(c.startupProbe), `${at}.startupProbe`, true));
  });
  causes.push(...hostPortConflicts(list, path));
  return causes;
}

/** Init containers share the name space of regular containers and, unless sidecars, run no probes. */
export function validateInitContainers(init: unknown, containers: unknown, volumeNames: ReadonlySet<string>, path: string): FieldCause[] {
  const causes: FieldCause[] = [];
  const others = new Set(recs(containers).map((c) => str(c.name) ?? ""));
  const names = new Set<string>();
  recs(init).forEach((c, i) => {
    const at = `${path}[${i}]`;
    causes.push(...validateContainerCommon(c, volumeNames, at));
    const name = str(c.name) ?? "";
    if (names.has(name) || others.has(name)) causes.push(duplicate(`${at}.name`, name));
    else names.add(name);
    const sidecar = str(c.restartPolicy) === "Always";
    if (c.restartPolicy !== undefined && !sidecar) causes.push(notSupported(`${at}.restartPolicy`, c.restartPolicy, ["Always"]));
    for (const probe of ["livenessProbe", "readinessProbe", "startupProbe"]) {
      const p = rec(c[probe]);
      if (!p) continue;
      if (!sidecar) causes.push(forbidden(`${at}.${probe}`, "may not be set for init containers without restartPolicy=Always"));
      else causes.push(...validateProbe(p, `${at}.${probe}`, probe !== "readinessProbe"));
    }
    if (rec(c.lifecycle)) {
      if (!sidecar) causes.push(forbidden(`${at}.lifecycle`, "may not be set for init containers without restartPolicy=Always"));
      else causes.push(...validateLifecycle(rec(c.lifecycle), `${at}.lifecycle`));
    }
  });
  return causes;
}

/** checkHostPortConflicts: one hostPort/protocol/hostIP per pod. */
function hostPortConflicts(containers: Json[], path: string): FieldCause[] {
  const causes: FieldCause[] = [];
  const seen = new Set<string>();
  containers.forEach((c, ci) => {
    recs(c.ports).forEach((p, pi) => {
      const hostPort = num(p.hostPort) ?? 0;
      if (hostPort === 0) return;
      const key = `${str(p.protocol) ?? ""}/${str(p.hostIP) ?? ""}/${hostPort}`;
      if (seen.has(key)) causes.push(duplicate(`${path}[${ci}].ports[${pi}].hostPort`, unquoted(key)));
      seen.add(key);
    });
  });
  return causes;
}

