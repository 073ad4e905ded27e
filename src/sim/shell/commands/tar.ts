// tar in the container: create, extract and list archives of its filesystem, with GNU tar's
// (Debian, Ubuntu, CentOS) or busybox's wording. kubectl cp is built on it: `tar cf - PATH`
// copies out of a pod, `tar -xmf - -C DIR` with the archive on stdin copies in.
import { registerCommand } from "../registry";
import type { CmdContext, CmdOutcome } from "../types";
import { bytesToText, textToBytes } from "../../fs/bytes";
import { normalizePath } from "../../fs/path";
import { BLOCK, GNU_RECORD, decodeArchive, encodeArchive, type TarEntry } from "./tar-format";
import { parseTarArgs, type TarOptions } from "./tar-options";
import { extractEntries } from "./tar-extract";
import { TarVoice, safeMemberName } from "./tar-voice";
import { abs, errText, isGnu } from "./util";

const TRY = "Try 'tar --help' or 'tar --usage' for more information.\n";
const BUSYBOX_USAGE = "BusyBox v1.36.1 multi-call binary.\n\nUsage: tar c|x|t [-ZzJjahmvokO] [-f TARFILE] [-C DIR] [-T FILE] [-X FILE] [LONGOPT]... [FILE]...\n";

function childName(parent: string, child: string): string {
  return parent.endsWith("/") ? `${parent}${child}` : `${parent}/${child}`;
}

function collect(ctx: CmdContext, o: TarOptions, voice: TarVoice, verbose: (s: string) => void, archive: string): TarEntry[] {
  const entries: TarEntry[] = [];
  const owner = { uid: 0, gid: 0, uname: "root", gname: "root" };
  const walk = (path: string, shown: string, name: string): void => {
    const node = ctx.fs.lstat(path);
    if (!node) {
      voice.problem(`${shown}: Cannot stat: No such file or directory`, `${shown}: No such file or directory`);
      return;
    }
    if (path === archive) {
      voice.say(voice.gnu ? `${shown}: file is the archive; not dumped` : `${shown}: file is the archive; skipping`);
      return;
    }
    const mtime = Math.floor(node.mtime / 1000);
    if (o.verbose) verbose(node.t === "d" && !name.endsWith("/") ? `${name}/` : name);
    if (node.t === "l") {
      entries.push({ name, kind: "symlink", mode: 0o777, mtime, ...owner, linkname: node.target, data: new Uint8Array() });
      return;
    }
    if (node.t === "f") {
      entries.push({ name, kind: "file", mode: node.mode, mtime, ...owner, linkname: "", data: textToBytes(node.data) });
      return;
    }
    entries.push({ name, kind: "dir", mode: node.mode, mtime, ...owner, linkname: "", data: new Uint8Array() });
    const list = ctx.fs.readdir(path);
    for (const child of "names" in list ? list.names : []) {
      walk(path === "/" ? `/${child}` : `${path}/${child}`, childName(shown, child), childName(name, child));
    }
  };
  for (const op of o.operands) {
    const base = op.dir !== undefined ? abs(ctx, op.dir) : ctx.cwd;
    const given = op.path.length > 1 ? op.path.replace(/\/+$/, "") : op.path;
    const safe = safeMemberName(given);
    voice.stripped(safe.prefix);
    walk(normalizePath(given, base), given, safe.name);
  }
  return entries;
}

