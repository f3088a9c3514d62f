"""Line rules shared by HTML pages and text dumps: page fields, chrome, artifacts and spam.

Each rule returns the name recorded in the audit. A rule must not be able to hit a line of a
real document: chrome words only count when the line holds nothing else, footer words only at
the page's edges, and the spam lexicon only on short lines that read like slogans.
"""

from __future__ import annotations

import re

from .. import patterns as P
from ..script import is_simplified_only

# Labels that are page fields wherever they stand; the rest only at the page's top or bottom,
# where CMSs print them (日期: or 来源: can start a line of a real notice).
STRONG_META = re.compile(
    r"^(?:索引号|索引號|发布机构|發布機構|信息名称|信息名稱|主题分类|主題分類|成文日期|废止日期|廢止日期|"
    r"公开方式|公開方式|公开范围|公開範圍|发布日期|發布日期|发布时间|發布時間|浏览次数|瀏覽次數|点击数|"
    r"阅读次数|關鍵詞|关键词|主题词|发文机关|發文機關|组配分类|体裁分类|所属主题|公开日期|有效性)"
)
# Chrome words that alone are enough to call a line of chrome words a toolbar (大/中/小 are not).
TOOLBAR_WORDS = re.compile(
    r"语音|語音|朗读|朗讀|字体|字體|字号|字號|打印|列印|关闭|關閉|收藏|分享|微博|微信|朋友圈|QQ|扫一扫|掃一掃|"
    r"返回顶部|返回頂部|纠错|糾錯|浏览次数|瀏覽次數|上一篇|下一篇|发布时间|發布時間|二维码|无障碍|無障礙"
)
RELATED_HEADS = re.compile(r"^(?:相关信息|相關信息|相关链接|相關鏈接|相关文件|相关稿件|相关新闻|相关阅读)\s*[:：]?$")
FOOTER_PREFIX = re.compile(r"^(?:主办单位|主辦單位|承办单位|承辦單位|技术支持|技術支持|联系我们|聯繫我們|网站地图|網站地圖|Copyright|copyright|©)")
URLISH = re.compile(r"(?:https?://|www\.|\.com\b|\.net\b|\.cc\b|\.vip\b)", re.I)

EDGE_LINES = 15  # how many lines at each end of a page count as its top or bottom
SPAM_MAX_LEN = 80  # longer lines are sentences of a document, never judged by the lexicon


def parse_meta(text: str) -> list[tuple[str, str]] | None:
    """Split 'label: value label: value' into pairs if the whole line is CMS page fields."""
    pairs = list(P.META_PAIR.finditer(text))
    if not pairs or pairs[0].start() != 0 or len(text) > 160:
        return None
    out = []
    for here, nxt in zip(pairs, pairs[1:] + [None]):
        value = text[here.end() : nxt.start() if nxt else len(text)]
        out.append((re.sub(r"\s+", "", here.group("label")), value.strip().strip("[]【】")))
    return out


def spam_score(text: str, traditional_page: bool) -> int:
    """How much a line reads like injected gambling/adult spam (≥ 3 is spam).

    A strong term (彩金, 百家乐, 无码…) is enough on a short slogan-like line; weak terms
    (彩票, 澳门, 视频…) only count when several come together. Enforcement words (打击, 非法…)
    and sentence punctuation mark a real document talking about the subject.
    """
    if len(text) > SPAM_MAX_LEN:
        return 0
    strong = len(P.SPAM_STRONG_RE.findall(text))
    weak = len(P.SPAM_WEAK_RE.findall(P.SPAM_STRONG_RE.sub("", text)))
    score = 3 * strong + weak
    if P.SENTENCE_PUNCT.search(text):
        score -= 2
    if P.ENFORCEMENT.search(text):
        score -= 3
    if URLISH.search(text):
        score += 1
    if traditional_page and score > 0 and is_simplified_only(text):
        score += 1  # 001:402: a Simplified slogan on a Traditional page
    if strong == 0 and not URLISH.search(text):
        return min(score, 2)  # weak words alone (彩票, 视频, 平台) appear in real documents
    return score


def classify(text: str, index: int, total: int, traditional_page: bool) -> str | None:
    """The rule that removes this stripped line, or None to keep it."""
    edge = index < EDGE_LINES or index >= total - EDGE_LINES
    if P.MARKUP_ONLY.match(text):
        return "markup-residue"
    if P.BREADCRUMB.match(text):
        return "chrome-breadcrumb"
    meta = parse_meta(text)
    if meta and (edge or STRONG_META.match(text)):
        return "chrome-toolbar" if TOOLBAR_WORDS.search(text) else "page-meta"
    if P.CHROME_ONLY.match(text) and TOOLBAR_WORDS.search(text):
        return "chrome-toolbar"
    if len(text) <= 100 and P.CHROME_PREFIX.match(text) and not FOOTER_PREFIX.match(text):
        return "chrome-related"
    if len(text) <= 200 and (P.FOOTER_MARK.search(text) or (edge and FOOTER_PREFIX.match(text))):
        return "chrome-footer"
    if P.IMAGE_FILENAME.match(text):
        return "artifact-filename"
    if spam_score(text, traditional_page) >= 3:
        return "spam-text"
    return None


def is_related_head(text: str) -> bool:
    """相关信息 and the like: what follows it at the end of a page is a list of other pages."""
    return bool(RELATED_HEADS.match(text))
