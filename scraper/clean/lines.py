"""Line rules shared by HTML pages and text dumps: page fields, chrome, artifacts and spam.

Each rule returns the name recorded in the audit. A rule must not be able to hit a line of a
real document: chrome words only count when the line holds nothing else, footer words only at
the page's edges, and the spam lexicon only on short lines that read like slogans.
"""

from __future__ import annotations

import re

from .. import patterns as P
from ..docnumber import find_doc_numbers
from ..normalize import fold_blanks, strip_glosses
from ..script import is_simplified_only, to_simplified, to_simplified_chars

JAMMER = re.compile(r"(?:^|(?<=[\s\u4e00-\u9fff。，,:：;；]))\s*(?![:;,.])(?:[!-~]{1,2}\s){3,}[!-~]{1,2}(?=$|\s|[\u4e00-\u9fff])")
JAMMER_HINT = re.compile(r"[!-~]{1,2}\s[!-~]{1,2}\s[!-~]{1,2}\s[!-~]")  # what any JAMMER match holds; 5x faster to scan
UNGLUE_MIN = 60
# Nothing to cut without a 文号, a date or a title's 关于 in the line.
UNGLUE_HINT = re.compile(r"[号號日]|关于|關於|關于")
# …的通知(徐府办发〔2012〕19号) followed at once by the 主送: a title's line ends after the bracket.
GLUED_TITLE_NUMBER = re.compile(
    rf"(?:{P.GENRE_ALT})\s*[(（][\u4e00-\u9fff]{{1,14}}\s*[〔\[【(（]\s*(?:19|20)\d\d\s*[〕\]】)）]\s*第?\d{{1,5}}\s*[号號][)）](?=[\u4e00-\u9fff])"
)
# 特此通知上海市徐汇区人民政府办公室二〇一二年六月十二日: an office and a date glued between sentences.
OFFICE_AND_DATE = (rf"\s*(?P<office>[\u4e00-\u9fff、]{{2,40}}?{P.OFFICE_SUFFIX})\s*"
                   rf"(?P<date>{P.DATE_WRITTEN_TEXT})")
GLUED_SIGNATURE = re.compile(rf"(?:(?<=[。；;!！])|(?<=特此通知)|(?<=特此公告)|(?<=特此通告)|(?<=此复)){OFFICE_AND_DATE}")
# …(联系人:卢楠,联系电话:0574-87419099)宁波市鄞州区农业农村局2023年9月1日。: the same at the line's end
# after a closing bracket (a contact note, an attachment's 文号).
GLUED_END_SIGNATURE = re.compile(rf"(?<=[)）]){OFFICE_AND_DATE}[。.]?\s*$")
# An address opening a line with text glued on (http://…/601f.html发文字号 鄠政发〔2021〕1号 …).
LEADING_URL = re.compile(r"^https?://[!-~]+?(?=[\u3400-\u9fff])")
# A page run into one line from its first field: 文件编号鄞农发〔2023〕112号正文内容鄞州区人民政府:…
GLUED_NUMBER_FIELD = re.compile(r"^(?:文件编号|文件字号|发文字号|发文编号|发文文号|文号)[:：]?\s*")
BODY_MARKER = re.compile(r"^\s*(?:正文内容|正文)[:：]?\s*")
# A title naming its issuer (汕尾市人民政府关于…): not one of a joint title's issuers before it.
ISSUED_TITLE = re.compile(rf"^[\u4e00-\u9fff]{{2,30}}?{P.OFFICE_SUFFIX}{P.ABOUT}")
# A news report that runs on into the document it reprints: 全文如下:XX关于…的通知各省、自治区…:
REPRINTED = re.compile(
    rf"(?:原文|全文)如下[:：]\s*(?P<title>[\u4e00-\u9fff]{{2,30}}?{P.OFFICE_SUFFIX}{P.ABOUT}[^。；;:：]{{2,120}}?(?:{P.GENRE_ALT}))(?=各|[\u4e00-\u9fff]{{2,30}}[:：])"
)
OFFICE_TAIL = re.compile(rf"{P.OFFICE_SUFFIX}\s*$")
TITLE_TAIL = re.compile(rf"(?:{P.GENRE_ALT})\s*$")
ENFORCEMENT_REACH = 10  # characters either side of a spliced run where an enforcement word speaks of it
CLAUSE_END = re.compile(r"[。；;！？!?，,]")  # a clause ends at a comma too; 、 joins the things named
SENTENCE_MIN = 8  # a remainder this long with punctuation is a sentence, not a slogan's crumb
SPLICE_GAP = 2  # characters between two lexicon words of one spliced slogan (足球 in 太阳城足球滚球投注)
EDGE_LINES = 15  # how many lines at each end of a page count as its top or bottom
SPAM_MAX_LEN = 80  # longer lines are sentences of a document, never judged by the lexicon…
KEYWORD_BAR = re.compile(r"\s*[|｜]\s*")  # …unless they are a bar-separated keyword list (an SEO header)
KEYWORD_ITEMS = 4
KEYWORD_ITEM_MAX = 16


