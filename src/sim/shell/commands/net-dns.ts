// nslookup (busybox) and dig (BIND) inside a pod; the answers come from the simulated CoreDNS.
import { registerCommand } from "../registry";
import type { CmdContext } from "../types";

const DNS_TYPES = ["A", "AAAA", "SRV", "PTR", "CNAME", "TXT", "ANY", "MX", "NS", "SOA"];

registerCommand("nslookup", {
  run(ctx: CmdContext) {
    const operands = ctx.argv.slice(1).filter((a) => !a.startsWith("-"));
    const name = operands[0];
    if (!name) {
      ctx.err("BusyBox v1.28.4 (2018-05-22 17:00:17 UTC) multi-call binary.\n\nUsage: nslookup [HOST] [SERVER]\n\nQuery the nameserver for the IP address of the given HOST\noptionally using a specified DNS server\n");
      return { status: 1 };
    }
    const net = ctx.sys.network;
    if (!net?.nslookup) {
      ctx.err(`nslookup: can't resolve '${name}'\n`);
      return { status: 1 };
    }
    const r = net.nslookup(name, operands[1], ctx.now);
    ctx.out(r.stdout);
    ctx.err(r.stderr);
    return { status: r.exitCode };
  },
});

registerCommand("dig", {
  run(ctx: CmdContext) {
    const args = ctx.argv.slice(1);
    let name: string | undefined;
    let type = "A";
    let server: string | undefined;
    let short = false;
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === "-t" && args[i + 1]) type = args[++i].toUpperCase();
      else if (a.startsWith("@")) server = a.slice(1);
      else if (a === "+short") short = true;
      else if (a === "-x" && args[i + 1]) {
        name = `${args[++i].split(".").reverse().join(".")}.in-addr.arpa.`;
        type = "PTR";
      } else if (a.startsWith("+") || a.startsWith("-")) continue;
      else if (name !== undefined && DNS_TYPES.includes(a.toUpperCase())) type = a.toUpperCase();
      else name ??= a;
    }
    const net = ctx.sys.network;
    if (!net?.dig) {
      ctx.out(";; connection timed out; no servers could be reached\n");
      return { status: 9 };
    }
    const r = net.dig({ name: name ?? ".", type, server, short, commandLine: args.join(" ") }, ctx.now);
    ctx.out(r.stdout);
    return { status: r.exitCode };
  },
});
