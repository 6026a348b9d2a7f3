"""Searching long alternations fast, with exactly the answer of the pattern itself.

The ``regex`` engine tries a long alternation at every position of the text, so such a
pattern is slow however literal its words are, while a pattern that starts with literal text
is found by a fast string scan. :class:`Alternatives` searches an alternation one
alternative at a time, and :class:`WordGate` skips a search outright when none of the words
a match must begin with is in the text.
"""
from __future__ import annotations

from functools import lru_cache

import regex

def _structure(source: str, start: int = 0):
    """``(index, char, depth)`` for each character of a regex source outside escapes and
    classes, ``depth`` counting the groups open after it. A class nested in a class is refused
    (its brackets would need the pattern's version)."""
    depth, i, in_class = 0, start, False
    while i < len(source):
        char = source[i]
        if char == "\\":
            i += 2
            continue
        if in_class:
            if char == "[":
                raise ValueError("a class inside a class is not supported")
            in_class = char != "]"
        elif char == "[":
            in_class = True
            i += 1 if source[i + 1:i + 2] == "^" else 0
            i += 1 if source[i + 1:i + 2] == "]" else 0  # a "]" first in a class is a literal
        else:
            depth += (char == "(") - (char == ")")
            yield i, char, depth
        i += 1


def split_alternation(source: str) -> list[str]:
    """The top-level alternatives of a regex source (``a|b(?:c|d)|[|]`` → three), as written.

    Joined by ``|`` they give the source back; escapes, classes and groups are kept whole.
    """
    parts, start = [], 0
    for i, char, depth in _structure(source):
        if char == "|" and depth == 0:
            parts.append(source[start:i])
            start = i + 1
    parts.append(source[start:])
    return parts


# Letters a leading word may be made of, and the text characters for which a case-insensitive
# match with them (full case folding, as VERSION1 does) is exactly "the lower case is that
# letter", one character for one (tests/extract/test_vocabulary.py checks each). In a text of
# only these characters a case-insensitive word can match only where ``text.lower()`` has it;
# any other text is searched without this shortcut.
LEAD_LETTERS = "abcdefghijklmnopqrstuvwxyzčšžćđ"
PLAIN_CHARS = ("\t\n\x0b\x0c\r" + "".join(map(chr, range(0x20, 0x7F))) + "\xa0"
               + "čšžćđČŠŽĆĐáàâäéèêëíìîïóòôöúùûüÁÀÂÄÉÈÊËÍÌÎÏÓÒÔÖÚÙÛÜ"
               + "„“”‘’‚–—…«»€°§•·▪►×")
# str.translate deleting every plain character leaves "" exactly for a plain text (3x faster
# than searching a class of all of them).
_DROP_PLAIN = dict.fromkeys(map(ord, PLAIN_CHARS))
_LEADING_LETTERS = regex.compile("[" + LEAD_LETTERS + LEAD_LETTERS.upper() + "]+")


def _group_end(source: str, i: int) -> int:
    """The index just after the group that opens at ``source[i]`` (a ``(``)."""
    for j, char, depth in _structure(source, i):
        if char == ")" and depth == 0:
            return j + 1
    raise ValueError("unbalanced group")


def leading_words(source: str) -> frozenset[str] | None:
    r"""Words one of which every match of a regex source begins with, or None when a match may
    begin otherwise. ``\bokvar\w*|(?<!\p{L})(?:zapor|zaprt)\w*`` → {okvar, zapor, zaprt};
    ``veljal?\w*`` → {velja}; ``[LRG]\d+`` → None. Letters as written (lower them for a
    case-insensitive pattern)."""
    words: set[str] = set()
    for part in split_alternation(source):
        found = _part_leading_words(part)
        if found is None:
            return None
        words |= found
    return frozenset(words)


def _part_leading_words(part: str) -> frozenset[str] | None:
    i = 0
    while True:  # what takes no text: word boundaries and look-behinds
        if part.startswith(("\\b", "\\m"), i):
            i += 2
        elif part.startswith(("(?<!", "(?<="), i):
            i = _group_end(part, i)
        else:
            break
    if part.startswith(("(?:", "(?P<"), i):
        end = _group_end(part, i)
        if part[end:end + 1] in ("?", "*", "{"):
            return None  # an optional group: the match may begin after it
        body = i + 3 if part.startswith("(?:", i) else part.index(">", i) + 1
        return leading_words(part[body:end - 1])
    match = _LEADING_LETTERS.match(part, i)
    if match is None:
        return None
    word = match.group(0)
    if part[match.end():match.end() + 1] in ("?", "*", "{"):
        word = word[:-1]  # the last letter is optional
    return frozenset({word}) if word else None