def parse_meta(text: str) -> list[tuple[str, str]] | None:
    """Split 'label: value label: value' into pairs if the whole line is CMS page fields."""
    if len(text) > 160 or not P.META_PAIR.match(text):
        return None  # (the first of finditer's pairs starts the line exactly when match finds one)
    pairs = list(P.META_PAIR.finditer(text))
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
    printed = text
    if traditional_page:
        text = to_simplified_chars(text)  # the lexicon knows each word in Simplified
    if len(text) > SPAM_MAX_LEN:
        items = KEYWORD_BAR.split(text)
        if len(items) < KEYWORD_ITEMS or any(len(x) > KEYWORD_ITEM_MAX for x in items) or P.SENTENCE_PUNCT.search(text):
            return 0
        # A keyword list (…第一|精品…|…无码一区二区|…), however long: judged as one slogan.
    strong = len(P.SPAM_STRONG_RE.findall(text))
    weak = len(P.SPAM_WEAK_RE.findall(P.SPAM_STRONG_RE.sub("", text) if strong else text))
    if not strong and not weak:
        return 0  # no spam word at all: most lines
    score = 3 * strong + weak
    if P.SENTENCE_PUNCT.search(text):
        score -= 2
    if P.ENFORCEMENT.search(text):
        score -= 3
    if P.URLISH.search(text):
        score += 1
    if traditional_page and score > 0 and is_simplified_only(printed):
        score += 1  # 001:402: a Simplified slogan on a Traditional page
    if strong == 0 and not P.URLISH.search(text):
        return min(score, 2)  # weak words alone (彩票, 视频, 平台) appear in real documents
    return score


def cut_spam_pieces(text: str, traditional_page: bool) -> tuple[str, list[str]]:
    """A headline or <title> an injector put its slogan into: the slogan as a piece of its own
    between separators (澳门新葡京娱乐城_关于…的通知_XX市人民政府) or spliced into the words. The
    rest keeps its separators; the pieces cut are returned."""
    pieces = re.split(f"({P.HEADING_SEPARATORS.pattern})", text)
    kept: list[str] = []
    cut: list[str] = []
    for k in range(0, len(pieces), 2):
        piece, spliced = cut_spliced_spam(pieces[k], traditional_page)
        cut += spliced
        if piece and spam_score(piece, traditional_page) >= 3:
            cut.append(piece)
        elif piece.strip():
            kept.append((pieces[k - 1] if kept else "") + piece)
    return "".join(kept).strip(), cut


def is_clean_remainder(text: str, traditional_page: bool) -> bool:
    """What is left of a line once its slogan is cut is the document's own when it holds no word of
    the vice and reads as a title (…的通知) or a sentence."""
    probe = to_simplified(text) if traditional_page else text
    if P.SPAM_STRONG_RE.search(probe) or P.SPAM_VICE_RE.search(probe):
        return False
    return bool(P.TITLE_END.search(probe)) or (len(probe) >= SENTENCE_MIN and bool(P.SENTENCE_PUNCT.search(probe)))


