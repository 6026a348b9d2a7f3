"""Bytes → text: encodings Slovenian pages use, and files that are not text at all."""
from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from opendata.ingest.decode import IngestError, decode_bytes, sniff_declared_charset

FIXTURES = Path(__file__).parent / "fixtures"
LETTERS = "č š ž Č Š Ž"


def _read(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def test_windows_1250_page_declared_by_http_equiv_keeps_slovenian_letters():
    text, encoding = decode_bytes(_read("cp1250_meta.html"))
    assert encoding == "cp1250"
    assert LETTERS in text


def test_iso_8859_2_page_declared_by_meta_charset_keeps_slovenian_letters():
    text, encoding = decode_bytes(_read("latin2_meta.html"))
    assert encoding == "iso8859-2"
    assert LETTERS in text


def test_undeclared_windows_1250_text_is_told_apart_by_its_s_and_z_bytes():
    text, encoding = decode_bytes(_read("cp1250_plain.txt"))
    assert (encoding, LETTERS in text) == ("cp1250", True)


def test_undeclared_iso_8859_2_text_is_told_apart_by_its_s_and_z_bytes():
    text, encoding = decode_bytes(_read("latin2_plain.txt"))
    assert (encoding, LETTERS in text) == ("iso8859-2", True)


def test_utf8_bom_is_removed_and_letters_survive():
    text, encoding = decode_bytes(_read("utf8_bom.txt"))
    assert encoding == "utf-8"
    assert not text.startswith("\ufeff") and LETTERS in text


def test_utf16_text_with_bom_is_decoded():
    text, _ = decode_bytes(("\ufeffObvestilo: " + LETTERS).encode("utf-16-le"))
    assert text == "Obvestilo: " + LETTERS


def test_charset_passed_by_caller_decides_for_bytes_without_declaration():
    # 0xE8 0xB9 0xBE is "čšž" in ISO-8859-2 but "č¹ľ" in windows-1250
    text, _ = decode_bytes("Opomba: čšž".encode("iso8859-2"), declared="ISO-8859-2")
    assert text == "Opomba: čšž"


def test_xml_prolog_encoding_is_sniffed():
    assert sniff_declared_charset(b'<?xml version="1.0" encoding="windows-1250"?><rss/>') == "windows-1250"


def test_page_labelled_windows_1250_but_holding_utf8_is_read_as_utf8():
    data = ('<meta charset="windows-1250"><p>' + LETTERS + "</p>").encode("utf-8")
    text, encoding = decode_bytes(data)
    assert encoding == "utf-8" and LETTERS in text


def test_iso_8859_2_label_on_windows_1250_bytes_is_read_as_windows_1250():
    data = ('<meta charset="iso-8859-2"><p>' + LETTERS + "</p>").encode("cp1250")
    text, encoding = decode_bytes(data)
    assert encoding == "cp1250" and LETTERS in text


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  "])
def test_empty_or_whitespace_only_file_is_rejected_as_empty(data):
    with pytest.raises(IngestError) as err:
        decode_bytes(data)
    assert err.value.reason == "empty"


def test_compressed_junk_is_rejected_as_binary():
    with pytest.raises(IngestError) as err:
        decode_bytes(_read("junk.bin"))
    assert err.value.reason == "binary"


def test_text_dense_with_control_characters_is_rejected_as_binary():
    data = bytes([0x01, 0x02, 0x03, 0x41, 0x42, 0x07, 0x10, 0x0F]) * 50
    with pytest.raises(IngestError) as err:
        decode_bytes(data)
    assert err.value.reason == "binary"


def test_bytes_no_encoding_explains_are_undecodable():
    # 0x81 is unassigned in windows-1250 and charset-normalizer finds no fit either
    with pytest.raises(IngestError) as err:
        decode_bytes(bytes(range(0x80, 0x100)) * 3)
    assert err.value.reason == "undecodable"


def test_windows_and_old_mac_newlines_become_lf():
    text, _ = decode_bytes(b"prva vrstica\r\ndruga\rtretja")
    assert text == "prva vrstica\ndruga\ntretja"


def test_decomposed_letters_are_composed_to_nfc():
    decomposed = unicodedata.normalize("NFD", "Šoštanj in Žalec")
    text, _ = decode_bytes(decomposed.encode("utf-8"))
    assert text == "Šoštanj in Žalec"
