/** Loading the knowledge: zod validation, and one line naming the file and field for bad data. */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { KnowledgeError, loadKnowledge } from "../../src/knowledge/load.ts";

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A writable copy of the knowledge directory (and the aliases and lexicon beside it); returns the copied document dir. */
function copyKnowledge(): string {
  const root = mkdtempSync(join(tmpdir(), "knowledge-"));
  temps.push(root);
  const dir = join(root, "igf-tki-review");
  cpSync("knowledge/igf-tki-review", dir, { recursive: true });
  cpSync("knowledge/aliases.json", join(root, "aliases.json"));
  cpSync("knowledge/lexicon.json", join(root, "lexicon.json"));
  return dir;
}

function edit(file: string, change: (json: any) => void): void {
  const json = JSON.parse(readFileSync(file, "utf8"));
  change(json);
  writeFileSync(file, JSON.stringify(json));
}

/** The KnowledgeError `load` throws. */
function errorOf(load: () => unknown): KnowledgeError {
  try {
    load();
  } catch (error) {
    expect(error).toBeInstanceOf(KnowledgeError);
    return error as KnowledgeError;
  }
  throw new Error("expected loadKnowledge to throw");
}

describe("loadKnowledge", () => {
  it("loads the committed knowledge with its lookups", () => {
    const k = loadKnowledge();
    expect(k.dir).toBe("knowledge/igf-tki-review");
    expect(k.document.id).toBe("igf-tki-review");
    expect(k.table1).toHaveLength(90);
    expect(k.table2).toHaveLength(15);
    expect(k.table3).toHaveLength(23);
    expect(k.references).toHaveLength(182);
    expect(k.referenceByNumber.get(43)?.title).toMatch(/^Gefitinib resistance in HCC mahlavu cells/);
    expect(k.sectionByNumber.get("4.1")?.title).toBe("Activation of Compensatory Signaling Pathway");
    expect(k.sentences[0]).toMatchObject({ id: "sec-1-p1-s1", section: "1", paragraphId: "sec-1-p1" });
    expect(k.sentences.map((s) => s.id)).toEqual(
      k.sections.flatMap((s) => s.paragraphs.flatMap((p) => p.sentences.map((x) => x.id))),
    );
    expect(k.sentenceById.get("sec-3-p2-s3")?.refs).toEqual([43]);
    expect(k.citerById.get("table3/row-151")?.kind).toBe("table3");
    expect(k.citerById.get("table2/xentuzumab")?.kind).toBe("table2");
    for (const ref of k.references) for (const id of ref.citedIn) expect(k.citerById.has(id)).toBe(true);
    expect(k.aliases.groups.length).toBeGreaterThan(20);
  });

  it("names the file and field of a schema violation in one line", () => {
    const dir = copyKnowledge();
    edit(join(dir, "table1.json"), (rows) => {
      rows[3].yearApproved = "2013";
    });
    const error = errorOf(() => loadKnowledge(dir));
    expect(error.message).toBe(`${join(dir, "table1.json")}: [3].yearApproved: expected number, received string`);
    expect(error.message).not.toContain("\n");
  });

  it("names nested fields", () => {
    const dir = copyKnowledge();
    edit(join(dir, "sections.json"), (sections) => {
      sections[2].paragraphs[0].sentences[1].id = "bad id";
    });
    expect(errorOf(() => loadKnowledge(dir)).message).toMatch(
      /sections\.json: \[2\]\.paragraphs\[0\]\.sentences\[1\]\.id: /,
    );
  });

  it("rejects a citation beyond the reference list", () => {
    const dir = copyKnowledge();
    edit(join(dir, "table3.json"), (rows) => {
      rows[0].refs = [183];
    });
    expect(errorOf(() => loadKnowledge(dir)).message).toBe(
      `${join(dir, "table3.json")}: [0].refs[0]: cites [183], but there are 182 references`,
    );
  });

  it("rejects duplicate ids", () => {
    const dir = copyKnowledge();
    edit(join(dir, "table2.json"), (rows) => {
      rows[1].id = rows[0].id;
    });
    expect(errorOf(() => loadKnowledge(dir)).message).toBe(
      `${join(dir, "table2.json")}: [1].id: duplicate id "table2/cixutumumab"`,
    );
  });

  it("reports a missing file, invalid JSON and a bad aliases file", () => {
    const dir = copyKnowledge();
    rmSync(join(dir, "glossary.json"));
    expect(errorOf(() => loadKnowledge(dir)).message).toBe(`${join(dir, "glossary.json")}: file not found`);

    const dir2 = copyKnowledge();
    writeFileSync(join(dir2, "figures.json"), "[{");
    expect(errorOf(() => loadKnowledge(dir2)).message).toMatch(/figures\.json: invalid JSON: /);

    const dir3 = copyKnowledge();
    edit(join(dir3, "..", "aliases.json"), (aliases) => {
      aliases.groups[0].kind = "protein";
    });
    expect(errorOf(() => loadKnowledge(dir3)).message).toMatch(/aliases\.json: groups\[0\]\.kind: /);
  });
});
