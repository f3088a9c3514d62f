"""decode: BOM, HTTP header, <meta charset>, sniffing; gb2312 read as GB18030; bad bytes named."""

from __future__ import annotations

import codecs
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import HTML_FIXTURES, SEEDS, SHARED
from scraper.decode import decode, declared_charset
from scraper.errors import DecodeError, GazetteError, InputError
from scraper.pipeline import make_capture, process

# 喆 and 堃 are in GBK but not in GB2312: a page declaring gb2312 that uses them must still decode.
GBK_ONLY = "王喆、李堃同志任职的通知"


def page(body: bytes, media_type: str = "text/html", location: str = "p.html"):
    return decode(make_capture(location, body, media_type))


def html(charset_decl: str, text: str, encoding: str) -> bytes:
    return f'<html><head>{charset_decl}</head><body><p>{text}</p></body></html>'.encode(encoding)


def test_gb2312_label_decodes_gbk_only_characters():
    raw = html('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', GBK_ONLY, "gbk")
    with pytest.raises(UnicodeDecodeError):
        raw.decode("gb2312")  # the label alone would fail, as it does in naive scrapers
    result = page(raw)
    assert result.encoding == "gb18030" and result.encoding_source == "meta"
    assert GBK_ONLY in result.text


def test_utf8_bom_wins_over_a_wrong_meta():
    raw = codecs.BOM_UTF8 + html('<meta charset="gbk">', "本溪市人民政府公报", "utf-8")
    result = page(raw)
    assert (result.encoding, result.encoding_source) == ("utf-8", "bom")
    assert "本溪市人民政府公报" in result.text and "\ufeff" not in result.text


def test_http_header_comes_before_meta():
    raw = html('<meta charset="utf-8">', GBK_ONLY, "gb18030")
    assert declared_charset(raw, "text/html; charset=GBK") == ("gb18030", "http")
    result = decode(make_capture("p.html", raw, "text/html"), content_type="text/html; charset=GBK")
    assert GBK_ONLY in result.text


def test_undeclared_gbk_text_dump_is_sniffed():
    result = page("黃石市人民政府公報2019年第6號\n通知".encode("gb18030"), "text/plain", "dump.txt")
    assert result.kind == "text" and result.encoding == "gb18030"
    assert result.text.startswith("黃石市人民政府公報")


def test_declared_utf8_but_really_gbk_is_decoded_and_noted():
    raw = html('<meta charset="utf-8">', GBK_ONLY * 20, "gbk")
    result = page(raw)
    assert GBK_ONLY in result.text
    assert [n.code for n in result.notices] == ["encoding-mismatch"]


def test_empty_file_is_named():
    with pytest.raises(InputError, match="empty.html: empty file"):
        page(b"  \n ", location="empty.html")


def test_binary_file_is_named():
    with pytest.raises(InputError, match="img.html: binary"):
        page(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40, location="img.html")


def test_undecodable_bytes_are_an_error():
    raw = b'<meta charset="utf-8"><p>' + bytes([0xFF, 0xFE, 0x80, 0x81]) * 500 + b"</p>"
    with pytest.raises((DecodeError, InputError), match="bad.html"):
        page(raw, location="bad.html")


def test_a_few_bad_bytes_are_replaced_and_noted():
    raw = ('<meta charset="utf-8"><p>' + "本溪市人民政府关于印发的通知。" * 50).encode() + b"\xff</p>"
    result = page(raw)
    assert "\ufffd" in result.text and result.notices[-1].code in ("bad-bytes", "encoding-mismatch")


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_decode_never_raises_anything_but_a_gazette_error(raw):
    try:
        result = page(raw)
    except GazetteError as exc:
        assert exc.source == "p.html"
    else:
        assert isinstance(result.text, str)


# ---- damaged bytes: the encoding that explains the bytes, pieces, controls --------------------

