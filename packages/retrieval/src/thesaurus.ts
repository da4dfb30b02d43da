// The genre's vocabulary (data/thesaurus.json): synonyms, shorthand expansions and contrasting stage words, used by
// keyword search (query expansion) and by the answerer (evidence coverage) alike.
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const thesaurusSchema = z.object({
  synonyms: z.array(z.object({ terms: z.array(z.string().min(2)).min(2), source: z.string() })),
  expansions: z.array(z.object({ term: z.string().min(2), expandsTo: z.array(z.string().min(2)).min(1), source: z.string() })),
  contrasts: z.array(z.object({ name: z.string(), sets: z.array(z.array(z.string().min(1)).min(1)).min(2), source: z.string() })),
});

export type ThesaurusData = z.infer<typeof thesaurusSchema>;

/** A concept the question names: matched in a text by any of its alternatives. */
export interface Concept {
  /** As written in the question (the longest form, when it names the concept twice). */
  label: string;
  /** Every form of the concept the question writes (「欠钱不还的老赖」: 欠钱不还 and 老赖). */
  labels: string[];
  alternatives: string[];
}

export interface Thesaurus {
  /** Concepts named in a text: every synonym group or shorthand one of whose terms appears in it, longest first. */
  conceptsIn(text: string): Concept[];
  /** The shorthand terms (三项制度, 放管服) a text names. */
  shorthandIn(text: string): string[];
  /** Contrast sets: each a list of word sets naming different stages or outcomes of one thing. */
  readonly contrasts: readonly (readonly (readonly string[])[])[];
}

export function createThesaurus(data: ThesaurusData): Thesaurus {
  const normalize = (text: string) => text.normalize('NFKC').replace(/\s+/gu, '').toLowerCase();
  // Triggers are normalised once; longer ones first, so 行政复议 is read before 复议.
  const entries: { trigger: string; normalized: string; alternatives: string[] }[] = [];
  for (const group of data.synonyms) for (const term of group.terms) entries.push({ trigger: term, normalized: normalize(term), alternatives: group.terms });
  for (const expansion of data.expansions) {
    entries.push({ trigger: expansion.term, normalized: normalize(expansion.term), alternatives: [expansion.term, ...expansion.expandsTo] });
  }
  entries.sort((a, b) => b.normalized.length - a.normalized.length);

  function conceptsIn(text: string): Concept[] {
    let rest = normalize(text);
    const concepts: Concept[] = [];
    for (const entry of entries) {
      const trigger = entry.normalized;
      if (!rest.includes(trigger)) continue;
      // A longer trigger takes its words out, so 行政复议 is not also read as 复议.
      rest = rest.split(trigger).join('\u0000');
      const known = concepts.find((concept) => concept.alternatives === entry.alternatives);
      if (known) known.labels.push(entry.trigger);
      else concepts.push({ label: entry.trigger, labels: [entry.trigger], alternatives: entry.alternatives });
    }
    return concepts;
  }

  const shorthand = data.expansions.map((expansion) => ({ term: expansion.term, normalized: normalize(expansion.term) }));
  return {
    conceptsIn,
    shorthandIn: (text) => {
      const normalized = normalize(text);
      return shorthand.filter((entry) => normalized.includes(entry.normalized)).map((entry) => entry.term);
    },
    contrasts: data.contrasts.map((contrast) => contrast.sets),
  };
}

let shared: Thesaurus | null = null;

/** The thesaurus shipped with this package (parsed once). */
export function defaultThesaurus(): Thesaurus {
  if (!shared) {
    const text = readFileSync(new URL('../data/thesaurus.json', import.meta.url), 'utf8');
    shared = createThesaurus(thesaurusSchema.parse(JSON.parse(text)));
  }
  return shared;
}
