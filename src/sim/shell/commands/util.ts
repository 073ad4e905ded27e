import type { CmdContext } from "../types";
import { normalizePath } from "../../fs/path";
import { fsErrorText, type FsError } from "../../fs/vfs";

/** GNU coreutils wording (Debian, Ubuntu, CentOS images) instead of busybox's. */
export function isGnu(ctx: CmdContext): boolean {
  const f = ctx.sys.image.flavour;
  return f === "debian" || f === "centos" || f === "ubuntu";
}

export function abs(ctx: CmdContext, p: string): string {
  return normalizePath(p, ctx.cwd);
}

export function errText(e: FsError): string {
  return fsErrorText(e);
}

/** Splits leading `-abc` flags from operands; `--` ends flags. Flags taking a value are listed in `withValue`. */
export function parseFlags(args: string[], withValue = ""): { flags: Record<string, string | true>; operands: string[] } {
  const flags: Record<string, string | true> = {};
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--") { operands.push(...args.slice(i + 1)); break; }
    if (a.startsWith("--") && a.length > 2) {
      const eq = a.indexOf("=");
      if (eq > 0) flags[a.slice(2, eq)] = a.slice(eq + 1);
      else flags[a.slice(2)] = true;
      continue;
    }
    if (a.startsWith("-") && a.length > 1 && !/^-\d+$/.test(a)) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        if (withValue.includes(c)) {
          flags[c] = a.slice(j + 1) || args[++i] || "";
          break;
        }
        flags[c] = true;
      }
      continue;
    }
    operands.push(a);
  }
  return { flags, operands };
}

/** Reads each operand (or stdin when none or `-`), reporting errors the way `cat` does. */
export function readInputs(ctx: CmdContext, operands: string[], tool: string): { texts: Array<{ name: string; data: string }>; failed: boolean } {
  const texts: Array<{ name: string; data: string }> = [];
  let failed = false;
  if (operands.length === 0) return { texts: [{ name: "-", data: ctx.stdin }], failed };
  for (const o of operands) {
    if (o === "-") { texts.push({ name: "-", data: ctx.stdin }); continue; }
    const r = ctx.fs.readFile(abs(ctx, o));
    if ("error" in r) {
      failed = true;
      ctx.err(isGnu(ctx) ? `${tool}: ${o}: ${errText(r.error)}\n` : `${tool}: can't open '${o}': ${errText(r.error)}\n`);
      continue;
    }
    texts.push({ name: o, data: r.data });
  }
  return { texts, failed };
}
