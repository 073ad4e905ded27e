import { describe, expect, it } from "vitest";
import { readProxyConfig } from "../../../src/sim/processes/kube-proxy";

const base = (mode: string, ipvs = `ipvs:\n  scheduler: ""\n  strictARP: false\n`) => `apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\n${ipvs}mode: ${mode}\n`;

describe("readProxyConfig", () => {
  it("treats a blank mode as iptables and remembers it was blank", () => {
    expect(readProxyConfig(base(`""`))).toEqual({ mode: "iptables", scheduler: "", strictARP: false, blank: true });
    expect(readProxyConfig(base("iptables"))).toEqual({ mode: "iptables", scheduler: "", strictARP: false, blank: false });
  });

  it("reads ipvs with its scheduler and strictARP as the course edits them", () => {
    expect(readProxyConfig(base(`"ipvs"`, `ipvs:\n  scheduler: "wrr"\n  strictARP: true\n`))).toEqual({ mode: "ipvs", scheduler: "wrr", strictARP: true, blank: false });
  });

  it("refuses an unknown mode or scheduler like kube-proxy's validation", () => {
    const bad = readProxyConfig(base("userspace"));
    expect("error" in bad && bad.error).toContain(`KubeProxyConfiguration.Mode: Invalid value: "userspace"`);
    const sched = readProxyConfig(base("ipvs", `ipvs:\n  scheduler: fastest\n`));
    expect("error" in sched && sched.error).toContain("ip_vs_fastest");
    expect("error" in readProxyConfig("mode: [")).toBe(true);
  });
});
