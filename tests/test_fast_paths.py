"""The pipeline's fast paths skip a regex scan when a cheap test shows it cannot match. Each must
give what the plain scan gives, for any text: checked here against the plain form."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from scraper import normalize
from scraper.clean import html, lines
from scraper.script import NOT_HAN, SAMPLE_CHARS, SAMPLE_SPAN, detect_script, is_simplified_only, script_counts

# Characters the rules care about: blanks of every kind, brackets, full-width forms, Han (both
# scripts), Latin, punctuation, and the spam and jammer shapes.
ALPHABET = st.sampled_from(list(" \t\r\n\f\u00a0\u3000\u200b\ufeff()（）ａＢ１！abcXYZ019.:;,!%*-"
                                "关于通知政府發佈國務院的了彩金百家乐开户视频澳门打击，。；：、“”《》"))
TEXTS = st.text(ALPHABET, max_size=80)


@given(TEXTS)
def test_inline_text_equals_both_substitutions(text: str) -> None:
    plain = html.CONTROL_SPACE.sub(" ", html.CJK_BREAK.sub("", text)).strip(" \u3000\u00a0\ufeff\u200b")
    assert html._inline_text(text) == plain


@given(st.none() | TEXTS)
def test_count_equals_the_blank_stripping_count(text: str | None) -> None:
    plain = len(html.WHITESPACE_RUN.sub("", text).replace("\u00a0", "").replace("\u3000", "")) if text else 0
    assert html._count(text) == plain


@given(TEXTS)
def test_fold_width_equals_nfkc_on_full_width_forms(text: str) -> None:
    assert normalize.fold_width(text) == "".join(
        unicodedata.normalize("NFKC", c) if "\uff01" <= c <= "\uff5e" else " " if c in normalize.ODD_BLANKS else c
        for c in text)


@given(TEXTS)
def test_strip_glosses_equals_the_substitution(text: str) -> None:
    assert normalize.strip_glosses(text) == normalize.GLOSS.sub(normalize._unglossed, text)


@given(TEXTS)
def test_normalizer_without_a_blank_leaves_spacing_alone(text: str) -> None:
    folded = normalize.Normalizer("")(text)
    plain = normalize.fold_blanks(normalize.INVISIBLE.sub("", text))  # a no-break space is a blank
    if " " not in plain and "\u3000" not in plain:
        assert folded == plain


@settings(max_examples=300)
@given(TEXTS)
def test_jammer_hint_holds_in_every_jammer_run(text: str) -> None:
    if lines.JAMMER.search(text):
        assert lines.JAMMER_HINT.search(text)


@given(TEXTS)
def test_a_line_without_spam_words_scores_below_spam(text: str) -> None:
    if not lines.P.SPAM_STRONG_RE.search(text) and not lines.P.SPAM_WEAK_RE.search(text):
        assert lines.spam_score(text, False) < 3 and lines.spam_score(text, True) < 3


def test_script_sample_is_the_first_han_characters_of_the_page() -> None:
    han = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
    page = ("<p>國務院關於</p>" * 40 + "<b>x</b>" + "发布通知" * 2000)[: SAMPLE_SPAN + 500]
    sample = "".join(han.findall(page[:SAMPLE_SPAN]))[:SAMPLE_CHARS]
    trad, simp = script_counts(sample)
    expected = "traditional" if trad > max(simp, 0) * 2 and trad >= 3 else "simplified"
    assert detect_script(page) == expected == "simplified"
    assert detect_script("<p>國務院關於發佈</p>" * 3) == "traditional"
    # Traditional characters past the sample's Han characters, or past the span, do not count.
    assert detect_script("发" * SAMPLE_CHARS + "國務院關於發佈" * 9) == "simplified"
    assert detect_script("x" * SAMPLE_SPAN + "國務院關於發佈" * 9) == "simplified"
    assert detect_script("x" * (SAMPLE_SPAN - 7) + "國務院關於發佈" * 9) == "traditional"


@given(st.text(alphabet="國務院關於發佈国务院关于发布的了通知a \n", max_size=80))
def test_script_rules_skip_only_counts_that_cannot_change_them(text: str) -> None:
    trad, simp = script_counts(NOT_HAN.sub("", text))
    assert detect_script(text) == ("traditional" if trad > max(simp, 0) * 2 and trad >= 3 else "simplified")
    assert is_simplified_only(text) == (simp > 0 and trad == 0)


def _printed_by_every_start(normalizer: normalize.Normalizer, value: str, original: str) -> str:
    """Normalizer.printed as it read before it skipped starts whose first character cannot match."""
    if not value or (value in original and not normalizer.glossed):
        return value
    # Odd blanks (a no-break space) read as blanks, as Normalizer.printed reads them.
    folded = normalize.fold_blanks(original)
    if not normalizer.glossed and " " not in folded and "\u3000" not in folded:
        at = normalize.fold_width(folded).find(value)
        if at >= 0:
            return original[at : at + len(value)]
    for start in range(len(original)):
        end = normalize._printed_from(value, folded, start, normalizer.glossed)
        if end is not None:
            return original[start:end]
    return value


@settings(max_examples=400)
@given(st.text(ALPHABET, max_size=6), TEXTS, st.booleans())
def test_printed_skips_only_starts_that_cannot_match(value: str, original: str, glossed: bool) -> None:
    normalizer = normalize.Normalizer("")
    normalizer.glossed = glossed
    assert normalizer.printed(value, original) == _printed_by_every_start(normalizer, value, original)


def test_printed_finds_a_value_printed_with_blanks_and_full_width_forms() -> None:
    normalizer = normalize.Normalizer("")
    assert normalizer.printed("本政办发〔2021〕1号", "文号：本 政 办 发〔２０２１〕１号 ") == "本 政 办 发〔２０２１〕１号"


def test_printed_finds_a_value_that_starts_full_width_among_blanks() -> None:
    normalizer = normalize.Normalizer("")
    assert normalizer.printed("2021年1月", "成文日期： ２０２１年 １月") == "２０２１年 １月"


@given(st.text(st.sampled_from(list("國務院關於發佈通知政府的了乾隆着干ＡＢａ１ 　\u00a0Ⅻ")), max_size=60))
def test_search_normalize_translates_only_when_a_character_needs_it(text: str) -> None:
    from scraper.script import t2s_translation
    from scraper.search import tokens

    folded = unicodedata.normalize("NFKC", text).lower()
    assert tokens.normalize(text) == folded.translate(t2s_translation())
