// The search page: form, filters with counts for the current results, result cards, excerpts,
// and the help a reader needs when nothing matches. The engine is search.js (gazetteSearch).
// Everything from the index reaches the page as text nodes, never as HTML.
(() => {
  "use strict";

  const G = window.gazetteSearch;
  const PAGE_SIZE = 10;
  const CHECK_AHEAD = 20; // phrase hits verified against their text before the count is given
  // Counting filter values reads the facet codes of every block holding a result (4096 documents
  // a block, ~5 KB). Up to this many blocks they load with the results; beyond, when the reader
  // turns to the filters (a common word in a large archive would otherwise cost a phone hundreds
  // of KB for counts it may never look at). A page may set window.GAZETTE_EAGER_COUNT_BLOCKS.
  const EAGER_COUNT_BLOCKS = window.GAZETTE_EAGER_COUNT_BLOCKS ?? 4;
  const LABELS = { gazette: "公报", year: "年份", office: "发文机关", genre: "文种", status: "时效性" };
  const YEAR_KINDS = [["year", "按期次年份"], ["dyear", "按成文年份"]];
  const BROWSE = [["gazettes/", "按公报"], ["offices/", "按发文机关"], ["genres/", "按文种"], ["years/", "按年份"]];
  const BASE_TITLE = document.title.replace(/^搜索\s*-\s*/u, ""); // the site's name
  const PAGE_TITLE = document.title;

  // ---- excerpts and highlighting ---------------------------------------------------------

  // The spans (in the original string) where any needle occurs, needles folded.
  function findSpans(text, needles) {
    const [folded, map] = G.foldWithMap(text);
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

  // What to mark: the typed terms (longest first), else their tokens (pairs and characters).
  function needlesFor(clauses) {
    const terms = clauses.flat();
    const phrases = [...new Set(terms.map((t) => G.fold(t.text).replace(/[^\p{L}\p{N}]+/gu, "")).filter(Boolean))];
    return {
      phrases: phrases.sort((a, b) => b.length - a.length),
      words: terms.filter((t) => !t.phrase).map((t) => G.fold(t.text)),
      tokens: [...new Set(terms.flatMap((t) => t.tokens))],
    };
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

  // The body around the first hit: the head (banner, 文号, title) is skipped, since the card
  // shows the title and 文号 already; a hit only in the title shows the body's beginning.
  function excerpt(data, needles) {
    const lines = (data.x || "").split("\n");
    const flat = lines.slice(data.h || 0).join(" ").replace(/\s+/g, " ").trim() || lines.join(" ");
    let spans = findSpans(flat, needles.phrases);
    if (!spans.length) spans = findSpans(flat, needles.tokens);
    const first = spans.length ? spans[0][0] : 0;
    const start = Math.max(0, first - 40);
    const end = Math.min(flat.length, start + 140);
    const inside = spans.filter(([a, b]) => a >= start && b <= end).map(([a, b]) => [a - start, b - start]);
    const lead = start > 0 ? "…" : "";
    return {
      text: lead + flat.slice(start, end) + (end < flat.length ? "…" : ""),
      spans: inside.map(([a, b]) => [a + lead.length, b + lead.length]),
    };
  }

  // Bigrams only say a document holds every pair of a word, not the word itself: on a page of
  // results, documents holding every typed word as written go first (文号 matches stay first).
  function promoteExact(cards, slice, needles) {
    const terms = needles.words.filter((word) => [...word].length > 1);
    if (!terms.length) return cards;
    const exact = cards.map((c) => {
      const text = G.fold(`${c.t}\n${c.x || ""}`);
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

  function link(href, text) {
    const a = element("a", "", text);
    a.href = href;
    return a;
  }

  function renderCard(data, hit, needles) {
    const item = element("li", "gz-result");
    const title = element("a", "gz-result__title");
    title.href = new URL(data.u, G.ROOT).href;
    const titleSpans = findSpans(data.t, needles.phrases);
    appendMarked(title, data.t, titleSpans.length ? titleSpans : findSpans(data.t, needles.tokens));
    item.append(title);
    const meta = element("div", "gz-result__meta");
    if (hit.numberMatch) meta.append(element("span", "gz-result__badge", "文号匹配"));
    if (data.w) meta.append(element("span", "gz-result__badge gz-result__badge--withdrawn", "已撤回"));
    // Validity (时效性) as the build judged it; 未知 is left unsaid on a card.
    if (data.v && data.v !== "未知") meta.append(element("span", "gz-result__badge gz-result__badge--status", data.v));
    if (data.n) {
      const number = element("span", "gz-result__field gz-result__number");
      if (hit.numberMatch) number.append(element("mark", "", data.n)); // the whole 文号, not its digits
      else appendMarked(number, data.n, findSpans(data.n, needles.phrases));
      meta.append(number);
    }
    for (const part of [data.o, data.g, data.d, [data.z, data.i].filter(Boolean).join(" ")]) {
      if (part) meta.append(element("span", "gz-result__field", part));
    }
    item.append(meta);
    if (hit.missing.length) {
      const missing = element("p", "gz-result__missing", "缺少：");
      hit.missing.forEach((term, i) => {
        if (i) missing.append("、");
        missing.append(element("s", "", term));
      });
      item.append(missing);
    }
    const shown = excerpt(data, hit.numberMatch ? { phrases: [G.fold(data.n || "")], tokens: needles.tokens } : needles);
    const paragraph = element("p", "gz-result__excerpt");
    appendMarked(paragraph, shown.text, shown.spans);
    item.append(paragraph);
    return item;
  }

  function readState() {
    const params = new URLSearchParams(location.search);
    const filters = {};
    for (const facet of G.FACETS) filters[facet] = params.get(facet) || "";
    return { q: params.get("q") || "", filters, sort: params.get("sort") === "date" ? "date" : "relevance" };
  }

  function option(value, text) {
    const node = new Option(text, value);
    node.dataset.name = text;
    return node;
  }

  function buildForm(root, manifest) {
    const form = element("form", "gz-search__form");
    form.setAttribute("role", "search");
    const input = element("input", "gz-search__input");
    Object.assign(input, { type: "search", name: "q", placeholder: "输入词语或文号，如 养老服务、本政发〔2018〕15号" });
    input.setAttribute("aria-label", "搜索词");
    const button = element("button", "md-button md-button--primary gz-search__button", "搜索");
    button.type = "submit";
    const row = element("div", "gz-search__row");
    row.append(input, button);
    const filters = element("div", "gz-search__filters");
    for (const facet of ["gazette", "year", "office", "genre", "status"]) {
      const select = element("select", "gz-search__select");
      select.name = facet === "year" ? "years" : facet;
      select.setAttribute("aria-label", LABELS[facet]);
      select.append(option("", `全部${LABELS[facet]}`));
      if (facet === "year") {
        for (const [kind, label] of YEAR_KINDS) {
          const group = document.createElement("optgroup");
          group.label = label;
          for (const [value] of manifest.facets[kind] || []) group.append(option(`${kind}:${value}`, `${value}年`));
          select.append(group);
        }
      } else {
        for (const [value] of manifest.facets[facet] || []) select.append(option(String(value), String(value)));
      }
      filters.append(select);
    }
    const sort = element("select", "gz-search__select");
    sort.name = "sort";
    sort.setAttribute("aria-label", "排序");
    sort.append(new Option("按相关度", "relevance"), new Option("按日期（新→旧）", "date"));
    filters.append(sort);
    form.append(row, filters);
    root.append(form);
    return form;
  }

  // Write the state into the form (it follows the URL: back, forward, shared links).
  function fillForm(form, state) {
    form.elements.q.value = state.q;
    for (const facet of ["gazette", "office", "genre", "status"]) form.elements[facet].value = state.filters[facet];
    form.elements.years.value = state.filters.dyear ? `dyear:${state.filters.dyear}` : (state.filters.year ? `year:${state.filters.year}` : "");
    form.elements.sort.value = state.sort;
  }

  function formParams(form) {
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(form)) {
      if (!value || (key === "sort" && value === "relevance")) continue;
      if (key === "years") {
        const [kind, year] = String(value).split(":");
        params.set(kind, year);
      } else params.set(key, value);
    }
    return params;
  }

  // Each option's count among the current results (null: the whole archive, from the manifest;
  // "later": not counted yet, so no number is shown rather than a wrong one).
  function showCounts(form, manifest, counts) {
    const selects = { gazette: form.elements.gazette, office: form.elements.office, genre: form.elements.genre,
                      status: form.elements.status };
    const apply = (select, facet, prefix) => {
      const values = manifest.facets[facet] || [];
      for (const node of select.options) {
        if (!node.value || (prefix && !node.value.startsWith(prefix))) continue;
        const value = prefix ? node.value.slice(prefix.length) : node.value;
        if (counts === "later") {
          node.textContent = node.dataset.name;
          node.hidden = false;
          continue;
        }
        const k = values.findIndex(([name]) => String(name) === value);
        const count = counts ? (counts[facet].get(k) || 0) : (values[k] ? values[k][1] : 0);
        node.textContent = `${node.dataset.name}（${count}）`;
        node.hidden = counts !== null && count === 0 && !node.selected;
      }
    };
    for (const [facet, select] of Object.entries(selects)) apply(select, facet, "");
    for (const [kind] of YEAR_KINDS) apply(form.elements.years, kind, `${kind}:`);
  }

  function filterSummary(state) {
    const parts = [];
    for (const facet of ["gazette", "office", "genre", "status"]) if (state.filters[facet]) parts.push(`${LABELS[facet]}：${state.filters[facet]}`);
    if (state.filters.year) parts.push(`期次年份：${state.filters.year}`);
    if (state.filters.dyear) parts.push(`成文年份：${state.filters.dyear}`);
    return parts.join("，");
  }

  function searchUrl(q, filters = {}) {
    const params = new URLSearchParams();
    if (q) params.set("q", q);
    for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
    return `${location.pathname}?${params}`;
  }

  // What to try when nothing matched: each word's count, then concrete next steps.
  function helpFor(found, state) {
    const box = element("div", "gz-search__help");
    const { clauses, number, termCounts } = found;
    if (termCounts.length > 1) {
      const counts = element("p", "gz-search__terms", "各词语分别找到：");
      termCounts.forEach((term, i) => {
        if (i) counts.append(" · ");
        counts.append(`${term.text} ${term.count} 篇`);
      });
      box.append(counts);
    }
    const tips = element("ul");
    const tip = (...nodes) => { const li = element("li"); li.append(...nodes); tips.append(li); };
    if (filterSummary(state)) tip("去掉筛选条件（", filterSummary(state), "）：", link(searchUrl(state.q), "在全部文件中搜索"));
    if (clauses.length > 1) {
      const either = clauses.map((c) => c.map((t) => (t.phrase ? `"${t.text}"` : t.text)).join(" OR ")).join(" OR ");
      tip("减少词语，或用 OR 连接表示“其中任一”：", link(searchUrl(either, state.filters), either));
    }
    const quoted = clauses.flat().filter((t) => t.phrase);
    if (quoted.length) {
      const loose = clauses.flat().map((t) => t.text).join(" ");
      tip("去掉引号，允许这几个字分开出现：", link(searchUrl(loose, state.filters), loose));
    }
    const long = clauses.flat().find((t) => !t.phrase && [...t.needle].length > 8);
    if (long) tip(`“${long.text}”较长，可拆成几个短词，用空格分开。`);
    if (number) tip("检查文号的机关代字、年份和序号；也可只输入年份和序号，如〔2018〕15号。");
    tip("检查错别字。繁体和简体已自动互通（输入“养老”也能找到“養老”），无需另行输入；异体字（如“著”与“着”）不会自动互通。");
    const browse = element("li", "", "或者浏览：");
    BROWSE.forEach(([path, label], i) => {
      if (i) browse.append(" · ");
      browse.append(link(new URL(path, G.ROOT).href, label));
    });
    tips.append(browse);
    box.append(tips);
    return box;
  }

  async function mount(root) {
    const status = element("p", "gz-search__status");
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    const notice = element("div", "gz-search__notice");
    notice.hidden = true;
    const list = element("ol", "gz-search__results");
    list.setAttribute("aria-label", "搜索结果");
    const help = element("div");
    const more = element("button", "md-button gz-search__more", "显示更多结果");
    more.type = "button";
    more.hidden = true;
    let manifest;
    try {
      manifest = await G.ready();
    } catch (error) {
      root.append(element("p", "gz-search__error", `搜索索引无法加载：${error.message}`));
      root.dataset.state = "done";
      return;
    }
    const form = buildForm(root, manifest);
    root.append(status, notice, list, help, more);
    let run = 0;

    async function show() {
      const state = readState();
      fillForm(form, state);
      const mine = ++run;
      root.dataset.state = "busy";
      list.setAttribute("aria-busy", "true");
      list.replaceChildren();
      help.replaceChildren();
      notice.hidden = true;
      more.hidden = true;
      const label = state.q.trim() ? `“${state.q.trim()}”` : filterSummary(state);
      document.title = label ? `${label}的搜索结果 - ${BASE_TITLE}` : PAGE_TITLE;
      showCounts(form, manifest, null);
      if (!state.q.trim() && !filterSummary(state)) {
        status.textContent = `共收录 ${manifest.documents} 篇文件。输入词语或文号搜索，或只选筛选条件列出文件。`;
        list.removeAttribute("aria-busy");
        root.dataset.state = "done";
        return;
      }
      status.textContent = "正在搜索…";
      const started = performance.now();
      const found = await G.search(state.q, state.filters, state.sort);
      if (mine !== run) return;
      const needles = needlesFor(found.clauses);
      const pending = [...found.results];
      let shown = 0;
      // The next n results whose phrases hold (cards of checked hits are cached for display).
      const take = async (n) => {
        const out = [];
        while (out.length < n && pending.length) {
          const batch = pending.splice(0, n - out.length);
          const cards = await Promise.all(batch.map((h) => G.card(h.doc)));
          batch.forEach((h, i) => {
            if (G.holdsPhrases(cards[i], h)) out.push([h, cards[i]]);
          });
        }
        return out;
      };
      const unchecked = () => pending.some((h) => h.check.length);
      const page = async () => {
        const taken = await take(PAGE_SIZE);
        if (mine !== run) return;
        const slice = taken.map(([h]) => h);
        let cards = taken.map(([, c]) => c);
        if (state.sort === "relevance" && found.mode !== "filters") cards = promoteExact(cards, slice, needles);
        cards.forEach((data, i) => list.append(renderCard(data, slice[i], needles)));
        shown += slice.length;
        more.hidden = pending.length === 0;
      };
      await page();
      if (unchecked()) {
        // Check a few more phrase hits ahead, so that a small count is exact.
        const ahead = pending.filter((h) => h.check.length).slice(0, CHECK_AHEAD);
        const cards = await Promise.all(ahead.map((h) => G.card(h.doc)));
        ahead.forEach((h, i) => {
          if (G.holdsPhrases(cards[i], h)) h.check = [];
          else pending.splice(pending.indexOf(h), 1);
        });
        more.hidden = pending.length === 0;
      }
      if (mine !== run) return;
      const total = shown + pending.length;
      const approximate = unchecked() > 0;
      const ms = Math.round(performance.now() - started);
      status.textContent = describe(found, state, total, approximate, ms);
      if (found.mode === "some" && total) {
        notice.hidden = false;
        notice.textContent = found.clauses.length > 1
          ? `以下 ${total} 篇文件只包含其中一部分词语，每篇注明缺少的词语。`
          : `以下 ${total} 篇文件包含其中的大部分字，可能是写法不同。`;
      }
      if (!total || found.mode === "some") help.append(helpFor(found, state));
      list.removeAttribute("aria-busy");
      root.dataset.state = "done";
      more.onclick = () => page();
      if (found.matched !== null) {
        const count = async () => {
          const counts = await G.facetCounts(manifest, found.matched, found.filters);
          if (mine === run) showCounts(form, manifest, counts);
        };
        if (G.countBlocks(manifest, found.matched) <= EAGER_COUNT_BLOCKS) await count();
        else {
          showCounts(form, manifest, "later");
          whenFiltersTouched(form, () => (mine === run ? count() : null));
        }
      }
    }

    // Run `then` once, the first time the reader reaches for the filters (pointer, touch, keyboard).
    function whenFiltersTouched(form, then) {
      const filters = form.querySelector(".gz-search__filters");
      const events = ["pointerover", "pointerdown", "touchstart", "focusin"];
      const once = () => {
        events.forEach((name) => filters.removeEventListener(name, once));
        then();
      };
      events.forEach((name) => filters.addEventListener(name, once, { passive: true }));
    }

    function describe(found, state, total, approximate, ms) {
      const filters = filterSummary(state);
      if (found.mode === "filters") return `${filters}：共 ${total} 篇文件，新的在前。`;
      if (!total) {
        return found.clauses.length || found.number
          ? `没有找到包含“${state.q.trim()}”的文件${filters ? `（筛选：${filters}）` : ""}。`
          : "请输入至少一个汉字、字母或数字。";
      }
      if (found.mode === "some") {
        return found.clauses.length > 1
          ? `没有文件同时包含全部 ${found.clauses.length} 个词语（${ms} 毫秒）。`
          : `没有文件包含“${state.q.trim()}”（${ms} 毫秒）。`;
      }
      const how = found.clauses.length > 1 ? "同时包含全部词语的" : "";
      return `找到${approximate ? "约" : ""} ${total} 篇${how}文件${filters ? `（筛选：${filters}）` : ""}（${ms} 毫秒）`;
    }

    form.addEventListener("submit", (event) => {
      event.preventDefault();
      history.pushState(null, "", `${location.pathname}?${formParams(form)}`);
      show();
    });
    form.addEventListener("change", (event) => {
      if (event.target.tagName === "SELECT") form.requestSubmit();
    });
    window.addEventListener("popstate", show);
    await show();
  }

  const start = () => {
    const root = document.getElementById("gz-search");
    if (root) mount(root);
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
