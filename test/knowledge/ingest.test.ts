/** The ingest: the committed JSON equals a fresh ingest, and the structure matches the review (rows, sections, references). */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ingest, type KnowledgeFileName } from "../../src/knowledge/ingest/ingest.ts";
import { readCurated, toJson } from "../../src/knowledge/ingest/run.ts";
import { KnowledgeFiles } from "../../src/knowledge/schema.ts";

const DIR = "knowledge/igf-tki-review";
const source = readFileSync(join(DIR, "source.txt"), "utf8");
const { corrections, outcomes } = readCurated(DIR);
const fresh = ingest(source, corrections, outcomes);
const names = Object.keys(KnowledgeFiles) as KnowledgeFileName[];
const committedText = Object.fromEntries(names.map((n) => [n, readFileSync(join(DIR, n), "utf8")])) as Record<
  KnowledgeFileName,
  string
>;

const sections = fresh["sections.json"];
const sentences = sections.flatMap((s) => s.paragraphs.flatMap((p) => p.sentences));
const sentence = (start: string) => sentences.find((s) => s.text.startsWith(start));

describe("ingest output", () => {
  it("is exactly what is committed (run `npm run ingest` after changing the ingest or corrections)", () => {
    for (const name of names) expect(toJson(fresh[name]), name).toBe(committedText[name]);
  });

  it("has the expected counts", () => {
    expect(fresh["table1.json"]).toHaveLength(90);
    expect(fresh["table2.json"]).toHaveLength(15);
    expect(fresh["table3.json"]).toHaveLength(23);
    expect(fresh["references.json"]).toHaveLength(182);
    expect(fresh["figures.json"]).toHaveLength(1);
  });

  it("has sections 1–6 with subsections 2.1, 2.2, 4.1, 4.2, 4.3 and no back matter", () => {
    expect(sections.map((s) => s.number)).toEqual(["1", "2", "2.1", "2.2", "3", "4", "4.1", "4.2", "4.3", "5", "6"]);
    expect(sections.map((s) => s.parent)).toEqual([null, null, "2", "2", null, null, "4", "4", "4", null, null]);
    const byNumber = new Map(sections.map((s) => [s.number, s]));
    expect(byNumber.get("1")?.title).toBe("Introduction");
    expect(byNumber.get("4.1")?.title).toBe("Activation of Compensatory Signaling Pathway");
    expect(byNumber.get("6")?.title).toBe("Conclusions and Perspectives");
    // Section 4's own paragraph stays in "4"; 4.1's first paragraph is in "4.1".
    expect(byNumber.get("4")?.paragraphs).toHaveLength(1);
    expect(byNumber.get("4.1")?.paragraphs[0]?.sentences[0]?.text).toMatch(/^When the dominant pathway is blocked/);
    const all = JSON.stringify(sections);
    for (const boilerplate of [
      "Author Contributions",
      "Conflict of Interest",
      "Copyright",
      "Publisher's Note",
      "Funding",
    ]) {
      expect(all).not.toContain(boilerplate);
    }
  });

  it("numbers ids by section, paragraph and sentence", () => {
    for (const section of sections) {
      section.paragraphs.forEach((p, k) => {
        expect(p.id).toBe(`sec-${section.number}-p${k + 1}`);
        p.sentences.forEach((s, j) => expect(s.id).toBe(`${p.id}-s${j + 1}`));
      });
    }
  });

  it("cites only numbers within 1..182", () => {
    const cited = [
      ...sentences,
      ...fresh["table1.json"],
      ...fresh["table2.json"],
      ...fresh["table3.json"],
      ...fresh["figures.json"],
    ].flatMap((x) => x.refs);
    expect(cited.length).toBeGreaterThan(0);
    for (const n of cited) expect(n >= 1 && n <= 182, String(n)).toBe(true);
  });

  it("leaves no reference uncited", () => {
    expect(fresh["references.json"].filter((r) => r.citedIn.length === 0).map((r) => r.n)).toEqual([]);
  });

  it("lists citing ids in reading order", () => {
    const ref = (n: number) => fresh["references.json"][n - 1];
    expect(ref(43)?.citedIn).toEqual(["sec-3-p2-s3"]);
    expect(ref(11)?.citedIn[0]).toBe("sec-2-p1-s4");
    expect(ref(11)?.citedIn).toHaveLength(91);
    expect(ref(145)?.citedIn).toEqual(["sec-5-p2-s2", "table2/xentuzumab"]);
    expect(ref(153)?.citedIn).toEqual(["sec-5-p3-s1", "sec-5-p3-s6", "table3/row-153"]);
  });

  it("contains none of the PDF's garbled strings", () => {
    const garbled = [
      "Cixutuillulliau",
      "Cixutuillulliab",
      "Bevacizuiliao",
      "Sman molecule minoitors",
      "T 1 Nterre",
      "Nterre",
      "riciopodopitytitit",
      "ТК",
      "Doxorubiciii",
      "Advanced solid fulliors",
      "soft fissue sarconia",
      "FFS, 5.5",
      "9570 CI",
      "uas toractina",
      "jancints",
      "mutation-positiv ",
      "cel astrocytomas",
      "Pl3K",
      "IGR-2R",
      "AKmTOR",
      "TAK/STAT",
      "receptormediated",
      "cy- totoxicity",
      "cy-totoxicity",
      "carci- noma",
      "<i>",
      "</i>",
      "*et al",
      "\\alpha",
      "$",
      "^{",
      "β -",
      "- β",
      "- α",
      "Ι",
      "т",
      "NO statistical",
    ];
    for (const name of names) {
      for (const bad of garbled) expect(committedText[name].includes(bad), `${name} contains ${bad}`).toBe(false);
    }
    // No Cyrillic letter survives anywhere.
    for (const name of names) expect(committedText[name]).not.toMatch(/[\u0400-\u04FF]/);
  });

  it("rejoins sentences cut by a page, a table or the figure", () => {
    const hcc = sentence("Increased phosphorylation of IGF-1R and AKT");
    expect(hcc?.text).toBe(
      "Increased phosphorylation of IGF-1R and AKT was found in hepatocellular carcinoma cells after gefitinib treatment [43].",
    );
    expect(hcc?.refs).toEqual([43]);
    expect(sentence("Trastuzumab (Herceptin)")?.text).toContain("antibody-dependent cell-mediated cytotoxicity (ADCC)");
    expect(sentence("Compared with chemotherapy, osimertinib")?.text).toMatch(
      /concurrently with T790M mutation \[28\]\.$/,
    );
    expect(sentence("Osimertinib has dominated")?.refs).toEqual([28, 29]);
    expect(sentence("Nuclear IGF-IR can also regulate gene expression [9]")).toBeDefined();
    expect(sentence("Integrins mediate cell adhesion and transmit")).toBeDefined();
    expect(sentence("Furthermore, PRAS40, a substrate of AKT, can be phosphorylated")?.refs).toEqual([28, 74]);
    expect(sentence("The following three issues need to be addressed")).toBeDefined();
    expect(sentence("In addition, single-molecule drugs")?.text).toContain(
      "small molecule inhibitors that target both the IGF and EGFR pathways",
    );
  });

  it("normalises citations, markup and spacing in sentence text", () => {
    expect(sentence("Several studies have shown that IGFBP2 is overexpressed")?.text).toMatch(/\[60–64\]\.$/);
    expect(sentence("Furthermore, other clinical studies on OSI-906")?.text).toMatch(/\[151,152,175,176\]\.$/);
    expect(sentence("Choi et al. [42] found")?.refs).toEqual([42]);
    expect(sentence("IGFBP3 has been shown to activate the TGF-β-Smad2/3")).toBeDefined();
    expect(sentence("This promotes the formation of amphiregulin/IGF-1R/importin-β1 complexes")).toBeDefined();
    expect(
      sentence("Nuclear IGF-1R subsequently leads to accumulation of p21Waf1 (a cyclin-dependent kinase inhibitor)"),
    ).toBeDefined();
    expect(sentence("There are three major strategies")?.refs).toHaveLength(41);
  });

  it("applies the prose corrections", () => {
    const text = sentences.map((s) => s.text).join(" ");
    for (const fixed of [
      "IGF-2R are all transmembrane",
      "PI3K-AKT-mTOR pathway, JAK/STAT",
      "receptor-mediated endocytosis",
      "is decreased [65]",
      "first-line treatment for advanced NSCLC",
      "EI24-mediated",
      "ATP-binding pocket are",
    ]) {
      expect(text).toContain(fixed);
    }
  });

  it("parses Table 1", () => {
    const rows = new Map(fresh["table1.json"].map((r) => [r.id, r]));
    expect(rows.get("table1/fam-trastuzumab-deruxtecan-nxki")?.drug).toBe("Fam-trastuzumab deruxtecan-nxki");
    expect(rows.get("table1/imatinib")?.targetType).toBe("TK");
    expect(rows.get("table1/pertuzumab")?.indications).toBe(
      "In combination with trastuzumab and docetaxel for neoadjuvant treatment of HER2-positive locally advanced inflammatory or early-stage breast cancer",
    );
    expect(rows.get("table1/olaratumab")?.primaryTargets).toBe("PDGFR-α");
    expect(rows.get("table1/avapritinib")?.indications).toBe("GIST with PDGFRα exon 18 mutation");
    expect(rows.get("table1/baricitinib")).toMatchObject({ yearApproved: 2012, indications: "Extensive alopecia" });
    for (const row of rows.values()) expect(row.refs).toEqual([11, 12]);
  });

  it("parses Table 2 with its strategies and codes", () => {
    const rows = fresh["table2.json"];
    expect(rows.map((r) => r.id)).toEqual([
      "table2/cixutumumab",
      "table2/ganitumab",
      "table2/figitumumab",
      "table2/dalotuzumab",
      "table2/teprotumumab",
      "table2/linsitinib",
      "table2/bms-754807",
      "table2/picropodophyllin",
      "table2/nt157",
      "table2/ag-1024",
      "table2/nvp-aew541",
      "table2/nvp-adw742",
      "table2/gsk1904529a",
      "table2/dusigitumab",
      "table2/xentuzumab",
    ]);
    expect(rows.map((r) => r.codes)).toEqual([
      ["IMC-A12"],
      ["AMG-479"],
      ["CP-751871"],
      ["MK-0646"],
      ["R1507"],
      ["OSI-906"],
      [],
      ["AXL1717"],
      [],
      [],
      [],
      [],
      [],
      ["MEDI-573"],
      ["BI 836845"],
    ]);
    const strategies = rows.map((r) => r.strategy);
    expect(strategies.slice(0, 5).every((s) => s === "Monoclonal antibodies")).toBe(true);
    expect(strategies.slice(5, 13).every((s) => s === "Small molecule inhibitors")).toBe(true);
    expect(strategies.slice(13)).toEqual(["Ligand neutralization", "Ligand neutralization"]);
    expect(rows[6]?.refs).toEqual([122, 125, 126, 127]);
    expect(rows[14]?.refs).toEqual([145, 146]);
  });

  it("parses Table 3, garbled rows included", () => {
    const rows = fresh["table3.json"];
    expect(rows.map((r) => r.refs[0])).toEqual([
      155, 156, 157, 158, 159, 160, 161, 162, 163, 154, 164, 165, 166, 153, 151, 152, 172, 167, 168, 169, 173, 171, 170,
    ]);
    const row = (n: number) => rows.find((r) => r.id === `table3/row-${n}`);
    expect(row(155)?.cancerType).toBe("Chemorefractory, KRAS exon 2 mutant colorectal cancer");
    expect(row(156)?.participants).toBe("I 20; II 75");
    expect(row(158)?.phase).toBe("I");
    expect(row(160)?.cancerType).toBe("Stage IIIB/IV or recurrent NSCLC disease with nonadenocarcinoma histology");
    expect(row(161)?.cancerType).toBe("Progressing castration-resistant prostate cancer");
    expect(row(166)).toMatchObject({
      cancerType: "Previously treated EGFR mutation-positive NSCLC",
      phase: "I",
      trialIds: ["NCT02191891"],
    });
    expect(row(153)).toMatchObject({
      phase: "Ib/II",
      participants: "II 140",
      trialIds: ["NCT02123823", "NCT03659136"],
      trialIdNote: "I, NCT02123823; II, NCT03659136",
    });
    expect(row(151)).toEqual({
      id: "table3/row-151",
      drug: "Linsitinib",
      combination: null,
      cancerType: "Locally advanced or metastatic adrenocortical carcinoma",
      phase: "III",
      participants: "139",
      results: "Median OS, 323 days (95% CI, 256–507 days). No significant difference, compared to placebo.",
      refs: [151],
      trialIds: ["NCT00924989"],
      trialIdNote: null,
      outcome: { kind: "no benefit", evidence: "No significant difference, compared to placebo." },
    });
    expect(row(172)).toMatchObject({
      drug: "Picropodophyllin",
      phase: "Ia/b",
      participants: "Ia 20; Ib 39",
      trialIds: ["NCT01062620"],
    });
    expect(row(168)).toMatchObject({
      phase: "II",
      cancerType: "HER2-positive metastatic breast cancer previously treated with trastuzumab",
    });
    expect(row(169)).toMatchObject({ combination: "Bevacizumab", phase: "II", trialIds: ["NCT00955305"] });
    expect(row(173)).toMatchObject({
      combination: "Doxorubicin",
      cancerType: "Advanced soft tissue sarcoma",
      phase: "I",
      results: "Estimated PFS, 5.3 months (95% CI, 3.0–6.3 months).",
      trialIds: ["NCT00720174"],
    });
    expect(row(171)?.results).toMatch(/^No statistical difference/);
    expect(rows.filter((r) => r.combination === null).map((r) => r.refs[0])).toEqual([
      158, 162, 164, 165, 151, 152, 172, 167,
    ]);
  });

  it("gives every Table 3 row the reviewed outcome of outcomes.json, justified by its own cell", () => {
    const kinds = Object.fromEntries(fresh["table3.json"].map((r) => [r.id, r.outcome.kind]));
    expect(Object.keys(kinds)).toHaveLength(23);
    expect(kinds["table3/row-153"]).toBe("benefit");
    expect(kinds["table3/row-161"]).toBe("no benefit");
    expect(kinds["table3/row-162"]).toBe("mixed");
    for (const row of fresh["table3.json"]) expect(row.results).toContain(row.outcome.evidence);
  });

  it("refuses an outcome whose evidence is not in the cell, a row without one, and one for no row", () => {
    const [first, ...others] = outcomes;
    expect(() =>
      ingest(source, corrections, [{ ...first!, evidence: "Overall survival doubled." }, ...others]),
    ).toThrow(/evidence for table3\/row-155 is not in its results cell/);
    expect(() => ingest(source, corrections, others)).toThrow(/no outcome for table3\/row-155/);
    expect(() => ingest(source, corrections, [...outcomes, { ...first!, row: "table3/row-999" }])).toThrow(
      /rows Table 3 does not have: table3\/row-999/,
    );
  });

  it("builds the glossary from the footnotes", () => {
    const glossary = fresh["glossary.json"];
    const find = (term: string) => glossary.find((e) => e.term === term);
    expect(find("CMGC")?.meaning).toBe(
      "cyclin-dependent kinases, MAP kinases, glycogen synthase kinases; CDC-like kinases",
    );
    expect(find("TK")).toEqual({ term: "TK", meaning: "tyrosine kinases", source: "table1" });
    expect(find("TKL")?.meaning).toBe("tyrosine kinase like");
    expect(find("mAb")?.meaning).toBe("monoclonal antibody");
    expect(find("PI3K")?.meaning).toBe("phosphatidylinositol 4,5-bisphosphate 3-kinase");
    expect(find("PDGFR-α")?.meaning).toBe("platelet-derived growth factor receptor-α");
    expect(find("ALK")?.meaning).toBe("anaplastic lymphoma kinase");
    expect(glossary.filter((e) => e.source === "table3").map((e) => e.term)).toEqual([
      "ORR",
      "CBR",
      "PFS",
      "OS",
      "CR",
      "PR",
      "SD",
      "PD",
      "HR",
      "CI",
    ]);
    expect(glossary.some((e) => e.term.startsWith("Trial ID") || e.meaning.includes("ClinicalTrials"))).toBe(false);
  });

  it("fills the document metadata and the figure", () => {
    const doc = fresh["document.json"];
    expect(doc.authors).toEqual([
      {
        name: "Yanjing Peng",
        affiliation:
          "Cancer Research Center, Capital Medical University Affiliated Beijing Chest Hospital, 101149 Beijing, China",
        corresponding: false,
      },
      {
        name: "Jinjing Tan",
        affiliation:
          "Cancer Research Center, Capital Medical University Affiliated Beijing Chest Hospital, 101149 Beijing, China",
        corresponding: true,
      },
    ]);
    expect(doc.dates).toEqual({
      submitted: "2022-12-14",
      revised: "2023-03-10",
      accepted: "2023-03-24",
      published: "2023-08-11",
    });
    expect(doc.license).toMatchObject({ name: "CC BY 4.0", url: "https://creativecommons.org/licenses/by/4.0/" });
    expect(doc.license.notice).toMatch(/^Copyright: © 2023 The Author\(s\)\. Published by IMR Press\./);
    expect(doc.academicEditors).toEqual(["Kelly Avery-Kiejda", "Kira Groen"]);
    expect(doc.keywords).toContain("HER2");
    expect(fresh["figures.json"][0]).toMatchObject({
      id: "fig1",
      label: "Fig. 1",
      title: "IGF, insulin and their receptors",
      refs: [],
    });
    expect(fresh["figures.json"][0]?.caption).toContain("secreted by islet-β cells");
  });

  it("parses references, rejoining the entry cut by a page break", () => {
    const refs = fresh["references.json"];
    expect(refs[0]).toMatchObject({
      n: 1,
      authors: "Sung H, Ferlay J, Siegel RL, Laversanne M, Soerjomataram I, Jemal A, et al.",
      year: 2021,
      volume: "71",
      pages: "209–249",
    });
    expect(refs[176]?.title).toBe(
      "A Randomized Phase II/III Study of Dalotuzumab in Combination With Cetuximab and Irinotecan in Chemorefractory, KRAS Wild-Type, Metastatic Colorectal Cancer",
    );
    expect(refs[176]?.journal).toBe("Journal of the National Cancer Institute");
    expect(refs[2]?.journal).toBe("Nature Reviews. Cancer");
    expect(refs[22]?.journal).toBe("Acta Pharmaceutica Sinica. B");
    expect(refs[55]?.title).toBe("Clinical review 125: The insulin receptor and its cellular targets");
    expect(refs[13]?.journal).toBe("Methods in Molecular Biology (Clifton, N.J.)");
    expect(refs[3]?.authors).toBe("Roskoski R, Jr.");
    expect(refs[41]?.authors).toBe("Choi YJ, Rho JK, Jeon BS, Choi SJ, Park SC, Lee SS, et al.");
    expect(refs[71]).toMatchObject({ volume: "13 Suppl 1", pages: "S45–S51" });
    for (const r of refs) {
      expect(r.title.length, `ref ${r.n}`).toBeGreaterThan(0);
      expect(r.journal.length, `ref ${r.n}`).toBeGreaterThan(0);
      expect(r.year, `ref ${r.n}`).not.toBeNull();
    }
  });

  it("fails on a correction that no longer matches the source", () => {
    expect(() =>
      ingest(source, [...corrections, { scope: "prose", original: "no such text", fix: "x", why: "test" }], outcomes),
    ).toThrow(/not found/);
  });
});
