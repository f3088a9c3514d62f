"""Stable ASCII ids and site URLs for issues and documents. Pure functions.

Ids are computed once, when the store first sees a document, and then kept: later captures find
the document by its 文号 or title (store.py), so a change in pypinyin's readings never renames a
document that already has an id.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

from pypinyin import lazy_pinyin

from .model import Document, Issue
from .script import to_simplified

# Longest first: 人民政府公报 must win over 公报.
GAZETTE_SUFFIXES = ("人民政府公报", "人民政府公報", "政府公报", "政府公報", "公报", "公報", "政报", "政報")
PLACE_LEVELS = "省市县縣区區州旗盟"
# A place name before its level character, shortest first and at least two characters, so that
# 杭州市 reads as 杭州 + 市 (not 杭 + 州) and 本溪市市场监督管理局 yields no second level.
PLACE = re.compile(rf"(?P<name>[^\s、，,()（）]{{2,10}}?)[{PLACE_LEVELS}]")
# A "place" holding these is part of an office name: 本溪市人民政府市长办公室 is not in 人民政府市.
NOT_PLACE = ("人民", "政府", "机关", "機關", "委员", "委員")
NON_ALNUM = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=65536)  # places, agencies and titles come back on every page; pypinyin is slow
def slug(text: str) -> str:
    """Lower-case ASCII slug: Chinese (Simplified or Traditional) as toneless pinyin, other runs kept."""
    # NFKC first: full-width digits and letters (１号, ＡＢ) become ASCII.
    normal = unicodedata.normalize("NFKC", text)
    ascii_text = "".join(lazy_pinyin(normal)).lower()
    return NON_ALNUM.sub("-", ascii_text).strip("-")


@lru_cache(maxsize=4096)  # a build asks for every record's gazette; pypinyin is slow
def gazette_slug(gazette_name: str) -> str:
    """本溪市人民政府公报 → benxi; 黃石市人民政府公報 → huangshi."""
    name = gazette_stem(gazette_name.strip()) or gazette_name.strip()
    if len(name) > 1 and name[-1] in PLACE_LEVELS:
        name = name[:-1]
    return slug(name)


def gazette_stem(name: str) -> str | None:
    """本溪市人民政府公报 → 本溪市, 青堰政报 → 青堰; None when the name ends in no gazette word."""
    return next((name[: -len(suffix)] for suffix in GAZETTE_SUFFIXES if name.endswith(suffix) and len(name) > len(suffix)), None)


def place_slug(office: str) -> str | None:
    """The place an office belongs to: 韶关市曲江区人民政府办公室 → shaoguan-qujiang, 国务院 → None."""
    names: list[str] = []
    rest = re.sub(r"^(?:中共|中国共产党|中國共產黨)", "", office.strip())
    for _ in range(2):  # province/city, then city/district: two levels are enough for an id
        found = PLACE.match(rest)
        if found is None or any(word in found["name"] for word in NOT_PLACE):
            break
        names.append(found["name"])
        rest = rest[found.end() :]
    return "-".join(slug(name) for name in names) or None


def issue_id(issue: Issue) -> str | None:
    """<gazette-slug>-<year>-<NN>, or None when the gazette, year or number is unknown."""
    if not issue.gazette or issue.year is None or issue.number is None:
        return None
    gazette = gazette_slug(issue.gazette)
    if not gazette:
        return None
    return f"{gazette}-{issue.year}-{issue.number:02d}"


def document_id(doc: Document, issue_key: str | None = None, place: str | None = None, location: str | None = None) -> str:
    """A readable id that depends only on the document, never on what the store held before:
    place-agency-year-serial from the 文号; without one, a hash of the title under the issue, or for
    a lone page of the title and the page's location (a title alone names no document across pages).

    `place` is the fallback place slug (e.g. from the issue's gazette) when the office names none.
    """
    where = document_place(doc, place)
    number = doc.doc_number
    if number is not None:
        parts = [where, slug(_agency_for_id(number.agency, number.is_order)), number.year, number.serial]
        return "-".join(str(part) for part in parts if part not in (None, ""))
    scope = issue_key if issue_key else f"{doc.title}|{location or ''}"
    title_hash = hashlib.sha1((doc.title if issue_key else scope).encode("utf-8")).hexdigest()[:8]
    return f"{issue_key or where or 'doc'}-t{title_hash}"


def _agency_for_id(agency: str, order: bool) -> str:
    """本溪市人民政府令 → 政府令: an order's issuer names its place, which the id already leads with."""
    agency = to_simplified(agency)
    if not order:
        return agency
    rest = agency
    for _ in range(2):
        found = PLACE.match(rest)
        if found is None or any(word in found["name"] for word in NOT_PLACE):
            break
        rest = rest[found.end() :]
    return rest.replace("人民", "") or agency


def document_place(doc: Document, place: str | None = None) -> str | None:
    """The place a document belongs to: its office's (韶关市曲江区… → shaoguan-qujiang), else `place`."""
    return office_place(doc.office) or place


def office_place(office: str | None) -> str | None:
    """The place slug of an office, Simplified or Traditional (None without one)."""
    return place_slug(to_simplified(office)) if office else None


def document_year(doc: Document) -> int | None:
    """The year a lone document is filed under: signed, else published, else its 文号's year."""
    for date in (doc.signed, doc.published):
        if date is not None:
            return date.year
    return doc.doc_number.year if doc.doc_number else None


def issue_folder(issue: Issue | None) -> str | None:
    """/<gazette-slug>/<year>/<NN>/ for an identified issue: one folder per gazette-year."""
    key = issue_id(issue) if issue is not None else None
    parts = _issue_parts(key) if key is not None else None
    return None if parts is None else "/{}/{}/{}/".format(*parts)


def year_folder(issue_key: str) -> str | None:
    """benxi-2021-02 → benxi/2021, the gazette-year folder of an issue id (a partial build's unit);
    None for any other id (a lone document's)."""
    parts = _issue_parts(issue_key)
    return None if parts is None else f"{parts[0]}/{parts[1]}"


def _issue_parts(key: str) -> tuple[str, str, str] | None:
    """An issue id (see issue_id) as gazette slug, year and two-digit number."""
    parts = key.rsplit("-", 2)
    if len(parts) == 3 and parts[1].isdigit() and parts[2].isdigit():
        return parts[0], parts[1], parts[2]
    return None


def document_url(doc_id: str, issue: Issue | None, year: int | None) -> str:
    """Site-relative permalink: under its issue, else /documents/<year or 'undated'>/."""
    folder = issue_folder(issue) or f"/documents/{year or 'undated'}/"
    return f"{folder}{doc_id}/"
