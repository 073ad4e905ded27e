// busybox ping: one echo a second until -c packets (or -w seconds) are done, then the summary.
import { registerCommand } from "../registry";
import type { CmdContext, CmdOutcome, Json } from "../types";

interface PingState {
  host: string;
  ip: string;
  count: number | null;
  deadline: number | null;
  seq: number;
  received: number;
  rtts: number[];
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

function fmt(ms: number): string {
  return ms.toFixed(3);
}

function summary(ctx: CmdContext, s: PingState): CmdOutcome {
  const loss = s.seq === 0 ? 0 : Math.round(((s.seq - s.received) / s.seq) * 100);
  let text = `\n--- ${s.host} ping statistics ---\n${s.seq} packets transmitted, ${s.received} packets received, ${loss}% packet loss\n`;
  if (s.rtts.length) {
    const min = Math.min(...s.rtts);
    const max = Math.max(...s.rtts);
    const avg = s.rtts.reduce((a, b) => a + b, 0) / s.rtts.length;
    text += `round-trip min/avg/max = ${fmt(min)}/${fmt(avg)}/${fmt(max)} ms\n`;
  }
  ctx.out(text);
  return { status: s.received > 0 ? 0 : 1 };
}

function step(ctx: CmdContext, s: PingState): CmdOutcome {
  if ((s.count !== null && s.seq >= s.count) || (s.deadline !== null && ctx.now >= s.deadline)) return summary(ctx, s);
  const reply = ctx.sys.network?.ping?.(s.ip, ctx.now);
  if (reply?.ok) {
    const rtt = reply.rttMs + (s.seq % 3) * 0.011;
    ctx.out(`64 bytes from ${s.ip}: seq=${s.seq} ttl=${reply.ttl} time=${fmt(rtt)} ms\n`);
    s.received++;
    s.rtts.push(rtt);
  }
  s.seq++;
  return { block: { untilMs: ctx.now + 1000, data: s as unknown as Json } };
}

registerCommand("ping", {
  onTerm: 0,
  run(ctx: CmdContext) {
    const args = ctx.argv.slice(1);
    let count: number | null = null;
    let wait: number | null = null;
    let host: string | undefined;
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === "-c" && args[i + 1]) count = Number(args[++i]);
      else if (a.startsWith("-c") && a.length > 2) count = Number(a.slice(2));
      else if (a === "-w" && args[i + 1]) wait = Number(args[++i]);
      else if (a === "-W" && args[i + 1]) i++;
      else if (!a.startsWith("-")) host ??= a;
    }
    if (!host) {
      ctx.err("BusyBox v1.28.4 (2018-05-22 17:00:17 UTC) multi-call binary.\n\nUsage: ping [OPTIONS] HOST\n\nSend ICMP ECHO_REQUEST packets to network hosts\n");
      return { status: 1 };
    }
    let ip = host;
    if (!IPV4.test(host)) {
      if (host === "localhost" || host === ctx.sys.hostname) ip = host === "localhost" ? "127.0.0.1" : ctx.sys.podIP;
      else {
        const r = ctx.sys.network?.resolve(host, ctx.sys.hostname);
        if (!r || !("ips" in r) || r.ips.length === 0) {
          ctx.err(`ping: bad address '${host}'\n`);
          return { status: 1 };
        }
        ip = r.ips[0];
      }
    }
    ctx.out(`PING ${host} (${ip}): 56 data bytes\n`);
    const s: PingState = { host, ip, count: count !== null && count > 0 ? count : null, deadline: wait !== null ? ctx.now + wait * 1000 : null, seq: 0, received: 0, rtts: [] };
    return step(ctx, s);
  },
  resume(ctx: CmdContext, data: Json) {
    return step(ctx, data as PingState);
  },
});
