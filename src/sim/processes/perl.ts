// perl: enough for `perl -Mbignum=bpi -wle "print bpi(N)"` (real digits, time growing with N),
// `print "..."` one-liners and `-v`.
import { registerCommand } from "../shell/registry";
import { piDigits } from "./pi";

/** milliseconds perl spends on bpi(N) */
export function bpiDurationMs(n: number): number {
  return 300 + 4 * n;
}

registerCommand("perl", {
  onTerm: "ignore",
  run(ctx) {
    const args = ctx.argv.slice(1);
    const version = ctx.sys.image.version;
    if (args.includes("-v")) {
      const [maj, min, patch] = version.split(".");
      ctx.out(`\nThis is perl ${maj}, version ${min}, subversion ${patch ?? 0} (v${version}) built for x86_64-linux-gnu-thread-multi\n\nCopyright 1987-2024, Larry Wall\n`);
      return { status: 0 };
    }
    let script: string | undefined;
    let newline = false;
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (/^-[a-zA-Z]*e$/.test(a)) {
        if (a.includes("l")) newline = true;
        script = args[i + 1] ?? "";
        break;
      }
      if (/^-[a-zA-Z]*l/.test(a) && !a.startsWith("-M")) newline = true;
    }
    if (script === undefined) {
      if (args.length === 0 || args[args.length - 1].startsWith("-")) return ctx.stdinOpen ? { block: { untilMs: null, data: {} } } : { status: 0 };
      ctx.err(`Can't open perl script "${args[args.length - 1]}": No such file or directory\n`);
      return { status: 2 };
    }
    const nl = newline ? "\n" : "";
    const bpi = /print\s+bpi\(\s*(\d+)\s*\)/.exec(script);
    if (bpi) {
      if (!args.some((a) => /^-Mbignum(=.*bpi.*)?$/.test(a)) && !/use\s+bignum/.test(script)) {
        ctx.err(`Undefined subroutine &main::bpi called at -e line 1.\n`);
        return { status: 255 };
      }
      const n = Number(bpi[1]);
      return { block: { untilMs: ctx.now + bpiDurationMs(n), data: { print: `${piDigits(n)}${nl}` } } };
    }
    let out = "";
    for (const m of script.matchAll(/print\s*(?:\(\s*)?(["'])(.*?)\1/g)) out += (m[1] === '"' ? m[2].replace(/\\n/g, "\n").replace(/\\t/g, "\t") : m[2]) + nl;
    ctx.out(out);
    return { status: 0 };
  },
  resume(ctx, data) {
    const d = (data ?? {}) as { print?: string };
    if (d.print !== undefined) {
      ctx.out(d.print);
      return { status: 0 };
    }
    return { block: { untilMs: null, data: {} } };
  },
});
