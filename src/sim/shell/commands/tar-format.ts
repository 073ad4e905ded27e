// The tar archive format as GNU tar and busybox write it (512-byte headers, "ustar  " magic,
// ././@LongLink entries for names over 100 bytes), and reading what other writers produce:
// POSIX ustar with a name prefix, and pax headers (Go's archive/tar, which kubectl cp uses,
// writes those for long or non-ASCII names).
import { bytesToText, textToBytes } from "../../fs/bytes";

export const BLOCK = 512;
/** GNU tar writes whole records of 20 blocks */
export const GNU_RECORD = 20 * BLOCK;

export type EntryKind = "file" | "dir" | "symlink" | "hardlink" | "other";

export interface TarEntry {
  name: string;
  kind: EntryKind;
  /** permission bits (07777) */
  mode: number;
  /** seconds since the epoch */
  mtime: number;
  uid: number;
  gid: number;
  uname: string;
  gname: string;
  linkname: string;
  data: Uint8Array;
}

const TYPEFLAG: Record<EntryKind, string> = { file: "0", dir: "5", symlink: "2", hardlink: "1", other: "0" };

function kindOf(flag: string): EntryKind {
  switch (flag) {
    case "0": case "\0": case "7": return "file";
    case "5": return "dir";
    case "2": return "symlink";
    case "1": return "hardlink";
    default: return "other";
  }
}

function putString(block: Uint8Array, offset: number, width: number, value: string): void {
  block.set(textToBytes(value).subarray(0, width), offset);
}

/** `width - 1` octal digits and a NUL, as GNU tar fills numeric fields */
function putOctal(block: Uint8Array, offset: number, width: number, value: number): void {
  putString(block, offset, width, `${Math.max(0, Math.floor(value)).toString(8).padStart(width - 1, "0")}\0`);
}

export function checksum(block: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : block[i];
  return sum;
}

function header(e: TarEntry, name: string, flag: string, size: number, linkname: string): Uint8Array {
  const h = new Uint8Array(BLOCK);
  putString(h, 0, 100, name);
  putOctal(h, 100, 8, e.mode & 0o7777);
  putOctal(h, 108, 8, e.uid);
  putOctal(h, 116, 8, e.gid);
  putOctal(h, 124, 12, size);
  putOctal(h, 136, 12, e.mtime);
  putString(h, 156, 1, flag);
  putString(h, 157, 100, linkname);
  putString(h, 257, 8, "ustar  \0");
  putString(h, 265, 32, e.uname);
  putString(h, 297, 32, e.gname);
  putString(h, 148, 8, `${checksum(h).toString(8).padStart(6, "0")}\0 `);
  return h;
}

function padded(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil(data.length / BLOCK) * BLOCK);
  out.set(data);
  return out;
}

/** GNU's long-name entry: the full name (NUL-terminated) as the data of a ././@LongLink member. */
function longLink(e: TarEntry, flag: "L" | "K", value: Uint8Array): Uint8Array[] {
  const data = new Uint8Array(value.length + 1);
  data.set(value);
  const meta: TarEntry = { ...e, mode: 0o644, mtime: 0, uid: 0, gid: 0 };
  return [header(meta, "././@LongLink", flag, data.length, ""), padded(data)];
}

/** The blocks of one member: long-name entries when needed, its header, and its data. */
export function encodeEntry(e: TarEntry): Uint8Array[] {
  const blocks: Uint8Array[] = [];
  const name = e.kind === "dir" && !e.name.endsWith("/") ? `${e.name}/` : e.name;
  const nameBytes = textToBytes(name);
  const linkBytes = textToBytes(e.linkname);
  if (linkBytes.length > 100) blocks.push(...longLink(e, "K", linkBytes));
  if (nameBytes.length > 100) blocks.push(...longLink(e, "L", nameBytes));
  const size = e.kind === "file" || e.kind === "other" ? e.data.length : 0;
  blocks.push(header(e, bytesToText(nameBytes.subarray(0, 100)), TYPEFLAG[e.kind], size, bytesToText(linkBytes.subarray(0, 100))));
  if (size > 0) blocks.push(padded(e.data));
  return blocks;
}

/** A whole archive: members, two zero blocks, and (GNU) padding to a full record. */
export function encodeArchive(entries: TarEntry[], record: number): Uint8Array {
  const blocks = entries.flatMap(encodeEntry);
  let length = blocks.reduce((n, b) => n + b.length, 0) + 2 * BLOCK;
  length = Math.ceil(length / record) * record;
  const out = new Uint8Array(length);
  let o = 0;
  for (const b of blocks) {
    out.set(b, o);
    o += b.length;
  }
  return out;
}