REAL = sorted((SHARED / "real").glob("*.txt"))
TEXT = "本溪市人民政府关于印发本溪市促进中医药发展实施方案的通知。各县区人民政府，市政府各部门："


def test_a_damaged_utf8_page_that_reads_as_valid_gb18030_stays_utf8():
    # An even run of 3-byte characters pairs up as GB18030, and the inserted 0xB0 0xA1 (啊 in GBK)
    # breaks UTF-8: the old sniffer read the whole page as GB18030 mojibake.
    body = (TEXT * 6).encode()
    raw = body[:99] + b"\xb0\xa1" + body[99:]
    assert raw.decode("gb18030")  # strictly valid GB18030…
    result = page(raw, "text/plain", "damaged.txt")
    assert result.encoding == "utf-8"
    assert result.text.replace("\ufffd", "") == TEXT * 6
    assert [(n.code, n.message) for n in result.notices] == [
        ("bad-bytes", "2 invalid utf-8 bytes in 2 places replaced with U+FFFD (first at line 1)")]


def test_a_gbk_run_inside_a_utf8_page_is_decoded_as_gbk_and_named():
    head, run, tail = "<p>第一段：本溪市人民政府公报。</p>\n", "<p>第二段：关于做好防汛工作的通知。</p>\n", "<p>第三段：此件公开发布。</p>"
    raw = ('<meta charset="utf-8">\n' + head).encode() + run.encode("gbk") + tail.encode()
    result = page(raw)
    assert result.encoding == "utf-8" and result.encoding_source == "meta"
    assert result.text == '<meta charset="utf-8">\n' + head + run + tail
    (notice,) = result.notices
    assert notice.code == "mixed-encoding" and notice.line == 3
    assert notice.message == "32 bytes in 1 place decoded as GB18030 inside a UTF-8 page (first at line 3)"


def test_a_utf8_run_inside_a_gbk_page_is_decoded_as_utf8():
    head, run, tail = "本溪市人民政府公报\n", "关于做好防汛工作的通知\n", "此件公开发布\n" * 20
    raw = head.encode("gbk") + run.encode("utf-8") + tail.encode("gbk")
    result = page(raw, "text/plain", "mixed.txt")
    assert result.encoding == "gb18030"
    assert result.text == head + run + tail
    assert [n.code for n in result.notices] == ["mixed-encoding"]


def test_control_characters_are_removed_before_any_parser_sees_them():
    # NUL, U+0001 and \x0b inside an injected tag used to make lxml raise while unwrapping it.
    raw = ('<html><body><p>本溪市人民政府<acronym id="fucmw">关于\x00印发\x01的</acronym>\x0b通知</p>'
           "<p>本政发〔2021〕3号</p><p>各县区人民政府：\x0c现将方案印发给你们。</p></body></html>").encode()
    result = page(raw)
    assert "\x00" not in result.text and "\x01" not in result.text and "\x0b" not in result.text
    assert "\x0c" in result.text  # form feed is whitespace: kept for the parser
    (notice,) = result.notices
    assert notice.code == "control-characters" and notice.message.startswith("3 control characters removed (U+0000, U+0001, U+000B")
    parsed = process(make_capture("p.html", raw, "text/html"))
    assert parsed.documents[0].title == "本溪市人民政府关于印发的通知"


def test_a_few_random_bytes_in_a_page_are_no_binary_file():
    raw = bytearray(('<meta charset="utf-8"><p>' + TEXT * 30 + "</p>").encode())
    for at, byte in ((30, 0x00), (31, 0x1F), (200, 0x05), (500, 0xFF), (900, 0x02)):
        raw.insert(at, byte)
    result = page(bytes(raw))
    assert result.encoding == "utf-8"
    assert {n.code for n in result.notices} == {"bad-bytes", "control-characters"}


def test_random_data_under_a_page_name_is_binary():
    rnd = random.Random(3)
    with pytest.raises(InputError, match="noise.html: binary data"):
        page(bytes(rnd.randrange(256) for _ in range(65536)), location="noise.html")


