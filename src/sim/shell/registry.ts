// Programs by implementation name. Executables in image filesystems name their
// implementation (`#!sim:<name>`), so other modules (the network simulation) add
// programs like curl or nslookup by registering them here.
import type { CommandImpl } from "./types";

const registry = new Map<string, CommandImpl>();

export function registerCommand(name: string, impl: CommandImpl): void {
  registry.set(name, impl);
}

export function getCommand(name: string): CommandImpl | undefined {
  return registry.get(name);
}

/** Commands the shell runs without looking in PATH. */
export const SHELL_BUILTIN_PROGRAMS = new Set(["echo", "printf", "test", "[", "true", "false", "pwd", "kill", ":"]);
