// kubectl cp with the real kubectl: it runs `tar -xmf - -C DIR` in the container with a tar stream
// on stdin to copy in, and `tar cf - PATH` to copy out, so the bytes cross exec's stdin and stdout.
// Text (including UTF-8 Chinese) and binary files must survive both ways byte for byte.
import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createCluster, KUBECTL, type Sandbox } from "./harness";
import { podRow, podYaml } from "./pod-helpers";

const CHINESE = "你好，世界！\nKubernetes 集群里的文件\n";
/** every byte value, NULs and bytes that are not UTF-8 included */
const BINARY = Buffer.concat([Buffer.from([0, 0, 0xff, 0xfe, 0xc3, 0x28, 0x80]), Buffer.from(Array.from({ length: 256 }, (_, i) => i)), Buffer.from([0xe4, 0xb8])]);

/** kubectl with raw bytes in and out (the harness decodes stdout as UTF-8). */
function kubectlBytes(k: Sandbox, args: string[], stdin?: Buffer): Promise<{ code: number; stdout: Buffer; stderr: string }> {
  const env = { PATH: process.env.PATH ?? "", HOME: k.dir, KUBECONFIG: join(k.dir, "kubeconfig"), KUBECACHEDIR: join(k.dir, "cache") };
  return new Promise((resolve) => {
    const child = execFile(KUBECTL, args, { env, cwd: k.dir, encoding: "buffer", timeout: 60_000 }, (err, stdout, stderr) => {
      const code = err && typeof (err as { code?: unknown }).code === "number" ? (err as { code: number }).code : err ? 1 : 0;
      resolve({ code, stdout, stderr: stderr.toString() });
    });
    if (stdin) child.stdin?.end(stdin);
  });
}

/** path → bytes of every file below `dir` */
function tree(dir: string, prefix = ""): Record<string, Buffer> {
  const out: Record<string, Buffer> = {};
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) Object.assign(out, tree(p, `${prefix}${name}/`));
    else out[`${prefix}${name}`] = readFileSync(p);
  }
  return out;
}

