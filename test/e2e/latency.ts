/**
 * Measures INTERACTION_CREATE → interaction-callback latency against the fake Discord: the time from the
 * fake dispatching a slash command to the bot's reply callback reaching the fake's REST server. For the
 * benchmark; the end-to-end test uses it once so it cannot rot.
 */
import type { FakeDiscord, SlashCommandSpec } from "./fake-discord.ts";

/** One latency per run, in milliseconds (the fake's clock is `Date.now()`, so ~1 ms resolution). */
export async function measureInteractionLatency(
  fake: FakeDiscord,
  spec: SlashCommandSpec,
  runs: number,
): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < runs; i++) {
    const since = fake.mark();
    const sentAt = Date.now();
    const handle = fake.sendSlashCommand(spec);
    const callback = await fake.waitForInteractionCallback(handle, { since, timeoutMs: 10_000 });
    latencies.push(callback.at - sentAt);
  }
  return latencies;
}
