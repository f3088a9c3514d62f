"""The archived raw captures, shown safely: one page per capture with its source as text.

The sources are hacked sites, so a capture is never served as HTML from our origin. Its bytes are
decoded with the encoding the pipeline chose and shown escaped inside <pre>, in a standalone page
whose Content-Security-Policy allows nothing but its own inline style (no script, no frame, no
image, no form, no base): even a bug in escaping could not run anything. The page names the
capture's source, time, encoding and sha256, so a reader can check it against the bulk download
(gazette.db holds the bytes exactly).
"""

from __future__ import annotations

import html
from pathlib import Path

from ..provenance import provenance
from ..store import Store
from .pages import DocView
from .render import relative

CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; script-src 'none'; "
       "frame-src 'none'; form-action 'none'; base-uri 'none'")
STYLE = (
    "body{margin:0;font:14px/1.6 system-ui,-apple-system,'PingFang SC','Noto Sans CJK SC',sans-serif;"
    "color:#222;background:#fff}header{padding:12px 16px;background:#f5f5f5;border-bottom:1px solid #ddd}"
    "header p{margin:4px 0;overflow-wrap:anywhere}pre{margin:0;padding:12px 16px;white-space:pre-wrap;"
    "overflow-wrap:anywhere;font:13px/1.5 ui-monospace,Menlo,Consolas,monospace}code{overflow-wrap:anywhere}"
)


def capture_page(text: str, *, title: str, source: str, source_is_url: bool, printed: bool, captured: str,
                 sha256: str, encoding: str | None, back: str, back_label: str) -> str:
    """The standalone page showing one capture's decoded source as text."""
    e = html.escape
    origin = (f'<a href="{e(source)}" rel="nofollow noopener noreferrer">{e(source)}</a>' if source_is_url
              else f"<code>{e(source)}</code>")
    claim = "（页面自称的原文地址）" if printed else ""
    return (
        "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="robots" content="noindex"><meta name="referrer" content="no-referrer">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>存档原始网页：{e(title)}</title><style>{STYLE}</style></head><body>\n"
        "<header><p><strong>存档原始网页（源代码，按文本显示）</strong>：以下是本站采集到的原始网页，"
        "不作任何处理，也不执行其中的脚本、样式和链接。原网站可能已被篡改，内容以官方发布为准。</p>"
        f"<p>来源：{origin}{claim}</p><p>采集时间：{e(captured)} · 编码：{e(encoding or '未知')}</p>"
        f"<p>原始字节 SHA-256：<code>{e(sha256)}</code>（与数据下载中 gazette.db 保存的字节一致）</p>"
        f'<p><a href="{e(back)}">返回{e(back_label)}</a></p></header>\n'
        f"<pre>{e(text)}</pre>\n</body></html>\n"
    )


def write_captures(store: Store, docs: list[DocView], site_dir: Path) -> int:
    """One page per raw capture behind the versions of these documents (and the capture that
    showed a withdrawn one gone); returns how many."""
    written: set[str] = set()
    for doc in docs:
        shown = [(v.source.sha256, v.source.location, v.source.captured) for v in doc.history]
        gone = doc.standing.withdrawn if doc.standing else None
        if gone is not None:  # the capture that no longer held it
            shown.append((gone.sha256, gone.location, gone.captured))
        for sha256, location, captured in shown:
            url = doc.capture_url(sha256)
            if url in written:
                continue
            raw = store.raw(sha256)
            if raw is None:
                continue
            row = store.capture_for(sha256, location)
            encoding = row.encoding if row else None
            where = provenance(location, store.printed_url(sha256, location))
            back, label = (doc.issue.url, "所在期次") if doc.issue else (doc.url, "文件页面")
            page = capture_page(
                _decode(raw, encoding), title=doc.issue.label if doc.issue else doc.title,
                source=where.url or where.path or "", source_is_url=where.url is not None,
                printed=where.url_is_printed, captured=captured, sha256=sha256,
                encoding=encoding, back=relative(back, url.rsplit("/", 1)[0] + "/"), back_label=label)
            path = site_dir / url
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(page, encoding="utf-8")
            written.add(url)
    return len(written)


def _decode(raw: bytes, encoding: str | None) -> str:
    """The bytes as the pipeline read them; undecodable bytes shown as U+FFFD, never dropped."""
    try:
        return raw.decode(encoding or "utf-8", errors="replace")
    except LookupError:
        return raw.decode("utf-8", errors="replace")
