// A tiny simulated Internet resolver behind CoreDNS's `forward . /etc/resolv.conf`.
// Addresses are fixed so answers (and tests) are stable; www.baidu.com follows the course's dig output.

export interface UpstreamRecord {
  type: "A" | "AAAA" | "CNAME" | "TXT";
  data: string;
}

const ZONE: Record<string, UpstreamRecord[]> = {
  "www.baidu.com.": [{ type: "CNAME", data: "www.a.shifen.com." }],
  "www.a.shifen.com.": [{ type: "A", data: "14.215.177.38" }, { type: "A", data: "14.215.177.39" }],
  "baidu.com.": [{ type: "A", data: "39.156.66.10" }, { type: "A", data: "110.242.68.66" }],
  "www.google.com.": [{ type: "A", data: "142.250.196.100" }],
  "google.com.": [{ type: "A", data: "142.250.196.110" }],
  "kubernetes.io.": [{ type: "A", data: "147.75.40.148" }],
  "www.kubernetes.io.": [{ type: "CNAME", data: "kubernetes.io." }],
  "example.com.": [{ type: "A", data: "93.184.215.14" }],
  "www.example.com.": [{ type: "A", data: "93.184.215.14" }],
  "github.com.": [{ type: "A", data: "140.82.112.3" }],
  "registry.k8s.io.": [{ type: "A", data: "34.96.108.209" }],
  "docker.io.": [{ type: "A", data: "44.219.3.189" }],
};

export const UPSTREAM_TTL = 30;

export function upstreamRecords(fqdn: string): UpstreamRecord[] | undefined {
  return ZONE[fqdn.toLowerCase()];
}

/** hostnames the upstream knows for an IP (none: reverse zones of public IPs are not simulated) */
export function upstreamHasAddress(ip: string): boolean {
  return Object.values(ZONE).some((rs) => rs.some((r) => r.type === "A" && r.data === ip));
}
