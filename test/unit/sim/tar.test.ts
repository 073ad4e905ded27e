import { describe, expect, it } from "vitest";
import { makeFs, makeSys, runSh } from "./harness";
import { startProgram } from "../../../src/sim/shell/proc";
import type { CmdContext } from "../../../src/sim/shell/types";
import type { Vfs } from "../../../src/sim/fs/vfs";
import { byteLength, bytesToText, textToBytes } from "../../../src/sim/fs/bytes";
import { BLOCK, GNU_RECORD, checksum, decodeArchive, encodeArchive, type TarEntry } from "../../../src/sim/shell/commands/tar-format";
import { imageBaseFs } from "../../../src/sim/images/image-fs";
import { resolveImage } from "../../../src/sim/images/catalog";

const BINARY = Uint8Array.from([0, 1, 2, 0x7f, 0x80, 0xff, 0xfe, 0xc3, 0x28, 0xe4, 0xb8, 0xad, 0xed, 0xa0, 0x80, 0xf0, 0x9f, 0x98, 0x80, 0, 0xef, 0xbb, 0xbf]);
const CHINESE = "你好，世界\nKubernetes 集群\n";

function entry(name: string, over: Partial<TarEntry> = {}): TarEntry {
  return { name, kind: "file", mode: 0o644, mtime: 1_700_000_000, uid: 0, gid: 0, uname: "root", gname: "root", linkname: "", data: new Uint8Array(), ...over };
}

