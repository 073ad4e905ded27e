// `iptables -S` and `iptables -L` computed from the iptables-save text kube-proxy's tables render to:
// the same rules, in the two other shapes iptables prints them.

export interface SavedChain {
  name: string;
  /** "ACCEPT" for built-in chains, undefined for user chains */
  policy?: string;
  rules: string[][];
}

/** one table of iptables-save text; undefined when the table is not in it */
export function parseSaveTable(text: string, table: string): SavedChain[] | undefined {
  const chains: SavedChain[] = [];
  const byName = new Map<string, SavedChain>();
  let inside = false;
  let found = false;
  for (const line of text.split("\n")) {
    if (line.startsWith("*")) {
      inside = line.slice(1) === table;
      found ||= inside;
      continue;
    }
    if (!inside) continue;
    if (line === "COMMIT") {
      inside = false;
      continue;
    }
    if (line.startsWith(":")) {
      const [name, policy] = line.slice(1).split(" ");
      const chain: SavedChain = { name, policy: policy === "-" ? undefined : policy, rules: [] };
      chains.push(chain);
      byName.set(name, chain);
    } else if (line.startsWith("-A ")) {
      const words = splitWords(line);
      byName.get(words[1])?.rules.push(words.slice(2));
    }
  }
  return found ? chains : undefined;
}

/** shell-like words: a double-quoted comment stays one word (without its quotes) */
export function splitWords(line: string): string[] {
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|(\S+)/g;
  for (let m = re.exec(line); m; m = re.exec(line)) out.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, "$1") : m[2]);
  return out;
}

