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
}

/** How many indexed words a last, unfinished query word may stand for ("khai si" → "sinh"). */
const MAX_PREFIX_EXPANSION = 64;
const MAX_CACHED_ANSWERS = 1000;
/** Scores keep a procedure's position in their low digits (base 2^20): a million procedures at most. */
const ORDER_SPAN = 2 ** 20;

function addPosting(postings: Map<string, number[]>, token: string, i: number): void {
  const list = postings.get(token);
  if (list) list.push(i);
  else postings.set(token, [i]);
}

/**
 * An in-memory index of the published procedures. Words are folded (no diacritics, lower case), a procedure matches
 * when every query word is in its name or body (field, agency, components, result, conditions, code), in any order,
 * the last word also as a prefix. Procedures matching every word in the name come first, then those whose name holds
 * the query as a phrase, then those with more words in the name; ties go to the shorter name.
 */
export class CatalogIndex {
  readonly #docs: Doc[];
  readonly #byCode: Map<string, Doc>;
  /** Word → positions (in #docs) of the procedures holding it anywhere, and in the name. */
  readonly #postings = new Map<string, number[]>();
  readonly #namePostings = new Map<string, number[]>();
  readonly #vocabulary: string[];
  readonly #details = new Map<string, string>();
  /** Recent search API answers, most recently used last: popular searches repeat (the home page's, the filters'). */
  readonly #answers = new Map<string, string>();
  // Work buffers of `search`, reused: it runs synchronously, so no two searches share them at once.
  readonly #matched: Uint8Array;
  readonly #inName: Uint8Array;
  readonly #state: Uint8Array;

  constructor(entries: readonly IndexEntry[]) {
    const collator = new Intl.Collator('vi');
    const sorted = [...entries].sort(
      (a, b) =>
        collator.compare(a.definition.name, b.definition.name) || a.definition.code.localeCompare(b.definition.code),
    );
    // Positions in #docs follow the Vietnamese alphabetical order of the names.
    this.#docs = sorted.map(toDoc);
    this.#byCode = new Map(this.#docs.map((doc) => [doc.code, doc]));
    if (this.#docs.length >= ORDER_SPAN) throw new Error(`the index holds at most ${ORDER_SPAN} procedures`);
    this.#docs.forEach((doc, i) => {
      for (const token of doc.tokens) addPosting(this.#postings, token, i);
      for (const token of doc.nameTokens) addPosting(this.#namePostings, token, i);
    });
    this.#vocabulary = [...this.#postings.keys()].sort();
    this.#matched = new Uint8Array(this.#docs.length);
    this.#inName = new Uint8Array(this.#docs.length);
    this.#state = new Uint8Array(this.#docs.length);
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

  /** The search API's answer, `{"items":[…],"total":n}`, built from the serialised items and kept for reuse. */
  searchJson(query: SearchQuery): string {
    const key = [
      foldVietnamese(query.q ?? ''),
      query.agency,
      query.field,
      query.mode,
      query.level,
      query.page,
      query.limit,
    ]
      .map((part) => part ?? '')
      .join('\u0000');
    let json = this.#answers.get(key);
    if (json === undefined) {
      const { total, items } = this.search(query);
      json = `{"items":[${items.map((item) => item.itemJson).join(',')}],"total":${total}}`;
      if (this.#answers.size >= MAX_CACHED_ANSWERS) this.#answers.delete(this.#answers.keys().next().value as string);
    } else {
      this.#answers.delete(key);
    }
    this.#answers.set(key, json);
    return json;
  }

  search(query: SearchQuery): SearchResult {
    const { agency, field, mode, level } = query;
    const passes = (doc: Doc) =>
      (agency === undefined || doc.definition.agency.id === agency) &&
      (field === undefined || doc.definition.field.code === field) &&
      (mode === undefined || doc.definition.onlineMode === mode) &&
      (level === undefined || doc.definition.agency.level === level);
    const words = [...new Set(tokenize(query.q ?? ''))];
    const start = (query.page - 1) * query.limit;
    if (words.length === 0) {
      const matching = this.#docs.filter(passes);
      return { total: matching.length, items: matching.slice(start, start + query.limit) };
    }
    const n = this.#docs.length;
    const matched = this.#matched.fill(0);
    const inName = this.#inName.fill(0);
    // Per query word: 1 when some form of it is in the body, 2 in the name, 3 both.
    const state = this.#state;
    for (const [w, word] of words.entries()) {
      state.fill(0);
      for (const token of w === words.length - 1 ? this.#expand(word) : [word]) {
        for (const i of this.#postings.get(token) ?? []) state[i] = (state[i] as number) | 1;
        for (const i of this.#namePostings.get(token) ?? []) state[i] = (state[i] as number) | 2;
      }
      for (let i = 0; i < n; i++) {
        const s = state[i] as number;
        if (s !== 0) matched[i] = (matched[i] as number) + 1;
        if (s & 2) inName[i] = (inName[i] as number) + 1;
      }
    }
    // One number per match orders the results: tier, phrase, words in the name, name length, then alphabetical.
    const phrase = foldVietnamese(query.q ?? '');
    const scores: number[] = [];
    for (let i = 0; i < n; i++) {
      if (matched[i] !== words.length) continue;
      const doc = this.#docs[i] as Doc;
      if (!passes(doc)) continue;
      const nameHits = inName[i] as number;
      const tier = nameHits === words.length ? 0 : 1;
      const inPhrase = tier === 0 && doc.foldedName.includes(phrase) ? 0 : 1;
      const rank =
        ((tier * 2 + inPhrase) * 256 + (words.length - nameHits)) * 1024 + Math.min(doc.nameTokens.size, 1023);
      scores.push(rank * ORDER_SPAN + i);
    }
    const sorted = Float64Array.from(scores).sort();
    const items: Doc[] = [];
    for (let k = start; k < Math.min(sorted.length, start + query.limit); k++) {
      items.push(this.#docs[(sorted[k] as number) % ORDER_SPAN] as Doc);
    }
    return { total: sorted.length, items };
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
}

function toDoc(entry: IndexEntry): Doc {
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
  };
}