def test_an_undeclared_big5_page_is_big5_not_gb18030_mojibake():
    text = "黃石市人民政府公報\n關於印發黃石市醫療衛生行業綜合監管制度實施方案的通知\n各區人民政府，市政府各部門：\n" * 5
    result = page(text.encode("big5"), "text/plain", "big5.txt")
    assert (result.encoding, result.text) == ("big5hkscs", text)


@pytest.mark.parametrize("declared", [b"", b'<meta charset="big5">'])
def test_a_big5_page_with_hong_kong_characters_reads_as_a_browser_reads_it(declared):
    # A mirror converted by OpenCC writes 啓, 裏, 着: Big5-HKSCS, which is what browsers decode as big5.
    text = "關於啓動城區裏弄改造工作的通知\n各區人民政府：\n現就有關事項通知如下，請認真組織實施，着力抓好落實。\n" * 4
    result = page(declared + f"<html><body><p>{text}</p></body></html>".encode("big5hkscs"), "text/html", "hk.html")
    assert result.text.endswith(f"<p>{text}</p></body></html>") and result.encoding == "big5hkscs"


def test_utf16_without_a_byte_order_mark_is_read():
    text = "<html><body><p>本溪市人民政府公报</p></body></html>"
    assert page(text.encode("utf-16-le")).text == text


def test_a_page_cut_inside_a_character_says_so_and_keeps_no_replacement_character():
    raw = ("<p>" + TEXT).encode()[:-1]
    result = page(raw, "text/plain", "cut.txt")
    assert not result.text.endswith("\ufffd")
    assert [(n.code, n.message) for n in result.notices] == [
        ("truncated", "the file ends inside a multi-byte character: cut short")]


@pytest.mark.parametrize("path", REAL + SEEDS + HTML_FIXTURES, ids=lambda p: p.name)
def test_real_pages_decode_as_captured_and_as_gbk(path):
    raw = path.read_bytes()
    media = "text/html" if path.suffix == ".html" else "text/plain"
    result = decode(make_capture(path.name, raw, media))
    assert result.encoding == "utf-8" and result.text == raw.decode().replace("\r\n", "\n")
    assert [n.code for n in result.notices] in ([], ["truncated"])  # real/ pages are excerpts
    gbk = raw.decode().replace('charset="utf-8"', 'charset="gbk"').encode("gb18030")
    assert decode(make_capture(path.name, gbk, media)).text == raw.decode("utf-8").replace('charset="utf-8"', 'charset="gbk"')


def test_a_gbk_run_in_a_real_utf8_page_comes_back_exactly():
    # 200 characters of the 本溪 fixture, from 第二条 on, re-encoded as GB18030: the run holds tags,
    # digits and no-break spaces (81 30 84 36 in GB18030: four bytes, two of them ASCII digits).
    text = HTML_FIXTURES[0].read_text("utf-8")
    at = text.index("第二条")
    assert "\xa0" in text[at:at + 200]
    raw = text[:at].encode() + text[at:at + 200].encode("gb18030") + text[at + 200:].encode()
    result = page(raw)
    assert result.text == text
    assert [n.code for n in result.notices] == ["mixed-encoding"]


def test_a_utf8_run_in_a_real_gbk_page_comes_back_exactly():
    # The same, the other way round: the page in GB18030 with 300 characters of it in UTF-8
    # (single characters between digits, such as 年 in 2021年, included).
    text = HTML_FIXTURES[0].read_text("utf-8").replace('charset="utf-8"', 'charset="gbk"')
    at = text.index("第一条")
    raw = text[:at].encode("gb18030") + text[at:at + 300].encode() + text[at + 300:].encode("gb18030")
    result = page(raw)
    assert result.encoding == "gb18030" and result.text == text
    assert [n.code for n in result.notices] == ["mixed-encoding"]
