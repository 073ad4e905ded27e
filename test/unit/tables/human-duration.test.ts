import { describe, expect, it } from "vitest";
import { humanDuration, shortHumanDuration, since } from "../../../src/api/tables/human-duration";

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;
const Y = 365 * D;

describe("humanDuration", () => {
  it.each([
    [S, "1s"],
    [45 * S, "45s"],
    [70 * S, "70s"],
    [2 * M - 1, "119s"],
    [2 * M, "2m"],
    [2 * M + 30 * S, "2m30s"],
    [190 * S, "3m10s"],
    [10 * M - 1, "9m59s"],
    [10 * M + S, "10m"],
    [15 * M, "15m"],
    [70 * M, "70m"],
    [3 * H - 1, "179m"],
    [3 * H, "3h"],
    [3 * H + 20 * M, "3h20m"],
    [8 * H - 1, "7h59m"],
    [8 * H + 59 * M, "8h"],
    [47 * H, "47h"],
    [2 * D, "2d"],
    [49 * H, "2d1h"],
    [3 * D + 4 * H, "3d4h"],
    [8 * D - 1, "7d23h"],
    [8 * D + 23 * H, "8d"],
    [120 * D, "120d"],
    [367 * D, "367d"],
    [2 * Y - 1, "729d"],
    [2 * Y, "2y"],
    [2 * Y + D, "2y1d"],
    [8 * Y - 1, "7y364d"],
    [8 * Y + 364 * D, "8y"],
    [9 * Y, "9y"],
  ])("%d ms -> %s", (ms, want) => {
    expect(humanDuration(ms)).toBe(want);
  });

  it("tolerates up to two seconds of clock skew", () => {
    expect(humanDuration(0)).toBe("0s");
    expect(humanDuration(999)).toBe("0s");
    expect(humanDuration(-1999)).toBe("0s");
    expect(humanDuration(-2000)).toBe("<invalid>");
    expect(humanDuration(-5 * M)).toBe("<invalid>");
  });
});

describe("shortHumanDuration", () => {
  it.each([
    [-2 * S, "<invalid>"],
    [-1999, "0s"],
    [S - 1, "0s"],
    [2 * S - 1, "1s"],
    [M - 1, "59s"],
    [M, "1m"],
    [H - 1, "59m"],
    [H, "1h"],
    [D - 1, "23h"],
    [D, "1d"],
    [Y - 1, "364d"],
    [Y, "1y"],
    [2 * Y, "2y"],
  ])("%d ms -> %s", (ms, want) => {
    expect(shortHumanDuration(ms)).toBe(want);
  });
});

describe("since", () => {
  const now = Date.parse("2026-01-15T12:00:00Z");
  it("reads RFC 3339 and MicroTime strings", () => {
    expect(since("2026-01-15T11:59:15Z", now)).toBe("45s");
    expect(since("2026-01-15T11:57:30.388000Z", now)).toBe("2m29s");
  });
  it("prints <unknown> for a missing timestamp", () => {
    expect(since(undefined, now)).toBe("<unknown>");
    expect(since("", now)).toBe("<unknown>");
  });
});