function create(ctx: CmdContext, o: TarOptions, voice: TarVoice): CmdOutcome {
  if (!o.operands.length) {
    if (voice.gnu) {
      ctx.err(`tar: Cowardly refusing to create an empty archive\n${TRY}`);
      return { status: 2 };
    }
    return voice.die("empty archive");
  }
  const toStdout = o.file === undefined || o.file === "-";
  if (toStdout && ctx.tty && voice.gnu) return voice.die("Refusing to write archive contents to terminal (missing -f option?)");
  const archive = toStdout ? "" : abs(ctx, o.file ?? "");
  if (!toStdout) {
    const e = ctx.fs.writeFile(archive, "", ctx.now);
    if (e) return voice.gnu ? voice.die(`${o.file ?? ""}: Cannot open: ${errText(e)}`) : voice.die(`can't open '${o.file ?? ""}': ${errText(e)}`);
  }
  // with the archive on stdout the names go to stderr, as both tars do
  const verbose = (s: string) => (toStdout ? ctx.err(`${s}\n`) : ctx.out(`${s}\n`));
  const entries = collect(ctx, o, voice, verbose, archive);
  const bytes = encodeArchive(entries, voice.gnu ? GNU_RECORD : BLOCK);
  // the complaints first: kubectl cp stops reading at the archive's end, so anything said after
  // it may never be shown
  const outcome = voice.end();
  if (toStdout) ctx.out(bytesToText(bytes));
  else ctx.fs.writeFile(archive, bytesToText(bytes), ctx.now);
  return outcome;
}

function readArchive(ctx: CmdContext, o: TarOptions, voice: TarVoice): Uint8Array | CmdOutcome {
  if (o.file === undefined || o.file === "-") return textToBytes(ctx.stdin);
  const r = ctx.fs.readFile(abs(ctx, o.file));
  if ("error" in r) return voice.gnu ? voice.die(`${o.file}: Cannot open: ${errText(r.error)}`) : voice.die(`can't open '${o.file}': ${errText(r.error)}`);
  return textToBytes(r.data);
}

function extractOrList(ctx: CmdContext, o: TarOptions, voice: TarVoice, list: boolean): CmdOutcome {
  if (!list && o.dir !== undefined) {
    const dir = ctx.fs.stat(abs(ctx, o.dir));
    const e = !dir ? "ENOENT" : dir.t !== "d" ? "ENOTDIR" : undefined;
    if (e) return voice.gnu ? voice.die(`${o.dir}: Cannot open: ${errText(e)}`) : voice.die(`can't change directory to '${o.dir}': ${errText(e)}`);
  }
  const bytes = readArchive(ctx, o, voice);
  if (!(bytes instanceof Uint8Array)) return bytes;
  const read = decodeArchive(bytes);
  const stop = extractEntries(ctx, o, voice, read.entries, list);
  if (stop) return stop;
  if (read.problem === "not-tar") {
    if (!voice.gnu) return voice.die(bytes.length < BLOCK ? "short read" : "invalid tar magic");
    voice.problem("This does not look like a tar archive", "");
  } else if (read.problem === "bad-header") {
    if (!voice.gnu) return voice.die("invalid tar header checksum");
    voice.problem("Skipping to next header", "");
  } else if (read.problem === "eof") {
    return voice.gnu ? voice.die("Unexpected EOF in archive") : voice.die("short read");
  }
  return voice.end();
}

registerCommand("tar", {
  run(ctx) {
    const gnu = isGnu(ctx);
    const voice = new TarVoice(ctx, gnu);
    const parsed = parseTarArgs(ctx.argv.slice(1));
    if (!parsed.ok) {
      ctx.err(`tar: ${parsed.message}\n${gnu ? TRY : BUSYBOX_USAGE}`);
      return { status: gnu ? 2 : 1 };
    }
    const o = parsed.opts;
    const modes = new Set(o.modes);
    if (modes.size !== 1) {
      if (!gnu) {
        ctx.err(BUSYBOX_USAGE);
        return { status: 1 };
      }
      const what = modes.size === 0 ? "You must specify one of the" : "You may not specify more than one";
      ctx.err(`tar: ${what} '-Acdtrux', '--delete' or '--test-label' options\n${TRY}`);
      return { status: 2 };
    }
    if (o.compress) return voice.die(`${o.compress} compression is not available in this simulation`);
    const mode = o.modes[0];
    if (mode === "c") return create(ctx, o, voice);
    return extractOrList(ctx, o, voice, mode === "t");
  },
});
