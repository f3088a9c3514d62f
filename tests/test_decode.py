"""decode: BOM, HTTP header, <meta charset>, sniffing; gb2312 read as GB18030; bad bytes named."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scraper.decode import decode, declared_charset
from scraper.errors import DecodeError, GazetteError, InputError
from scraper.pipeline import make_capture

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