def _enforced(text: str, start: int, end: int) -> bool:
    """An enforcement word beside the run, in its clause (严厉打击…, …等赌博网站依法查处): the
    text is about gambling. One elsewhere in a long paragraph (…监管责任) says nothing of it."""
    # A cited title (《…管理办法》) names a document: its words act on nothing beside it.
    before = CLAUSE_END.split(text[max(0, start - ENFORCEMENT_REACH):start])[-1].rpartition("》")[2]
    after = CLAUSE_END.split(text[end:end + ENFORCEMENT_REACH])[0].partition("《")[0]
    return bool(P.ENFORCEMENT.search(before + text[start:end] + after))


def cut_jammer(text: str) -> tuple[str, list[str]]:
    """A forum's anti-copying noise, runs of one- and two-character Latin tokens strewn through the
    text (Discuz's hidden jammer, visible once copied: ) o2 n7 R5 G6 `* Q, x% {8 l关于…)."""
    if not JAMMER_HINT.search(text):
        return text, []
    found = [m for m in JAMMER.finditer(text) if _noisy(m.group(0))]
    if not found:
        return text, []
    pieces = [m.group(0) for m in found]
    for m in reversed(found):
        text = text[: m.start()] + text[m.end() :]
    return text.strip(), pieces


def _noisy(run: str) -> bool:
    tokens = run.split()
    return len(tokens) >= 3 and any(c.isalpha() for c in run) and (any(c.isdigit() for c in run) or any(not c.isalnum() for c in run.replace(" ", "")))


def cut_spliced_spam(text: str, traditional_page: bool) -> tuple[str, list[str]]:
    """Spam spliced into a sentence (…工作部署，银河娱乐百家乐开户送彩金涌现出…): a run made of
    lexicon words (a gap of two characters at most between them, no punctuation), with its web
    address, holding two strong words, or a strong word and an address or two weak words, or three
    weak words (one of them of the vice: 彩票, 娱乐…) and an address, comes out. Words a
    government text uses stand apart (严厉打击百家乐、六合彩等赌博活动: 、 between, and an
    enforcement word beside them), so they never form such a run."""
    probe = to_simplified_chars(text) if traditional_page else text  # the same length: runs fall in place
    if not P.SPAM_STRONG_RE.search(probe) and not P.SPAM_ADDRESS.search(probe):
        return text, []
    hits = sorted((m.start(), m.end(), kind) for kind, pattern in (
        ("strong", P.SPAM_STRONG_RE), ("weak", P.SPAM_WEAK_RE), ("url", P.SPAM_ADDRESS)) for m in pattern.finditer(probe))
    runs: list[list] = []
    for start, end, kind in hits:
        gap = probe[runs[-1][1] : start] if runs else None
        if gap is not None and start <= runs[-1][1] + SPLICE_GAP and not P.SENTENCE_PUNCT.search(gap) and (kind == "url" or gap.strip() == gap):
            runs[-1][1] = max(runs[-1][1], end)
            runs[-1][2].append(kind)
        else:
            runs.append([start, end, [kind]])
    cut = [(a, b) for a, b, kinds in runs
           if (kinds.count("strong") >= 2 or ("strong" in kinds and ("url" in kinds or kinds.count("weak") >= 2))
               or ("url" in kinds and kinds.count("weak") >= 3 and P.SPAM_VICE_RE.search(probe, a, b)))
           and not _enforced(probe, a, b)]
    if not cut:
        return text, []
    pieces = [text[a:b] for a, b in cut]
    for a, b in reversed(cut):
        text = text[:a].rstrip(" \u3000") + text[b:].lstrip(" \u3000")  # Chinese needs no blank there
    return text.strip(), pieces