/** Runs one program with stdin on a given filesystem (what an exec does). */
function run(argv: string[], fs: Vfs, opts: { image?: string; stdin?: string; cwd?: string; now?: number } = {}): { out: string; err: string; status: number | undefined } {
  const res = { out: "", err: "" };
  const ctx: CmdContext = {
    argv, env: { PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", HOME: "/root" }, cwd: opts.cwd ?? "/", stdin: opts.stdin ?? "",
    now: opts.now ?? Date.UTC(2024, 4, 1, 12), fs, out: (s) => { res.out += s; }, err: (s) => { res.err += s; }, sys: makeSys(opts.image ?? "busybox"), dialect: "ash",
  };
  const proc = startProgram(argv[0], argv, ctx);
  return { ...res, status: proc.exitCode };
}

describe("bytes as strings", () => {
  it("keeps UTF-8 text as characters and other bytes losslessly", () => {
    expect(bytesToText(new TextEncoder().encode(CHINESE))).toBe(CHINESE);
    expect(textToBytes(CHINESE)).toEqual(new TextEncoder().encode(CHINESE));
    const text = bytesToText(BINARY);
    expect(textToBytes(text)).toEqual(BINARY);
    expect(byteLength(text)).toBe(BINARY.length);
    // the valid sequences inside stay characters: 中 and an emoji, and a leading BOM is kept
    expect(text).toContain("中");
    expect(text).toContain("😀");
    expect(bytesToText(Uint8Array.from([0xef, 0xbb, 0xbf, 0x41]))).toBe("\ufeffA");
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(textToBytes(bytesToText(all))).toEqual(all);
  });

  it("concatenated pieces encode like the whole", () => {
    const a = bytesToText(BINARY.subarray(0, 9));
    const b = bytesToText(BINARY.subarray(9));
    expect(textToBytes(a + b)).toEqual(BINARY);
  });
});

describe("tar format", () => {
  it("writes GNU headers with valid checksums and pads to a record", () => {
    const bytes = encodeArchive([entry("tmp/x.txt", { data: textToBytes("hello\n") })], GNU_RECORD);
    expect(bytes.length).toBe(GNU_RECORD);
    const h = bytes.subarray(0, BLOCK);
    const text = (from: number, len: number) => new TextDecoder().decode(h.subarray(from, from + len));
    expect(text(0, 9)).toBe("tmp/x.txt");
    expect(text(100, 8)).toBe("0000644\0");
    expect(text(124, 12)).toBe("00000000006\0");
    expect(text(136, 12)).toBe(`${(1_700_000_000).toString(8)}\0`);
    expect(text(257, 8)).toBe("ustar  \0");
    expect(text(265, 5)).toBe("root\0");
    expect(text(148, 8)).toBe(`${checksum(h).toString(8).padStart(6, "0")}\0 `);
    expect(new TextDecoder().decode(bytes.subarray(BLOCK, BLOCK + 6))).toBe("hello\n");
    // busybox ends after the two zero blocks
    expect(encodeArchive([entry("a", { data: textToBytes("x") })], BLOCK).length).toBe(4 * BLOCK);
  });

  it("round-trips files, directories, symlinks, modes, binary data and long names", () => {
    const long = `${"d".repeat(60)}/${"e".repeat(60)}/file-with-a-long-name.txt`;
    const entries = [
      entry("dir/", { kind: "dir", mode: 0o750 }),
      entry("dir/run.sh", { mode: 0o755, data: textToBytes("#!/bin/sh\necho hi\n") }),
      entry("dir/link", { kind: "symlink", mode: 0o777, linkname: "run.sh" }),
      entry("dir/bin.dat", { data: BINARY }),
      entry(long, { data: textToBytes(CHINESE) }),
      entry("dir/far", { kind: "symlink", mode: 0o777, linkname: `/${"t".repeat(120)}` }),
    ];
    const bytes = encodeArchive(entries, GNU_RECORD);
    const back = decodeArchive(bytes);
    expect(back.problem).toBeUndefined();
    expect(back.entries.map((e) => [e.name, e.kind, e.mode.toString(8), e.linkname])).toEqual([
      ["dir/", "dir", "750", ""],
      ["dir/run.sh", "file", "755", ""],
      ["dir/link", "symlink", "777", "run.sh"],
      ["dir/bin.dat", "file", "644", ""],
      [long, "file", "644", ""],
      ["dir/far", "symlink", "777", `/${"t".repeat(120)}`],
    ]);
    expect(back.entries[3].data).toEqual(BINARY);
    expect(bytesToText(back.entries[4].data)).toBe(CHINESE);
    expect(back.entries[0].mtime).toBe(1_700_000_000);
  });

  it("reads POSIX ustar prefixes and pax headers (Go's archive/tar)", () => {
    const ustar = encodeArchive([entry("file.txt", { data: textToBytes("abc") })], BLOCK);
    ustar.set(new TextEncoder().encode("ustar\u000000"), 257);
    ustar.set(new TextEncoder().encode("some/prefix"), 345);
    ustar.set(new TextEncoder().encode(`${checksum(ustar.subarray(0, BLOCK)).toString(8).padStart(6, "0")}\0 `), 148);
    expect(decodeArchive(ustar).entries[0].name).toBe("some/prefix/file.txt");

    const record = (k: string, v: string) => {
      const body = ` ${k}=${v}\n`;
      const b = byteLength(body);
      let n = b + 1;
      while (String(n).length + b !== n) n = String(n).length + b;
      return `${n}${body}`;
    };
    const paxData = textToBytes(record("path", "目录/文件.txt") + record("mtime", "1700000000.123456"));
    const pax = encodeArchive([entry("PaxHeaders/x", { data: paxData }), entry("short", { data: textToBytes("z") })], BLOCK);
    pax[156] = "x".charCodeAt(0);
    pax.set(new TextEncoder().encode(`${checksum(pax.subarray(0, BLOCK)).toString(8).padStart(6, "0")}\0 `), 148);
    const got = decodeArchive(pax).entries;
    expect(got.map((e) => [e.name, e.mtime])).toEqual([["目录/文件.txt", 1_700_000_000]]);
  });

  it("reports archives that are not tar or end too early", () => {
    expect(decodeArchive(textToBytes("hello world".repeat(60))).problem).toBe("not-tar");
    const bytes = encodeArchive([entry("a", { data: new Uint8Array(2000) })], BLOCK);
    expect(decodeArchive(bytes.subarray(0, 1024)).problem).toBe("eof");
    expect(decodeArchive(new Uint8Array()).entries).toEqual([]);
  });
});

describe("tar in containers", () => {
  it("ships where the real images have it", () => {
    const has = (image: string) => {
      const r = resolveImage(image);
      if (!r.ok) throw new Error(r.message);
      const base = imageBaseFs(r.image.fsKey) ?? {};
      return ["/bin/tar", "/usr/bin/tar"].some((p) => p in base);
    };
    expect(has("busybox")).toBe(true);
    expect(has("alpine")).toBe(true);
    expect(has("nginx")).toBe(true);
    expect(has("ubuntu:22.04")).toBe(true);
    expect(has("registry.k8s.io/coredns/coredns:v1.11.1")).toBe(false);
  });

  it("creates and extracts what kubectl cp sends (tar cf - PATH, tar -xmf - -C DIR)", () => {
    for (const image of ["busybox", "nginx"]) {
      const { fs } = makeFs(image);
      fs.mkdir("/data/sub", 1000, true);
      fs.writeFile("/data/hello.txt", CHINESE, Date.UTC(2023, 0, 2));
      fs.writeFile("/data/sub/bin.dat", bytesToText(BINARY), 2000);
      fs.setAttrs("/data/sub/bin.dat", { mode: 0o600 });
      fs.symlink("hello.txt", "/data/link", 3000);
      const out = run(["tar", "cf", "-", "/data"], fs, { image });
      expect(out.status).toBe(0);
      expect(out.err).toBe(image === "nginx" ? "tar: Removing leading `/' from member names\n" : "tar: removing leading '/' from member names\n");
      const listed = run(["tar", "tf", "-"], fs, { image, stdin: out.out });
      expect(listed.out).toBe("data/\ndata/hello.txt\ndata/link\ndata/sub/\ndata/sub/bin.dat\n");

      const x = run(["tar", "-xmf", "-", "-C", "/tmp"], fs, { image, stdin: out.out, now: 5_000_000 });
      expect(x).toEqual({ out: "", err: "", status: 0 });
      const copy = fs.readFile("/tmp/data/hello.txt");
      expect(copy).toEqual({ data: CHINESE });
      const bin = fs.stat("/tmp/data/sub/bin.dat");
      expect(bin?.t === "f" && textToBytes(bin.data)).toEqual(BINARY);
      expect(bin?.mode).toBe(0o600);
      // m: extracted files get the current time; without it the archive's
      expect(bin?.mtime).toBe(5_000_000);
      expect(fs.lstat("/tmp/data/link")).toMatchObject({ t: "l", target: "hello.txt" });
      run(["tar", "xf", "-", "-C", "/root"], fs, { image, stdin: out.out });
      expect(fs.stat("/root/data/hello.txt")?.mtime).toBe(Date.UTC(2023, 0, 2));
      expect(runSh("cat /tmp/data/hello.txt; ls -l /tmp/data/sub", { fs, image }).out).toContain(`${CHINESE}total`);
      expect(runSh("ls -l /tmp/data/sub", { fs, image }).out).toMatch(new RegExp(`-rw------- .* ${BINARY.length} .*bin.dat`));
    }
  });

  it("extracts a single file into an existing directory, creating parents", () => {
    const { fs } = makeFs("busybox");
    const archive = bytesToText(encodeArchive([entry("x/y/z.txt", { data: textToBytes("deep\n"), mode: 0o640 })], BLOCK));
    expect(run(["tar", "-xmf", "-", "-C", "/tmp"], fs, { stdin: archive }).status).toBe(0);
    expect(fs.readFile("/tmp/x/y/z.txt")).toEqual({ data: "deep\n" });
    expect(fs.stat("/tmp/x/y")).toMatchObject({ t: "d", mode: 0o755 });
    expect(fs.stat("/tmp/x/y/z.txt")?.mode).toBe(0o640);
    const nopreserve = run(["tar", "--no-same-permissions", "--no-same-owner", "-xmf", "-", "-C", "/root"], fs, { stdin: bytesToText(encodeArchive([entry("w.txt", { mode: 0o666 })], BLOCK)) });
    expect(nopreserve.status).toBe(0);
    expect(fs.stat("/root/w.txt")?.mode).toBe(0o644);
  });

  it("lists verbosely in each flavour", () => {
    const archive = bytesToText(encodeArchive([entry("etc/", { kind: "dir", mode: 0o755 }), entry("etc/hostname", { data: textToBytes("pod1\n") }), entry("etc/l", { kind: "symlink", mode: 0o777, linkname: "hostname" })], GNU_RECORD));
    const { fs } = makeFs("busybox");
    expect(run(["tar", "tvf", "-"], fs, { stdin: archive }).out).toBe(
      "drwxr-xr-x root/root         0 2023-11-14 22:13:20 etc/\n-rw-r--r-- root/root         5 2023-11-14 22:13:20 etc/hostname\nlrwxrwxrwx root/root         0 2023-11-14 22:13:20 etc/l -> hostname\n",
    );
    expect(run(["tar", "-tvf", "-"], makeFs("nginx").fs, { image: "nginx", stdin: archive }).out).toBe(
      "drwxr-xr-x root/root         0 2023-11-14 22:13 etc/\n-rw-r--r-- root/root         5 2023-11-14 22:13 etc/hostname\nlrwxrwxrwx root/root         0 2023-11-14 22:13 etc/l -> hostname\n",
    );
  });

  it("writes and reads archive files, verbose names going to stdout", () => {
    const { fs } = makeFs("nginx");
    const c = run(["tar", "-cvf", "/tmp/html.tar", "-C", "/usr/share/nginx", "html"], fs, { image: "nginx" });
    expect(c).toEqual({ out: "html/\nhtml/50x.html\nhtml/index.html\n", err: "", status: 0 });
    expect(byteLength((fs.readFile("/tmp/html.tar") as { data: string }).data) % GNU_RECORD).toBe(0);
    expect(run(["tar", "cf", "/tmp/self.tar", "/tmp"], fs, { image: "nginx" }).err).toBe("tar: Removing leading `/' from member names\ntar: /tmp/self.tar: file is the archive; not dumped\n");
    const x = run(["tar", "xvf", "/tmp/html.tar", "-C", "/root"], fs, { image: "nginx" });
    expect(x.out).toBe("html/\nhtml/50x.html\nhtml/index.html\n");
    expect(fs.readFile("/root/html/index.html")).toEqual(fs.readFile("/usr/share/nginx/html/index.html"));
    expect(run(["tar", "xf", "/tmp/html.tar", "html/index.html", "-O"], fs, { image: "nginx" }).out).toContain("Welcome to nginx!");
  });

  it("gives GNU's and busybox's errors", () => {
    const gnu = makeFs("nginx").fs;
    const bb = makeFs("busybox").fs;
    // the archive is still written: just its end, zero blocks
    expect(run(["tar", "cf", "-", "/nope"], gnu, { image: "nginx" })).toEqual({
      out: "\0".repeat(GNU_RECORD), status: 2,
      err: "tar: Removing leading `/' from member names\ntar: /nope: Cannot stat: No such file or directory\ntar: Exiting with failure status due to previous errors\n",
    });
    const missing = run(["tar", "cf", "-", "/nope"], bb);
    expect(missing.err).toBe("tar: removing leading '/' from member names\ntar: /nope: No such file or directory\ntar: error exit delayed from previous errors\n");
    expect(missing.status).toBe(1);
    expect(run(["tar", "-xmf", "-", "-C", "/nodir"], gnu, { image: "nginx", stdin: "" })).toEqual({ out: "", status: 2, err: "tar: /nodir: Cannot open: No such file or directory\ntar: Error is not recoverable: exiting now\n" });
    expect(run(["tar", "-xmf", "-", "-C", "/nodir"], bb, { stdin: "" })).toEqual({ out: "", status: 1, err: "tar: can't change directory to '/nodir': No such file or directory\n" });
    const garbage = "this is not an archive\n".repeat(40);
    expect(run(["tar", "xf", "-"], gnu, { image: "nginx", stdin: garbage })).toEqual({ out: "", status: 2, err: "tar: This does not look like a tar archive\ntar: Exiting with failure status due to previous errors\n" });
    expect(run(["tar", "xf", "-"], bb, { stdin: garbage })).toEqual({ out: "", status: 1, err: "tar: invalid tar magic\n" });
    expect(run(["tar", "cf", "-"], gnu, { image: "nginx" }).err).toBe("tar: Cowardly refusing to create an empty archive\nTry 'tar --help' or 'tar --usage' for more information.\n");
    expect(run(["tar", "-f", "x"], gnu, { image: "nginx" }).err).toBe("tar: You must specify one of the '-Acdtrux', '--delete' or '--test-label' options\nTry 'tar --help' or 'tar --usage' for more information.\n");
    expect(run(["tar", "-xq"], gnu, { image: "nginx" })).toEqual({ out: "", status: 2, err: "tar: invalid option -- 'q'\nTry 'tar --help' or 'tar --usage' for more information.\n" });
    expect(run(["tar", "xf", "-", "a/b"], gnu, { image: "nginx", stdin: bytesToText(encodeArchive([entry("c")], GNU_RECORD)) }).err).toBe("tar: a/b: Not found in archive\ntar: Exiting with failure status due to previous errors\n");
  });

  it("strips leading slashes and .. from member names when extracting", () => {
    const { fs } = makeFs("nginx");
    const archive = bytesToText(encodeArchive([entry("/abs.txt", { data: textToBytes("a") }), entry("../../evil.txt", { data: textToBytes("e") })], GNU_RECORD));
    const r = run(["tar", "xf", "-", "-C", "/tmp"], fs, { image: "nginx", stdin: archive });
    expect(r.err).toBe("tar: Removing leading `/' from member names\ntar: Removing leading `../../' from member names\n");
    expect(fs.readFile("/tmp/abs.txt")).toEqual({ data: "a" });
    expect(fs.readFile("/tmp/evil.txt")).toEqual({ data: "e" });
  });

  it("pipes through the shell: tar c | tar x", () => {
    const { fs } = makeFs("busybox");
    fs.mkdir("/src", 0);
    fs.writeFile("/src/a", bytesToText(BINARY), 0);
    const r = runSh("tar cf - -C / src | tar xf - -C /tmp && echo ok", { fs });
    expect(r).toMatchObject({ out: "ok\n", err: "" });
    expect(textToBytes((fs.readFile("/tmp/src/a") as { data: string }).data)).toEqual(BINARY);
  });
});