const quote = (w: string): string => (/[\s"]/.test(w) || w === "" ? `"${w.replace(/(["\\])/g, "\\$1")}"` : w);

/** `iptables -t <table> -S [chain]` */
export function renderSpec(chains: SavedChain[], only?: string): string {
  const lines: string[] = [];
  for (const c of chains) if (c.policy && (!only || c.name === only)) lines.push(`-P ${c.name} ${c.policy}`);
  for (const c of chains) if (!c.policy && (!only || c.name === only)) lines.push(`-N ${c.name}`);
  for (const c of chains) {
    if (only && c.name !== only) continue;
    for (const r of c.rules) lines.push(`-A ${c.name} ${r.map(quote).join(" ")}`);
  }
  return lines.length ? `${lines.join("\n")}\n` : "";
}

const PORT_NAMES: Record<string, string> = { "22": "ssh", "53": "domain", "80": "http", "443": "https", "6443": "sun-sr-https" };

interface Listed {
  target: string;
  proto: string;
  protoNegated: boolean;
  source: string;
  sourceNegated: boolean;
  destination: string;
  destinationNegated: boolean;
  extras: string[];
}

function address(a: string, numeric: boolean): string {
  const plain = a.endsWith("/32") ? a.slice(0, -3) : a;
  if (!numeric && plain === "0.0.0.0/0") return "anywhere";
  return plain;
}

/** one rule of iptables-save, as `iptables -L` describes it (each match prints itself after a space) */
function listRule(words: string[], numeric: boolean): Listed {
  const r: Listed = { target: "", proto: "all", protoNegated: false, source: "0.0.0.0/0", sourceNegated: false, destination: "0.0.0.0/0", destinationNegated: false, extras: [] };
  const port = (p: string): string => (numeric ? p : PORT_NAMES[p] ?? p);
  let negate = false;
  let module = "";
  const recent: string[] = [];
  let recentName = "DEFAULT";
  let recentSide = "source";
  let recentMask = "255.255.255.255";
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const next = (): string => words[++i] ?? "";
    if (w === "!") { negate = true; continue; }
    switch (w) {
      case "-s": r.source = next(); r.sourceNegated = negate; break;
      case "-d": r.destination = next(); r.destinationNegated = negate; break;
      case "-p": r.proto = next(); r.protoNegated = negate; break;
      case "-m": module = next(); break;
      case "--comment": r.extras.push(`/* ${next()} */`); break;
      case "--dport": r.extras.push(`${module} dpt:${negate ? "!" : ""}${port(next())}`); break;
      case "--sport": r.extras.push(`${module} spt:${negate ? "!" : ""}${port(next())}`); break;
      case "--mode": r.extras.push(`statistic mode ${next()}`); break;
      case "--probability": r.extras.push(`probability ${next()}`); break;
      case "--mark": r.extras.push(`mark match ${negate ? "! " : ""}${next()}`); break;
      case "--dst-type": r.extras.push(`ADDRTYPE match dst-type ${negate ? "!" : ""}${next()}`); break;
      case "--src-type": r.extras.push(`ADDRTYPE match src-type ${negate ? "!" : ""}${next()}`); break;
      case "--match-set": r.extras.push(`match-set ${negate ? "! " : ""}${next()} ${next()}`); break;
      case "--ctstate": r.extras.push(`ctstate ${negate ? "! " : ""}${next()}`); break;
      case "--set": recent.push("SET"); break;
      case "--rcheck": recent.push("CHECK"); break;
      case "--seconds": recent.push(`seconds: ${next()}`); break;
      case "--reap": recent.push("reap"); break;
      case "--name": recentName = next(); break;
      case "--mask": recentMask = next(); break;
      case "--rsource": recentSide = "source"; break;
      case "--rdest": recentSide = "dest"; break;
      case "-j": r.target = next(); break;
      case "--to-destination": r.extras.push(`${r.proto === "all" ? "" : `${r.proto} `}to:${next()}`); break;
      case "--set-xmark": {
        const [value, mask] = next().split("/");
        r.extras.push(value === mask ? `MARK or ${value}` : `MARK xset ${value}/${mask}`);
        break;
      }
      case "--xor-mark": r.extras.push(`MARK xor ${next()}`); break;
      case "--random-fully": r.extras.push("random-fully"); break;
      default: break;
    }
    negate = false;
  }
  if (recent.length) r.extras.push(`recent: ${recent.join(" ")} name: ${recentName} side: ${recentSide} mask: ${recentMask}`);
  r.source = address(r.source, numeric);
  r.destination = address(r.destination, numeric);
  return r;
}

function pad(s: string, width: number): string {
  return s.length >= width ? s : s + " ".repeat(width - s.length);
}

/** `iptables -t <table> -L [chain] [-n] [--line-numbers]` */
export function renderList(chains: SavedChain[], opts: { chain?: string; numeric: boolean; lineNumbers: boolean }): string {
  const references = new Map<string, number>();
  for (const c of chains) for (const r of c.rules) {
    const j = r.indexOf("-j");
    if (j >= 0) references.set(r[j + 1], (references.get(r[j + 1]) ?? 0) + 1);
  }
  const blocks: string[] = [];
  for (const c of chains) {
    if (opts.chain && c.name !== opts.chain) continue;
    const head = c.policy ? `Chain ${c.name} (policy ${c.policy})` : `Chain ${c.name} (${references.get(c.name) ?? 0} references)`;
    const lines = [head, `${opts.lineNumbers ? "num  " : ""}target     prot opt source               destination         `];
    c.rules.forEach((words, i) => {
      const r = listRule(words, opts.numeric);
      const row = `${opts.lineNumbers ? pad(String(i + 1), 4) + " " : ""}${pad(r.target, 9)} ${r.protoNegated ? "!" : " "}${pad(r.proto, 5)}-- ${r.sourceNegated ? "!" : " "}${pad(r.source, 19)} ${r.destinationNegated ? "!" : " "}${pad(r.destination, 19)} ${r.extras.map((e) => ` ${e}`).join("")}`;
      lines.push(row);
    });
    blocks.push(lines.join("\n"));
  }
  return blocks.length ? `${blocks.join("\n\n")}\n` : "";
}
