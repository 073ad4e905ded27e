import { describe, expect, it } from "vitest";
import {
  isValidPortName,
  isValidPortNum,
  nodePortRangeError,
  validateContainerPorts,
  validateNodePort,
  validatePortNumOrName,
  validateServicePorts,
} from "../../../src/api/validation/ports";

describe("isValidPortNum", () => {
  it.each([
    [1, []],
    [80, []],
    [65535, []],
    [0, ["must be between 1 and 65535, inclusive"]],
    [65536, ["must be between 1 and 65535, inclusive"]],
  ])("%d", (p, errs) => {
    expect(isValidPortNum(p)).toEqual(errs);
  });
});

describe("isValidPortName", () => {
  it.each([
    ["http", []],
    ["http-alt2", []],
    ["HTTP", ["must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)", "must contain at least one letter (a-z)"]],
    ["8080", ["must contain at least one letter (a-z)"]],
    ["a--b", ["must not contain consecutive hyphens"]],
    ["-web", ["must not begin or end with a hyphen"]],
    ["a-very-long-port-name", ["must be no more than 15 characters"]],
  ])("%j", (name, errs) => {
    expect(isValidPortName(name)).toEqual(errs);
  });
});

describe("container ports", () => {
  it("reports name, number and protocol problems", () => {
    expect(
      validateContainerPorts(
        [
          { name: "http", containerPort: 80, protocol: "TCP" },
          { name: "http", containerPort: 70000, protocol: "HTTP" },
          { containerPort: 0, protocol: "UDP" },
        ],
        "spec.containers[0].ports",
      ),
    ).toEqual([
      { reason: "FieldValueDuplicate", field: "spec.containers[0].ports[1].name", message: 'Duplicate value: "http"' },
      {
        reason: "FieldValueInvalid",
        field: "spec.containers[0].ports[1].containerPort",
        message: "Invalid value: 70000: must be between 1 and 65535, inclusive",
      },
      {
        reason: "FieldValueNotSupported",
        field: "spec.containers[0].ports[1].protocol",
        message: 'Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
      },
      { reason: "FieldValueRequired", field: "spec.containers[0].ports[2].containerPort", message: "Required value" },
    ]);
  });
});

describe("service ports", () => {
  it("accepts a single unnamed port", () => {
    expect(validateServicePorts([{ port: 80, protocol: "TCP", targetPort: 80 }])).toEqual([]);
  });
  it("requires names when there are several ports and checks targetPort", () => {
    expect(
      validateServicePorts([
        { name: "web", port: 80, protocol: "TCP", targetPort: "http" },
        { port: 443, protocol: "TCP", targetPort: "Bad" },
      ]),
    ).toEqual([
      { reason: "FieldValueRequired", field: "spec.ports[1].name", message: "Required value" },
      {
        reason: "FieldValueInvalid",
        field: "spec.ports[1].targetPort",
        message: 'Invalid value: "Bad": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
      },
    ]);
  });
  it("validates numeric target ports and node ports", () => {
    expect(validatePortNumOrName(0, "spec.ports[0].targetPort")[0].message).toBe(
      "Invalid value: 0: must be between 1 and 65535, inclusive",
    );
    expect(nodePortRangeError()).toBe("provided port is not in the valid range. The range of valid ports is 30000-32767");
    expect(validateNodePort(30080, "spec.ports[0].nodePort")).toEqual([]);
    expect(validateNodePort(80, "spec.ports[0].nodePort")[0].message).toBe(
      "Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767",
    );
  });
});
