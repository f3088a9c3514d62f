// Full-text search over the static index written by scraper/search/index.py: the engine.
// (search-page.js builds the search page on it; compare.js borrows its character table.)
//
// Tokenization mirrors scraper/search/tokens.py exactly: NFKC, lower case, Traditional →
// Simplified per character, Han bigrams (every Han character alone too, in the index), Latin and
// digit words. A query fetches the manifest, one shard per distinct token and the cards of the
// results it shows: never the whole archive.
//
// What a query means (docs/search-help.md says the same to readers):
//   养老服务 森林防火      every word must be in the document (a word: all its characters' pairs)
//   "住宅专项维修资金"    a quoted phrase must appear exactly as typed (checked against the text)
//   税                    one character: every document holding it, 税 and 稅 alike
//   医保 OR 医疗保障       either word (OR or | between words)
//   本政发〔2018〕15号     a 文号 typed whole, exactly or sloppily: looked up and put first
// When no document holds every word, the page says so and lists those holding some of them.
(() => {
  "use strict";

  const SCRIPT = document.currentScript;
  const ROOT = new URL("../../", SCRIPT ? SCRIPT.src : location.href); // assets/gazette/ → site root
  const INDEX = new URL("search-index/", ROOT);
  const TITLE_FLAG = 1000;
  const TITLE_BONUS = 1.5; // a token in the title counts as this much more term weight
  const FACETS = ["gazette", "year", "dyear", "office", "genre", "status"];
  const RUNS = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{3134f}]+|[a-z0-9]+/gu;
  const MAX_WORD = 24;
  const MAX_TOKENS = 64; // a pasted paragraph still costs at most this many shard lookups
  const QUOTES = /"([^"]*)"?|“([^”]*)”?|「([^」]*)」?|『([^』]*)』?/gu;

  const cache = new Map();
  let t2s = null;

  // ---- loading -------------------------------------------------------------------------

  function load(path) {
    if (!cache.has(path)) {
      cache.set(path, fetchJson(new URL(path, INDEX)).catch((error) => {
        cache.delete(path);
        throw error;
      }));
    }
    return cache.get(path);
  }

  async function fetchJson(url) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url.pathname}: HTTP ${response.status}`);
    let bytes = new Uint8Array(await response.arrayBuffer());
    // Index files are gzip; a server may already have unpacked them (Content-Encoding).
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
      const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
      bytes = new Uint8Array(await new Response(stream).arrayBuffer());
    }
    return JSON.parse(new TextDecoder().decode(bytes));
  }

  // The Traditional → Simplified character table (also used by the compare page).
  async function characterTable() {
    const table = await load("t2s.json.gz");
    if (!t2s) {
      t2s = new Map();
      const from = [...table.f], to = [...table.t];
      from.forEach((char, i) => t2s.set(char, to[i]));
    }
    return t2s;
  }

  async function ready() {
    const [manifest] = await Promise.all([load("manifest.json"), characterTable()]);
    return manifest;
  }

  // ---- text folding and tokens (= tokens.py) ----------------------------------------------

  function fold(text) {
    let out = "";
    for (const char of text.normalize("NFKC").toLowerCase()) out += t2s.get(char) ?? char;
    return out;
  }

  // Folded text plus, for each of its UTF-16 units, the index in the original string.
  function foldWithMap(text) {
    let out = "";
    const map = [];
    let i = 0;
    for (const char of text) {
      const folded = fold(char);
      out += folded;
      for (let k = 0; k < folded.length; k++) map.push(i);
      i += char.length;
    }
    map.push(i);
    return [out, map];
  }

  function tokenize(text) {
    const out = [];
    for (const [run] of fold(text).matchAll(RUNS)) {
      if (/^[a-z0-9]/.test(run)) { out.push(run.slice(0, MAX_WORD)); continue; }
      const chars = [...run];
      if (chars.length === 1) { out.push(run); continue; }
      for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
    }
    return out;
  }

  // Letters and digits only, folded: what a phrase must match in the text (spaces, line breaks
  // and punctuation between its characters do not count).
  function compact(text) {
    return fold(text).replace(/[^\p{L}\p{N}]+/gu, "");
  }

  function shardOf(token, shards) {
    let hash = 0x811c9dc5;
    for (let i = 0; i < token.length; i++) {
      hash ^= token.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash % shards;
  }

  // A 文号 typed exactly or sloppily: 本政发〔2018〕15号, 本政发2018 15, 黄政发 2019 14号,
  // 〔2018〕15号 without its agency (any agency matches), and 令 numbers without a year:
  // 政府令第192号. Returns {agency, year, serial} or null.
  function parseNumber(query) {
    const q = fold(query).trim();
    let m = q.match(/^([^\d\s〔\[(【〖{]{0,30}?)\s*[〔\[(【〖{]?\s*((?:19|20)\d\d)\s*[〕\])】〗}]?\s*年?\s*第?\s*(\d{1,6})\s*号?\s*$/u);
    if (m) return { agency: m[1], year: Number(m[2]), serial: Number(m[3]) };
    m = q.match(/^([^\d\s]{0,30}令)\s*第?\s*(\d{1,6})\s*号\s*$/u);
    if (m) return { agency: m[1], year: 0, serial: Number(m[2]) };
    return null;
  }

  // ---- the query --------------------------------------------------------------------------

  // The query as clauses that must all match; a clause is one term or several joined by OR.
  // A term: {text, phrase, tokens, needle}. Terms without letters or digits are left out.
  function parseQuery(query) {
    const pieces = [];
    let last = 0;
    for (const m of query.matchAll(QUOTES)) {
      pieces.push(...words(query.slice(last, m.index)));
      const inside = m[1] ?? m[2] ?? m[3] ?? m[4] ?? "";
      if (inside.trim()) pieces.push({ text: inside.trim(), phrase: true });
      last = m.index + m[0].length;
    }
    pieces.push(...words(query.slice(last)));
    const clauses = [];
    let joining = false;
    for (const piece of pieces) {
      if (!piece.phrase && /^(or|\|)$/i.test(piece.text)) { joining = clauses.length > 0; continue; }
      const tokens = [...new Set(tokenize(piece.text))];
      if (!tokens.length) continue;
      const term = { text: piece.text, phrase: piece.phrase, tokens, needle: compact(piece.text) };
      if (joining) clauses[clauses.length - 1].push(term);
      else clauses.push([term]);
      joining = false;
    }
    return clauses;
  }

  function words(text) {
    return text.split(/[\s\u3000]+/u).filter(Boolean).flatMap((word) =>
      word === "|" ? [{ text: "|", phrase: false }] : word.split("|").flatMap((part, i) =>
        i ? [{ text: "|", phrase: false }, { text: part, phrase: false }] : [{ text: part, phrase: false }])
    ).filter((piece) => piece.text);
  }

  // A phrase needs checking against the text when its tokens do not already say it: more than
  // one token (pairs found apart), or punctuation inside that tokens skip.
  function needsCheck(term) {
    return term.phrase && term.tokens.length > 1;
  }

  // ---- postings ----------------------------------------------------------------------------

  // A token's postings: [Δdoc, weight, …], or for a common token (postings.published) its
  // documents {d: [Δdoc…]} and those with it in the title {t: […]}, all at one weight.
  function decodePairs(list, commonWeight) {
    const out = new Map();
    if (!Array.isArray(list)) {
      let doc = 0;
      for (const delta of list.d) { doc += delta; out.set(doc, commonWeight); }
      doc = 0;
      for (const delta of list.t) { doc += delta; out.set(doc, commonWeight + TITLE_FLAG); }
      return out;
    }
    let doc = 0;
    for (let i = 0; i < list.length; i += 2) { doc += list[i]; out.set(doc, list[i + 1]); }
    return out;
  }

  function decodeDeltas(list) {
    const out = new Set();
    let doc = 0;
    for (const delta of list) { doc += delta; out.add(doc); }
    return out;
  }

  async function postingsFor(manifest, tokens) {
    const shards = [...new Set(tokens.map((t) => shardOf(t, manifest.shards)))];
    const loaded = new Map(await Promise.all(shards.map(async (k) => [k, await load(`s/${k}.json.gz`)])));
    return new Map(tokens.map((t) => [t, decodePairs(loaded.get(shardOf(t, manifest.shards))[t] || [], manifest.commonWeight)]));
  }

  function intersect(sets) {
    if (!sets.length) return new Set();
    const [smallest, ...rest] = [...sets].sort((a, b) => a.size - b.size);
    return new Set([...smallest].filter((doc) => rest.every((set) => set.has(doc))));
  }

  async function numberMatches(manifest, number) {
    const found = new Map(); // doc → 0 (exact agency) or 1 (agency partly typed)
    if (!number || !manifest.numberYears.includes(number.year)) return found;
    const table = await load(`n/${number.year}/${number.serial % (manifest.numberBuckets || 16)}.json.gz`);
    for (const [key, docs] of Object.entries(table)) {
      const cut = key.lastIndexOf("|");
      const agency = key.slice(0, cut);
      if (Number(key.slice(cut + 1)) !== number.serial) continue;
      let rank = -1;
      if (agency === number.agency) rank = 0;
      else if (agency && (number.agency.endsWith(agency) || agency.endsWith(number.agency))) rank = 1;
      if (rank < 0) continue;
      for (const doc of docs) if (!found.has(doc) || found.get(doc) > rank) found.set(doc, rank);
    }
    return found;
  }

  // facet → the set of documents having the filter's value (only the facets filtered on).
  async function filterSets(manifest, filters) {
    const out = new Map();
    for (const facet of FACETS) {
      const value = filters[facet];
      if (!value) continue;
      // Facet values are folded names (one gazette whatever its script): 黃石市人民政府公報 finds 黄石….
      const values = manifest.facets[facet] || [];
      let k = values.findIndex(([name]) => String(name) === value);
      if (k < 0) k = values.findIndex(([name]) => fold(String(name)) === fold(value));
      // A value's file is named by its key (stable as values come and go), else by its place.
      const key = k < 0 ? null : (values[k][2] ?? k);
      out.set(facet, key === null ? new Set() : decodeDeltas(await load(`f/${facet}-${key}.json.gz`)));
    }
    return out;
  }

  function passes(doc, sets, except = null) {
    for (const [facet, set] of sets) if (facet !== except && !set.has(doc)) return false;
    return true;
  }

  // ---- search -------------------------------------------------------------------------------

  // The query's answer: {manifest, clauses, number, mode, results, matched, filters, termCounts}.
  // mode: "all" (every clause matched), "some" (relaxed: none held them all), "filters" (no
  // query, filters alone: newest first) or "empty". results: [{doc, numberMatch, missing, check}]
  // ranked; `check` lists phrases still to be verified against the text (see verify()).
  // matched: documents matching the query before filters (for counting filter values).
  async function search(query, filters = {}, sort = "relevance") {
    const manifest = await ready();
    const clauses = parseQuery(query);
    const number = parseNumber(query);
    const tokens = [...new Set(clauses.flat().flatMap((t) => t.tokens))].slice(0, MAX_TOKENS);
    const [postings, numbers, sets] = await Promise.all([
      postingsFor(manifest, tokens), numberMatches(manifest, number), filterSets(manifest, filters)]);
    const base = { manifest, clauses, number, filters: sets, termCounts: [] };
    if (!clauses.length && !numbers.size) {
      if (!sets.size) return { ...base, mode: "empty", results: [], matched: null };
      const all = intersect([...sets.values()]);
      const day = await dayOf(manifest, [...all]);
      const results = [...all].sort((a, b) => day(b) - day(a) || b - a).map((doc) => hit(doc));
      return { ...base, mode: "filters", results, matched: "all" };
    }
    const termDocs = (term) => intersect(term.tokens.filter((t) => postings.has(t)).map((t) => new Set(postings.get(t).keys())));
    const clauseDocs = clauses.map((clause) => {
      const docs = new Set();
      for (const term of clause) for (const doc of termDocs(term)) docs.add(doc);
      return docs;
    });
    const termCounts = clauses.map((clause, i) => ({
      text: clause.map((t) => (t.phrase ? `"${t.text}"` : t.text)).join(" OR "),
      count: [...clauseDocs[i]].filter((doc) => passes(doc, sets)).length,
    }));
    let matched = clauses.length ? intersect(clauseDocs) : new Set();
    for (const doc of numbers.keys()) matched.add(doc);
    let mode = "all";
    const visible = [...matched].filter((doc) => passes(doc, sets));
    if (!visible.length && clauses.length) {
      // Nothing holds every word: those holding most of them, each with what it lacks.
      mode = "some";
      matched = relaxed(clauses, clauseDocs, postings);
    }
    const scores = score(tokens, postings, manifest.documents);
    const checks = clauses.map((clause) => clause.filter(needsCheck));
    const results = [];
    for (const doc of matched) {
      if (!passes(doc, sets)) continue;
      const missing = mode === "some" && clauses.length > 1
        ? clauses.filter((c, i) => !clauseDocs[i].has(doc)).map((c) => c.map((t) => t.text).join(" OR ")) : [];
      const check = mode === "all" && !numbers.has(doc)
        ? checks.filter((c, i) => c.length && c.length === clauses[i].length).map((c) => c.map((t) => t.needle)) : [];
      const held = clauses.filter((c, i) => clauseDocs[i].has(doc)).length;
      results.push({ ...hit(doc, numbers.has(doc) ? numbers.get(doc) : 2, missing, check), held, score: scores.get(doc) || 0 });
    }
    if (sort === "date") {
      const day = await dayOf(manifest, results.map((r) => r.doc));
      results.sort((a, b) => day(b.doc) - day(a.doc) || b.doc - a.doc);
    } else results.sort((a, b) => a.rank - b.rank || b.held - a.held || b.score - a.score || b.doc - a.doc);
    return { ...base, mode, results, matched, termCounts };
  }

  function hit(doc, rank = 2, missing = [], check = []) {
    return { doc, rank, numberMatch: rank < 2, missing, check };
  }

  // Relaxed matches: documents holding at least one clause; a single word that matched nowhere
  // (a typo, a wrong character) counts its pairs instead: documents holding at least half of
  // them, so 养老服物 still shows the documents on 养老服务.
  function relaxed(clauses, clauseDocs, postings) {
    const out = new Set();
    clauseDocs.forEach((docs) => docs.forEach((doc) => out.add(doc)));
    if (out.size || clauses.length > 1) return out;
    const tokens = [...new Set(clauses[0].flatMap((t) => t.tokens))];
    if (tokens.length < 2) return out;
    const held = new Map();
    for (const token of tokens) for (const doc of (postings.get(token) || new Map()).keys()) held.set(doc, (held.get(doc) || 0) + 1);
    for (const [doc, count] of held) if (count * 2 >= tokens.length) out.add(doc);
    return out;
  }

  // BM25 over the query's tokens: the index stores each posting's term-frequency part.
  function score(tokens, postings, n) {
    const scores = new Map();
    for (const token of tokens) {
      const docs = postings.get(token);
      if (!docs) continue;
      const idf = Math.log(1 + (n - docs.size + 0.5) / (docs.size + 0.5));
      for (const [doc, packed] of docs) {
        const weight = (packed % TITLE_FLAG) / 1000 * 2.2 + (packed >= TITLE_FLAG ? TITLE_BONUS : 0);
        scores.set(doc, (scores.get(doc) || 0) + idf * weight);
      }
    }
    return scores;
  }

  // Document numbers are the store's, permanent, not chronological: "newest first" reads the
  // documents' dates (days since 1970) from the day blocks (days/<k>.json.gz, "day").
  async function dayOf(manifest, docs) {
    const size = manifest.codeBlock || 4096;
    const blocks = blocksOf(manifest, docs);
    const loaded = new Map(await Promise.all(blocks.map(async (b) => [b, await load(`days/${b}.json.gz`)])));
    return (doc) => (loaded.get(Math.floor(doc / size)).day || [])[doc % size] || 0;
  }

  function card(doc) {
    return load(`d/${doc}.json.gz`);
  }

  // Does a card's text hold every phrase of the hit as written? (Title and text, compacted.)
  function holdsPhrases(data, hitItem) {
    if (!hitItem.check.length) return true;
    const text = compact(`${data.t}\n${data.x || ""}`);
    return hitItem.check.every((alternatives) => alternatives.some((needle) => text.includes(needle)));
  }

  // ---- counting filter values among the results --------------------------------------------

  // For each facet, value number (its place in the manifest's list) → documents among `matched`
  // that pass the other filters (so a reader sees how many each other choice would give). Loads
  // the code blocks it needs; a block holds each value's code (the manifest's 4th item).
  async function facetCounts(manifest, matched, sets) {
    const docs = matchedDocs(manifest, matched);
    const size = manifest.codeBlock || 4096;
    const blocks = blocksOf(manifest, docs);
    const codes = new Map(await Promise.all(blocks.map(async (b) => [b, await load(`c/${b}.json.gz`)])));
    const counts = Object.fromEntries(FACETS.map((facet) => [facet, new Map()]));
    const places = Object.fromEntries(FACETS.map((facet) => [facet,
      new Map((manifest.facets[facet] || []).map((value, k) => [value[3] ?? k, k]))]));
    for (const doc of docs) {
      const block = codes.get(Math.floor(doc / size));
      for (const facet of FACETS) {
        if (!block[facet] || !passes(doc, sets, facet)) continue;
        const k = places[facet].get(block[facet][doc % size]);
        if (k !== undefined) counts[facet].set(k, (counts[facet].get(k) || 0) + 1);
      }
    }
    return counts;
  }

  function matchedDocs(manifest, matched) {
    const last = manifest.lastDoc ?? manifest.documents - 1; // numbers are the store's: 1…, with none missing
    return matched === "all" ? Array.from({ length: last + 1 }, (_, i) => i) : [...matched];
  }

  // The blocks (of codes, of days) holding these documents.
  function blocksOf(manifest, docs) {
    const size = manifest.codeBlock || 4096;
    return [...new Set(docs.map((doc) => Math.floor(doc / size)))];
  }

  // How many code blocks facetCounts would load for these results.
  function countBlocks(manifest, matched) {
    return blocksOf(manifest, matchedDocs(manifest, matched)).length;
  }

  window.gazetteSearch = {
    ROOT, FACETS, ready, load, characterTable, fold, foldWithMap, compact, tokenize, shardOf, parseNumber,
    parseQuery, search, card, holdsPhrases, facetCounts, countBlocks,
  };
})();
