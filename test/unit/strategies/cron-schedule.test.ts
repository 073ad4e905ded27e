import { describe, expect, it } from "vitest";
import { cronScheduleError } from "../../../src/api/cron/parse";

describe("cron schedule validation", () => {
  it.each(["*/1 * * * *", "0 0 * * *", "0 9-17/2 * * mon-fri", "15 3 1,15 jan,jul *", "@hourly", "@every 1h30m", "? * * * ?"])("accepts %s", (s) => {
    expect(cronScheduleError(s)).toBeNull();
  });

  it.each([
    ["bad", "expected exactly 5 fields, found 1: [bad]"],
    ["* * * *", "expected exactly 5 fields, found 4: [* * * *]"],
    ["60 * * * *", "end of range (60) above maximum (59): 60"],
    ["* * 0 * *", "beginning of range (0) below minimum (1): 0"],
    ["5-1 * * * *", "beginning of range (5) beyond end of range (1): 5-1"],
    ["*/0 * * * *", "step of range should be a positive number: */0"],
    ["x * * * *", 'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax'],
    ["@fortnightly", "unrecognized descriptor: @fortnightly"],
  ])("rejects %s", (s, message) => {
    expect(cronScheduleError(s)).toBe(message);
  });
});
