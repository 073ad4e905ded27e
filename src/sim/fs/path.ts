export function normalizePath(p: string, cwd = "/"): string {
  const abs = p.startsWith("/") ? p : `${cwd.replace(/\/$/, "")}/${p}`;
  const out: string[] = [];
  for (const seg of abs.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") out.pop();
    else out.push(seg);
  }
  return "/" + out.join("/");
}

export function dirname(p: string): string {
  const i = p.lastIndexOf("/");
  return i <= 0 ? "/" : p.slice(0, i);
}

export function basename(p: string): string {
  if (p === "/") return "/";
  return p.slice(p.lastIndexOf("/") + 1);
}

export function isUnder(path: string, dir: string): boolean {
  return dir === "/" || path === dir || path.startsWith(dir + "/");
}
