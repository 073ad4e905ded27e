// Shell syntax tree. Plain JSON so a running script (its tree and its position in it) can be stored.

export type WordPart =
  | { t: "lit"; v: string; q: boolean }
  | { t: "var"; name: string; q: boolean; op?: ":-" | "-" | ":=" | ":+"; arg?: Word }
  | { t: "cmd"; src: string; q: boolean }
  | { t: "arith"; src: string; q: boolean };

export type Word = WordPart[];

export interface Redir {
  fd: number;
  op: ">" | ">>" | "<" | ">&" | "<&" | "&>";
  target: Word;
}

export type ShNode =
  | { k: "list"; items: ListItem[] }
  | { k: "pipe"; bang: boolean; cmds: ShNode[] }
  | { k: "cmd"; assigns: Array<{ name: string; value: Word }>; words: Word[]; redirs: Redir[] }
  | { k: "group"; body: ShNode; subshell: boolean; redirs: Redir[] }
  | { k: "if"; clauses: Array<{ cond: ShNode; body: ShNode }>; otherwise?: ShNode; redirs: Redir[] }
  | { k: "while"; until: boolean; cond: ShNode; body: ShNode; redirs: Redir[] }
  | { k: "for"; name: string; items: Word[] | null; body: ShNode; redirs: Redir[] };

export interface ListItem {
  /** how this item joins the previous one */
  op: ";" | "&&" | "||";
  background?: boolean;
  node: ShNode;
}