function field(block: Uint8Array, offset: number, width: number): Uint8Array {
  const f = block.subarray(offset, offset + width);
  const nul = f.indexOf(0);
  return nul >= 0 ? f.subarray(0, nul) : f;
}

function text(block: Uint8Array, offset: number, width: number): string {
  return bytesToText(field(block, offset, width));
}

function octal(block: Uint8Array, offset: number, width: number): number {
  const f = block.subarray(offset, offset + width);
  // GNU's base-256 form for values octal cannot hold
  if (f[0] & 0x80) {
    let v = f[0] & 0x7f;
    for (let i = 1; i < f.length; i++) v = v * 256 + f[i];
    return v;
  }
  const s = text(block, offset, width).trim();
  return s === "" ? 0 : parseInt(s, 8) || 0;
}

function signedChecksum(block: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : (block[i] << 24) >> 24;
  return sum;
}

/** pax extended header records: "<len> <key>=<value>\n" */
function paxRecords(data: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  let i = 0;
  while (i < data.length) {
    const space = data.indexOf(0x20, i);
    if (space < 0) break;
    const len = parseInt(bytesToText(data.subarray(i, space)), 10);
    if (!(len > 0)) break;
    const record = bytesToText(data.subarray(space + 1, i + len - 1));
    const eq = record.indexOf("=");
    if (eq > 0) out[record.slice(0, eq)] = record.slice(eq + 1);
    i += len;
  }
  return out;
}

export type ReadProblem =
  /** the first block is no tar header */
  | "not-tar"
  /** a later header's checksum is wrong */
  | "bad-header"
  /** the archive ends inside a header or a member's data */
  | "eof";

export interface ReadResult {
  entries: TarEntry[];
  problem?: ReadProblem;
}

/** Members up to the end-of-archive block (or up to the first problem). */
export function decodeArchive(bytes: Uint8Array): ReadResult {
  const entries: TarEntry[] = [];
  let pos = 0;
  let longName: string | undefined;
  let longLinkName: string | undefined;
  let pax: Record<string, string> = {};
  while (pos < bytes.length) {
    if (bytes.length - pos < BLOCK) return { entries, problem: "eof" };
    const h = bytes.subarray(pos, pos + BLOCK);
    if (h.every((b) => b === 0)) return { entries };
    const stored = octal(h, 148, 8);
    if (stored !== checksum(h) && stored !== signedChecksum(h)) return { entries, problem: pos === 0 ? "not-tar" : "bad-header" };
    const flag = String.fromCharCode(h[156] || 0x30);
    const size = flag === "5" || flag === "2" || flag === "1" ? 0 : octal(h, 124, 12);
    const paxSize = pax.size !== undefined ? Number(pax.size) : undefined;
    const dataSize = paxSize !== undefined && Number.isFinite(paxSize) ? paxSize : size;
    const start = pos + BLOCK;
    if (start + dataSize > bytes.length) return { entries, problem: "eof" };
    const data = bytes.subarray(start, start + dataSize);
    pos = start + Math.ceil(dataSize / BLOCK) * BLOCK;
    if (flag === "L" || flag === "K") {
      const value = bytesToText(field(data, 0, data.length));
      if (flag === "L") longName = value;
      else longLinkName = value;
      continue;
    }
    if (flag === "x") {
      pax = { ...pax, ...paxRecords(data) };
      continue;
    }
    if (flag === "g") continue;
    const magic = text(h, 257, 6);
    const prefix = magic === "ustar" ? text(h, 345, 155) : "";
    const baseName = text(h, 0, 100);
    const name = pax.path ?? longName ?? (prefix ? `${prefix}/${baseName}` : baseName);
    const mtime = pax.mtime !== undefined ? Math.floor(Number(pax.mtime)) : octal(h, 136, 12);
    entries.push({
      name,
      kind: kindOf(flag),
      mode: octal(h, 100, 8) & 0o7777,
      mtime: Number.isFinite(mtime) ? mtime : 0,
      uid: pax.uid !== undefined ? Number(pax.uid) : octal(h, 108, 8),
      gid: pax.gid !== undefined ? Number(pax.gid) : octal(h, 116, 8),
      uname: pax.uname ?? text(h, 265, 32),
      gname: pax.gname ?? text(h, 297, 32),
      linkname: pax.linkpath ?? longLinkName ?? text(h, 157, 100),
      data: new Uint8Array(data),
    });
    longName = undefined;
    longLinkName = undefined;
    pax = {};
  }
  return { entries };
}
