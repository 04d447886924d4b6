/**
 * Time-zone suggestions for `/config quiz set timezone:`: the zones a lab is likely to be in first, then
 * every zone the runtime knows whose name contains what was typed ("berl" → Europe/Berlin, "new y" →
 * America/New_York).
 */
import { isValidTimezone } from "../quiz/index.ts";
import type { Choice } from "./interaction.ts";

/** Offered first, and alone when nothing has been typed yet; Discord shows at most 25 choices. */
const COMMON_ZONES = [
  "UTC",
  "Europe/London",
  "Europe/Berlin",
  "Europe/Paris",
  "Europe/Madrid",
  "Europe/Rome",
  "Europe/Amsterdam",
  "Europe/Zurich",
  "Europe/Stockholm",
  "Europe/Warsaw",
  "Europe/Athens",
  "America/New_York",
  "America/Chicago",
  "America/Denver",
  "America/Los_Angeles",
  "America/Toronto",
  "America/Sao_Paulo",
  "Asia/Kolkata",
  "Asia/Shanghai",
  "Asia/Singapore",
  "Asia/Tokyo",
  "Asia/Seoul",
  "Australia/Sydney",
  "Pacific/Auckland",
  "Africa/Johannesburg",
];

/** Zones matching `typed`, common ones first; the router trims the list to Discord's 25. */
export function suggestTimezones(typed: string): Choice[] {
  const needle = typed.trim().toLowerCase().replace(/\s+/g, "_");
  // The runtime's own list may spell a zone differently (Asia/Calcutta); either spelling is accepted when set.
  const known = [...new Set([...COMMON_ZONES.filter(isValidTimezone), ...Intl.supportedValuesOf("timeZone")])];
  const matches = needle
    ? known.filter((zone) => zone.toLowerCase().includes(needle))
    : known.slice(0, COMMON_ZONES.length);
  return matches.map((zone) => ({ name: zone.replace(/_/g, " "), value: zone }));
}
