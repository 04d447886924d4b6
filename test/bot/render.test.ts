/** Renderers: answers, drug cards and the rest become payloads within limits, with no pings and every [n] carried by a source shown. */
import { describe, expect, it } from "vitest";
import type { Answer } from "../../src/answer/answer.ts";
import { renderAnswer } from "../../src/bot/render/answer.ts";
import { attribution } from "../../src/bot/render/common.ts";
import { replyToText } from "../../src/bot/render/console-text.ts";
import { renderDrug } from "../../src/bot/render/drug.ts";
import { renderGlossary } from "../../src/bot/render/glossary.ts";
import { renderHits, renderSources } from "../../src/bot/render/hits.ts";
import { renderReference } from "../../src/bot/render/reference.ts";
import { renderSectionPage, sectionPages } from "../../src/bot/render/section.ts";
import { renderTrials } from "../../src/bot/render/trials.ts";
import { isUserError } from "../../src/errors.ts";
import { drugView } from "../../src/lookup/drug.ts";
import { findSection } from "../../src/lookup/section.ts";
import { LIVE_MENTION, limitViolations, replyText, testCore } from "./helpers.ts";

const core = testCore();
const { knowledge } = core;

describe("renderAnswer", () => {
  it("renders a real answer with its sources, the references it cites, attribution and buttons", async () => {
    const answer = await core.ask("How does IGFBP7 inhibit apoptosis?");
    const references = answer.citations.map((n) => core.ref(n));
    const reply = renderAnswer(knowledge, { answer, answerId: "a1", references });
    expect(limitViolations(reply)).toEqual([]);
    const embed = reply.embeds![0]!;
    expect(embed.description).toBe(answer.answer);
    expect(embed.footer?.text).toContain("Peng & Tan 2023, CC BY 4.0");
    const refField = embed.fields!.find((f) => f.name === "References")!;
    for (const n of answer.citations) expect(refField.value).toContain(`[${n}]`);
    expect(reply.buttons![0]!.map((b) => ("customId" in b ? b.customId : b.url))).toEqual([
      "feedback:up:a1",
      "feedback:down:a1",
      "sources:a1",
    ]);
  });

  it("keeps a very long answer with many sources and references within Discord's limits", () => {
    const hit = core.search("IGF-1R EGFR resistance", { k: 1 })[0]!;
    const answer: Answer = {
      question: "q ".repeat(400),
      answer: "A long sentence about IGF-1R and resistance [42]. ".repeat(200),
      grounded: true,
      citations: [42],
      sources: Array.from({ length: 12 }, () => ({ ...hit, text: "x ".repeat(2000) })),
      mode: "extractive",
    };
    const references = Array.from({ length: 40 }, (_, i) => core.ref(i + 1));
    const reply = renderAnswer(knowledge, { answer, answerId: "a2", references });
    expect(limitViolations(reply)).toEqual([]);
    expect(reply.embeds![0]!.description!.endsWith("…")).toBe(true);
  });

  it("neutralizes mentions in the echoed question and the answer", () => {
    const answer: Answer = {
      question: "@everyone look <@123456789012345678> and @here",
      answer: "Ping <@&123456789012345678> and @everyone",
      grounded: false,
      citations: [],
      sources: [],
      mode: "declined",
    };
    const reply = renderAnswer(knowledge, { answer, answerId: "a3", references: [] });
    expect(replyText(reply)).not.toMatch(LIVE_MENTION);
    // A declined answer has no sources to show.
    expect(reply.buttons![0]).toHaveLength(2);
  });
});

