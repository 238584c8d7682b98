import { foldVietnamese, tokenize } from '../../lib/text.ts';
import type { OnlineMode, ProcedureDefinition } from './catalog.schema.ts';

export interface IndexEntry {
  versionId: string;
  definition: ProcedureDefinition;
  agencyName: string;
}

export interface SearchQuery {
  q?: string | undefined;
  agency?: string | undefined;
  field?: string | undefined;
  mode?: OnlineMode | undefined;
  level?: ProcedureDefinition['agency']['level'] | undefined;
  page: number;
  limit: number;
}

export interface IndexedProcedure extends IndexEntry {
  code: string;
  /** The search API's list item, serialised once. */
  itemJson: string;
}

export interface SearchResult {
  total: number;
  items: IndexedProcedure[];
}

interface Doc extends IndexedProcedure {
  foldedName: string;
  nameTokens: Set<string>;
  tokens: Set<string>;
  /** Position in Vietnamese alphabetical order of the names. */
  order: number;
}

/** How many indexed words a last, unfinished query word may stand for ("khai si" → "sinh"). */
const MAX_PREFIX_EXPANSION = 64;

/**
 * An in-memory index of the published procedures. Words are folded (no diacritics, lower case), a procedure matches
 * when every query word is in its name or body (field, agency, components, result, conditions, code), in any order,
 * the last word also as a prefix. Procedures matching every word in the name come first, then those whose name holds
 * the query as a phrase, then those with more words in the name; ties go to the shorter name.
 */
export class CatalogIndex {
  readonly #docs: Doc[];
  readonly #byCode: Map<string, Doc>;
  readonly #postings = new Map<string, number[]>();
  readonly #vocabulary: string[];
  readonly #details = new Map<string, string>();

