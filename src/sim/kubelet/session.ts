// An interactive shell behind `kubectl exec -it` or an attached `kubectl run -it`: takes
// typed bytes, echoes them on a tty, edits the line, runs it, prints the image's prompt.
import type { ResolvedImage } from "../images/catalog";
import { loadScript, newShellState, runShell, type ShellState } from "../shell/interp";
import { resumeProgram } from "../shell/proc";
import type { CmdContext } from "../shell/types";

export type PromptStyle = "ash" | "bash" | "bash-short" | "busyboxplus" | "dash" | "sh-centos";

export interface ShellSession {
  style: PromptStyle;
  tty: boolean;
  line: string;
  shell: ShellState;
  hostname: string;
  exited?: number;
  /** bytes of an escape sequence still being skipped */
  skip: number;
}

const SHELLS = new Set(["sh", "ash", "bash", "dash"]);

/** Whether argv starts a shell that reads commands from its input. */
export function isInteractiveShell(argv: string[]): boolean {
  const name = (argv[0] ?? "").split("/").pop() ?? "";
  if (!SHELLS.has(name)) return false;
  return argv.slice(1).every((a) => /^-[ilsx]+$/.test(a) || a === "--login");
}

export function promptStyle(argv0: string, image: ResolvedImage): PromptStyle {
  const name = argv0.split("/").pop();
  const small = image.flavour === "alpine" || image.flavour === "busybox";
  if (name === "bash") return small ? "bash-short" : "bash";
  if (image.prompt === "busyboxplus") return "busyboxplus";
  if (image.flavour === "debian" || image.flavour === "ubuntu") return "dash";
  if (image.flavour === "centos") return "sh-centos";
  return "ash";
}

export function prompt(s: ShellSession): string {
  const cwd = s.shell.cwd;
  const home = s.shell.vars.HOME ?? "/root";
  const tilde = cwd === home ? "~" : cwd.startsWith(home + "/") ? `~${cwd.slice(home.length)}` : cwd;
  switch (s.style) {
    case "ash": return `${tilde} # `;
    case "bash": return `root@${s.hostname}:${tilde}# `;
    case "bash-short": return "bash-5.0# ";
    case "busyboxplus": return `[ root@${s.hostname}:${tilde} ]$ `;
    case "dash": return "# ";
    case "sh-centos": return "sh-4.4# ";
  }
}

export function openSession(argv: string[], image: ResolvedImage, ctx: CmdContext, tty: boolean): { session: ShellSession; output: string } {
  const dialect = (argv[0] ?? "").split("/").pop() === "bash" ? "bash" : "ash";
  const shell = newShellState({ ...ctx, dialect }, [argv[0] ?? "sh"]);
  shell.interactive = true;
  const session: ShellSession = { style: promptStyle(argv[0] ?? "sh", image), tty, line: "", shell, hostname: ctx.sys.hostname, skip: 0 };
  return { session, output: tty ? prompt(session) : "" };
}

/** Longest wait a typed command may take before the session gives up on it (as if interrupted). */
const LINE_BUDGET_MS = 3600_000;

function runLine(session: ShellSession, line: string, ctx: CmdContext): string {
  let out = "";
  const conv = (s: string): string => (session.tty ? s.replace(/\r?\n/g, "\r\n") : s);
  const cctx: CmdContext = { ...ctx, out: (s) => { out += conv(s); }, err: (s) => { out += conv(s); }, tty: session.tty, dialect: session.shell.dialect };
  const st = session.shell;
  st.frames = [];
  const msg = loadScript(st, line, "line");
  if (msg) return conv(msg);
  let now = ctx.now;
  let outcome = runShell(st, { ...cctx, now });
  for (let i = 0; i < 10000 && "block" in outcome; i++) {
    const until = outcome.block.untilMs;
    if (until === null || until > ctx.now + LINE_BUDGET_MS) {
      st.child = undefined;
      st.frames = [];
      st.status = 130;
      break;
    }
    now = until;
    if (st.child) resumeProgram(st.child.proc, { ...cctx, now });
    outcome = runShell(st, { ...cctx, now });
  }
  if (st.exited !== undefined) session.exited = st.exited;
  return out;
}

/** Feeds typed bytes; returns what the terminal shows. */
export function sessionInput(session: ShellSession, data: string, ctx: CmdContext): string {
  let out = "";
  for (const ch of data) {
    if (session.exited !== undefined) break;
    if (session.skip > 0) {
      session.skip--;
      if (session.skip === 0 || /[A-Za-z~]/.test(ch)) session.skip = 0;
      continue;
    }
    if (ch === "\x1b") { session.skip = 2; continue; }
    if (ch === "\r" || ch === "\n") {
      if (session.tty) out += "\r\n";
      const line = session.line;
      session.line = "";
      if (line.trim() !== "") out += runLine(session, line, ctx);
      if (session.exited !== undefined) {
        if (session.shell.dialect === "bash" && session.tty) out += "exit\r\n";
        break;
      }
      if (session.tty) out += prompt(session);
      continue;
    }
    if (ch === "\x7f" || ch === "\b") {
      if (session.line.length) {
        session.line = session.line.slice(0, -1);
        if (session.tty) out += "\b \b";
      }
      continue;
    }
    if (ch === "\x03") {
      session.line = "";
      if (session.tty) out += `^C\r\n${prompt(session)}`;
      continue;
    }
    if (ch === "\x04") {
      if (session.line === "") {
        session.exited = session.shell.status;
        if (session.tty) out += session.shell.dialect === "bash" ? "exit\r\n" : "\r\n";
        break;
      }
      continue;
    }
    if (ch === "\t") continue;
    session.line += ch;
    if (session.tty) out += ch;
  }
  return out;
}