describe("renderDrug", () => {
  it("shows Table 1 facts and the review's sentences for an approved TKI", () => {
    const view = drugView(core, core.drug("osimertinib"));
    const reply = renderDrug(knowledge, view);
    expect(limitViolations(reply)).toEqual([]);
    const embed = reply.embeds![0]!;
    expect(embed.title).toContain("Osimertinib");
    expect(embed.fields![0]!.value).toMatch(/Target:\*\* EGFR/);
    expect(embed.fields![0]!.value).toContain("2015");
    expect(embed.description).toContain("[68]");
  });

  it("links trials to ClinicalTrials.gov and shows the Table 2 strategy and codes", () => {
    const reply = renderDrug(knowledge, drugView(core, core.drug("figitumumab")));
    const text = replyText(reply);
    expect(text).toContain("https://clinicaltrials.gov/study/NCT00673049");
    expect(text).toContain("Strategy:** Monoclonal antibodies");
    expect(limitViolations(reply)).toEqual([]);
  });

  it("never has more than 25 fields, however many trials a drug has", () => {
    const view = drugView(core, core.drug("cixutumumab"));
    const many = Array.from({ length: 40 }, (_, i) => ({ ...knowledge.table3[i % knowledge.table3.length]! }));
    const reply = renderDrug(knowledge, { ...view, trials: many });
    expect(limitViolations(reply)).toEqual([]);
    const fields = reply.embeds![0]!.fields!;
    expect(fields.length).toBeLessThanOrEqual(25);
    expect(fields.at(-1)!.name).toMatch(/more trials/);
  });

  it("offers the closest names for an unknown drug and echoes the query without mentions", () => {
    const reply = renderDrug(knowledge, drugView(core, core.drug("gefitinibb @everyone")));
    const text = replyText(reply);
    expect(text).not.toMatch(LIVE_MENTION);
    const typo = renderDrug(knowledge, drugView(core, core.drug("figitu")));
    expect(replyText(typo)).toMatch(/Figitumumab/);
  });
});

describe("other renderers", () => {
  it("renders a reference with its PubMed link and where it is cited", () => {
    const reply = renderReference(knowledge, core.ref(42));
    const embed = reply.embeds![0]!;
    expect(embed.url).toMatch(/^https:\/\/pubmed\.ncbi\.nlm\.nih\.gov\/\?term=/);
    expect(embed.fields![0]!.value).toContain("§3");
    expect(limitViolations(reply)).toEqual([]);
  });

  it("pages a long section with Previous/Next buttons carrying the section and page", () => {
    const section = findSection(knowledge, "3");
    expect(sectionPages(knowledge, section).length).toBeGreaterThan(1);
    const first = renderSectionPage(knowledge, section, 0);
    const [prev, next] = first.buttons![0]!;
    expect(prev).toMatchObject({ customId: "section:3:-1", disabled: true });
    expect(next).toMatchObject({ customId: "section:3:1", disabled: false });
    const last = renderSectionPage(knowledge, section, 99);
    expect(last.buttons![0]![1]).toMatchObject({ disabled: true });
    expect(limitViolations(last)).toEqual([]);
  });

  it("refuses an unknown section with the list of sections", () => {
    try {
      findSection(knowledge, "9.9");
      expect.unreachable();
    } catch (error) {
      expect(isUserError(error)).toBe(true);
      expect((error as Error).message).toContain("4.1");
    }
  });

  it("renders search hits, sources, trials and glossary within limits", () => {
    const hits = core.search("IGF-1R", { k: 10 });
    for (const reply of [
      renderHits(knowledge, "IGF-1R", hits),
      renderSources(knowledge, hits),
      renderTrials(knowledge, "cixutumumab", core.trials("cixutumumab")),
      renderGlossary(knowledge, "NSCLC", core.glossary("NSCLC")),
    ]) {
      expect(limitViolations(reply)).toEqual([]);
    }
    expect(renderSources(knowledge, hits).ephemeral).toBe(true);
  });

  it("derives the attribution from the document's metadata", () => {
    expect(attribution(knowledge.document)).toBe("Peng & Tan 2023, CC BY 4.0");
  });
});

describe("replyToText", () => {
  it("prints embeds and buttons as readable text", () => {
    const text = replyToText({
      ephemeral: true,
      embeds: [
        {
          title: "T",
          description: "**bold** [link](https://x.org)",
          fields: [{ name: "F", value: "v" }],
          footer: { text: "foot" },
        },
      ],
      buttons: [
        [
          { customId: "a", emoji: "👍" },
          { customId: "b", emoji: "👎" },
          { customId: "c", label: "Show sources" },
        ],
      ],
    });
    expect(text).toBe(
      "(only you would see this)\n== T ==\nbold link <https://x.org>\n\n* F\n  v\n\n-- foot\n[👍] [👎] [Show sources]",
    );
  });
});
