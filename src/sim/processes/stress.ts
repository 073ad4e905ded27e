// stress(1): worker hogs; `--vm N --vm-bytes B` allocates N·B and trips the memory limit.
import { registerCommand } from "../shell/registry";
import { parseStressSize } from "./quantity";

interface StressPlan { cpu: number; io: number; vm: number; hdd: number; vmBytes: number; timeoutS?: number }

function parseArgs(args: string[]): StressPlan | string {
  const plan: StressPlan = { cpu: 0, io: 0, vm: 0, hdd: 0, vmBytes: 256 * 2 ** 20 };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const v = args[i + 1];
    switch (a) {
      case "-c": case "--cpu": plan.cpu = Number(v); i++; break;
      case "-i": case "--io": plan.io = Number(v); i++; break;
      case "-m": case "--vm": plan.vm = Number(v); i++; break;
      case "-d": case "--hdd": plan.hdd = Number(v); i++; break;
      case "--vm-bytes": {
        const b = parseStressSize(v ?? "");
        if (b === undefined) return `stress: FAIL: [1] (333) invalid number: ${v}`;
        plan.vmBytes = b;
        i++;
        break;
      }
      case "--vm-stride": case "--vm-hang": case "--hdd-bytes": case "--backoff": i++; break;
      case "--vm-keep": case "-v": case "--verbose": case "-q": case "--quiet": case "-n": case "--dry-run": break;
      case "-t": case "--timeout": {
        const m = /^(\d+)([smhdy]?)$/.exec(v ?? "");
        if (!m) return `stress: FAIL: [1] (303) invalid time specifier: ${v}`;
        plan.timeoutS = Number(m[1]) * ({ "": 1, s: 1, m: 60, h: 3600, d: 86400, y: 31536000 }[m[2]] ?? 1);
        i++;
        break;
      }
      default:
        return `stress: FAIL: [1] (244) unrecognized option: ${a}`;
    }
  }
  return plan;
}

const USAGE = "`stress' imposes certain types of compute stress on your system\n\nUsage: stress [OPTION [ARG]] ...\n -?, --help         show this help statement\n     --version      show version statement\n -v, --verbose      be verbose\n -q, --quiet        be quiet\n -n, --dry-run      show what would have been done\n -t, --timeout N    timeout after N seconds\n     --backoff N    wait factor of N microseconds before work starts\n -c, --cpu N        spawn N workers spinning on sqrt()\n -i, --io N         spawn N workers spinning on sync()\n -m, --vm N         spawn N workers spinning on malloc()/free()\n     --vm-bytes B   malloc B bytes per vm worker (default is 256MB)\n";

registerCommand("stress", {
  onTerm: "ignore",
  run(ctx) {
    const args = ctx.argv.slice(1);
    if (!args.length || args.includes("--help") || args.includes("-?")) { ctx.out(USAGE); return { status: 0 }; }
    if (args.includes("--version")) { ctx.out("stress 1.0.4\n"); return { status: 0 }; }
    const plan = parseArgs(args);
    if (typeof plan === "string") { ctx.err(`${plan}\n`); return { status: 1 }; }
    ctx.out(`stress: info: [1] dispatching hogs: ${plan.cpu} cpu, ${plan.io} io, ${plan.vm} vm, ${plan.hdd} hdd\n`);
    const need = plan.vm * plan.vmBytes;
    const limit = ctx.sys.memoryLimitBytes;
    if (limit !== undefined && need + 2 * 2 ** 20 > limit) {
      // the workers touch their pages in well under a second; then the cgroup OOM killer fires
      return { block: { untilMs: ctx.now + 200 + Math.round(need / (2 * 2 ** 30) * 1000), data: { oom: true } } };
    }
    if (plan.timeoutS !== undefined) return { block: { untilMs: ctx.now + plan.timeoutS * 1000, data: { done: plan.timeoutS } } };
    return { block: { untilMs: null, data: {} } };
  },
  resume(ctx, data) {
    const d = (data ?? {}) as { oom?: boolean; done?: number };
    if (d.oom) {
      ctx.sys.oomKill();
      return { block: { untilMs: null, data: {} } };
    }
    if (d.done !== undefined) {
      ctx.out(`stress: info: [1] successful run completed in ${d.done}s\n`);
      return { status: 0 };
    }
    return { block: { untilMs: null, data: {} } };
  },
});
