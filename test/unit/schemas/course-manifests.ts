/// <reference types="node" />
// Pulls the Kubernetes manifests out of the course text: fenced blocks that mix shell prompts,
// `cat <<EOF` heredocs and YAML, with prose sometimes trailing the YAML.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
export const SEED_FILE = path.resolve(repoRoot, "../shared/seed/000_d3eeb575167a4762.txt");
/** the manifests extracted once from the course (CI machines have no copy of the course itself) */
export const FIXTURE_FILE = path.resolve(repoRoot, "test/fixtures/course-manifests.json");

export interface CourseManifest {
  /** line of the seed file where the YAML starts, for failure messages */
  line: number;
  object: Record<string, unknown>;
}

const FENCE = /^(~{3,}|`{3,})[^\n]*\n([\s\S]*?)^(?:~{3,}|`{3,})\s*$/gm;
const SEPARATOR = /^\s*\[root@.*$|^\s*EOF\s*$|^.*<<\s*["']?EOF["']?.*$/m;

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split("\n").length;
}

export function committedCourseManifests(): CourseManifest[] {
  return JSON.parse(fs.readFileSync(FIXTURE_FILE, "utf8")) as CourseManifest[];
}

export function courseManifests(text = fs.readFileSync(SEED_FILE, "utf8")): CourseManifest[] {
  const out: CourseManifest[] = [];
  for (const fence of text.matchAll(FENCE)) {
    const body = fence[2];
    const bodyStart = lineOf(text, (fence.index ?? 0)) + 1;
    let offset = 0;
    for (const chunk of body.split(SEPARATOR)) {
      const lines = chunk.split("\n");
      const start = lines.findIndex((l) => /^(apiVersion|kind):/.test(l));
      const chunkLine = bodyStart + body.slice(0, body.indexOf(chunk, offset)).split("\n").length - 1;
      offset = Math.max(offset, body.indexOf(chunk, offset));
      if (start < 0) continue;
      // YAML ends where unindented prose begins
      const rest = lines.slice(start);
      const end = rest.findIndex((l) => l.trim() !== "" && !/^(\s|#|-|[A-Za-z]+:)/.test(l));
      const yamlText = (end < 0 ? rest : rest.slice(0, end)).join("\n");
      for (const doc of parseAllDocuments(yamlText)) {
        if (!("errors" in doc) || doc.errors.length > 0) continue; // not YAML: the course's annotated templates
        const value: unknown = doc.toJS();
        if (typeof value !== "object" || value === null || Array.isArray(value)) continue;
        const object = value as Record<string, unknown>;
        if (typeof object.apiVersion !== "string" || typeof object.kind !== "string") continue;
        out.push({ line: chunkLine + start, object });
      }
    }
  }
  return out;
}
