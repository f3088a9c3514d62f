"""Page specs → Markdown files whose body is one sanitized raw-HTML block.

The sources are captured from hacked sites, so no captured text may ever reach Markdown or a
template unescaped: Jinja2 autoescapes every value, the whole body is emitted as a raw HTML block
(Markdown leaves it alone: no `*x*`, `[x](…)` or `{: …}` is interpreted inside), and nh3 then
cleans that HTML against a fixed allowlist as a second line of defence. Titles go into YAML front
matter HTML-escaped and JSON-encoded, because Material prints `page.meta.title` without escaping.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import functools
import html
import json
import posixpath
import re
from pathlib import Path
from typing import Any

import jinja2
import nh3
from markupsafe import Markup

from ..citations import CITED_LABELS, KIND_LABELS
from ..diff import OTHER_FIELDS
from ..provenance import public_path
from ..validity import EVENT_LABELS, FACT_LABELS
from .pages import REASON_LABELS, RELATED_SHOWN, PageSpec
from .versions import side_by_side

TAGS = {
    "p", "h1", "h2", "h3", "h4", "table", "thead", "tbody", "tr", "th", "td", "caption", "a", "strong",
    "em", "ul", "ol", "li", "div", "span", "code", "nav", "br", "small", "del", "ins", "details",
    "summary", "time",
}
CLASSED = ("p", "code", "h1", "h2", "h3", "h4", "table", "tr", "th", "td", "a", "ul", "ol", "li", "div", "span",
           "nav", "small", "details", "summary")
ATTRIBUTES: dict[str, set[str]] = {tag: {"class"} for tag in CLASSED}
ATTRIBUTES["a"] = {"class", "href", "rel"}
ATTRIBUTES["nav"] = {"class", "aria-label"}
ATTRIBUTES["th"] = {"class", "scope"}
ATTRIBUTES["details"] = {"class", "open"}
ATTRIBUTES["time"] = {"datetime"}
ATTRIBUTES["span"] = {"class", "data-path"}
# ids and lang are ours (s1, fj2, cite; zh-Hant), never from a page: templates set them from
# the document's structure, and captured text only ever reaches element content.
ATTRIBUTES["h2"] = ATTRIBUTES["h3"] = {"class", "id"}
ATTRIBUTES["div"] = {"class", "id", "lang"}
BEIJING = dt.timezone(dt.timedelta(hours=8), "北京时间")
URL_SCHEMES = {"http", "https"}
# What PyYAML refuses to read raw in a stream, and what it reads as a line break (NEL, LS, PS):
# such characters go into the title as \u escapes.
YAML_UNSAFE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
BLANK_LINES = re.compile(r"\n\s*\n")


def environment(template_dir: Path, bytecode_cache: jinja2.BytecodeCache | None = None) -> jinja2.Environment:
    """The Jinja2 environment for templates/pages: autoescaped, strict, with the site's filters."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(template_dir)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=bytecode_cache,
    )
    env.filters["rel"] = relative_filter
    env.filters["day"] = day
    env.filters["dash"] = dash
    env.filters["local_time"] = local_time
    env.filters["permalink"] = permalink
    env.filters["size"] = human_size
    env.globals["reasons"] = REASON_LABELS
    env.globals["related_floor"] = round(RELATED_SHOWN * 100)
    env.globals["related_label"] = related_label
    env.globals["other_labels"] = dict(OTHER_FIELDS)
    env.globals["side_by_side"] = side_by_side
    env.globals["fact_labels"] = FACT_LABELS
    env.globals["event_labels"] = EVENT_LABELS
    env.globals["kind_labels"] = KIND_LABELS
    env.globals["cited_labels"] = CITED_LABELS
    env.globals["doc_urls"] = {}  # document id → site-relative URL, set by the plugin
    env.filters["public"] = public_path
    return env


# The page being rendered: `rel` reads it here, not from the template's context, so the macro
# files can be imported without context (Jinja then makes their module once per process, not once
# per page). A context variable: Dask runs partitions in threads.
_HERE: contextvars.ContextVar[str] = contextvars.ContextVar("here")


def relative_filter(target: str) -> str:
    """A site-relative URL (no leading slash) as a link relative to the page being rendered."""
    return relative(target, _HERE.get())


def _render(template: jinja2.Template, here: str, context: dict[str, Any]) -> str:
    """The template rendered as the page at `here` (for `rel` and for the template itself)."""
    token = _HERE.set(here)
    try:
        return template.render(here=here, **context)
    finally:
        _HERE.reset(token)


def relative(target: str, here: str) -> str:
    """relative("benxi/2021/", "benxi/2021/02/") == "../": links keep working under any base path."""
    if target == here:
        return "./"
    # posixpath.relpath of the two as absolute paths, on cached splits: a page links to hundreds
    # of targets from one place, and relpath normalizes both sides again on every call.
    to, start = _steps(target), _steps(here)
    common = 0
    for a, b in zip(to, start):
        if a != b:
            break
        common += 1
    rel = "/".join([".."] * (len(start) - common) + list(to[common:])) or "."
    return rel + "/" if target.endswith("/") or target == "" else rel


@functools.lru_cache(maxsize=8192)
def _steps(url: str) -> tuple[str, ...]:
    return tuple(step for step in posixpath.normpath("/" + url).split("/") if step)


