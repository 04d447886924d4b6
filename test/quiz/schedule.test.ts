/** Local dates and post times across time zones and daylight-saving changes. */
import { describe, expect, it } from "vitest";
import {
  closeInstant,
  isDue,
  isValidTimezone,
  localDate,
  nextLocalDate,
  periodStart,
  postInstant,
} from "../../src/quiz/schedule.ts";

const at = (iso: string) => new Date(iso);

describe("localDate", () => {
  it("is the calendar day in the guild's zone, not in UTC", () => {
    const instant = at("2026-01-15T23:30:00Z");
    expect(localDate(instant, "UTC")).toBe("2026-01-15");
    expect(localDate(instant, "Asia/Kolkata")).toBe("2026-01-16"); // 05:00 next day
    expect(localDate(instant, "America/New_York")).toBe("2026-01-15"); // 18:30
    expect(localDate(at("2026-01-15T11:30:00Z"), "Pacific/Auckland")).toBe("2026-01-16"); // 00:30, NZDT +13
  });
});

describe("nextLocalDate", () => {
  it("crosses months and leap days", () => {
    expect(nextLocalDate("2028-02-28")).toBe("2028-02-29");
    expect(nextLocalDate("2026-12-31")).toBe("2027-01-01");
  });
});

describe("postInstant", () => {
  it("reads the time in the guild's zone", () => {
    expect(postInstant("2026-01-15", { time: "08:30", timezone: "America/New_York" }).toISOString()).toBe(
      "2026-01-15T13:30:00.000Z",
    );
    expect(postInstant("2026-07-15", { time: "08:30", timezone: "America/New_York" }).toISOString()).toBe(
      "2026-07-15T12:30:00.000Z",
    );
    expect(postInstant("2026-01-15", { time: "08:30", timezone: "Asia/Kolkata" }).toISOString()).toBe(
      "2026-01-15T03:00:00.000Z",
    );
    // Auckland is +13 in January (summer): 08:30 local is the previous day in UTC.
    expect(postInstant("2026-01-15", { time: "08:30", timezone: "Pacific/Auckland" }).toISOString()).toBe(
      "2026-01-14T19:30:00.000Z",
    );
    expect(postInstant("2026-07-15", { time: "08:30", timezone: "Pacific/Auckland" }).toISOString()).toBe(
      "2026-07-14T20:30:00.000Z",
    );
  });

  it("stays at local 08:30 across Berlin's daylight-saving changes", () => {
    const berlin = { time: "08:30", timezone: "Europe/Berlin" };
    expect(postInstant("2026-03-28", berlin).toISOString()).toBe("2026-03-28T07:30:00.000Z"); // CET +1
    expect(postInstant("2026-03-29", berlin).toISOString()).toBe("2026-03-29T06:30:00.000Z"); // CEST +2
    expect(postInstant("2026-10-24", berlin).toISOString()).toBe("2026-10-24T06:30:00.000Z"); // CEST +2
    expect(postInstant("2026-10-25", berlin).toISOString()).toBe("2026-10-25T07:30:00.000Z"); // CET +1
  });

  it("posts a time skipped by spring-forward at the first instant after the gap", () => {
    // Berlin 2026-03-29: 02:00 CET jumps to 03:00 CEST (01:00 UTC); 02:30 does not exist.
    expect(postInstant("2026-03-29", { time: "02:30", timezone: "Europe/Berlin" }).toISOString()).toBe(
      "2026-03-29T01:00:00.000Z",
    );
    expect(postInstant("2026-03-29", { time: "02:00", timezone: "Europe/Berlin" }).toISOString()).toBe(
      "2026-03-29T01:00:00.000Z",
    );
    expect(postInstant("2026-03-29", { time: "03:00", timezone: "Europe/Berlin" }).toISOString()).toBe(
      "2026-03-29T01:00:00.000Z",
    );
    // New York 2026-03-08: 02:00 EST jumps to 03:00 EDT (07:00 UTC).
    expect(postInstant("2026-03-08", { time: "02:15", timezone: "America/New_York" }).toISOString()).toBe(
      "2026-03-08T07:00:00.000Z",
    );
  });

  it("posts a time repeated by fall-back at its first occurrence", () => {
    // Berlin 2026-10-25: 02:30 happens at 00:30 UTC (CEST) and again at 01:30 UTC (CET).
    expect(postInstant("2026-10-25", { time: "02:30", timezone: "Europe/Berlin" }).toISOString()).toBe(
      "2026-10-25T00:30:00.000Z",
    );
  });
});

