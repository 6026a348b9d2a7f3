"""Bytes → text: pick the right character encoding, reject empty and binary files.

Slovenian pages still come in three encodings: UTF-8, windows-1250 and ISO-8859-2. The two
legacy ones agree on č/Č but put š, ž, Š, Ž on different bytes, so a wrong guess silently
turns "Šoštanj" into "©o¹tanj". The order of evidence is: byte-order mark, a declared
charset (HTTP header passed in, else ``<meta charset>`` / ``http-equiv`` / ``<?xml
encoding?>`` sniffed from the first 2 KB), strict UTF-8, a Central-European byte test,
and charset-normalizer as the last resort.
"""
from __future__ import annotations

import codecs
import unicodedata

import regex

__all__ = ["IngestError", "decode_bytes", "sniff_declared_charset", "normalize_text"]


class IngestError(Exception):
    """A file (or one line/item of it) that cannot become a document.

    ``reason`` is a short machine-readable code (``empty``, ``binary``, ``undecodable``,
    ``bad_feed``, ``too_many_items``, ``bad_json_line``); ``detail`` is for humans.
    """

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


# Longest BOM first: the UTF-32-LE mark starts with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Signatures of formats that are never text (compressed, images, PDF, office zips).
_BINARY_MAGIC: tuple[bytes, ...] = (
    b"\x1f\x8b",  # gzip
    b"PK\x03\x04",  # zip, docx, xlsx
    b"%PDF",
    b"\x89PNG",
    b"\xff\xd8\xff",  # JPEG
    b"GIF8",
    b"BZh",
    b"\xfd7zXZ",
    b"7z\xbc\xaf",
)