def day(value: dt.date | str | None) -> str:
    """ISO date, or a dash when unknown."""
    if value is None or value == "":
        return "—"
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def dash(value: Any) -> Any:
    """The value, or a dash for None and empty strings."""
    return "—" if value is None or value == "" else value


@functools.lru_cache(maxsize=4096)  # the captures of one page share their time: a partition asks again and again
def local_time(value: str | None) -> Markup:
    """A stored UTC time (ISO 8601) as readers of Chinese gazettes tell time: Beijing time."""
    if not value:
        return Markup("—")
    try:
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return Markup.escape(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    shown = moment.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M")
    return Markup('<time datetime="{}">{}（北京时间）</time>').format(moment.isoformat(), shown)


def permalink(url: str) -> str:
    """A site-relative URL as an address from the site root (gazette.js makes it absolute)."""
    return "/" + url.lstrip("/")


def human_size(size: int) -> str:
    """2875392 → 2.7 MB (decimal units, as file managers and browsers show downloads)."""
    value = float(size)
    for unit in ("字节", "KB", "MB", "GB"):
        if value < 1000 or unit == "GB":
            return f"{int(value)} {unit}" if unit == "字节" else f"{value:.1f} {unit}"
        value /= 1000
    raise AssertionError("unreachable")


def related_label(similarity: float) -> str:
    """How much a related document shares, in words (the share itself is shown beside)."""
    return "很可能出自同一模板" if similarity >= 0.25 else "部分段落相同"


# Generated pages reach MkDocs as front matter and this one paragraph; the plugin swaps the page's
# rendered, cleaned HTML in after Markdown (on_page_content). Markdown would otherwise parse every
# body's raw HTML again, which was most of the cost of a page.
BODY_PLACEHOLDER = "GAZETTE-GENERATED-BODY"
BODY_PLACEHOLDER_HTML = f"<p>{BODY_PLACEHOLDER}</p>"


def page_source(spec: PageSpec) -> str:
    """The Markdown source MkDocs sees for a generated page."""
    return front_matter(spec.title, **page_meta(spec)) + "\n" + BODY_PLACEHOLDER + "\n"


def page_meta(spec: PageSpec) -> dict[str, Any]:
    """Front matter beyond the title: the page's language when its text is Traditional (the
    theme puts it on <html lang>), and no side table of contents where there is no outline,
    so lists and tables get the width."""
    structure = spec.context.get("layout")
    meta: dict[str, Any] = {}
    if structure is None or not structure.has_outline:
        meta["hide"] = ["toc"]
    if structure is not None:
        meta["correction"] = True  # main.html says where to report a mistake in the text
    if lang := spec.context.get("lang"):
        meta["lang"] = lang
    return meta


def render_body(env: jinja2.Environment, spec: PageSpec) -> str:
    """A generated page's content: its template rendered (autoescaped), then cleaned by nh3."""
    body = _render(env.get_template(spec.template), spec.url, spec.context)
    return f'<div class="gz-page">\n{clean(body).strip()}\n</div>\n'


OUTLINE_HEADING = re.compile(r'<h([23]) class="gz-h(?: [^"]*)?" id="((?:s|fj)\d+)">(.*?)</h\1>', re.S)
TAG = re.compile(r"<[^>]+>")


def outline(body: str) -> list[dict[str, Any]]:
    """The document's 一、/（一） headings as MkDocs TOC tokens, for Material's "on this page"."""
    tokens: list[dict[str, Any]] = []
    for level, anchor, name in OUTLINE_HEADING.findall(body):
        name = " ".join(TAG.sub(" ", name).split())  # an attachment's label and title
        token = {"level": int(level), "id": anchor, "name": name, "children": []}
        if token["level"] == 3 and tokens:
            tokens[-1]["children"].append(token)
        else:
            tokens.append(token)
    return tokens


def render_fragment(env: jinja2.Environment, template: str, here: str, **context: Any) -> str:
    """A cleaned HTML block to append to a hand-written page (the home page's latest issues)."""
    return html_block(_render(env.get_template(template), here, context))


def html_block(body: str) -> str:
    """Sanitized HTML as one raw block Markdown passes through untouched."""
    cleaned = clean(body).strip()
    # No blank line inside: the block must stay one block whatever Markdown extensions are on.
    cleaned = BLANK_LINES.sub("\n", cleaned)
    return f'\n<div class="gz-page" markdown="0">\n{cleaned}\n</div>\n'


# Built once: nh3.clean would turn the allowlist into the sanitizer's own sets on every call.
_CLEANER = nh3.Cleaner(tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES, link_rel=None, strip_comments=True)


def clean(body: str) -> str:
    """nh3 with the site's allowlist: only relative and http(s) links, no scripts or handlers."""
    return _CLEANER.clean(body)


def front_matter(title: str, **extra_meta: Any) -> str:
    """YAML front matter with the title HTML-escaped (Material prints it raw) and JSON-quoted;
    other keys are our own plain values (JSON is YAML)."""
    quoted = json.dumps(html.escape(title), ensure_ascii=False)
    quoted = YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", quoted)
    extra = "".join(f"{key}: {json.dumps(value)}\n" for key, value in extra_meta.items() if value)
    return f"---\ntitle: {quoted}\n{extra}---\n"