describe("isDue", () => {
  const berlin = { time: "08:30", timezone: "Europe/Berlin" };

  it("is not due before today's post time", () => {
    expect(isDue(berlin, at("2026-03-29T06:29:59Z"), "2026-03-28")).toBe(false);
  });

  it("is due from the post time on, when there is no round today", () => {
    expect(isDue(berlin, at("2026-03-29T06:30:00Z"), "2026-03-28")).toBe(true);
    expect(isDue(berlin, at("2026-03-29T06:30:00Z"), null)).toBe(true);
  });

  it("stays due later the same day, so a post missed while the bot was down still goes out", () => {
    expect(isDue(berlin, at("2026-03-29T20:00:00Z"), "2026-03-27")).toBe(true);
  });

  it("is not due once today has a round", () => {
    expect(isDue(berlin, at("2026-03-29T20:00:00Z"), "2026-03-29")).toBe(false);
  });

  it("does not post yesterday's missed question the next morning before the post time", () => {
    expect(isDue(berlin, at("2026-03-30T05:00:00Z"), "2026-03-28")).toBe(false);
  });

  it("treats a round dated after today (the zone moved west) as already posted", () => {
    expect(isDue({ time: "08:30", timezone: "America/New_York" }, at("2026-03-29T22:00:00Z"), "2026-03-30")).toBe(
      false,
    );
  });

  it("uses the guild's day, not UTC's", () => {
    // 2026-01-15 22:00 UTC is already 03:30 on the 16th in Kolkata, before the 08:30 post.
    expect(isDue({ time: "08:30", timezone: "Asia/Kolkata" }, at("2026-01-15T22:00:00Z"), "2026-01-15")).toBe(false);
    // 03:00 UTC on the 16th is 08:30 there.
    expect(isDue({ time: "08:30", timezone: "Asia/Kolkata" }, at("2026-01-16T03:00:00Z"), "2026-01-15")).toBe(true);
  });
});

describe("closeInstant", () => {
  const berlin = { time: "08:30", timezone: "Europe/Berlin" };
  const round = { localDate: "2026-03-28", createdAt: "2026-03-28T07:30:00.000Z" };

  it("closes at the next day's post, across a daylight-saving change", () => {
    expect(closeInstant(round, berlin).toISOString()).toBe("2026-03-29T06:30:00.000Z");
  });

  it("closes at closeHour on the same day when that is after the post", () => {
    expect(closeInstant(round, { ...berlin, closeHour: 20 }).toISOString()).toBe("2026-03-28T19:00:00.000Z");
  });

  it("ignores a closeHour that comes before the round opened", () => {
    expect(closeInstant(round, { ...berlin, closeHour: 8 }).toISOString()).toBe("2026-03-29T06:30:00.000Z");
    const late = { localDate: "2026-03-28", createdAt: "2026-03-28T19:30:00.000Z" }; // posted late, 20:30 local
    expect(closeInstant(late, { ...berlin, closeHour: 20 }).toISOString()).toBe("2026-03-29T06:30:00.000Z");
  });
});

describe("isValidTimezone", () => {
  it("accepts IANA names and refuses the rest", () => {
    expect(isValidTimezone("Pacific/Auckland")).toBe(true);
    expect(isValidTimezone("UTC")).toBe(true);
    expect(isValidTimezone("Mars/Olympus_Mons")).toBe(false);
    expect(isValidTimezone("+05:30")).toBe(false);
    expect(isValidTimezone("")).toBe(false);
  });
});

describe("periodStart", () => {
  it("starts a week on the guild's day, the day itself included, and a month on the 1st", () => {
    // 2026-03-09 is a Monday.
    expect(periodStart("week", "2026-03-09", "monday")).toBe("2026-03-09");
    expect(periodStart("week", "2026-03-08", "monday")).toBe("2026-03-02");
    expect(periodStart("week", "2026-03-08", "sunday")).toBe("2026-03-08");
    expect(periodStart("week", "2026-03-07", "sunday")).toBe("2026-03-01");
    expect(periodStart("week", "2026-03-03", "saturday")).toBe("2026-02-28");
    expect(periodStart("month", "2026-03-31", "monday")).toBe("2026-03-01");
    expect(periodStart("all", "2026-03-31", "monday")).toBeNull();
  });
});
