// CoreDNS 1.11: reads its Corefile at start and serves DNS on 53 (the answers themselves come
// from the network simulation), /health on 8080, /ready on 8181 and metrics on 9153.
import { registerCommand } from "../shell/registry";
import type { CmdContext, CmdOutcome } from "../shell/types";
import { sha256Hex } from "../../util/hash";

export const COREDNS_LISTENER = "coredns";

/** the ports the Corefile's plugins open, defaulting like CoreDNS */
function portsOf(corefile: string): { dns: number; health?: number; ready?: number; metrics?: number } {
  const server = /^\s*\.:(\d+)\s*\{/m.exec(corefile);
  const health = /^\s*health(?:\s+[^\s{]*:(\d+))?/m.exec(corefile);
  const ready = /^\s*ready(?:\s+[^\s{]*:(\d+))?/m.exec(corefile);
  const metrics = /^\s*prometheus(?:\s+[^\s{]*:(\d+))?/m.exec(corefile);
  return {
    dns: server ? Number(server[1]) : 53,
    health: health ? Number(health[1] ?? 8080) : undefined,
    ready: ready ? Number(ready[1] ?? 8181) : undefined,
    metrics: metrics ? Number(metrics[1] ?? 9153) : undefined,
  };
}

registerCommand("coredns", {
  onTerm: 0,
  run(ctx: CmdContext): CmdOutcome {
    const args = ctx.argv.slice(1);
    if (args.includes("-version")) {
      ctx.out(`CoreDNS-${ctx.sys.image.version}\nlinux/amd64, go1.21.11, a6338e9\n`);
      return { status: 0 };
    }
    const i = args.indexOf("-conf");
    const path = i >= 0 ? args[i + 1] ?? "" : "Corefile";
    const file = ctx.fs.readFile(path.startsWith("/") ? path : `/${path}`);
    if ("error" in file) {
      ctx.err(`Error: open ${path}: no such file or directory\n`);
      return { status: 1 };
    }
    const ports = portsOf(file.data);
    ctx.sys.bind(ports.dns, COREDNS_LISTENER, {});
    if (ports.health) ctx.sys.bind(ports.health, "coredns-health", {});
    if (ports.ready) ctx.sys.bind(ports.ready, "coredns-ready", {});
    if (ports.metrics) ctx.sys.bind(ports.metrics, "coredns-metrics", {});
    // CoreDNS logs a SHA512 of the configuration; two SHA-256 halves stand in for it
    const digest = sha256Hex(file.data) + sha256Hex(`reload:${file.data}`);
    ctx.out(`.:${ports.dns}\n[INFO] plugin/reload: Running configuration SHA512 = ${digest}\nCoreDNS-${ctx.sys.image.version}\nlinux/amd64, go1.21.11, a6338e9\n`);
    return { block: { untilMs: null, data: { ports } } };
  },
  resume: (_ctx, data) => ({ block: { untilMs: null, data } }),
});
