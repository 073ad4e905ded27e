// kube-proxy: reads its KubeProxyConfiguration once, at start (the ConfigMap mounted at
// /var/lib/kube-proxy), logs the proxier it chose, and publishes that choice on its metrics
// listener, where the network simulation reads each node's proxy mode.
import { parse } from "yaml";
import { registerCommand } from "../shell/registry";
import type { CmdContext, CmdOutcome } from "../shell/types";
import { klogLine, type KlogLevel } from "./klog";

export const KUBE_PROXY_LISTENER = "kube-proxy";
export const IPVS_SCHEDULERS = ["rr", "wrr", "lc", "wlc", "lblc", "lblcr", "sh", "dh", "sed", "nq", "mh"];

export interface KubeProxyMode {
  mode: "iptables" | "ipvs";
  scheduler: string;
  strictARP: boolean;
}

function asRecord(v: unknown): Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/** the fields of a KubeProxyConfiguration the simulation honours, or the error kube-proxy stops with */
export function readProxyConfig(text: string): (KubeProxyMode & { blank: boolean }) | { error: string } {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (e) {
    return { error: `failed to decode: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}` };
  }
  const cfg = asRecord(doc);
  const mode = typeof cfg.mode === "string" ? cfg.mode : "";
  const ipvs = asRecord(cfg.ipvs);
  const scheduler = typeof ipvs.scheduler === "string" ? ipvs.scheduler : "";
  if (mode !== "" && mode !== "iptables" && mode !== "ipvs") {
    return { error: `KubeProxyConfiguration.Mode: Invalid value: "${mode}": must be iptables,ipvs or blank (blank means the best-available proxy [currently iptables])` };
  }
  if (mode === "ipvs" && scheduler !== "" && !IPVS_SCHEDULERS.includes(scheduler)) {
    return { error: `can't use the IPVS proxier: IPVS proxier will not be used because the following required kernel modules are not loaded: [ip_vs_${scheduler}]` };
  }
  return { mode: mode === "ipvs" ? "ipvs" : "iptables", scheduler, strictARP: ipvs.strictARP === true, blank: mode === "" };
}

registerCommand("kube-proxy", {
  onTerm: 2,
  run(ctx: CmdContext): CmdOutcome {
    let micros = 0;
    const log = (level: KlogLevel, source: string, msg: string) => ctx.err(klogLine(level, ctx.now, (micros += 137), source, msg));
    const configPath = ctx.argv.find((a) => a.startsWith("--config="))?.slice("--config=".length);
    let mode: KubeProxyMode = { mode: "iptables", scheduler: "", strictARP: false };
    let blank = true;
    if (configPath) {
      const file = ctx.fs.readFile(configPath);
      if ("error" in file) {
        log("E", "run.go:74", `"command failed" err="failed to load kube-proxy config: open ${configPath}: no such file or directory"`);
        return { status: 1 };
      }
      const parsed = readProxyConfig(file.data);
      if ("error" in parsed) {
        log("E", "run.go:74", `"command failed" err=${JSON.stringify(parsed.error)}`);
        return { status: 1 };
      }
      mode = { mode: parsed.mode, scheduler: parsed.scheduler, strictARP: parsed.strictARP };
      blank = parsed.blank;
    }
    const nodeIP = ctx.sys.podIP;
    if (mode.mode === "iptables" && blank) log("I", "server_linux.go:66", `"Using iptables proxy"`);
    log("I", "server.go:677", `"Successfully retrieved node IP(s)" IPs=["${nodeIP}"]`);
    log("I", "conntrack.go:121", `"Set sysctl" entry="net/netfilter/nf_conntrack_tcp_timeout_established" value=86400`);
    log("I", "conntrack.go:121", `"Set sysctl" entry="net/netfilter/nf_conntrack_tcp_timeout_close_wait" value=3600`);
    log("E", "server.go:234", `"Kube-proxy configuration may be incomplete or incorrect" err="nodePortAddresses is unset; NodePort connections will be accepted on all local IPs. Consider using \`--nodeport-addresses primary\`"`);
    log("I", "server.go:243", `"kube-proxy running in dual-stack mode" primary ipFamily="IPv4"`);
    if (mode.mode === "ipvs") {
      log("I", "server_linux.go:230", `"Using ipvs Proxier"`);
      log("I", "server_linux.go:232", `"Creating dualStackProxier for ipvs"`);
      if (!mode.scheduler) log("I", "proxier.go:362", `"IPVS scheduler not specified, use rr by default" ipFamily="IPv4"`);
      if (!mode.strictARP) log("I", "proxier.go:348", `"Not setting arp_ignore/arp_announce: strictARP is disabled" ipFamily="IPv4"`);
    } else {
      log("I", "server_linux.go:169", `"Using iptables Proxier"`);
      log("I", "proxier.go:255", `"Setting route_localnet=1 to allow node-ports on localhost; to change this either disable iptables.localhostNodePorts (--iptables-localhost-nodeports) or set nodePortAddresses (--nodeport-addresses) to filter loopback addresses" ipFamily="IPv4"`);
    }
    log("I", "server.go:483", `"Version info" version="${ctx.sys.image.version}"`);
    log("I", "server.go:485", `"Golang settings" GOGC="" GOMAXPROCS="" GOTRACEBACK=""`);
    log("I", "config.go:197", `"Starting service config controller"`);
    log("I", "shared_informer.go:313", "Waiting for caches to sync for service config");
    log("I", "config.go:104", `"Starting endpoint slice config controller"`);
    log("I", "shared_informer.go:313", "Waiting for caches to sync for endpoint slice config");
    log("I", "config.go:326", `"Starting node config controller"`);
    log("I", "shared_informer.go:313", "Waiting for caches to sync for node config");
    log("I", "shared_informer.go:320", "Caches are synced for node config");
    log("I", "shared_informer.go:320", "Caches are synced for service config");
    log("I", "shared_informer.go:320", "Caches are synced for endpoint slice config");
    // metrics (and /proxyMode) on 10249, health on 10256; the choice rides on the metrics listener
    ctx.sys.bind(10249, KUBE_PROXY_LISTENER, { ...mode });
    ctx.sys.bind(10256, "kube-proxy-healthz", {});
    return { block: { untilMs: null, data: { ...mode } } };
  },
  resume: (_ctx, data) => ({ block: { untilMs: null, data } }),
});
