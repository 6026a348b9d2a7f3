"""Text dumps of web pages (``*.txt``): the main article, then page chrome and teaser blocks.

A dump is what a crawler's "save as text" leaves: a site menu, the headline, a lead that
repeats the first paragraph cut off with ``...``, the article, comment-form buttons, and
sidebar sections (``Več novic``, ``OBVESTILA``) whose items are a category label, a headline
and a lead. This module separates the article from the chrome and turns every sidebar item
into a teaser of its own.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import regex

# Section headings that open a block of teasers; everything after them is sidebar.
_TEASER_SECTIONS = regex.compile(r"^(?:Več novic|OBVESTILA|Obvestila in opozorila|Napovedujemo|Preberite še|Sorodne novice|Najbolj brano)\s*$")
# Headings after which nothing is article or teaser (obituary name lists).
_END_SECTIONS = regex.compile(r"^(?:Zadnje osmrtnice|Osmrtnice)\s*$")
# A label whose block (the label and the lines under it) is a list of tags, not text.
_TAG_BLOCK = regex.compile(r"^(?:Kategorije|Oznake|Ključne besede|Tags)\s*:.*$")
# Single lines that are page furniture wherever they appear.
_CHROME_LINE = regex.compile(
    r"^(?:Search|Iskanje|Išči|NULL|Dodaj odgovor|Dodaj komentar|Komentarji|Deli|Natisni|"
    r"Preskoči na vsebino|Nazaj|Domov|(?:FOTO|Foto|VIDEO|Vir slike)\s*:.*|[\w-]+\.(?:jpe?g|png|gif|webp)|"
    r"Preberi(?:te)? več|Več|Preberi celotno novico|Več o tem|Nadaljuj z branjem|Read more)\s*$"
    # breadcrumbs ("Domov > Novice > Promet", "IZKLOPI › Nadzorništvo Nova Gorica")
    r"|^[^.!?]{1,60}(?:\s[›»>/]\s[^.!?]{1,60})+$"
    # a menu laid out with wide gaps ("Občina   Novice   Zapore cest   Kontakt")
    r"|^[^\d.!?|]+?(?:\s{3,}[^\d.!?|\s][^\d.!?|]*?){3,}$"
)
_LEAD_ELLIPSIS = regex.compile(r"(?:\.\.\.|…)\s*$")
_SENTENCE_END = regex.compile(r"[.!?:…]\s*$")
_LEAD_END = regex.compile(r"[.!:…]\s*$")
_PUBLISHED = regex.compile(r"^(?:Objavljeno|Datum objave|Objava)\s*:\s*(.+?)\s*$")
_DATELINE = regex.compile(
    r"^(?:(?:ponedeljek|torek|sreda|četrtek|petek|sobota|nedelja),?\s+)?\d{1,2}\.\s*(?:\d{1,2}\.|\p{L}+)",
    regex.IGNORECASE,
)
# A single-line block with one of these words, once the article has begun, opens a sidebar list.
_LIST_HEADINGS = frozenset({"Obvestila", "Prireditve", "Novice", "Aktualno", "Dogodki", "Napovednik", "Aktualne novice"})
_ADDRESS = regex.compile(r",\s*\d{4}\s+\p{Lu}\p{L}+(?:\s+\p{L}+)*\s*$")
_COMPANY_LINE = regex.compile(r"\b(?:d\.\s?d\.|d\.\s?o\.\s?o\.|s\.\s?p\.|k\.\s?d\.)\s*$", regex.IGNORECASE)
# The site's own name over its menu: "Mestna občina Kranj", "Občina Šmartno ob Paki".
_SITE_NAME = regex.compile(r"^(?:Mestna\s+)?[Oo]bčina\s+\p{Lu}[\p{L}-]*(?:\s+(?:ob|pri|na|v|\p{Lu}[\p{L}-]*))*\s*$")
_FOOTER = regex.compile(r"^(?:©|Copyright\b)|Izjava o dostopnosti|Vse pravice pridržane")


@dataclass(frozen=True)
class DumpTeaser:
    """One sidebar item: its headline and lead, and the section label it stood under."""

    title: str
    text: str
    label: str | None = None
    published: str | None = None  # the ``Objavljeno:`` date as written, e.g. ``25. 2. 2025``


@dataclass(frozen=True)
class Dump:
    """A page dump split into its article and its teasers."""

    title: str | None
    text: str
    teasers: list[DumpTeaser] = field(default_factory=list)
    published: str | None = None  # the page's own ``Objavljeno:`` date as written


def _alone(lines: list[str], index: int) -> bool:
    """The line at ``index`` stands between blank lines (or the text's edges)."""
    before = index == 0 or not lines[index - 1].strip()
    after = index + 1 >= len(lines) or not lines[index + 1].strip()
    return before and after


def _starts_dated_list(lines: list[str], start: int) -> bool:
    """A municipal list page: the next block is a headline with an ``Objavljeno:`` line under it."""
    index = start
    while index < len(lines) and not lines[index].strip():
        index += 1
    # The date line sits directly under the headline; an article's own date stands apart.
    return index + 1 < len(lines) and _PUBLISHED.match(lines[index + 1].strip()) is not None


# A related link under a category label ("ŠPORT | Mura iztržila točko"); two or more in a
# block are a list of links, while one alone over a date line is a listing's heading.
_LABELLED_LINK = regex.compile(r"^\p{Lu}{3,}(?:\s\p{Lu}{3,})?\s*\|\s*\S.*$")


def _without_link_lists(block: list[str]) -> list[str]:
    links = [line for line in block if _LABELLED_LINK.match(line)]
    return [line for line in block if line not in links] if len(links) >= 2 else block


def _blocks(lines: list[str]) -> list[list[str]]:
    """Group non-blank lines into blocks separated by blank lines (lists of related links dropped)."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if line.strip():
            current.append(line.strip())
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return [kept for kept in map(_without_link_lists, blocks) if kept]


def _is_short(line: str, words: int = 4) -> bool:
    return len(line.split()) <= words and not _SENTENCE_END.search(line)


def _is_menu(block: list[str]) -> bool:
    """Several short lines in a row, or a ``|``-separated bar, are navigation, not prose.

    Short lines with dates, times or list dashes are a schedule ("petek, 7.11.2025, 12.00–14.00"
    over "– Vrtojba: ..."), which is content.
    """
    schedule = any(regex.search(r"\d", line) or line[:1] in "–-•*" for line in block)
    # Menu items are labels of a few words; a headline under a company name is not a menu.
    labels = sum(_is_short(line, 3) for line in block)
    if len(block) >= 3 and not schedule and labels >= 0.75 * len(block):
        return True
    # A bar of words between pipes is a menu; pipes around times and numbers are a table, and
    # its header row ("Datum | Čas | Območje | Občina") belongs to it.
    piped = [line for line in block if line.count("|") >= 2]
    if any(regex.search(r"\d", line) for line in piped):
        return False
    return any(len(line) < 200 and not _SENTENCE_END.search(line) for line in piped)


def _is_label(line: str) -> bool:
    """A sidebar category label: one or two capitalised words, no digits or punctuation."""
    words = line.split()
    return 1 <= len(words) <= 2 and line[:1].isupper() and regex.fullmatch(r"[\p{L} ]+", line) is not None


def split_dump(raw: str) -> Dump:
    """Split a page dump into headline, article text (paragraphs joined by blank lines) and teasers."""
    lines = raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    main: list[str] = []
    sections: list[tuple[str, list[str]]] = []
    current: list[str] | None = None
    body_started = False
    in_tags = False
    for index, line in enumerate(lines):
        stripped = line.strip()
        if _TAG_BLOCK.match(stripped):
            in_tags = True
        if in_tags:
            in_tags = bool(stripped)
            continue
        if (body_started and _END_SECTIONS.match(stripped)) or _FOOTER.search(stripped):
            break
        if _TEASER_SECTIONS.match(stripped) or (
            stripped in _LIST_HEADINGS
            and _alone(lines, index)
            and (body_started or _starts_dated_list(lines, index + 1))
        ):
            current = []
            sections.append((stripped, current))
            continue
        if len(stripped) > 80 and _SENTENCE_END.search(stripped):
            body_started = True
        if _CHROME_LINE.match(stripped):
            continue  # removed, not blanked, so a menu stays one block
        (main if current is None else current).append(stripped)
    published = next((m.group(1) for m in map(_PUBLISHED.match, main) if m), None)
    title, text = _article(_blocks(main))
    teasers = [t for _, section in sections for t in _teasers(section)]
    return Dump(title=title, text=text, teasers=teasers, published=published)


def _title_line(line: str) -> bool:
    """A line that can be a page's headline: two words or more, no closing period, not the
    publisher's company name (``Elektro Primorska d.d.``) or a section heading."""
    words = line.split()
    if len(words) < 2 or _SENTENCE_END.search(line) or _COMPANY_LINE.search(line) or _SITE_NAME.match(line):
        return False
    return not (words[0] in _LIST_HEADINGS and len(words) <= 3)


def _article(blocks: list[list[str]]) -> tuple[str | None, str]:
    blocks = [b for b in blocks if not _is_menu(b)]
    title: str | None = None
    for i, block in enumerate(blocks):
        if len(block) == 1 and _SENTENCE_END.search(block[0]):
            break  # the body has begun: no headline above it
        line = next((candidate for candidate in block if _title_line(candidate)), None)
        if line is not None:
            title = line
            rest = [candidate for candidate in block if candidate != line]
            # Lines beside the headline (publisher, district) stay as text; the headline is not repeated.
            blocks = [[line], *([rest] if rest else []), *blocks[i + 1 :]]
            break
        if len(block) > 1:
            break
    # Lines inside a block stay lines: they are table rows, a headline over its date, an address.
    paragraphs = ["\n".join(b) for b in blocks]
    # Drop the truncated lead: it repeats or summarises the article and ends mid-sentence.
    kept: list[str] = []
    for i, para in enumerate(paragraphs):
        if _LEAD_ELLIPSIS.search(para):
            stem = _LEAD_ELLIPSIS.sub("", para).strip()
            right_after_title = title is not None and i == 1
            if right_after_title or (len(stem) > 20 and any(p.startswith(stem) for p in paragraphs[i + 1 :])):
                continue
        if i > 0 and para == paragraphs[0] and title is None:
            continue
        if kept and para == kept[-1]:
            continue
        kept.append(para)
    return title, "\n\n".join(kept)


def _is_headline(line: str) -> bool:
    """A teaser headline: no closing period, and not a date line such as ``Sobota, 1. marca``."""
    return not _LEAD_END.search(line) and not _DATELINE.match(line)


def _teasers(lines: list[str]) -> list[DumpTeaser]:
    """Read ``[label] / headline / lead`` items from the non-blank lines of a sidebar section.

    Two layouts occur: news portals put a category label above each headline and run the
    lead straight into the next label; municipal sites put ``Objavljeno: <date>`` under the
    headline. A lead ends at the next line that reads as a headline or a label.
    """
    items = [line for line in lines if line]
    teasers: list[DumpTeaser] = []
    i = 0
    label: str | None = None
    while i < len(items):
        if _is_label(items[i]) and i + 1 < len(items) and _is_headline(items[i + 1]):
            label = items[i]
            i += 1
        headline = items[i]
        i += 1
        lead: list[str] = []
        published: str | None = None
        while i < len(items) and not (lead and _is_headline(items[i])):
            match = _PUBLISHED.match(items[i])
            if match:
                published = match.group(1)
            elif _is_headline(items[i]) and _is_label(items[i]) and i + 1 < len(items):
                break
            else:
                lead.append(items[i])
            i += 1
        if _ADDRESS.search(headline):
            continue  # the site's postal address in the footer
        if not lead and _LABELLED_LINK.match(headline):
            continue  # a bare related link, not an item with a lead
        if lead or not _is_label(headline):
            teasers.append(DumpTeaser(title=headline, text=" ".join(lead), label=label, published=published))
    return teasers
