/** Model request settings through the real openai client against a loopback server: the token cap every model takes, temperature only where the model takes it. */
import { describe, expect, it } from "vitest";
import { unsupportedParameter } from "../support/fake-openai.ts";
import { answererOn, sources, useFakeOpenAI } from "../support/model.ts";

const fake = useFakeOpenAI();
const good = { content: "Linsitinib blocks IGF-1R and IR [74]." };
const question = { question: "What does linsitinib inhibit?", sources };

describe("request settings by model family", () => {
  it("send a chat model max_completion_tokens and temperature 0, never max_tokens", async () => {
    const { model } = answererOn(fake.client, { model: "gpt-4o-mini" });
    fake.server.enqueue(good);

    expect(await model.answer(question)).toMatchObject({ ok: true });
    const body = fake.server.requests[0]!.body;
    expect(body).toMatchObject({ model: "gpt-4o-mini", max_completion_tokens: 300, temperature: 0 });
    expect(body).not.toHaveProperty("max_tokens");
    expect(body).not.toHaveProperty("reasoning_effort");
  });

  it.each(["o3-mini", "o1", "o4-mini", "gpt-5", "gpt-5-mini", "gpt-5.1", "openai/gpt-5-nano"])(
    "leave temperature out for the reasoning model %s, with room to think at low effort",
    async (name) => {
      const { model } = answererOn(fake.client, { model: name });
      fake.server.enqueue(good);

      expect(await model.answer(question)).toMatchObject({ ok: true });
      const body = fake.server.requests[0]!.body;
      expect(body).toMatchObject({ model: name, max_completion_tokens: 2300, reasoning_effort: "low" });
      expect(body).not.toHaveProperty("temperature");
      expect(body).not.toHaveProperty("max_tokens");
    },
  );
});

describe("a server that refuses a field", () => {
  it("gets the request once more without temperature, and never again", async () => {
    const { model, lines } = answererOn(fake.client, { model: "custom-reasoner" });
    fake.server.setHandler((body) => ("temperature" in body ? unsupportedParameter("temperature") : good));

    expect(await model.answer(question)).toMatchObject({ ok: true, citations: [74] });
    expect(fake.server.requests.map((r) => "temperature" in r.body)).toEqual([true, false]);
    expect(lines.some((l) => l.field === "temperature" && l.level === 40)).toBe(true);

    // The same answerer remembers: one request, no temperature.
    expect(await model.answer(question)).toMatchObject({ ok: true });
    expect(fake.server.requests).toHaveLength(3);
    expect(fake.server.requests[2]!.body).not.toHaveProperty("temperature");
  });

  it("drops reasoning_effort the same way when the value is refused", async () => {
    const { model } = answererOn(fake.client, { model: "o1-mini" });
    fake.server.enqueue(unsupportedParameter("reasoning_effort", "unsupported_value"), good);

    expect(await model.answer(question)).toMatchObject({ ok: true });
    expect(fake.server.requests).toHaveLength(2);
    expect(fake.server.requests[0]!.body).toHaveProperty("reasoning_effort", "low");
    expect(fake.server.requests[1]!.body).not.toHaveProperty("reasoning_effort");
    expect(fake.server.requests[1]!.body).not.toHaveProperty("temperature");
  });

  it("is not asked again when it refuses temperature twice, or refuses a field we need", async () => {
    const { model } = answererOn(fake.client, { model: "gpt-4o-mini" });
    fake.server.enqueue(unsupportedParameter("temperature"), unsupportedParameter("temperature"));
    expect(await model.answer(question)).toEqual({ ok: false, reason: "error" });
    expect(fake.server.requests).toHaveLength(2);

    fake.server.requests.length = 0;
    fake.server.enqueue(unsupportedParameter("max_completion_tokens"));
    expect(await model.answer(question)).toEqual({ ok: false, reason: "error" });
    expect(fake.server.requests).toHaveLength(1);
  });

  it("gets the repeat within the same timeout", async () => {
    const { model } = answererOn(fake.client, { model: "gpt-4o-mini", timeoutMs: 800 });
    fake.server.enqueue(unsupportedParameter("temperature"), { ...good, delayMs: 3000 });

    expect(await model.answer(question)).toEqual({ ok: false, reason: "timeout" });
    expect(fake.server.requests).toHaveLength(2);
  });
});
