// Compare two documents of the archive in the browser: /compare/?a=<doc url>&b=<doc url>.
// Needs search.js (loaded before it) for the character table. Both documents' data come from
// their <doc>.json files on this site; the text is diffed with
// diff-match-patch (character level, semantically cleaned up: a changed word shows as that word).
// Only site-relative document addresses are accepted, and everything is put in as text nodes.
(() => {
  "use strict";
  const SCRIPT = document.currentScript;
  const ROOT = new URL("../../", SCRIPT ? SCRIPT.src : location.href);
  const DOC_URL = /^[a-z0-9][a-z0-9/_-]*\/$/; // e.g. benxi/2021/02/benxi-benzhengbanfa-2021-14/
  const FIELDS = [["doc_number", "文号"], ["title", "标题"], ["office", "发文机关"], ["doc_type", "文种"],
    ["signed", "成文日期"], ["published", "发布日期"], ["recipients", "主送"]];

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  // Traditional and Simplified compare as one: search.js's character table (the one the search
  // index folds with) maps both texts before diffing, one character for one, so the ops map back
  // onto the original texts.
  function foldTable() {
    return window.gazetteSearch.characterTable().catch(() => new Map()); // else: compare as written
  }

  async function load(url) {
    const response = await fetch(new URL(url.replace(/\/$/, ".json"), ROOT));
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    return response.json();
  }

  function link(doc) {
    const a = element("a", null, doc.title);
    a.href = new URL(doc.url.replace(/^\//, ""), ROOT).href;
    return a;
  }

  async function mount(root) {
    const params = new URLSearchParams(location.search);
    const a = params.get("a") || "", b = params.get("b") || "";
    if (!DOC_URL.test(a) || !DOC_URL.test(b) || a.includes("..") || b.includes("..")) {
      root.append(element("p", null, "请从文件页面的“相关文件”中选择要对比的两篇文件。"));
      root.dataset.state = "done";
      return;
    }
    let left, right, table;
    try {
      [left, right, table] = await Promise.all([load(a), load(b), foldTable()]);
    } catch (error) {
      root.append(element("p", "gz-search__error", `无法读取文件数据：${error.message}`));
      root.dataset.state = "done";
      return;
    }
    const heading = element("p", "gz-compare__docs");
    heading.append("对比 ", link(left), " 与 ", link(right), "：删去的文字标为删除线，新增的文字加下划线。");
    root.append(heading);

    const meta = element("table", "gz-list gz-compare__meta");
    const head = element("tr");
    head.append(element("th", null, "字段"), element("th", null, "前者"), element("th", null, "后者"));
    meta.append(head);
    for (const [key, label] of FIELDS) {
      const row = element("tr", left[key] === right[key] ? null : "gz-changed");
      row.append(element("th", null, label), element("td", null, left[key] || "—"), element("td", null, right[key] || "—"));
      meta.append(row);
    }
    const scroll = element("div", "gz-scroll");
    scroll.append(meta);
    root.append(scroll);

    const dmp = new diff_match_patch();
    dmp.Diff_Timeout = 2;
    const fold = (text) => text.replace(/[\u3400-\ufaff]/g, (char) => table.get(char) ?? char);
    const oldText = left.text || "", newText = right.text || "";
    const diffs = dmp.diff_main(fold(oldText), fold(newText));
    dmp.diff_cleanupSemantic(diffs);
    let same = 0, added = 0, removed = 0, i = 0, j = 0;
    const body = element("div", "gz-diff");
    for (const [op, text] of diffs) {
      const n = text.length;
      if (op === DIFF_EQUAL) { same += n; body.append(newText.slice(j, j + n)); i += n; j += n; }
      else if (op === DIFF_DELETE) { removed += n; body.append(element("del", null, oldText.slice(i, i + n))); i += n; }
      else { added += n; body.append(element("ins", null, newText.slice(j, j + n))); j += n; }
    }
    const total = same + Math.max(added, removed);
    root.append(element("p", "gz-compare__stats",
      `相同 ${same} 字，删去 ${removed} 字，新增 ${added} 字（相同部分约占 ${total ? Math.round(100 * same / total) : 100}%）。`));
    root.append(body);
    root.dataset.state = "done";
  }

  const start = () => {
    const root = document.getElementById("gz-compare");
    if (root) mount(root);
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