class WordGate:
    """Whether a pattern can match in a text at all, from the words its matches begin with.

    ``may_match`` is False only when none of those words is in the text: then the pattern
    cannot match anywhere in it (nor in any part of it), and its search can be skipped.
    A pattern whose matches may begin otherwise always may match.
    """

    __slots__ = ("words", "_ignorecase")

    def __init__(self, pattern: regex.Pattern) -> None:
        self._ignorecase = bool(pattern.flags & regex.IGNORECASE)
        words = leading_words(pattern.pattern) if not pattern.flags & regex.VERBOSE else None
        self.words = None if words is None else tuple(
            sorted({w.lower() for w in words} if self._ignorecase else words))

    def may_match(self, text: str, pos: int = 0) -> bool:
        """False when the pattern surely has no match in ``text[pos:]``."""
        if self.words is None:
            return True
        seen = plain_lower(text) if self._ignorecase else text
        return seen is None or any(seen.find(word, pos) >= 0 for word in self.words)


@lru_cache(maxsize=256)  # the same sentence is asked about by several alternations in a row
def plain_lower(text: str) -> str | None:
    """``text.lower()`` when the text is made of PLAIN_CHARS only, else None."""
    return None if text.translate(_DROP_PLAIN) else text.lower()


class Alternatives:
    """Alternations without capturing groups, searched one alternative at a time.

    Built from ``(label, pattern)`` pairs whose alternatives are taken in order, as one
    alternation of them all would try them. ``first`` gives the match that alternation's
    ``search`` gives (the leftmost; on a tie the earlier alternative) as a match of that
    alternative alone (same start, end and text), with the label of its pattern. An
    alternative whose leading words are not in the text is not searched (see WordGate).
    """

    __slots__ = ("pattern", "parts", "_ignorecase")

    def __init__(self, *labelled: tuple[str, regex.Pattern]) -> None:
        flags = {pattern.flags for _label, pattern in labelled}
        if len(flags) != 1:
            raise ValueError("alternatives of one search share their flags")
        self.pattern = labelled[0][1] if len(labelled) == 1 else None
        self._ignorecase = bool(labelled[0][1].flags & regex.IGNORECASE)
        # (alternative, its label, the word its matches begin with, or a tuple of such words, or "")
        parts = []
        for label, pattern in labelled:
            sources = split_alternation(pattern.pattern)
            if pattern.groups or pattern.flags & regex.VERBOSE or "|".join(sources) != pattern.pattern:
                raise ValueError(f"not a plain alternation: {pattern.pattern[:60]}")
            for part in (regex.compile(source, pattern.flags) for source in sources):
                words = WordGate(part).words
                parts.append((part, label, "" if words is None else words[0] if len(words) == 1 else words))
        self.parts = tuple(parts)

    @classmethod
    def of(cls, pattern: regex.Pattern) -> "Alternatives":
        """One pattern's alternatives."""
        return cls(("", pattern))

    def _candidates(self, text: str, pos: int) -> list[tuple[regex.Pattern, str]]:
        """The alternatives (with labels) that may match in ``text[pos:]``, in order."""
        seen = plain_lower(text) if self._ignorecase else text
        if seen is None:
            return [(part, label) for part, label, _words in self.parts]
        return [(part, label) for part, label, words in self.parts
                if not words or (seen.find(words, pos) >= 0 if words.__class__ is str
                                 else any(seen.find(word, pos) >= 0 for word in words))]

    def first(self, text: str, pos: int = 0) -> tuple[regex.Match, str] | None:
        """``(match, label)`` of the leftmost match at or after ``pos``, or None."""
        best = None
        for part, label in self._candidates(text, pos):
            match = part.search(text, pos)
            if match is not None and (best is None or match.start() < best[0].start()):
                best = (match, label)
                if match.start() == pos:
                    break  # nothing starts earlier, and a later alternative loses the tie
        return best

    def search(self, text: str, pos: int = 0) -> regex.Match | None:
        """The leftmost match at or after ``pos``, or None."""
        found = self.first(text, pos)
        return found[0] if found else None

    def found_in(self, text: str) -> bool:
        """Whether one of the patterns matches anywhere in ``text``."""
        return any(part.search(text) for part, _label in self._candidates(text, 0))