  constructor(entries: readonly IndexEntry[]) {
    const collator = new Intl.Collator('vi');
    const sorted = [...entries].sort(
      (a, b) =>
        collator.compare(a.definition.name, b.definition.name) || a.definition.code.localeCompare(b.definition.code),
    );
    this.#docs = sorted.map((entry, order) => toDoc(entry, order));
    this.#byCode = new Map(this.#docs.map((doc) => [doc.code, doc]));
    this.#docs.forEach((doc, i) => {
      for (const token of doc.tokens) {
        const list = this.#postings.get(token);
        if (list) list.push(i);
        else this.#postings.set(token, [i]);
      }
    });
    this.#vocabulary = [...this.#postings.keys()].sort();
  }

  get size(): number {
    return this.#docs.length;
  }

  get(code: string): IndexedProcedure | undefined {
    return this.#byCode.get(code);
  }

  /** The search API's detail document: the published definition, the agency with its name. */
  detailJson(code: string): string | undefined {
    const doc = this.#byCode.get(code);
    if (!doc) return undefined;
    let json = this.#details.get(code);
    if (json === undefined) {
      const { definition } = doc;
      json = JSON.stringify({ ...definition, agency: { ...definition.agency, name: doc.agencyName } });
      this.#details.set(code, json);
    }
    return json;
  }

  /** Agencies and fields that have published procedures, for the filters, by name. */
  facets(): { agencies: { code: string; name: string }[]; fields: { code: string; name: string }[] } {
    const agencies = new Map<string, string>();
    const fields = new Map<string, string>();
    for (const doc of this.#docs) {
      agencies.set(doc.definition.agency.id, doc.agencyName);
      fields.set(doc.definition.field.code, doc.definition.field.name);
    }
    const collator = new Intl.Collator('vi');
    const sorted = (m: Map<string, string>) =>
      [...m].map(([code, name]) => ({ code, name })).sort((a, b) => collator.compare(a.name, b.name));
    return { agencies: sorted(agencies), fields: sorted(fields) };
  }

  search(query: SearchQuery): SearchResult {
    const { agency, field, mode, level } = query;
    const passes = (doc: Doc) =>
      (agency === undefined || doc.definition.agency.id === agency) &&
      (field === undefined || doc.definition.field.code === field) &&
      (mode === undefined || doc.definition.onlineMode === mode) &&
      (level === undefined || doc.definition.agency.level === level);
    const words = [...new Set(tokenize(query.q ?? ''))];
    let ranked: Doc[];
    if (words.length === 0) {
      ranked = this.#docs.filter(passes);
    } else {
      const terms = words.map((word, i) => (i === words.length - 1 ? this.#expand(word) : [word]));
      const phrase = foldVietnamese(query.q ?? '');
      const scored: { doc: Doc; tier: number; inPhrase: number; nameHits: number }[] = [];
      for (const i of this.#candidates(terms)) {
        const doc = this.#docs[i] as Doc;
        if (!passes(doc)) continue;
        let nameHits = 0;
        let all = true;
        for (const alternatives of terms) {
          if (alternatives.some((t) => doc.nameTokens.has(t))) nameHits += 1;
          else if (!alternatives.some((t) => doc.tokens.has(t))) {
            all = false;
            break;
          }
        }
        if (!all) continue;
        scored.push({
          doc,
          tier: nameHits === terms.length ? 0 : 1,
          inPhrase: doc.foldedName.includes(phrase) ? 0 : 1,
          nameHits,
        });
      }
      scored.sort(
        (a, b) =>
          a.tier - b.tier ||
          a.inPhrase - b.inPhrase ||
          b.nameHits - a.nameHits ||
          a.doc.nameTokens.size - b.doc.nameTokens.size ||
          a.doc.order - b.doc.order,
      );
      ranked = scored.map((s) => s.doc);
    }
    const start = (query.page - 1) * query.limit;
    return { total: ranked.length, items: ranked.slice(start, start + query.limit) };
  }

  /** The word itself when indexed, plus indexed words it begins (for a word still being typed). */
  #expand(word: string): string[] {
    const out = this.#postings.has(word) ? [word] : [];
    if (word.length < 2) return out;
    let low = 0;
    let high = this.#vocabulary.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((this.#vocabulary[mid] as string) < word) low = mid + 1;
      else high = mid;
    }
    for (let i = low; i < this.#vocabulary.length && out.length < MAX_PREFIX_EXPANSION; i++) {
      const candidate = this.#vocabulary[i] as string;
      if (!candidate.startsWith(word)) break;
      if (candidate !== word) out.push(candidate);
    }
    return out;
  }

  /** Documents holding some alternative of the rarest term: every match is among them. */
  #candidates(terms: string[][]): Iterable<number> {
    let best: Set<number> | undefined;
    for (const alternatives of terms) {
      const docs = new Set<number>();
      for (const t of alternatives) for (const i of this.#postings.get(t) ?? []) docs.add(i);
      if (!best || docs.size < best.size) best = docs;
      if (best.size === 0) break;
    }
    return best ?? [];
  }
}

function toDoc(entry: IndexEntry, order: number): Doc {
  const { definition, agencyName } = entry;
  const nameTokens = new Set(tokenize(definition.name));
  const body = [
    definition.code,
    definition.field.name,
    agencyName,
    definition.result.name,
    definition.conditions,
    ...definition.cases.flatMap((c) => [c.name, ...c.components.map((component) => component.name)]),
  ];
  const tokens = new Set([...nameTokens, ...body.flatMap((text) => tokenize(text))]);
  const first = definition.cases[0];
  const item = {
    code: definition.code,
    name: definition.name,
    agency: { code: definition.agency.id, name: agencyName },
    field: { code: definition.field.code, name: definition.field.name },
    onlineMode: definition.onlineMode,
    processingTime: first ? { value: first.processingTime.value, unit: first.processingTime.unit } : null,
    fees: (first?.fees ?? []).map((fee) => ({ name: fee.name, amount: fee.amount })),
  };
  return {
    ...entry,
    code: definition.code,
    itemJson: JSON.stringify(item),
    foldedName: foldVietnamese(definition.name),
    nameTokens,
    tokens,
    order,
  };
}
