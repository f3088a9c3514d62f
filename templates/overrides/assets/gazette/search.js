// Full-text search over the static index written by scraper/search/index.py.
// Tokenization mirrors scraper/search/tokens.py exactly: NFKC, lower case, Traditional →
// Simplified per character, Han bigrams, Latin/digit words. A query fetches the manifest, one
// shard per distinct token and the cards of the results it shows: never the whole archive.
// Everything from the index is put into the page as text nodes, never as HTML.
(() => {
  "use strict";

  const SCRIPT = document.currentScript;
  const ROOT = new URL("../../../", SCRIPT ? SCRIPT.src : location.href); // assets/gazette/ → site root
  const INDEX = new URL("search-index/", ROOT);
  const PAGE_SIZE = 10;
  const TITLE_FLAG = 1000;
  const TITLE_BONUS = 1.5; // a token in the title counts as this much more term weight
  const FACETS = [["gazette", "公报"], ["year", "年份"], ["office", "发文机关"], ["genre", "文种"], ["status", "时效性"]];
  const RUNS = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{3134f}]+|[a-z0-9]+/gu;
  const MAX_WORD = 24;
  const MAX_TOKENS = 64; // a pasted paragraph still costs at most this many shard lookups

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

  // ---- search --------------------------------------------------------------------------

  function decodePairs(list) {
    const out = new Map();
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

  async function numberMatches(manifest, number) {
    const found = new Map(); // doc → 0 (exact agency) or 1 (agency partly typed)
    if (!number || !manifest.numberYears.includes(number.year)) return found;
    const table = await load(`n/${number.year}.json.gz`);
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

  async function facetFilter(manifest, filters) {
    let allowed = null;
    for (const [facet] of FACETS) {
      const value = filters[facet];
      if (!value) continue;
      // Facet values are folded names (one gazette whatever its script): 黃石市人民政府公報 finds 黄石….
      const values = manifest.facets[facet] || [];
      let k = values.findIndex(([name]) => String(name) === value);
      if (k < 0) k = values.findIndex(([name]) => fold(String(name)) === fold(value));
      const docs = k < 0 ? new Set() : decodeDeltas(await load(`f/${facet}-${k}.json.gz`));
      allowed = allowed ? new Set([...allowed].filter((doc) => docs.has(doc))) : docs;
    }
    return allowed;
  }

  // Ranked document numbers for a query: 文号 matches first, then by coverage and BM25 score.
  async function search(query, filters = {}, sort = "relevance") {
    const manifest = await ready();
    const tokens = [...new Set(tokenize(query))].slice(0, MAX_TOKENS);
    const number = parseNumber(query);
    const shards = [...new Set(tokens.map((t) => shardOf(t, manifest.shards)))];
    const loaded = new Map(await Promise.all(shards.map(async (k) => [k, await load(`s/${k}.json.gz`)])));
    const n = manifest.documents;
    const scores = new Map();
    const covered = new Map();
    let totalIdf = 0;
    for (const token of tokens) {
      const postings = decodePairs(loaded.get(shardOf(token, manifest.shards))[token] || []);
      const idf = Math.log(1 + (n - postings.size + 0.5) / (postings.size + 0.5));
      totalIdf += idf;
      for (const [doc, packed] of postings) {
        const weight = (packed % TITLE_FLAG) / 1000 * 2.2 + (packed >= TITLE_FLAG ? TITLE_BONUS : 0);
        scores.set(doc, (scores.get(doc) || 0) + idf * weight);
        covered.set(doc, (covered.get(doc) || 0) + idf);
      }
    }
    const numbers = await numberMatches(manifest, number);
    const allowed = await facetFilter(manifest, filters);
    // Bigrams are OR-ed, so a document sharing one common bigram matches: keep those holding
    // most of the query's information (idf-weighted coverage) relative to the best one.
    let best = 0;
    for (const value of covered.values()) best = Math.max(best, value);
    const floor = 0.6 * best;
    const ranked = [];
    for (const [doc, score] of scores) {
      if (covered.get(doc) < floor || (allowed && !allowed.has(doc))) continue;
      const coverage = totalIdf ? covered.get(doc) / totalIdf : 0;
      ranked.push({ doc, rank: numbers.has(doc) ? numbers.get(doc) : 2, score: score * coverage ** 3 });
    }
    for (const [doc, rank] of numbers) {
      if (!scores.has(doc) && (!allowed || allowed.has(doc))) ranked.push({ doc, rank, score: 0 });
    }
    if (sort === "date") ranked.sort((a, b) => b.doc - a.doc);
    else ranked.sort((a, b) => a.rank - b.rank || b.score - a.score || b.doc - a.doc);
    return { manifest, tokens, number, results: ranked.map((r) => ({ doc: r.doc, numberMatch: r.rank < 2 })) };
  }

  function card(doc) {
    return load(`d/${doc}.json.gz`);
  }

  // ---- excerpts and highlighting ---------------------------------------------------------

  // The spans (in the original string) where any needle occurs, needles folded.
  function findSpans(text, needles) {
    const [folded, map] = foldWithMap(text);
    const spans = [];
    for (const needle of needles) {
      if (!needle) continue;
      let at = folded.indexOf(needle);
      while (at >= 0) {
        spans.push([map[at], map[at + needle.length]]);
        at = folded.indexOf(needle, at + needle.length);
      }
    }
    spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
    const merged = [];
    for (const span of spans) {
      const last = merged[merged.length - 1];
      if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
      else merged.push([...span]);
    }
    return merged;
  }

  function needlesFor(query, tokens) {
    const terms = fold(query).split(/\s+/).map((t) => t.replace(/[^\p{L}\p{N}]+/gu, "")).filter(Boolean);
    const words = fold(query).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    return { phrases: [...new Set([...terms, ...words])].sort((a, b) => b.length - a.length), words, tokens };
  }

  function appendMarked(parent, text, spans) {
    let at = 0;
    for (const [start, end] of spans) {
      if (start > at) parent.append(text.slice(at, start));
      const mark = document.createElement("mark");
      mark.textContent = text.slice(start, end);
      parent.append(mark);
      at = end;
    }
    if (at < text.length) parent.append(text.slice(at));
  }

  function excerpt(text, needles) {
    const flat = text.replace(/\s+/g, " ");
    let spans = findSpans(flat, needles.phrases);
    if (!spans.length) spans = findSpans(flat, needles.tokens);
    const first = spans.length ? spans[0][0] : 0;
    const start = Math.max(0, first - 40);
    const end = Math.min(flat.length, start + 140);
    const window = flat.slice(start, end);
    const inside = spans
      .filter(([a, b]) => a >= start && b <= end)
      .map(([a, b]) => [a - start, b - start]);
    return { text: (start > 0 ? "…" : "") + window + (end < flat.length ? "…" : ""), spans: inside.map(([a, b]) => start > 0 ? [a + 1, b + 1] : [a, b]) };
  }

  // Bigrams only say a document holds every pair of the query, not the phrase itself: on a page
  // of results, documents holding every typed term as written go before those that do not
  // (文号 matches stay first). Reorders `slice` in place to match the returned cards.
  function promoteExact(cards, slice, needles) {
    const terms = needles.words.filter((word) => word.length > 1);
    if (!terms.length) return cards;
    const exact = cards.map((c) => {
      const text = fold(`${c.t}\n${c.x || ""}`);
      return terms.every((t) => text.includes(t));
    });
    const order = cards.map((_, i) => i).sort((a, b) =>
      (slice[b].numberMatch - slice[a].numberMatch) || (exact[b] - exact[a]) || (a - b));
    const hits = order.map((i) => slice[i]);
    slice.splice(0, slice.length, ...hits);
    return order.map((i) => cards[i]);
  }

  // ---- the page ------------------------------------------------------------------------

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function renderCard(data, hit, needles) {
    const item = element("li", "gz-result");
    const link = element("a", "gz-result__title");
    link.href = new URL(data.u, ROOT).href;
    const titleSpans = findSpans(data.t, needles.phrases);
    appendMarked(link, data.t, titleSpans.length ? titleSpans : findSpans(data.t, needles.tokens));
    item.append(link);
    const meta = element("div", "gz-result__meta");
    if (hit.numberMatch) meta.append(element("span", "gz-result__badge", "文号匹配"));
    if (data.w) meta.append(element("span", "gz-result__badge gz-result__badge--withdrawn", "已撤回"));
    // Validity (时效性) as the build judged it; 未知 is left unsaid on a card.
    if (data.v && data.v !== "未知") meta.append(element("span", "gz-result__badge gz-result__badge--status", data.v));
    for (const part of [data.n, data.o, data.g, data.d, [data.z, data.i].filter(Boolean).join(" ")]) {
      if (part) meta.append(element("span", "gz-result__field", part));
    }
    item.append(meta);
    const shown = excerpt(data.x || "", needles);
    const paragraph = element("p", "gz-result__excerpt");
    appendMarked(paragraph, shown.text, shown.spans);
    item.append(paragraph);
    return item;
  }

  function readState() {
    const params = new URLSearchParams(location.search);
    const filters = {};
    for (const [facet] of FACETS) filters[facet] = params.get(facet) || "";
    return { q: params.get("q") || "", filters, sort: params.get("sort") === "date" ? "date" : "relevance" };
  }

  function buildForm(root, manifest, state) {
    const form = element("form", "gz-search__form");
    form.setAttribute("role", "search");
    const input = element("input", "gz-search__input");
    Object.assign(input, { type: "search", name: "q", value: state.q, placeholder: "输入关键词或文号，如 养老服务、本政发〔2018〕15号" });
    input.setAttribute("aria-label", "搜索");
    const button = element("button", "md-button md-button--primary gz-search__button", "搜索");
    button.type = "submit";
    const row = element("div", "gz-search__row");
    row.append(input, button);
    const filters = element("div", "gz-search__filters");
    for (const [facet, label] of FACETS) {
      const select = element("select", "gz-search__select");
      select.name = facet;
      select.setAttribute("aria-label", label);
      select.append(new Option(`全部${label}`, ""));
      for (const [value, count] of manifest.facets[facet] || []) {
        select.append(new Option(`${value}（${count}）`, String(value)));
      }
      select.value = state.filters[facet];
      filters.append(select);
    }
    const sort = element("select", "gz-search__select");
    sort.name = "sort";
    sort.setAttribute("aria-label", "排序");
    sort.append(new Option("按相关度", "relevance"), new Option("按日期（新→旧）", "date"));
    sort.value = state.sort;
    filters.append(sort);
    form.append(row, filters);
    root.append(form);
    return form;
  }

  async function mount(root) {
    const status = element("p", "gz-search__status");
    const list = element("ol", "gz-search__results");
    const more = element("button", "md-button gz-search__more", "显示更多结果");
    more.type = "button";
    more.hidden = true;
    let manifest;
    try {
      manifest = await ready();
    } catch (error) {
      root.append(element("p", "gz-search__error", `搜索索引无法加载：${error.message}`));
      return;
    }
    const form = buildForm(root, manifest, readState());
    root.append(status, list, more);
    let run = 0;

    async function show() {
      const state = readState();
      // The form follows the URL (back/forward, shared links).
      form.elements.q.value = state.q;
      for (const [facet] of FACETS) form.elements[facet].value = state.filters[facet];
      form.elements.sort.value = state.sort;
      const mine = ++run;
      root.dataset.state = "busy";
      list.replaceChildren();
      more.hidden = true;
      if (!state.q.trim()) {
        status.textContent = `共收录 ${manifest.documents} 篇文件。`;
        root.dataset.state = "done";
        return;
      }
      status.textContent = "正在搜索…";
      const started = performance.now();
      const found = await search(state.q, state.filters, state.sort);
      if (mine !== run) return;
      const needles = needlesFor(state.q, found.tokens);
      let shown = 0;
      const page = async () => {
        const slice = found.results.slice(shown, shown + PAGE_SIZE);
        let cards = await Promise.all(slice.map((hit) => card(hit.doc)));
        if (mine !== run) return;
        if (state.sort === "relevance") cards = promoteExact(cards, slice, needles);
        cards.forEach((data, i) => list.append(renderCard(data, slice[i], needles)));
        shown += slice.length;
        more.hidden = shown >= found.results.length;
      };
      await page();
      const ms = Math.round(performance.now() - started);
      status.textContent = found.results.length
        ? `找到 ${found.results.length} 篇文件（${ms} 毫秒）`
        : (found.tokens.length ? "没有找到匹配的文件。试试更短的词，或检查文号的写法。" : "请输入至少一个汉字、字母或数字。");
      root.dataset.state = "done";
      more.onclick = () => page();
    }

    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const params = new URLSearchParams();
      for (const [key, value] of new FormData(form)) {
        if (value && !(key === "sort" && value === "relevance")) params.set(key, value);
      }
      history.pushState(null, "", `${location.pathname}?${params}`);
      show();
    });
    form.addEventListener("change", (event) => {
      if (event.target.tagName === "SELECT") form.requestSubmit();
    });
    window.addEventListener("popstate", show);
    await show();
  }

  window.gazetteSearch = { ready, characterTable, fold, tokenize, shardOf, parseNumber, search, card };

  const start = () => {
    const root = document.getElementById("gz-search");
    if (root) mount(root);
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
