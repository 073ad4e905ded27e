// Loads every built-in program into the registry.
import "./interp";
import "./commands/files";
import "./commands/text";
import "./commands/system";
import "./commands/http-clients";
import "./commands/net-dns";
import "./commands/net-ping";
import "./commands/net-nc";
import "./commands/net-ip";
import "./commands/net-ifconfig";
import "./commands/net-stat";
import "./commands/more-text";
import "./commands/tar";
import "../processes/nginx";
import "../processes/stress";
import "../processes/perl";
import "../processes/mysql";
import "../processes/generic";
import "../processes/coredns";
import "../processes/kube-proxy";
import "../node/host-commands";
import "../node/crictl";
import "../node/systemctl";

export { registerCommand, getCommand } from "./registry";
export type { CommandImpl, CmdContext, CmdOutcome, SystemHooks, NetworkApi, HttpAnswer, ProcState } from "./types";
export { parseScript } from "./parse";
