"""sources/<name>.toml → Source: where a gazette lists its issues and how to walk the listing.

Declarative on purpose: a new gazette is a new TOML file, not new code. Every mistake is a
SourceError naming the file and the key (`sources/benxi.toml: issues.links: …`).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..errors import GazetteError

DEFAULT_RATE = 2.0  # seconds between two requests to one host
DEFAULT_MAX_PAGES = 10


class SourceError(GazetteError):
    """A sources/*.toml file is missing, unreadable or invalid."""


@dataclass(frozen=True, slots=True)
class Source:
    """One gazette's listing and how to find its issue pages in it."""

    slug: str  # the file's stem: `gazette fetch benxi`
    path: Path
    name: str
    listing: tuple[str, ...]  # first listing page(s)
    issue_links: str  # CSS selector of the links to issue pages
    next_page: str | None = None  # CSS selector of a "next page" link
    page_pattern: str | None = None  # URL with {page}: listing pages first_page, first_page + 1, …
    first_page: int = 2
    max_pages: int = DEFAULT_MAX_PAGES  # listing pages per listing URL, the first included
    link_text: re.Pattern[str] | None = None  # keep only links whose text matches
    content: str | None = None  # CSS selector an issue page must hold, else it is reported, not stored
    rate: float = DEFAULT_RATE


KNOWN = {
    "": {"name", "listing", "rate", "pagination", "issues"},
    "pagination": {"next", "pattern", "first_page", "max_pages"},
    "issues": {"links", "text", "content"},
}


def load_source(path: Path) -> Source:
    """Read and validate one source file."""
    where = str(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SourceError(f"cannot read: {exc.strerror or exc}", where) from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SourceError(f"not valid TOML: {exc}", where) from exc
    _known_keys(data, where)
    pagination = _table(data, "pagination", where)
    issues = _table(data, "issues", where)
    if not issues:
        raise SourceError("issues.links: missing (the CSS selector of the links to issue pages)", where)
    listing = data.get("listing")
    if isinstance(listing, str):
        listing = [listing]
    if not isinstance(listing, list) or not listing or not all(isinstance(u, str) for u in listing):
        raise SourceError("listing: expected a URL or a list of URLs", where)
    for url in listing:
        _url(url, "listing", where)
    pattern = _str(pagination, "pattern", "pagination", where)
    if pattern is not None:
        if "{page}" not in pattern:
            raise SourceError("pagination.pattern: must contain {page}", where)
        _url(pattern.replace("{page}", "2"), "pagination.pattern", where)
    text = _str(issues, "text", "issues", where)
    try:
        link_text = re.compile(text) if text is not None else None
    except re.error as exc:
        raise SourceError(f"issues.text: not a valid regular expression: {exc}", where) from exc
    links = _str(issues, "links", "issues", where)
    if links is None:
        raise SourceError("issues.links: missing (the CSS selector of the links to issue pages)", where)
    next_page = _str(pagination, "next", "pagination", where)
    content = _str(issues, "content", "issues", where)
    for key, selector in (("issues.links", links), ("pagination.next", next_page), ("issues.content", content)):
        if selector is not None:
            _selector(selector, key, where)
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise SourceError("name: expected the gazette's name, e.g. \"本溪市人民政府公报\"", where)
    return Source(
        slug=path.stem,
        path=path,
        name=name.strip(),
        listing=tuple(listing),
        issue_links=links,
        next_page=next_page,
        page_pattern=pattern,
        first_page=_int(pagination, "first_page", "pagination", where, 2, minimum=0),
        max_pages=_int(pagination, "max_pages", "pagination", where, DEFAULT_MAX_PAGES, minimum=1),
        link_text=link_text,
        content=content,
        rate=_number(data, "rate", where, DEFAULT_RATE),
    )


def find_source(name: str, folder: Path) -> Source:
    """`benxi`, `benxi.toml` or a path to a .toml file."""
    given = Path(name)
    if given.suffix == ".toml" and given.is_file():
        return load_source(given)
    path = folder / f"{given.stem if given.suffix == '.toml' else name}.toml"
    if not path.is_file():
        known = sorted(p.stem for p in folder.glob("*.toml")) if folder.is_dir() else []
        hint = f" (known: {', '.join(known)})" if known else f" (no sources in {folder})"
        raise SourceError(f"no such source{hint}", str(path))
    return load_source(path)


def _known_keys(data: dict[str, Any], where: str) -> None:
    for table, allowed in KNOWN.items():
        values = data if not table else data.get(table, {})
        if not isinstance(values, dict):
            continue
        for key in values:
            if key not in allowed:
                name = f"{table}.{key}" if table else key
                raise SourceError(f"{name}: unknown key (expected one of {', '.join(sorted(allowed))})", where)


def _table(data: dict[str, Any], key: str, where: str) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise SourceError(f"{key}: expected a table ([{key}])", where)
    return value


def _str(table: dict[str, Any], key: str, prefix: str, where: str) -> str | None:
    value = table.get(key)
    if value is not None and (not isinstance(value, str) or not value.strip()):
        raise SourceError(f"{prefix}.{key}: expected a non-empty string", where)
    return value


def _int(table: dict[str, Any], key: str, prefix: str, where: str, default: int, minimum: int) -> int:
    value = table.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
        raise SourceError(f"{prefix}.{key}: expected an integer ≥ {minimum}", where)
    return value


def _number(table: dict[str, Any], key: str, where: str, default: float) -> float:
    value = table.get(key, default)
    if not isinstance(value, (int, float)) or isinstance(value, bool) or value < 0:
        raise SourceError(f"{key}: expected seconds between requests (a number ≥ 0)", where)
    return float(value)


def _url(url: str, key: str, where: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise SourceError(f"{key}: {url!r} is not an http(s) URL", where)


def _selector(selector: str, key: str, where: str) -> None:
    import soupsieve

    try:
        soupsieve.compile(selector)
    except Exception as exc:  # soupsieve raises SelectorSyntaxError (a SyntaxError) and others
        raise SourceError(f"{key}: not a valid CSS selector: {selector!r}", where) from exc
