// Public surface of the node simulation.
import "../shell/index";

export { stepPod, initialState } from "./step-pod";
export { execInPod, openExecSession, execSessionInput, attachInput, answerHttp, acceptsTcp } from "./exec";
export type { ExecEnvInput, ExecResult, SessionResult, ExecError } from "./exec";
export { readLogs } from "./logs";
export type { ReadLogsOptions, ReadLogsResult } from "./logs";
export { REALISTIC, FAST, profileByName } from "./profile";
export type { SimProfile } from "./profile";
export { qosClass } from "./qos";
export type { PodSimState, NodeImages, NodeInfo, SimEvent, StepInput, StepResult, ContainerSim } from "./types";
export type { ShellSession } from "./session";
