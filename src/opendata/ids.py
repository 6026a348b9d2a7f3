"""Stable identifiers: the same content gives the same id on every run and machine."""
from __future__ import annotations

import hashlib
import unicodedata


def normalize_key(part: object) -> str:
    """Case-, accent- and whitespace-insensitive form of one id component."""
    if part is None:
        return ""
    text = unicodedata.normalize("NFKD", str(part).casefold())
    if not text.isascii():  # only non-ASCII text can hold combining marks
        text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.split())


def stable_id(prefix: str, *parts: object, length: int = 16) -> str:
    """``prefix-<hex>``: a short SHA-256 of the normalized parts, independent of run order."""
    digest = hashlib.sha256("\x1f".join(normalize_key(p) for p in parts).encode("utf-8"))
    return f"{prefix}-{digest.hexdigest()[:length]}"
