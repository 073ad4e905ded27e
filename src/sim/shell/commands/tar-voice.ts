// How tar talks: its error lines, GNU's carry-on-then-fail versus busybox's stop-at-once, and
// the member-name sanitising both do before storing or extracting a path.
import type { CmdContext, CmdOutcome } from "../types";

/** What tar says and how it ends, in the image's flavour. */
export class TarVoice {
  failed = false;
  private warned = new Set<string>();
  constructor(readonly ctx: CmdContext, readonly gnu: boolean) {}

  say(line: string): void {
    this.ctx.err(`tar: ${line}\n`);
  }

  /** A fatal error: GNU adds its "not recoverable" line. */
  die(line: string): CmdOutcome {
    this.say(line);
    if (this.gnu) this.say("Error is not recoverable: exiting now");
    return { status: this.gnu ? 2 : 1 };
  }

  /** GNU reports and carries on; busybox stops at the first error. */
  problem(gnuLine: string, busyboxLine: string): boolean {
    this.failed = true;
    this.say(this.gnu ? gnuLine : busyboxLine);
    return !this.gnu;
  }

  /** "Removing leading `/' from member names", once per prefix as GNU does (once at all for busybox). */
  stripped(prefix: string): void {
    if (!prefix || this.warned.has(this.gnu ? prefix : "")) return;
    this.warned.add(this.gnu ? prefix : "");
    this.say(this.gnu ? `Removing leading \`${prefix}' from member names` : `removing leading '${prefix}' from member names`);
  }

  end(): CmdOutcome {
    if (!this.failed) return { status: 0 };
    this.say(this.gnu ? "Exiting with failure status due to previous errors" : "error exit delayed from previous errors");
    return { status: this.gnu ? 2 : 1 };
  }
}

/** A member name without leading slashes or anything up to its last `..` component (GNU's safer_name_suffix). */
export function safeMemberName(name: string): { name: string; prefix: string } {
  let cut = 0;
  let i = 0;
  while (i < name.length) {
    if (name.startsWith("..", i) && (i + 2 === name.length || name[i + 2] === "/")) cut = i + 2;
    const slash = name.indexOf("/", i);
    if (slash < 0) break;
    i = slash + 1;
  }
  while (name[cut] === "/") cut++;
  const rest = name.slice(cut);
  return { name: rest === "" ? "." : rest, prefix: name.slice(0, cut) };
}
