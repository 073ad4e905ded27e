// tar's command line: bundled old-style letters (`tar cf - /x`: their values follow in order),
// `-xmf -` groups, and GNU long options, with GNU's and busybox's complaints.

export interface TarOperand {
  path: string;
  /** the -C directory in effect where the operand appeared (GNU applies -C in order) */
  dir?: string;
}

export interface TarOptions {
  modes: Array<"c" | "x" | "t">;
  file?: string;
  dir?: string;
  verbose: number;
  /** m / --touch: extracted files get the current time */
  touch: boolean;
  /** O / --to-stdout */
  toStdout: boolean;
  /** --no-same-permissions: the umask applies to extracted modes */
  noSamePerms: boolean;
  strip: number;
  /** z, j, J: a compressor the simulation does not run */
  compress?: string;
  operands: TarOperand[];
}

export type ParseResult = { ok: true; opts: TarOptions } | { ok: false; message: string };

const LETTERS = "cxtfCvmOpozjJb";
const WITH_VALUE = "fCb";
const LONG: Record<string, string> = {
  create: "c", extract: "x", get: "x", list: "t", verbose: "v", touch: "m", "to-stdout": "O",
  "preserve-permissions": "p", "same-permissions": "p", "no-same-owner": "o", "same-owner": "", "numeric-owner": "",
  overwrite: "", gzip: "z", gunzip: "z", bzip2: "j", xz: "J", "no-same-permissions": "",
};
const LONG_WITH_VALUE = new Set(["file", "directory", "strip-components", "blocking-factor"]);

function apply(o: TarOptions, letter: string, value: string | undefined): void {
  switch (letter) {
    case "c": case "x": case "t": o.modes.push(letter); break;
    case "f": o.file = value; break;
    case "C": o.dir = value; break;
    case "v": o.verbose++; break;
    case "m": o.touch = true; break;
    case "O": o.toStdout = true; break;
    case "z": o.compress = "gzip"; break;
    case "j": o.compress = "bzip2"; break;
    case "J": o.compress = "xz"; break;
    default: break;
  }
}

export function parseTarArgs(args: string[]): ParseResult {
  const o: TarOptions = { modes: [], verbose: 0, touch: false, toStdout: false, noSamePerms: false, strip: 0, operands: [] };
  const rest = [...args];
  const missing = (letter: string): ParseResult => ({ ok: false, message: `option requires an argument -- '${letter}'` });
  // old style: the first word is a bundle of letters without a dash
  if (rest.length && rest[0] !== "" && !rest[0].startsWith("-")) {
    const bundle = rest.shift() ?? "";
    for (const letter of bundle) {
      if (!LETTERS.includes(letter)) return { ok: false, message: `invalid option -- '${letter}'` };
      let value: string | undefined;
      if (WITH_VALUE.includes(letter)) {
        value = rest.shift();
        if (value === undefined) return missing(letter);
      }
      apply(o, letter, value);
    }
  }
  let onlyOperands = false;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (onlyOperands || a === "-" || !a.startsWith("-")) {
      o.operands.push({ path: a, ...(o.dir !== undefined ? { dir: o.dir } : {}) });
      continue;
    }
    if (a === "--") { onlyOperands = true; continue; }
    if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      const key = a.slice(2, eq > 0 ? eq : undefined);
      if (LONG_WITH_VALUE.has(key)) {
        const value = eq > 0 ? a.slice(eq + 1) : rest[++i];
        if (value === undefined) return { ok: false, message: `option '--${key}' requires an argument` };
        if (key === "file") o.file = value;
        else if (key === "directory") o.dir = value;
        else if (key === "strip-components") o.strip = Math.max(0, parseInt(value, 10) || 0);
        continue;
      }
      if (!(key in LONG) || eq > 0) return { ok: false, message: `unrecognized option '${a}'` };
      if (key === "no-same-permissions") o.noSamePerms = true;
      apply(o, LONG[key], undefined);
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const letter = a[j];
      if (!LETTERS.includes(letter)) return { ok: false, message: `invalid option -- '${letter}'` };
      if (WITH_VALUE.includes(letter)) {
        const value = j + 1 < a.length ? a.slice(j + 1) : rest[++i];
        if (value === undefined) return missing(letter);
        apply(o, letter, value);
        break;
      }
      apply(o, letter, undefined);
    }
  }
  return { ok: true, opts: o };
}
