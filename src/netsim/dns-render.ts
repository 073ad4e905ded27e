// Text the course shows for DNS: `dig` (BIND 9.11, as on CentOS 7) and busybox 1.28 `nslookup`.
import type { DnsAnswer, DnsClient, DnsOptions, DnsResult, DnsType } from "./dns";
import { addressesOf, etcHosts, queryCoreDNS, resolveFrom, resolverFor } from "./dns";
import { reverseName } from "./ip";
import { fnv1a } from "../util/hash";
import { formatDigWhen } from "./time-format";
import type { NetState } from "./types";
import { DEFAULT_NET_CONFIG } from "./types";

/** dig's master-file style: fields start at columns 24/32/40/48 reached by tabs, else one space */
export function formatRecord(a: DnsAnswer): string {
  let out = a.name;
  let col = a.name.length;
  const fields: Array<[string, number]> = [[String(a.ttl), 24], ["IN", 32], [a.type, 40], [a.data, 48]];
  for (const [text, column] of fields) {
    if (col < column) {
      while (col < column) {
        out += "\t";
        col = (Math.floor(col / 8) + 1) * 8;
      }
    } else {
      out += " ";
      col += 1;
    }
    out += text;
    col += text.length;
  }
  return out;
}

function wireNameLength(name: string): number {
  const trimmed = name.replace(/\.$/, "");
  return trimmed === "" ? 1 : trimmed.length + 2;
}

function rdataLength(a: DnsAnswer): number {
  switch (a.type) {
    case "A": return 4;
    case "AAAA": return 16;
    case "CNAME":
    case "PTR": return wireNameLength(a.data);
    case "SRV": return 6 + wireNameLength(a.data.split(" ")[3] ?? "");
    case "TXT": return a.data.replace(/"/g, "").length + 1;
  }
}

function messageSize(r: DnsResult): number {
  const seen = new Set<string>([r.question.name]);
  let size = 12 + wireNameLength(r.question.name) + 4 + 11;
  for (const a of [...r.answers, ...r.additional]) {
    size += (seen.has(a.name) ? 2 : wireNameLength(a.name)) + 10 + rdataLength(a);
    seen.add(a.name);
  }
  return size;
}

export interface DigOptions {
  server: string;
  now: number;
  /** the command line echoed in the banner, e.g. `-t A nginx.default.svc.cluster.local. @10.96.0.10` */
  commandLine?: string;
}

export function renderDig(r: DnsResult, o: DigOptions): string {
  const id = fnv1a(`${r.question.name}|${r.question.type}|${o.now}`) % 65536;
  const cmd = o.commandLine ?? `-t ${r.question.type} ${r.question.name} @${o.server}`;
  const lines = [`; <<>> DiG 9.11.4-P2-RedHat-9.11.4-26.P2.el7_9.16 <<>> ${cmd}`, ";; global options: +cmd", ";; Got answer:"];
  if (/\.local\.?$/.test(r.question.name)) {
    lines.push(";; WARNING: .local is reserved for Multicast DNS", ";; You are currently testing what happens when an mDNS query is leaked to DNS");
  }
  const status = r.status === "FORMERR" ? "FORMERR" : r.status;
  const flags = r.authoritative ? "qr aa rd" : "qr rd ra";
  lines.push(`;; ->>HEADER<<- opcode: QUERY, status: ${status}, id: ${id}`);
  lines.push(`;; flags: ${flags}; QUERY: 1, ANSWER: ${r.answers.length}, AUTHORITY: 0, ADDITIONAL: ${r.additional.length + 1}`);
  if (r.authoritative) lines.push(";; WARNING: recursion requested but not available");
  lines.push("", ";; OPT PSEUDOSECTION:", "; EDNS: version: 0, flags:; udp: 4096", ";; QUESTION SECTION:", `;${r.question.name}\t\tIN\t${r.question.type}`);
  if (r.answers.length > 0) lines.push("", ";; ANSWER SECTION:", ...r.answers.map(formatRecord));
  if (r.additional.length > 0) lines.push("", ";; ADDITIONAL SECTION:", ...r.additional.map(formatRecord));
  lines.push("", ";; Query time: 0 msec", `;; SERVER: ${o.server}#53(${o.server})`, `;; WHEN: ${formatDigWhen(o.now)}`, `;; MSG SIZE  rcvd: ${messageSize(r)}`, "");
  return `${lines.join("\n")}\n`;
}

export interface CommandOutput {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** the name busybox prints next to an address: /etc/hosts first, then a PTR query */
function reverseLabel(state: NetState, client: DnsClient, ip: string, opts: DnsOptions): string | undefined {
  if (client.kind === "pod") {
    const hit = etcHosts(client.pod, opts.config ?? DEFAULT_NET_CONFIG).find((h) => h.ip === ip);
    if (hit) return hit.names[0];
  }
  const rc = resolverFor(client, opts.config ?? DEFAULT_NET_CONFIG);
  if (!rc.usesClusterDNS) return undefined;
  const ptr = queryCoreDNS(state, reverseName(ip), "PTR", opts);
  return ptr.answers[0]?.data.replace(/\.$/, "");
}

/** busybox 1.28 `nslookup <name>` run inside a pod (or on a node) */
export function renderNslookup(state: NetState, client: DnsClient, name: string, opts: DnsOptions = {}): CommandOutput {
  const rc = resolverFor(client, opts.config ?? DEFAULT_NET_CONFIG);
  const serverName = rc.usesClusterDNS
    ? queryCoreDNS(state, reverseName(rc.nameserver), "PTR", opts).answers[0]?.data.replace(/\.$/, "")
    : undefined;
  const head = [`Server:    ${rc.nameserver}`, `Address 1: ${rc.nameserver}${serverName ? ` ${serverName}` : ""}`, ""];
  const r = resolveFrom(state, client, name, "A", opts);
  const addrs = addressesOf(r);
  if (addrs.length === 0) {
    return { stdout: `${head.join("\n")}\n`, stderr: `nslookup: can't resolve '${name}'\n`, exitCode: 1 };
  }
  const lines = [...head, `Name:      ${name}`];
  addrs.forEach((ip, i) => {
    const label = reverseLabel(state, client, ip, opts);
    lines.push(`Address ${i + 1}: ${ip}${label ? ` ${label}` : ""}`);
  });
  return { stdout: `${lines.join("\n")}\n`, stderr: "", exitCode: 0 };
}

export function isDnsType(t: string): t is DnsType {
  return ["A", "AAAA", "SRV", "PTR", "CNAME", "TXT"].includes(t);
}
