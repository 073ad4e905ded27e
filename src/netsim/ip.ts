// IPv4 arithmetic on unsigned 32-bit numbers; the simulated cluster is single-stack IPv4.

export function parseIPv4(text: string): number | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    value = value * 256 + n;
  }
  return value;
}

export function formatIPv4(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join(".");
}

export interface Cidr {
  base: number;
  bits: number;
  /** number of addresses in the block */
  size: number;
  text: string;
}

export function parseCidr(text: string): Cidr | undefined {
  const [addr, bitsText] = text.trim().split("/");
  if (addr === undefined || bitsText === undefined || !/^\d{1,2}$/.test(bitsText)) return undefined;
  const ip = parseIPv4(addr);
  const bits = Number(bitsText);
  if (ip === undefined || bits > 32) return undefined;
  const size = 2 ** (32 - bits);
  const base = ip - (ip % size);
  return { base, bits, size, text: `${formatIPv4(base)}/${bits}` };
}

export function cidrContains(cidr: Cidr, ip: number): boolean {
  return ip >= cidr.base && ip < cidr.base + cidr.size;
}

export function isIPv4(text: string): boolean {
  return parseIPv4(text) !== undefined;
}

/** `10.244.1.2` → `2.1.244.10.in-addr.arpa.` */
export function reverseName(ip: string): string {
  return `${ip.split(".").reverse().join(".")}.in-addr.arpa.`;
}

/** inverse of reverseName; undefined when the name is not an IPv4 reverse name */
export function ipFromReverseName(name: string): string | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.in-addr\.arpa\.?$/i.exec(name);
  if (!m) return undefined;
  const ip = `${m[4]}.${m[3]}.${m[2]}.${m[1]}`;
  return isIPv4(ip) ? ip : undefined;
}

export function compareIPs(a: string, b: string): number {
  return (parseIPv4(a) ?? 0) - (parseIPv4(b) ?? 0);
}
