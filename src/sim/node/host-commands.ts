// The node's kernel tools: iptables, iptables-save, ipvsadm and ipset read the tables kube-proxy
// programmed (through `sys.kernelTables`), ss lists the node's listening sockets (`sys.listeners`).
import { registerCommand } from "../shell/registry";
import type { CmdContext, NetListener } from "../shell/types";
import { parseSaveTable, renderList, renderSpec, type SavedChain } from "./iptables-list";

const TABLES = ["filter", "nat", "mangle", "raw", "security"];
const BUILTIN: Record<string, string[]> = {
  filter: ["INPUT", "FORWARD", "OUTPUT"],
  nat: ["PREROUTING", "INPUT", "OUTPUT", "POSTROUTING"],
  mangle: ["PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING"],
  raw: ["PREROUTING", "OUTPUT"],
  security: ["INPUT", "FORWARD", "OUTPUT"],
};

function tables(ctx: CmdContext, kind: "iptables" | "ipvs" | "ipset"): string {
  return ctx.sys.kernelTables?.(kind) ?? "";
}

/** kube-proxy programs the nat table; the others hold only their built-in chains here */
function chainsOf(ctx: CmdContext, table: string): SavedChain[] {
  return parseSaveTable(tables(ctx, "iptables"), table) ?? (BUILTIN[table] ?? []).map((name) => ({ name, policy: "ACCEPT", rules: [] }));
}

registerCommand("iptables", {
  run(ctx) {
    const args = ctx.argv.slice(1);
    let table = "filter";
    let action: "S" | "L" | undefined;
    let chain: string | undefined;
    let numeric = false;
    let lineNumbers = false;
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === "-t" || a === "--table") table = args[++i] ?? "";
      else if (a === "--list" || a === "--list-rules") {
        action = a === "--list" ? "L" : "S";
        if (args[i + 1] && !args[i + 1].startsWith("-")) chain = args[++i];
      } else if (a === "--numeric") numeric = true;
      else if (a === "--line-numbers") lineNumbers = true;
      else if (/^-[A-Za-z]+$/.test(a)) {
        for (const f of a.slice(1)) {
          if (f === "L" || f === "S") action = f;
          else if (f === "n") numeric = true;
          else if (f === "t") table = args[++i] ?? "";
          else if (f !== "v" && f !== "x") {
            // a change to the tables: kube-proxy owns them, and this shell is not root on the real kernel
            ctx.err(`iptables v1.8.7 (legacy): can't initialize iptables table \`${table}': Permission denied (you must be root)\nPerhaps iptables or your kernel needs to be upgraded.\n`);
            return { status: 3 };
          }
        }
        if ((a.includes("L") || a.includes("S")) && args[i + 1] && !args[i + 1].startsWith("-")) chain = args[++i];
      } else {
        ctx.err(`Bad argument \`${a}'\nTry \`iptables -h' or 'iptables --help' for more information.\n`);
        return { status: 2 };
      }
    }
    if (!TABLES.includes(table)) {
      ctx.err(`iptables v1.8.7 (legacy): can't initialize iptables table \`${table}': Table does not exist (do you need to insmod?)\nPerhaps iptables or your kernel needs to be upgraded.\n`);
      return { status: 3 };
    }
    if (!action) {
      ctx.err("iptables v1.8.7 (legacy): no command specified\nTry `iptables -h' or 'iptables --help' for more information.\n");
      return { status: 2 };
    }
    const chains = chainsOf(ctx, table);
    if (chain && !chains.some((c) => c.name === chain)) {
      ctx.err("iptables: No chain/target/match by that name.\n");
      return { status: 1 };
    }
    ctx.out(action === "S" ? renderSpec(chains, chain) : renderList(chains, { chain, numeric, lineNumbers }));
    return { status: 0 };
  },
});

registerCommand("iptables-save", {
  run(ctx) {
    const args = ctx.argv.slice(1);
    const t = args.indexOf("-t");
    const only = t >= 0 ? args[t + 1] : undefined;
    const text = tables(ctx, "iptables");
    if (only && only !== "nat") {
      if (!TABLES.includes(only)) {
        ctx.err(`iptables-save v1.8.7 (legacy): Cannot initialize: Table does not exist (do you need to insmod?)\n`);
        return { status: 1 };
      }
      return { status: 0 };
    }
    ctx.out(text);
    return { status: 0 };
  },
});

