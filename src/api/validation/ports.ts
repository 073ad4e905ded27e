// Port numbers, protocols and IANA service names (named ports), with the checks the core
// validation applies to container ports and Service ports.
import type { FieldCause } from "../resource";
import { duplicate, invalid, notSupported, required } from "./field-errors";
import { inclusiveRangeError, isDNS1123Label, maxLenError } from "./names";
import type { IntOrString } from "./int-or-string";

export const SUPPORTED_PORT_PROTOCOLS = ["SCTP", "TCP", "UDP"] as const;
export type PortProtocol = (typeof SUPPORTED_PORT_PROTOCOLS)[number];

export const DEFAULT_NODE_PORT_RANGE = { base: 30000, size: 2768 } as const;

/** validation.IsValidPortNum: 1..65535. */
export function isValidPortNum(port: number): string[] {
  return Number.isInteger(port) && port >= 1 && port <= 65535 ? [] : [inclusiveRangeError(1, 65535)];
}

export function isInRange(value: number, min: number, max: number): string[] {
  return value >= min && value <= max ? [] : [inclusiveRangeError(min, max)];
}

/** validation.IsValidPortName: an IANA_SVC_NAME, lower case only. */
export function isValidPortName(port: string): string[] {
  const errs: string[] = [];
  if (port.length > 15) errs.push(maxLenError(15));
  if (!/^[-a-z0-9]+$/.test(port)) errs.push("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
  if (!/[a-z]/.test(port)) errs.push("must contain at least one letter (a-z)");
  if (port.includes("--")) errs.push("must not contain consecutive hyphens");
  if (port.length > 0 && (port.startsWith("-") || port.endsWith("-"))) errs.push("must not begin or end with a hyphen");
  return errs;
}

export function validateProtocol(protocol: string | undefined, fieldPath: string): FieldCause[] {
  if (!protocol) return [required(fieldPath)];
  return (SUPPORTED_PORT_PROTOCOLS as readonly string[]).includes(protocol) ? [] : [notSupported(fieldPath, protocol, SUPPORTED_PORT_PROTOCOLS)];
}

/** ValidatePortNumOrName: a targetPort or probe port, by number or by name. */
export function validatePortNumOrName(port: IntOrString, fieldPath: string): FieldCause[] {
  if (typeof port === "number") return isValidPortNum(port).map((msg) => invalid(fieldPath, port, msg));
  return isValidPortName(port).map((msg) => invalid(fieldPath, port, msg));
}

export interface ContainerPortLike {
  name?: string;
  containerPort?: number;
  hostPort?: number;
  protocol?: string;
}

/** validateContainerPorts (`fieldPath` is e.g. `spec.containers[0].ports`); protocol is expected defaulted. */
export function validateContainerPorts(ports: readonly ContainerPortLike[] | undefined, fieldPath: string): FieldCause[] {
  const causes: FieldCause[] = [];
  const names = new Set<string>();
  (ports ?? []).forEach((p, i) => {
    const at = `${fieldPath}[${i}]`;
    if (p.name) {
      const msgs = isValidPortName(p.name);
      if (msgs.length > 0) causes.push(...msgs.map((m) => invalid(`${at}.name`, p.name, m)));
      else if (names.has(p.name)) causes.push(duplicate(`${at}.name`, p.name));
      else names.add(p.name);
    }
    if (!p.containerPort) causes.push(required(`${at}.containerPort`));
    else causes.push(...isValidPortNum(p.containerPort).map((m) => invalid(`${at}.containerPort`, p.containerPort, m)));
    if (p.hostPort) causes.push(...isValidPortNum(p.hostPort).map((m) => invalid(`${at}.hostPort`, p.hostPort, m)));
    causes.push(...validateProtocol(p.protocol, `${at}.protocol`));
  });
  return causes;
}

export interface ServicePortLike {
  name?: string;
  port?: number;
  protocol?: string;
  targetPort?: IntOrString;
  nodePort?: number;
}

/** validateServicePort over `spec.ports`: names are DNS labels, required once there is more than one port. */
export function validateServicePorts(ports: readonly ServicePortLike[] | undefined, fieldPath = "spec.ports"): FieldCause[] {
  const causes: FieldCause[] = [];
  const list = ports ?? [];
  const requireName = list.length > 1;
  const names = new Set<string>();
  list.forEach((p, i) => {
    const at = `${fieldPath}[${i}]`;
    const name = p.name ?? "";
    if (requireName && name.length === 0) causes.push(required(`${at}.name`));
    else if (name.length > 0) {
      causes.push(...isDNS1123Label(name).map((m) => invalid(`${at}.name`, name, m)));
      if (names.has(name)) causes.push(duplicate(`${at}.name`, name));
      else names.add(name);
    }
    const port = p.port ?? 0;
    causes.push(...isValidPortNum(port).map((m) => invalid(`${at}.port`, port, m)));
    causes.push(...validateProtocol(p.protocol, `${at}.protocol`));
    if (p.targetPort !== undefined) causes.push(...validatePortNumOrName(p.targetPort, `${at}.targetPort`));
  });
  return causes;
}

/** The allocator's refusal of an explicit nodePort outside the service-node-port-range. */
export function nodePortRangeError(range: { base: number; size: number } = DEFAULT_NODE_PORT_RANGE): string {
  return `provided port is not in the valid range. The range of valid ports is ${range.base}-${range.base + range.size - 1}`;
}

export const NODE_PORT_ALLOCATED_ERROR = "provided port is already allocated";

/** `spec.ports[i].nodePort` outside the node port range, as the create answer words it. */
export function validateNodePort(
  nodePort: number,
  fieldPath: string,
  range: { base: number; size: number } = DEFAULT_NODE_PORT_RANGE,
): FieldCause[] {
  const inRange = nodePort >= range.base && nodePort < range.base + range.size;
  return inRange ? [] : [invalid(fieldPath, nodePort, nodePortRangeError(range))];
}