def unglue(text: str) -> list[str]:
    """A long line where a page lost its breaks between a document's parts, cut back into them:
    a title and its bracketed 文号 before the 主送 (…的通知(徐府办发〔2012〕19号)区政府各有关单位:…),
    and a signature run into the text around it (特此通知上海市徐汇区人民政府办公室二〇一二年六月十二日…)."""
    if (url := LEADING_URL.match(text)) and len(text) > url.end():
        return [url.group(0), *unglue(text[url.end() :])]  # the page's address, its field row run on after it
    if len(text) < UNGLUE_MIN or not UNGLUE_HINT.search(text):
        return [text]
    probe = to_simplified_chars(fold_blanks(text))  # the rules read blanks and Simplified; a cut falls in place
    if (label := GLUED_NUMBER_FIELD.match(probe)) and (numbers := find_doc_numbers(text[label.end():])) \
            and text.startswith(numbers[0].raw, label.end()):
        end = label.end() + len(numbers[0].raw)
        marker = BODY_MARKER.match(probe[end:])  # a label (正文内容), not text
        rest = text[end + marker.end() if marker else end :]
        # the label alone on its line, its value on the next: how field rows print it elsewhere
        return [text[:label.end()].strip(), numbers[0].raw, *(unglue(rest) if rest.strip() else [])]
    cuts = {m.end() for m in GLUED_TITLE_NUMBER.finditer(probe)}
    for number in find_doc_numbers(text):
        at = text.find(number.raw)
        if at > 0 and TITLE_TAIL.search(probe[:at]) and at + len(number.raw) < len(text):
            cuts.update((at, at + len(number.raw)))  # …的通告汕府公字〔〕14号为进一步…
    for m in (*GLUED_SIGNATURE.finditer(probe), *GLUED_END_SIGNATURE.finditer(probe)):
        cuts.update((m.start("office"), m.end("date")))
    for m in REPRINTED.finditer(probe):
        cuts.update((m.start("title"), m.end("title")))  # …全文如下:XX关于…的通知各省、…: the reprint begins
    for end in sorted(cuts | {len(text)}):
        # A whole title at the end of a run of other things (…向全世界发出邀请... 汕尾市人民政府关于…的通告).
        last = re.search(r"[\s.…。!！]\s*(?P<title>[^\s.…。!！]{6,})$", probe[:end])
        if last and ISSUED_TITLE.match(last.group("title")) and TITLE_TAIL.search(last.group("title")) \
                and not OFFICE_TAIL.search(probe[: last.start("title")]):
            cuts.add(last.start("title"))
    cuts = sorted(c for c in cuts if 0 < c < len(text))
    if not cuts:
        return [text]
    pieces = [text[a:b].strip() for a, b in zip([0, *cuts], [*cuts, len(text)])]
    return [p for p in pieces if p.strip("。.")]  # the full stop after a signature is no line


def classify(text: str, index: int, total: int, traditional_page: bool) -> str | None:
    """The rule that removes this stripped line, or None to keep it."""
    edge = index < EDGE_LINES or index >= total - EDGE_LINES
    printed, text = text, fold_blanks(text)  # an &nbsp; is a blank to the rules
    if traditional_page:
        text = to_simplified_chars(text)  # the rules know each word in Simplified
    if P.MARKUP_ONLY.match(text):
        return "markup-residue"
    plain = strip_glosses(text) if "(" in text else text  # 當(dāng)前位置:首頁(yè) > …: a mirror's glosses read through
    if P.BREADCRUMB.match(plain) or P.BREADCRUMB_PATH.match(plain):
        return "chrome-breadcrumb"
    meta = parse_meta(text)
    if meta and (edge or P.STRONG_META.match(text)):
        return "chrome-toolbar" if P.TOOLBAR_WORDS.search(text) else "page-meta"
    if P.CHROME_ONLY.match(text) and P.TOOLBAR_WORDS.search(text):
        return "chrome-toolbar"
    if len(text) <= 100 and P.CHROME_PREFIX.match(text):
        return "chrome-related"
    if len(text) <= 200 and (P.FOOTER_MARK.search(text) or (edge and P.FOOTER_PREFIX.match(text))):
        return "chrome-footer"
    if P.IMAGE_FILENAME.match(text):
        return "artifact-filename"
    if P.PAGE_NUMBER_MARK.match(text):
        return "artifact-page-number"
    if P.SEPARATOR_LINE.match(text):
        return "artifact-separator"
    if spam_score(printed, traditional_page) >= 3:
        return "spam-text"
    return None


def is_related_head(text: str) -> bool:
    """相关信息 and the like: what follows it at the end of a page is a list of other pages."""
    return bool(P.RELATED_HEAD.match(text))