registerCommand("ipvsadm", {
  run(ctx) {
    const args = ctx.argv.slice(1);
    const listing = args.some((a) => a === "--list" || (/^-[A-Za-z]+$/.test(a) && /[lL]/.test(a)));
    if (!listing && args.length) {
      ctx.err("Memory allocation problem\n");
      return { status: 1 };
    }
    const text = tables(ctx, "ipvs");
    const svc = args.findIndex((a) => a === "-t" || a === "-u" || a === "--tcp-service" || a === "--udp-service");
    if (svc < 0) {
      ctx.out(text);
      return { status: 0 };
    }
    // one virtual service: its header line and its real servers
    const proto = args[svc] === "-u" || args[svc] === "--udp-service" ? "UDP" : "TCP";
    const want = args[svc + 1] ?? "";
    const lines = text.split("\n");
    const head = lines.slice(0, 3);
    const block: string[] = [];
    let inBlock = false;
    for (const l of lines.slice(3)) {
      if (!l.startsWith("  ")) inBlock = new RegExp(`^${proto}\\s+${want.replace(/\./g, "\\.")}\\s`).test(l);
      if (inBlock && l) block.push(l);
    }
    if (!block.length) {
      ctx.err("Service not defined\n");
      return { status: 1 };
    }
    ctx.out(`${[...head, ...block].join("\n")}\n`);
    return { status: 0 };
  },
});

registerCommand("ipset", {
  run(ctx) {
    const args = ctx.argv.slice(1);
    const cmd = args[0];
    if (cmd !== "list" && cmd !== "-L" && cmd !== "-list") {
      ctx.err(cmd ? `ipset v7.1: Kernel error received: Operation not permitted\n` : "ipset v7.1: No command specified: unknown argument \nTry `ipset help' for more information.\n");
      return { status: 1 };
    }
    const namesOnly = args.includes("-n") || args.includes("-name");
    const name = args.slice(1).find((a) => !a.startsWith("-"));
    const sets = tables(ctx, "ipset").split(/\n(?=Name: )/).filter((s) => s.startsWith("Name: "));
    const chosen = name ? sets.filter((s) => s.startsWith(`Name: ${name}\n`)) : sets;
    if (name && !chosen.length) {
      ctx.err(`ipset v7.1: The set with the given name does not exist\n`);
      return { status: 1 };
    }
    if (namesOnly) ctx.out(chosen.map((s) => `${s.slice(6, s.indexOf("\n"))}\n`).join(""));
    else ctx.out(chosen.map((s) => (s.endsWith("\n") ? s : `${s}\n`)).join("\n"));
    return { status: 0 };
  },
});

// ---- ss (iproute2 4.11, as CentOS 7 ships it) ------------------------------------------------------

function ssAddress(l: NetListener): string {
  if (l.address === "0.0.0.0") return "*";
  if (l.address === "::") return "::";
  return l.address;
}

registerCommand("ss", {
  run(ctx) {
    const flags = new Set<string>();
    for (const a of ctx.argv.slice(1)) {
      if (/^-[a-zA-Z]+$/.test(a)) for (const f of a.slice(1)) flags.add(f);
    }
    const wantTcp = flags.has("t") || (!flags.has("u") && !flags.has("x"));
    const wantUdp = flags.has("u");
    const listening = flags.has("l") || flags.has("a");
    const rows = (ctx.sys.listeners?.() ?? []).filter((l) => (l.proto.startsWith("udp") ? wantUdp : wantTcp));
    // a single socket type drops the Netid column; the address columns share what is left of 80
    const showNetid = [wantTcp, wantUdp].filter(Boolean).length > 1;
    let netidWidth = showNetid ? 5 : 0;
    let stateWidth = 10;
    let addrp = 80 - (showNetid ? netidWidth + 1 : 0) - (stateWidth + 1) - 14;
    if (addrp % 2) {
      if (showNetid) netidWidth++;
      else stateWidth++;
    }
    addrp = Math.floor(addrp / 2) - 1;
    const servWidth = 5 + 13;
    const addrWidth = addrp - 5 - 1 - 13;
    const left = (s: string, w: number): string => s.padEnd(w);
    const right = (s: string, w: number): string => s.padStart(w);
    let out = `${showNetid ? `${left("Netid", netidWidth)} ` : ""}${left("State", stateWidth)} Recv-Q Send-Q ${right("Local Address", addrWidth)}:${left("Port", servWidth)} ${right("Peer Address", addrWidth)}:${left("Port", servWidth)}\n`;
    if (listening) {
      rows.forEach((l, i) => {
        const udp = l.proto.startsWith("udp");
        const peer = l.address.includes(":") ? "::" : "*";
        const users = flags.has("p") ? ` users:(("${l.program}",pid=${l.pid},fd=${3 + (i % 20)}))` : "";
        out += `${showNetid ? `${left(udp ? "udp" : "tcp", netidWidth)} ` : ""}${left(udp ? "UNCONN" : "LISTEN", stateWidth)} ${left("0", 6)} ${left(udp ? "0" : "128", 6)} ${right(ssAddress(l), addrWidth)}:${left(String(l.port), servWidth)} ${right(peer, addrWidth)}:${left("*", servWidth)} ${users}\n`;
      });
    }
    ctx.out(out);
    return { status: 0 };
  },
});