_SNIFF_BYTES = 2048
_META_CHARSET = regex.compile(rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", regex.I)
_XML_ENCODING = regex.compile(rb"""<\?xml\b[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)""", regex.I)
# C0 controls other than tab, LF, FF, CR, ESC; DEL; C1 controls (only after decoding).
_CONTROL = regex.compile(r"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f\x80-\x9f]")
_NEWLINES = regex.compile(r"\r\n?|\u2028|\u2029|\x85")
_MAX_CONTROL_RATIO = 0.02

# WHATWG: browsers read these labels as windows-1252; pages that say latin-1 mean it.
_LABEL_ALIASES = {
    "iso-8859-1": "windows-1252",
    "iso8859-1": "windows-1252",
    "latin1": "windows-1252",
    "latin-1": "windows-1252",
    "us-ascii": "windows-1252",
    "ascii": "windows-1252",
    "x-cp1250": "windows-1250",
    "cp-1250": "windows-1250",
    "win-1250": "windows-1250",
    "utf8": "utf-8",
}

# Bytes where windows-1250 and ISO-8859-2 disagree on the letters Slovenian uses.
# 0x80–0x9F are C1 controls in ISO-8859-2 (never in real text) but hold š/ž/Š/Ž,
# quotes and dashes in windows-1250; 0xA9/0xAE/0xB9/0xBE are Š/Ž/š/ž in ISO-8859-2
# but ©/®/ą/ľ in windows-1250.
_CP1250_ONLY = regex.compile(rb"[\x80-\x9f]")
_LATIN2_SZ = regex.compile(rb"[\xa9\xae\xb9\xbe]")


_SURROGATE = regex.compile(r"[\ud800-\udfff]")


def normalize_text(text: str) -> str:
    """NFC-normalize, turn every newline convention into ``\\n`` and lone surrogates into U+FFFD.

    A JSON string may escape a lone surrogate (``"\\udcff"``); no UTF-8 writer (Parquet, CSV)
    can encode it, so it becomes the replacement character here.
    """
    text = _SURROGATE.sub("\ufffd", text)
    return unicodedata.normalize("NFC", _NEWLINES.sub("\n", text))


def sniff_declared_charset(data: bytes) -> str | None:
    """The charset an HTML/XML document declares in its first 2 KB, or ``None``."""
    head = data[:_SNIFF_BYTES]
    m = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return m.group(1).decode("ascii").lower() if m else None


def _codec_name(label: str | None) -> str | None:
    """A Python codec name for a declared label, or ``None`` when Python does not know it."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    label = _LABEL_ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _looks_binary_bytes(data: bytes) -> bool:
    """Magic numbers of non-text formats, or NUL bytes (text files never hold them)."""
    return data.startswith(_BINARY_MAGIC) or b"\x00" in data[:8192]


def _control_ratio(text: str) -> float:
    sample = text[:8192]
    return len(_CONTROL.findall(sample)) / max(len(sample), 1)


def _try(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


_NON_ASCII = regex.compile(r"[^\x00-\x7f]")
# Characters real UTF-8 pages use: Latin/Greek/Cyrillic letters, punctuation, symbols, emoji.
# Legacy bytes that happen to form valid UTF-8 mostly land in CJK and other far blocks.
_PLAUSIBLE = regex.compile(
    r"[\u0080-\u058f\u1e00-\u1eff\u2000-\u2bff\ufe00-\ufe0f\ufeff\U0001f000-\U0001faff]"
)


def _plausible_utf8(data: bytes) -> str | None:
    """The UTF-8 reading of ``data`` when it is valid and its non-ASCII characters look real."""
    text = _try(data, "utf-8")
    if text is None:
        return None
    others = _NON_ASCII.findall(text)
    if not others:
        return text
    plausible = sum(1 for ch in others if _PLAUSIBLE.match(ch))
    return text if plausible * 2 >= len(others) else None


def _is_utf8_with_multibyte(data: bytes) -> bool:
    """Valid, plausible UTF-8 that uses multi-byte sequences (pure ASCII proves nothing)."""
    return not data.isascii() and _plausible_utf8(data) is not None


def _central_european_guess(data: bytes) -> tuple[str, str] | None:
    """Tell windows-1250 from ISO-8859-2 by the bytes only one of them uses for letters."""
    if _CP1250_ONLY.search(data):
        text = _try(data, "cp1250")
        return (text, "cp1250") if text is not None else None
    if _LATIN2_SZ.search(data):
        return data.decode("iso8859-2"), "iso8859-2"
    return None


def _charset_normalizer_guess(data: bytes) -> tuple[str, str] | None:
    # Imported lazily: it costs ~50 ms at import and most files never get here.
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return None
    return str(best), best.encoding


def _finish(text: str, encoding: str) -> tuple[str, str]:
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise IngestError("empty", "only whitespace after decoding")
    if _control_ratio(text) > _MAX_CONTROL_RATIO:
        raise IngestError("binary", f"too many control characters when read as {encoding}")
    return normalize_text(text), encoding


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode a landing file to ``(text, encoding)``; text is NFC with ``\\n`` newlines.

    ``declared`` is a charset label from outside the bytes (an HTTP header or sidecar);
    when absent, a ``<meta>`` or ``<?xml?>`` declaration in the first 2 KB is used.
    Raises :class:`IngestError` ``empty``, ``binary`` or ``undecodable``.
    """
    if not data or not data.strip():
        raise IngestError("empty", f"{len(data)} bytes, no content")

    for bom, codec in _BOMS:
        if data.startswith(bom):
            text = _try(data[len(bom):], codec)
            if text is None:
                raise IngestError("undecodable", f"byte-order mark says {codec} but bytes are not")
            return _finish(text, codec)

    if _looks_binary_bytes(data):
        raise IngestError("binary", "NUL bytes or a binary file signature")

    label = declared or sniff_declared_charset(data)
    codec = _codec_name(label)
    if codec is not None:
        # A page labelled with a legacy charset that is nevertheless valid multi-byte UTF-8
        # was mislabelled (CMS templates keep old meta tags); legacy text with letters
        # above 0x7F is practically never valid UTF-8 by accident.
        if codec != "utf-8" and not codec.startswith("utf") and _is_utf8_with_multibyte(data):
            return _finish(data.decode("utf-8"), "utf-8")
        # ISO-8859-2 labels on windows-1250 bytes are the common Slovenian mislabel: the
        # 0x80–0x9F bytes would be C1 controls in ISO-8859-2 but are š/ž/„/– in windows-1250.
        if codec == "iso8859-2" and _CP1250_ONLY.search(data):
            text = _try(data, "cp1250")
            if text is not None:
                return _finish(text, "cp1250")
        text = _try(data, codec)
        if text is not None:
            return _finish(text, codec)

    text = _plausible_utf8(data)
    if text is not None:
        return _finish(text, "utf-8")

    guess = _central_european_guess(data) or _charset_normalizer_guess(data)
    if guess is None:
        raise IngestError("undecodable", "no encoding fits the bytes")
    return _finish(*guess)