describe("kubectl cp", () => {
  let k: Sandbox;
  beforeAll(async () => {
    k = await createCluster({ profile: "fast" });
    await k.kubectl(["apply", "-f", k.file("bb.yml", podYaml("bb", '  containers:\n  - name: c\n    image: busybox\n    command: ["sleep", "3600"]\n'))]);
    await k.kubectl(["apply", "-f", k.file("web.yml", podYaml("web", "  containers:\n  - name: c\n    image: nginx\n"))]);
    await k.kubectl(["create", "configmap", "corefile", "--from-literal=Corefile=.:53 {\n    forward . 8.8.8.8\n}\n"]);
    const dns = '  containers:\n  - name: c\n    image: registry.k8s.io/coredns/coredns:v1.11.1\n    args: ["-conf", "/etc/coredns/Corefile"]\n    volumeMounts:\n    - name: cfg\n      mountPath: /etc/coredns\n  volumes:\n  - name: cfg\n    configMap:\n      name: corefile\n';
    await k.kubectl(["apply", "-f", k.file("dns.yml", podYaml("dns", dns))]);
    await k.advance(10);
    for (const p of ["bb", "web", "dns"]) expect(await podRow(k, p)).toMatchObject({ ready: "1/1", status: "Running" });
  });

  it("copies a local file into busybox and nginx pods, to a path or into a directory", async () => {
    const local = k.file("hello.txt", "hello from the laptop\n");
    for (const pod of ["bb", "web"]) {
      expect(await k.kubectl(["cp", local, `${pod}:/tmp/x.txt`])).toEqual({ code: 0, stdout: "", stderr: "" });
      expect(await k.kubectl(["exec", pod, "--", "cat", "/tmp/x.txt"])).toEqual({ code: 0, stdout: "hello from the laptop\n", stderr: "" });
      // an existing directory as the target: the file goes inside under its own name
      expect((await k.kubectl(["cp", local, `${pod}:/etc`])).code).toBe(0);
      expect((await k.kubectl(["exec", pod, "--", "cat", "/etc/hello.txt"])).stdout).toBe("hello from the laptop\n");
    }
    expect((await k.kubectl(["exec", "web", "--", "ls", "-l", "/tmp/x.txt"])).stdout).toMatch(/^-rw-r--r-- 1 root root 22 .* \/tmp\/x\.txt\n$/);
  });

  it("copies files and directories out of a pod byte for byte", async () => {
    const passwd = await k.kubectl(["cp", "bb:/etc/passwd", join(k.dir, "passwd")]);
    // tar's stderr reaches kubectl's stdout: kubectl cp wires it there
    expect(passwd).toEqual({ code: 0, stdout: "tar: removing leading '/' from member names\n", stderr: "" });
    expect(readFileSync(join(k.dir, "passwd"), "utf8")).toBe((await k.kubectl(["exec", "bb", "--", "cat", "/etc/passwd"])).stdout);

    const html = await k.kubectl(["cp", "web:/usr/share/nginx/html", join(k.dir, "html")]);
    expect(html).toEqual({ code: 0, stdout: "tar: Removing leading `/' from member names\n", stderr: "" });
    const files = tree(join(k.dir, "html"));
    expect(Object.keys(files)).toEqual(["50x.html", "index.html"]);
    const index = await kubectlBytes(k, ["exec", "web", "--", "cat", "/usr/share/nginx/html/index.html"]);
    expect(files["index.html"].equals(index.stdout)).toBe(true);
    expect(files["index.html"].toString()).toContain("Welcome to nginx!");
  });

  it("round-trips a directory of UTF-8 Chinese text and binary files", async () => {
    const src = join(k.dir, "bundle");
    mkdirSync(join(src, "sub", "deeper"), { recursive: true });
    mkdirSync(join(src, "empty"));
    writeFileSync(join(src, "中文.txt"), CHINESE);
    writeFileSync(join(src, "sub", "blob.bin"), BINARY);
    writeFileSync(join(src, "sub", "deeper", "run.sh"), "#!/bin/sh\necho hi\n", { mode: 0o755 });
    for (const pod of ["bb", "web"]) {
      expect(await k.kubectl(["cp", src, `${pod}:/data`])).toEqual({ code: 0, stdout: "", stderr: "" });
      // cat prints the copied UTF-8 file as text; the binary file keeps its size and every byte
      expect(await k.kubectl(["exec", pod, "--", "cat", "/data/中文.txt"])).toEqual({ code: 0, stdout: CHINESE, stderr: "" });
      expect((await k.kubectl(["exec", pod, "--", "wc", "-c", "/data/sub/blob.bin"])).stdout.trim()).toMatch(new RegExp(`^${BINARY.length} `));
      const blob = await kubectlBytes(k, ["exec", pod, "--", "cat", "/data/sub/blob.bin"]);
      expect(blob.stdout.equals(BINARY)).toBe(true);
      expect((await k.kubectl(["exec", pod, "--", "ls", "-l", "/data/sub/deeper/run.sh"])).stdout).toMatch(/^-rwxr-xr-x /);
      expect((await k.kubectl(["exec", pod, "--", "ls", "/data/empty"])).code).toBe(0);

      const back = join(k.dir, `back-${pod}`);
      expect((await k.kubectl(["cp", `${pod}:/data`, back])).code).toBe(0);
      const got = tree(back);
      expect(Object.keys(got)).toEqual(["sub/blob.bin", "sub/deeper/run.sh", "中文.txt"]);
      expect(got["中文.txt"].equals(Buffer.from(CHINESE))).toBe(true);
      expect(got["sub/blob.bin"].equals(BINARY)).toBe(true);
      expect(statSync(join(back, "empty")).isDirectory()).toBe(true);
    }
  });

  it("passes binary stdin and stdout through kubectl exec -i", async () => {
    const echoed = await kubectlBytes(k, ["exec", "-i", "bb", "--", "cat"], BINARY);
    expect(echoed.code).toBe(0);
    expect(echoed.stdout.equals(BINARY)).toBe(true);
    const counted = await kubectlBytes(k, ["exec", "-i", "web", "--", "wc", "-c"], BINARY);
    expect(counted.stdout.toString()).toBe(`${BINARY.length}\n`);
    // a tar stream made by hand, the way the course shows kubectl cp's insides
    const listed = await kubectlBytes(k, ["exec", "web", "--", "tar", "cf", "-", "-C", "/usr/share/nginx", "html"]);
    const extracted = await kubectlBytes(k, ["exec", "-i", "bb", "--", "tar", "xvf", "-", "-C", "/tmp"], listed.stdout);
    expect(extracted).toEqual({ code: 0, stdout: Buffer.from("html/\nhtml/50x.html\nhtml/index.html\n"), stderr: "" });
    const copied = await k.kubectl(["exec", "bb", "--", "cat", "/tmp/html/index.html"]);
    expect(copied.stdout).toContain("Welcome to nginx!");
    expect(copied.stdout).toBe((await k.kubectl(["exec", "web", "--", "cat", "/usr/share/nginx/html/index.html"])).stdout);
  });

  it("shows tar's errors for a missing path, and the runtime's when the image has no tar", async () => {
    // kubectl 1.31 stops at the archive's end without waiting for tar's exit code, so a missing
    // source exits 0 and only tar's complaints (on kubectl's stdout) tell (kubernetes/kubectl#980)
    const gnu = "tar: Removing leading `/' from member names\ntar: /nope: Cannot stat: No such file or directory\ntar: Exiting with failure status due to previous errors\n";
    const busybox = "tar: removing leading '/' from member names\ntar: /nope: No such file or directory\ntar: error exit delayed from previous errors\n";
    for (const [pod, said] of [["web", gnu], ["bb", busybox]]) {
      const r = await k.kubectl(["cp", `${pod}:/nope`, join(k.dir, "nope")]);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe("");
      // which of tar's lines kubectl prints before it exits is a race in kubectl itself
      expect(said.startsWith(r.stdout), r.stdout).toBe(true);
    }
    expect(await k.kubectl(["cp", join(k.dir, "hello.txt"), "web:/nodir/x.txt"])).toEqual({
      code: 2, stdout: "", stderr: "tar: /nodir: Cannot open: No such file or directory\ntar: Error is not recoverable: exiting now\ncommand terminated with exit code 2\n",
    });
    expect(await k.kubectl(["cp", join(k.dir, "hello.txt"), "bb:/nodir/x.txt"])).toEqual({
      code: 1, stdout: "", stderr: "tar: can't change directory to '/nodir': No such file or directory\ncommand terminated with exit code 1\n",
    });
    expect(await k.kubectl(["cp", join(k.dir, "missing.txt"), "bb:/tmp/"])).toEqual({ code: 1, stdout: "", stderr: `error: ${join(k.dir, "missing.txt")} doesn't exist in local filesystem\n` });

    // CoreDNS is built FROM scratch: no tar, so the runtime cannot start it
    for (const args of [["cp", join(k.dir, "hello.txt"), "dns:/tmp/x.txt"], ["cp", "dns:/etc/coredns/Corefile", join(k.dir, "Corefile")]]) {
      const r = await k.kubectl(args);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "tar": executable file not found in \$PATH: unknown\n$/);
    }
  });
});
