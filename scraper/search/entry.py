"""What the search index knows about one document: the plugin fills these from the store."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SearchEntry:
    doc_id: str
    url: str  # site-relative permalink without the leading slash, e.g. "benxi/2021/02/benxi-…-1/"
    title: str
    number: str | None  # canonical 文号, e.g. 本政办发〔2021〕1号
    number_agency: str | None  # 本政办发
    number_year: int | None
    number_serial: int | None
    office: str | None
    genre: str | None  # doc_type: 通知, 意见, 令 …
    date: str | None  # ISO date used for sorting: signed, else published, else the issue's date
    gazette: str | None  # 本溪市人民政府公报 (None for a lone document)
    year: int | None  # the gazette-year (issue year) or the document's year
    issue: str | None  # human label, e.g. 2021年第2期
    text: str  # the cleaned body text, lines joined with "\n"
    withdrawn: bool = False  # no longer in the latest capture of its issue: still findable, marked
    status: str | None = None  # validity (时效性): 现行有效, 已废止 … (validity.STATUS_LABELS)
    head_lines: int = 0  # lines of text before the body (banner, 文号, title): excerpts skip them
