"""Outages: from one document to outage candidates, and from many candidates to published rows.

Extraction reads a document block by block (a block is the text under one headline: the
whole of a notice, or one notice of a list page) and sentence by sentence. A sentence that
uses a disruption word (``prekinjena dobava``, ``zapora``, ``zaprt``, ``znižan tlak`` ...)
is a *statement*; later sentences of the same block that state the same service, or only
add when it ends (``dobava bo predvidoma vzpostavljena do 14. ure``), join it. Each group of
statements is one :class:`OutageCandidate` whose window, places, cause and operator come
from its own words first, then from the block's headline, then from the site it was
published on.

The merge turns candidates from many documents (a teaser and its full notice, the same
teaser on three pages, a feed item and a page) into one row per disruption, with one
mention per document; a postponement moves the window of the record it postpones.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, time
from functools import lru_cache

import regex

from opendata.ids import normalize_key as _normalize_key, stable_id
from opendata.language.dates import find_temporals, resolve_headline_window, resolve_window
from opendata.language.gazetteer import Gazetteer
from opendata.language.patterns import Alternatives, plain_lower
from opendata.language.places import find_places
from opendata.language.sentences import sentence_spans
from opendata.model import Document, Evidence, OutageCandidate, Place, Window

from . import vocabulary as vocab

MAX_EVIDENCE = 300
# Place keys compare the same few town and street names over and over: normalise each once.
normalize_key = lru_cache(maxsize=8192)(_normalize_key)
_F = regex.IGNORECASE | regex.VERSION1

# Section labels of list pages and sidebars: a new block starts, without a headline.
_SECTION = regex.compile(
    r"(?:druga\s+|ostala\s+|zadnja\s+|aktualna\s+)?obvestila|zadnje\s+novice|več\s+novic|novice|aktualno"
    r"|prireditve|napovednik|napovedujemo|dogodki|kategorije:?|zadnje\s+objave|najbolj\s+brano"
    r"|zapore\s+cest|zadnje\s+osmrtnice",
    _F,
)
_LINE = regex.compile(r"[^\n]+")
_ROW = regex.compile(
    r"(?P<t1>\d{1,2}[:.]\d{2})\s*(?:[–—-]|do)\s*(?P<t2>\d{1,2}[:.]\d{2})\s*\|(?P<rest>[^\n]+)"
)
# The word lists below are asked about every sentence: searched an alternative at a time.
_HAS_DIGIT_OR_DAY = Alternatives.of(regex.compile(
    r"\d|danes|jutri|včeraj|nocoj|ponedelj|torek|tork|sred|četrt|petek|petk|sobot|nedelj|preklic|teden"
    # "do konca marca", "do sredine decembra": a month is a date too
    r"|januar|februar|\bmarc|april|\bmaj[aeu]?\b|junij|julij|avgust|septemb|oktob|novemb|decemb", _F))
# A sentence without a disruption word that only says how long it lasts or when it ends.
_CONTINUATION = Alternatives.of(regex.compile(
    r"\bveljal?\w*|potekal\w*|\btrajal?\w*|vzpostavljen\w*|vzpostavil\w*|končan\w*|zaključen\w*"
    r"|odpravljen\w*|\bdela\s+bodo\b|ukrep\w*"
    # "storitve naj bi bile predvidoma znova na voljo do 18. ure": when it ends
    r"|(?:znova|ponovno|spet)\s+na\s+voljo|(?:znova|ponovno|spet)\s+delova\w*", _F))
# "v tem času", "ta dan": a statement that takes the window of the one before it.
_SAME_TIME = regex.compile(r"v\s+tem\s+času|v\s+času\s+(?:zapore|del|prireditve|festivala|maratona)"
                           r"|\bta\s+dan\b|takrat|ob\s+tem|\boba\s+(?:\w+\s+)?dneva\b|\bv\s+teh\s+(?:dveh\s+)?dneh\b", _F)
# "..., v soboto, 27. decembra, pa bo odprt po običajnem urniku": when it works again.
_REOPENING = regex.compile(r"\bpa\s+(?:bo|bodo|bosta)\s+(?:spet\s+|ponovno\s+|znova\s+)?"
                           r"(?:odprt|obratoval|delova|vozil)\w*", _F)
# "v naslednjih dneh": no date a resident could act on.
_VAGUE_TIME = regex.compile(r"v\s+(?:naslednjih|prihodnjih|bližnji)\w*\s+(?:dneh|tednih|mesecih)|\bkmalu\b"
                            r"|v\s+kratkem", _F)
# The detour is not where the disruption is: cut it before looking for places.
_DETOUR = regex.compile(r"[,;]?\s*(?:\bobvoz\w*|\bobvozn\w*|pešci\s+(?:in\s+kolesarji\s+)?bodo"
                        r"|dostop\s+(?:do|za)|vozili\s+po)", _F)
# The detour words alone. _DETOUR's optional lead makes the engine try it at every position
# (4x slower); its words start with a letter, so a match can only begin in the run of
# spaces, commas and semicolons right before the first detour word: search from there.
_DETOUR_WORD = regex.compile(r"\bobvoz\w*|\bobvozn\w*|pešci\s+(?:in\s+kolesarji\s+)?bodo"
                             r"|dostop\s+(?:do|za)|vozili\s+po", _F)


def _detour_start(sentence: str) -> int | None:
    """Where ``_DETOUR.search(sentence)`` starts, or None when it does not match."""
    word = _DETOUR_WORD.search(sentence)
    if word is None:
        return None
    lead = word.start()
    while lead > 0 and (sentence[lead - 1].isspace() or sentence[lead - 1] in ",;"):
        lead -= 1  # further back than the lead can reach (isspace covers \s): no earlier match
    return _DETOUR.search(sentence, lead).start()


@dataclass
class _Block:
    """The text under one headline: ``[start, end)`` in the document, its headline if any."""

    start: int
    end: int
    title: str | None = None
    title_span: tuple[int, int] | None = None


@dataclass
class _Group:
    """Statement sentences of one block that describe one disruption."""

    service: str
    trigger_group: str
    spans: list[tuple[int, int]] = field(default_factory=list)
    evidence: tuple[int, int] = (0, 0)
    places: list[Place] = field(default_factory=list)
    postponed: bool = False
    postpone_at: int | None = None  # where the new date is stated
    window: Window | None = None  # set directly for table rows
    cause_text: str = ""
    title: str | None = None
    row: bool = False  # one row of a switch-off table


@dataclass
class _Context:
    """What every block of one document shares."""

    doc: Document
    gazetteer: Gazetteer
    reference: date | None
    site_operator: str | None
    site_municipality: str | None
    doc_operator: str | None


# ============================================================================ extraction

def extract_outages(doc: Document, gazetteer: Gazetteer) -> list[OutageCandidate]:
    """Every outage the document announces, as candidates with exact evidence offsets.

    A notice, teaser or feed item is usually one notice; an article may hold several
    (a list page, a road closure inside a festival article, a table of switch-offs).
    Statements in an article need a date of their own (or one they share with the
    statement before them); a notice without any date starts on its reference date.
    """
    text = doc.text or ""
    if not text.strip():
        return []
    site_operator, site_municipality = vocab.site_owner(doc.source, doc.url, gazetteer)
    ctx = _Context(doc, gazetteer, doc.reference_date, site_operator, site_municipality,
                   _first_announcer(text[:4000]))
    candidates: list[OutageCandidate] = []
    for block in _blocks(doc):
        # "V času zapore ..." under the next headline still means the closure above it
        candidates.extend(_block_candidates(ctx, block, candidates[-1] if candidates else None))
    return _without_undated_introduction(ctx, candidates)


@lru_cache(maxsize=256)  # the notice's own top and its one block's top are often the same text
def _first_announcer(text: str) -> str | None:
    """The organisation that announces anywhere near the top of the document."""
    for verb in vocab.ANNOUNCE_VERB.finditer(text):
        # the sentence the verb is in starts after the last stop or line break before it
        begin = max(text.rfind("\n", 0, verb.start()), text.rfind(". ", 0, verb.start()) + 1) + 1
        found = _announcer(text[begin:verb.end()].lstrip())
        if found:
            return found
    return None


def _blocks(doc: Document) -> list[_Block]:
    """Split the text at headlines and section labels; the first block has the document title."""
    text = doc.text
    lines = [(m.start(), m.end()) for m in _LINE.finditer(text) if m.group(0).strip()]
    blocks: list[_Block] = []
    title = (doc.title or "").strip() or None
    current = _Block(0, len(text), title, None)
    first = True
    in_list = False  # the lines under "... na naslednjih naslovih:" are its items
    for index, (a, b) in enumerate(lines):
        line = text[a:b].strip()
        item, in_list = in_list, _opens_or_continues_list(line, in_list)
        if first:
            first = False
            if title and _same_title(line, title):
                current.title_span = (a + (len(text[a:b]) - len(text[a:b].lstrip())), b)
                continue
        if _SECTION.fullmatch(line):
            current.end = a
            blocks.append(current)
            current = _Block(b, len(text))
            in_list = False
            continue
        next_line = text[lines[index + 1][0]:lines[index + 1][1]].strip() if index + 1 < len(lines) else ""
        if not item and _is_headline(line, next_line):
            current.end = a
            blocks.append(current)
            offset = a + (len(text[a:b]) - len(text[a:b].lstrip()))
            current = _Block(b, len(text), line, (offset, offset + len(line)))
    blocks.append(current)
    return [blk for blk in blocks if blk.end > blk.start or blk.title]


_LIST_LINE_MAX = 160
_LIST_OPENER_MIN = 25


def _opens_or_continues_list(line: str, in_list: bool) -> bool:
    """Whether the line after ``line`` is still an item of a list: a line ending in a colon
    opens one, short lines without a closing stop (places, dates and hours) continue it."""
    if line.endswith(":"):
        return len(line) >= _LIST_OPENER_MIN  # "Preberite tudi:" is a label, not a statement
    return in_list and len(line) <= _LIST_LINE_MAX and not line.endswith((".", "!", "?"))


def _same_title(line: str, title: str) -> bool:
    # the first line usually is the title itself: equal text needs no normalising
    return line == title or normalize_key(line).rstrip(" .…") == normalize_key(title).rstrip(" .…")


_HEADLINE_END = regex.compile(r"[.!?:;,…]$|\.\.\.$")
_DATE_LINE = regex.compile(r"^(?:objavljeno|datum|\d|ponedeljek|torek|sreda|četrtek|petek|sobota|nedelja)", _F)


def _is_headline(line: str, next_line: str) -> bool:
    """A short line without a closing stop, followed by a body line or a publication date."""
    words = line.split()
    if not 3 <= len(words) <= 22 or len(line) > 170 or "|" in line:
        return False
    if _HEADLINE_END.search(line) or _DATE_LINE.match(line) or not line[0].isupper():
        return False
    if not next_line:
        return False
    return len(next_line) >= 60 or bool(_DATE_LINE.match(next_line))


def _block_candidates(ctx: _Context, block: _Block, before: OutageCandidate | None = None
                      ) -> list[OutageCandidate]:
    text = ctx.doc.text
    groups: list[_Group] = []
    rows = list(_ROW.finditer(text, block.start, block.end))
    if rows:
        groups.extend(_row_groups(ctx, block, rows))
    row_spans = [(m.start(), m.end()) for m in rows]
    schedule = [] if rows else _schedule(ctx, block)
    schedule_spans = [(entry.start, entry.end) for entry in schedule]
    last: _Group | None = None
    listing: _Group | None = None  # the statement whose list of places is being read
    moved = bool(block.title and _MOVED_TITLE.match(block.title))
    dated_work: tuple[int, int] | None = None  # "Dela bomo izvedli v četrtek, 13. 11." just before
    for start, end in sentence_spans(text, block.start, block.end):
        work_before, dated_work = dated_work, None
        if block.title_span and (start, end) == block.title_span:
            continue
        if any(rs <= start < re_ for rs, re_ in row_spans) or (row_spans and start < row_spans[0][0]):
            continue  # a table's rows are the notices; its header only introduces them
        if any(lo <= start < hi for lo, hi in schedule_spans):
            continue  # a schedule's dated entries are their own notices (below)
        sentence = text[start:end]
        if _MENU_LINE.match(sentence):
            continue  # "Občina   Novice   Zapore cest   Kontakt": site navigation, not a notice
        if listing is not None and (_LIST_ITEM.match(sentence) or _is_bare_item(sentence)):
            # "... na naslednjih lokacijah v Celju:" then "– na Mariborski cesti ...": the
            # items say where the statement above them applies
            listing.places = listing.places + _item_places(ctx, sentence, start, _municipalities(listing.places))
            continue
        listing = None
        trigger = vocab.find_trigger(_time_reference_masked(sentence))
        if trigger is None:
            if last is not None and _is_continuation(sentence):
                last.spans.append((start, end))
            elif vocab.MOVED.search(sentence) and not _is_background(sentence):
                moved = True  # "smo dela ... prestavili": the next dated statement is the new date
            elif _WORK_DATE.search(sentence) and not _is_background(sentence):
                window = resolve_window(sentence, ctx.reference)
                if window is not None and window.start_date is not None:
                    dated_work = (start, end)
            continue
        if vocab.is_not_announcement(sentence) or _is_background(sentence):
            continue
        own_date = resolve_window(sentence, ctx.reference)
        if work_before is not None and (own_date is None or own_date.start_date is None):
            # "Dela bomo izvedli v četrtek, 13. 11. ... Brez vode bodo ...": the works' date
            sentence_start = start
            start = work_before[0]
            sentence = text[start:end]
            shift = sentence_start - start
            trigger = (trigger[0] + shift, trigger[1] + shift, trigger[2])
        service = vocab.service_of(sentence, trigger[0], trigger[2])
        if service is None:
            service = _title_service(block.title) or _operator_service(ctx, sentence)
        if service is None:
            continue
        places = _places(ctx, sentence, start)
        if (last is not None and not places and trigger[0] <= 2 and _CONTINUATION.found_in(sentence)
                and not vocab.POSTPONE.search(sentence)):
            # "Zapora bo trajala od ... do ...": how long the statement above lasts, whatever
            # service its bare noun would suggest on its own
            last.spans.append((start, end))
            listing = last if _OPENS_LIST.search(sentence) else None  # "... bo veljala za objekte:"
            continue
        postpone = vocab.POSTPONE.search(sentence)
        if postpone is None and moved and resolve_window(sentence, ctx.reference) is not None:
            postpone = _START.match(sentence)
            moved = False
        same = _joinable(groups, last, service, places, sentence, trigger[2])
        if same is not None and _other_day(ctx, text, same, sentence):
            same = None  # "... 12. 2. brez napetosti: ..." then "... 13. 2. brez napetosti: ...": two
        if same is not None and not postpone:
            same.spans.append((start, end))
            if not same.places:
                same.places = places
            elif places:
                same.places = same.places + places
            last = same
            listing = same if _OPENS_LIST.search(sentence) else None
            continue
        group = _Group(service, trigger[2], [(start, end)], _clause(text, start, end, start + trigger[0]),
                       places, postponed=bool(postpone),
                       postpone_at=start + postpone.end() if postpone else None)
        groups.append(group)
        last = group
        listing = group if _OPENS_LIST.search(sentence) else None
    if schedule:
        groups = _schedule_groups(ctx, block, groups, schedule)
    if not groups and block.title and block.title_span and ctx.doc.kind != "article":
        title_group = _title_group(ctx, block)
        if title_group:
            groups.append(title_group)
    out = []
    previous: OutageCandidate | None = None
    lead = block.title_span is not None and ctx.doc.kind != "article" and block.start <= (block.title_span[1] + 2)
    for index, group in enumerate(groups):
        if (index > 0 and ctx.doc.kind == "article" and not group.title and group.places and groups[0].places
                and not group.row and not _overlap(_place_keys(group.places), _place_keys(groups[0].places))):
            # "► KOBARID – ..." under a headline about another road: a notice of its own, so it
            # gets its own words as title rather than the headline of the first one
            a, b = group.evidence
            group.title = _short_title(text[a:b])
        if previous is None and before is not None and _SAME_TIME.search(
                " ".join(text[a:b] for a, b in group.spans)):
            previous = before
        candidate = _candidate(ctx, block, group, previous, lead and index == 0)
        if candidate is not None:
            out.append(candidate)
            previous = candidate
    return out


def _without_undated_introduction(ctx: _Context, out: list[OutageCandidate]) -> list[OutageCandidate]:
    """Drop a statement dated only by the reference date when the document dates others of the
    same service: a headline such as "Načrtovane prekinitve dobave električne energije" over a
    dated list introduces the list; it does not announce a disruption of its own for today."""
    undated = Window(start_date=ctx.reference)
    dated = {c.service for c in out if c.window != undated}
    return [c for c in out if not (c.window == undated and c.service in dated)]


_BACKGROUND = Alternatives.of(regex.compile(r"\bprvotno\b|\bsprva\b|\bže\s+večkrat\b|v\s+preteklih|\bv\s+primeru\b"
                            # "..., ki bi morala biti v ponedeljek, odpade": the old date, called off
                            r"|\bbi\s+moral[aio]?\s+biti\b|\bodpade(?:jo)?\b|\bodpadl[aeio]?\b"
                           r"|\bmorebitn\w*|\bsproti\s+obveščal\w*|\bobveščanj\w*", _F))


def _is_background(sentence: str) -> bool:
    """History, conditionals and service talk around a notice ("prvotno napovedana",
    "v primeru slabega vremena", "o morebitnih zaporah bodo obveščali")."""
    return _BACKGROUND.found_in(sentence) and not vocab.POSTPONE.search(sentence)


# "Dostava bo med 6. in 10. uro potekala nemoteno": what still works, not when it stops.
# A sentence about when the works are done, without a disruption word of its own.
_WORK_DATE = regex.compile(r"\bdela\b|\bdel\b|izved\w*|izvaja\w*|\bpotekal\w*", _F)
_UNAFFECTED = regex.compile(r"nemoten\w*|\bnormalno\b|kot\s+običajno|po\s+ustaljen\w*|brez\s+omejitev", _F)


def _is_continuation(sentence: str) -> bool:
    return (_CONTINUATION.found_in(sentence) and _HAS_DIGIT_OR_DAY.found_in(sentence)
            and not _UNAFFECTED.search(sentence))


# A navigation line: three or more menu labels split by wide gaps or bars, and no digits.
_MENU_LINE = regex.compile(r"^[ \t]*+[^\s\d.!?|]++(?:[ \t][^\s\d.!?|]++)*+"
                           r"(?:(?:[ \t]{3,}|[ \t]*\|[ \t]*)[^\s\d.!?|]++(?:[ \t][^\s\d.!?|]++)*+){3,}+[ \t]*+$")
# A line of a list: a dash, bullet or number first.
_LIST_ITEM = regex.compile(r"[–—\-•*·▪►]\s*\S|\d{1,2}[.)]\s+\p{L}|\p{Lu}[\p{L} .-]{1,40}:\s+\p{Lu}")
# A list line without a bullet: a short place line ("Topniška ulica 2–44", "Godovič in del
# naselja Zadlog") with no verb of its own.
_ITEM_VERB = regex.compile(r"\b(?:bo|bodo|bosta|bomo|boste|je|so|sta|smo|ste|bi|prosimo|vabimo|lahko)\b", _F)
_BARE_ITEM_MAX = 120


def _is_bare_item(line: str) -> bool:
    line = line.strip()
    return (0 < len(line) <= _BARE_ITEM_MAX and line[0].isupper() and not _ITEM_VERB.search(line)
            and vocab.find_trigger(line) is None)


# A statement that announces a list of places: it ends with a colon or says "naslednjih ...".
_OPENS_LIST = regex.compile(r":\s*$|\bnaslednj\w+\s+(?:lokacij|območj|ulic|objekt|naselj|odsek)\w*"
                            r"|\bin\s+sicer\b|\bza\s+objekte\b", _F)
# "v času zapore", "med zaporo": when, not a disruption of its own.
_TIME_REFERENCE = regex.compile(r"\b(?:v\s+času|med|ob)\s+(?:popoln\w+\s+|deln\w+\s+)?(?:zapor[ea]|zaporo|prekinitv[ei]|izklop[au])\b", _F)


def _time_reference_masked(sentence: str) -> str:
    """The sentence with "v času zapore" blanked (same length): "V času zapore bodo avtobusi
    vozili po obvozu" is about the buses, "Prosimo, da v času prekinitve ..." about nothing new."""
    low = plain_lower(sentence)
    if low is not None and not any(word in low for word in _TIME_REFERENCE_NOUNS):
        return sentence  # every match ends in one of these nouns: nothing to blank
    return _TIME_REFERENCE.sub(lambda m: " " * len(m.group(0)), sentence)


_TIME_REFERENCE_NOUNS = ("zapor", "prekinitv", "izklop")


def _municipalities(places: list[Place]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(p.municipality for p in places if p.municipality))


@dataclass
class _Entry:
    """One dated entry of a schedule: its date line, the lines of places under it."""

    start: int
    end: int
    window: Window
    items: list[tuple[int, int]]
    municipalities: tuple[str, ...] = ()


_DATE_WORDS = regex.compile(
    r"(?:v|na|dne|med|od|do|in|ter|ob|ure|uro|uri|h|predvidoma|približno|ponedelj\w*|tor\w*|sred\w*"
    r"|pon|sre|čet|sob|ned"  # "pon., 9. 3."
    r"|četrt\w*|pet\w*|sobot\w*|nedelj\w*|januar\w*|februar\w*|marc\w*|april\w*|maj\w*|junij\w*"
    r"|julij\w*|avgust\w*|septemb\w*|oktob\w*|novemb\w*|decemb\w*)", _F)
_DIGIT = regex.compile(r"\d")
_WORD = regex.compile(r"\p{L}+")
_MUNICIPALITY_LINE = regex.compile(r"(?:Mestna\s+)?[Oo]bčina\s+\p{Lu}[\p{L} –-]+")


def _schedule(ctx: _Context, block: _Block) -> list[_Entry]:
    """Dated entries of a list page: a line that is only a date and hours
    (``V ponedeljek, 10. marca, med 8.00 in 14.00:``, ``četrtek, 6.11.2025, 8.30–12.00``)
    with the list of places under it, up to a blank line or the next date line."""
    text = ctx.doc.text
    lines = [(m.start(), m.end()) for m in _LINE.finditer(text, block.start, block.end)]
    entries: list[_Entry] = []
    index = 0
    while index < len(lines):
        a, b = lines[index]
        window = _date_line_window(ctx, text[a:b])
        if window is None:
            row = _dated_row(ctx, text, a, b)
            if row is not None:
                entries.append(row)
            index += 1
            continue
        items, munis = [], []
        k = index + 1
        while k < len(lines) and text[lines[k][0]:lines[k][1]].strip():
            line = text[lines[k][0]:lines[k][1]].strip()
            if _date_line_window(ctx, line) is not None:
                break
            if _MUNICIPALITY_LINE.fullmatch(line) and ctx.gazetteer.municipality(line):
                munis.append(ctx.gazetteer.municipality(line))
            elif _LIST_ITEM.match(line) or (window.start_time is not None and _is_bare_item(line)):
                # a switch-off schedule's date line has hours; a publication date has none
                items.append(lines[k])
            else:
                break
            k += 1
        if items:
            entries.append(_Entry(a, items[-1][1], window, items, tuple(munis)))
        index = max(k, index + 1)
    return entries


# "četrtek, 6. 11. 2025 8.30–14.30 Rečica, Šmihel ...", "pon., 9. 3. 2026 8.00–12.00 ...": a
# table row flattened to one line, its date and hours first, then the area (and maybe the
# reason) without a verb.
_ROW_LEAD = regex.compile(
    r"[ \t]*+(?:\p{L}+\.?,?\s+)?\d{1,2}\.\s*(?:\d{1,2}\.|\p{L}+)\s*(?:\d{4}\b)?,?\s*(?:od\s+)?"
    r"\d{1,2}[.:]\d{2}\s*(?:[–—-]|do)\s*\d{1,2}[.:]\d{2}(?:\s*(?:h|ur[ei])\b)?,?[ \t]+(?=\p{Lu})", _F)


def _dated_row(ctx: _Context, text: str, a: int, b: int) -> _Entry | None:
    """A one-line entry that starts with its date and hours and goes on with its area."""
    if _DIGIT.search(text, a, b) is None:
        return None  # the lead is a date and hours
    lead = _ROW_LEAD.match(text, a, b)
    if lead is None or not _is_bare_item(text[lead.end():b]):
        return None
    window = _date_line_window(ctx, text[a:lead.end()])
    if window is None or window.start_time is None:
        return None
    return _Entry(a, b, window, [(lead.end(), b)])


def _date_line_window(ctx: _Context, line: str) -> Window | None:
    """The window of a line that states only a date and hours, else None."""
    line = line.strip()
    if not line or len(line) > 90 or not _DIGIT.search(line):
        return None
    if any(not _DATE_WORDS.fullmatch(word) for word in _WORD.findall(line)):
        return None  # other words: a sentence, not a date line
    window = resolve_window(line, ctx.reference)
    return window if window is not None and window.start_date is not None else None


def _schedule_groups(ctx: _Context, block: _Block, groups: list[_Group], schedule: list[_Entry]) -> list[_Group]:
    """One group per dated entry, with the service, wording and reason of the statement that
    introduces the list (``... bodo brez električne energije odjemalci na naslednjih območjih:``)."""
    first = schedule[0].start
    intro = next((g for g in groups if g.spans[0][0] < first and not g.row), None)
    if intro is None:
        service = _title_service(block.title)
        trigger = vocab.find_trigger(block.title or "")
        if service is None or trigger is None:
            return groups
        intro = _Group(service, trigger[2], [], (first, first), [], cause_text=block.title or "")
    text = ctx.doc.text
    intro_text = " ".join(text[a:b] for a, b in intro.spans)
    out = [g for g in groups if g is not intro]
    for entry in schedule:
        places: list[Place] = []
        for a, b in entry.items:
            places += _item_places(ctx, text[a:b], a, entry.municipalities + _municipalities(places))
        if entry.municipalities and not places:
            places = [Place(municipality=m) for m in entry.municipalities]
        end = entry.end if entry.end - entry.start <= MAX_EVIDENCE else entry.start + MAX_EVIDENCE
        out.append(_Group(intro.service, intro.trigger_group, [(entry.start, entry.start)], (entry.start, end),
                          places, window=entry.window,
                          # a row's own reason ("priklop nove postaje") before the list's
                          cause_text=text[entry.start:entry.end] + " " + (intro.cause_text or intro_text)))
    return out


_START = regex.compile(r"")
# "PRELOŽITEV: ...", "Prestavljeno: ...": the notice moves an earlier one.
_MOVED_TITLE = regex.compile(r"\s*(?:preložitev|prestavitev|preloženo|prestavljeno|sprememba\s+termina)\b", _F)


def _joinable(groups: list[_Group], last: _Group | None, service: str, places: list[Place],
              sentence: str, trigger_group: str = "") -> _Group | None:
    """The group of this block a new statement adds to: same service, no other places.

    A closed collection yard is not the cancelled collection round announced before it.
    """
    for group in reversed(groups):
        if group.service != service or group.row:
            continue
        if (service in ("waste", "facility") and (group.trigger_group == "closure") != (trigger_group == "closure")
                and not _SAME_TIME.search(sentence)):  # "V tem času ... ne bo mogoče": the same closure
            continue
        if not places or not group.places or _overlap(_place_keys(places), _place_keys(group.places)):
            return group
        if _coarse_within(group.places, places) or _coarse_within(places, group.places):
            return group  # a town-level statement and the streets it means
        return None
    return None


def _other_day(ctx: _Context, text: str, group: _Group, sentence: str) -> bool:
    """The statement names a start day of its own, and the group started on another day."""
    own = resolve_window(sentence, ctx.reference)
    if own is None or own.start_date is None:
        return False
    first = resolve_window(text[group.spans[0][0]:group.spans[0][1]], ctx.reference) if group.spans else None
    return first is not None and first.start_date is not None and first.start_date != own.start_date


def _coarse_within(coarse: list[Place], fine: list[Place]) -> bool:
    """Every place of ``coarse`` is a whole town or municipality that ``fine`` lies in."""
    towns = {normalize_key(p.locality) for p in fine if p.locality} | {
        normalize_key(p.municipality) for p in fine if p.municipality}
    return all(not p.street and not p.road_id
               and normalize_key(p.locality or p.municipality) in towns for p in coarse)


def _title_service(title: str | None) -> str | None:
    if not title:
        return None
    trigger = vocab.find_trigger(title)
    if trigger:
        return vocab.service_of(title, trigger[0], trigger[2])
    return vocab.supply_service(title)


_OPERATOR_SERVICE = (("Elektro", "electricity"), ("Energetika", "heating"), ("Domplan", "heating"),
                     ("vodovod", "water"), ("VOKA", "water"), ("potniški promet", "public_transport"))


def _operator_service(ctx: _Context, sentence: str) -> str | None:
    """When a sentence says only "izklop" or "prekinitev", the announcer's trade tells the service."""
    operator = _announcer(sentence) or ctx.doc_operator or ctx.site_operator
    if not operator:
        return None
    for needle, service in _OPERATOR_SERVICE:
        if needle.casefold() in operator.casefold():
            return service
    return None


def _title_group(ctx: _Context, block: _Block) -> _Group | None:
    """A notice whose disruption is stated only in its headline."""
    trigger = vocab.find_trigger(block.title)
    if trigger is None or vocab.is_not_announcement(block.title):
        return None
    service = vocab.service_of(block.title, trigger[0], trigger[2])
    if service is None:
        return None
    a, b = block.title_span
    group = _Group(service, trigger[2], [(a, b)], (a, min(b, a + MAX_EVIDENCE)), _places(ctx, block.title, a))
    # the body says when, even without a disruption word of its own
    group.window = resolve_window(ctx.doc.text[b:block.end], ctx.reference) or resolve_window(block.title, ctx.reference)
    group.cause_text = ctx.doc.text[a:block.end]
    return group


def _row_groups(ctx: _Context, block: _Block, rows: list[regex.Match]) -> list[_Group]:
    """One outage per row of a switch-off table (``08:30–11:30 | TP Podgrad 2 | Podgrad | ...``)."""
    text = ctx.doc.text
    groups = []
    header = text[block.start:rows[0].start()]
    page_trigger = vocab.find_trigger(header) or vocab.find_trigger(block.title or "")
    page_service = None
    if page_trigger:
        source = header if vocab.find_trigger(header) else block.title
        page_service = vocab.service_of(source, page_trigger[0], page_trigger[2])
    page_service = page_service or _title_service(block.title) or _operator_service(ctx, header)
    for row in rows:
        cells = [c.strip() for c in row.group("rest").split("|")]
        # "21.10.2025 | 8:00–12:00 | ..." dates the row in its own first cell
        day = _day_in_row(text, row.start(), ctx.reference) or _day_above(text, block.start, row.start(),
                                                                            ctx.reference)
        if day is None:
            continue
        start_time, end_time = _clock(row.group("t1")), _clock(row.group("t2"))
        window = Window(day, start_time, day, end_time, False)
        station = next((c for c in cells if regex.match(r"TP\b|RTP\b", c)), None)
        if station is None:
            places, place_text = _area_cells(ctx, cells, row)
            title = f"{block.title} – {place_text}" if block.title and place_text else (block.title or place_text)
        else:
            place_cells = [c for c in cells if c is not station][:1] or [station]
            place_text = place_cells[0]
            place_at = text.find(place_text, row.start(), row.end())
            places = _cell_places(ctx, place_text) or _places(ctx, place_text, place_at)
            title = f"{block.title} – {station}" if block.title and station else (block.title or station)
        service = page_service or vocab.supply_service(row.group(0)) or "electricity"
        groups.append(_Group(service, page_trigger[2] if page_trigger else "none", [(row.start(), row.end())],
                             (row.start(), min(row.end(), row.start() + MAX_EVIDENCE)), places,
                             window=window, cause_text=" ".join(cells[1:]) + " " + header, title=title,
                             row=True))
    return groups


def _day_in_row(text: str, position: int, reference: date | None) -> date | None:
    """The date printed in the same table row before its hours (``21.10.2025 | 8:00–12:00 | ...``)."""
    begin = text.rfind("\n", 0, position) + 1
    prefix = text[begin:position]
    if not _DIGIT.search(prefix):
        return None
    for mention in find_temporals(prefix, reference):
        if mention.has_date and mention.window.start_date:
            return mention.window.start_date
    return None


def _area_cells(ctx: _Context, cells: list[str], row: regex.Match) -> tuple[list[Place], str]:
    """Places of a row without a substation column: the area cell (``Kamnica: Bresterniška
    ulica 1–57; Rošpoh``), read in the municipality a later cell names (``| Maribor``)."""
    text = ctx.doc.text
    municipalities: list[str] = []
    areas: list[str] = []
    for cell in cells:
        if not cell:
            continue
        found = ctx.gazetteer.municipality(cell) if len(cell.split()) <= 4 else None
        if found and normalize_key(found) == normalize_key(cell):
            municipalities.append(found)
        else:
            areas.append(cell)
    area = areas[0] if areas else (municipalities[0] if municipalities else "")
    if not area:
        return [], ""
    at = text.find(area, row.start(), row.end())
    context = tuple(municipalities)
    places: list[Place] = []
    # "Kamnica: A ulica 1–57; Rošpoh": semicolons part settlements, "Town: streets" opens one
    for part in regex.split(r"\s*;\s*", area):
        part = regex.sub(r"\s*\([^)]*\)", "", part)
        if not part.strip():
            continue
        head, colon, rest = part.partition(":")
        if colon and rest.strip():
            town = _cell_places(ctx, head) if not context else _settlement_in(ctx, head.strip(), context)
            streets = _item_places(ctx, rest, at, context + _municipalities(town))
            # the row's "Town:" says which settlement the streets are in, over the register's guess
            located = [replace(p, locality=town[0].locality if town else (p.locality or head.strip()),
                               municipality=town[0].municipality if town else p.municipality)
                       for p in streets if p.street]
            places += located or town or streets
        else:
            places += _item_places(ctx, part, at, context)
    if not places and municipalities:
        places = [Place(municipality=m) for m in municipalities]
    if context:
        places = [p if p.municipality in context or not p.municipality else replace(p, municipality=context[0])
                  for p in places] if all(not p.municipality or p.municipality in context for p in places) else \
            [p for p in places if not p.municipality or p.municipality in context] or places
    return places, area


def _settlement_in(ctx: _Context, name: str, municipalities: tuple[str, ...]) -> list[Place]:
    """The settlement ``name`` in one of the row's municipalities, else the name as a locality there."""
    settlement = ctx.gazetteer.settlement(name, prefer=municipalities)
    if settlement and settlement.municipality in municipalities:
        return [Place(municipality=settlement.municipality, locality=settlement.name)]
    return [Place(municipality=municipalities[0], locality=name)]


def _cell_places(ctx: _Context, cell: str) -> list[Place]:
    """A table's locality column names the settlement outright; look it up in the operator's area.

    A name the register does not list there (a local community such as a village group) is
    still the stated locality, in the area's home municipality.
    """
    name = cell.strip()
    if not name or len(name.split()) > 4 or not name[0].isupper() or regex.search(r"\d{3,}", name):
        return []
    prefer = _prefer(ctx)
    settlement = ctx.gazetteer.settlement(name, prefer=prefer)
    if settlement and (not prefer or settlement.municipality in prefer):
        return [Place(municipality=settlement.municipality, locality=settlement.name)]
    if prefer:
        home = ctx.gazetteer.municipality(prefer[0]) or prefer[0]
        return [Place(municipality=home, locality=name)]
    return []


def _day_above(text: str, lo: int, position: int, reference: date | None) -> date | None:
    """The date of the nearest heading line above a table row (``Torek, 10. 2. 2026``)."""
    end = position
    while end > lo:
        begin = text.rfind("\n", lo, end - 1) + 1
        line = text[begin:end].strip()
        if line and "|" not in line:
            for mention in find_temporals(line, reference):
                if mention.has_date and mention.window.start_date:
                    return mention.window.start_date
        if begin <= lo:
            break
        end = begin - 1
    return None


def _clock(value: str) -> time | None:
    hours, minutes = regex.split(r"[:.]", value)
    try:
        return time(int(hours), int(minutes))
    except ValueError:
        return None


def _clause(text: str, start: int, end: int, anchor: int) -> tuple[int, int]:
    """The sentence, or when it is longer than the evidence limit, the clause around ``anchor``."""
    if end - start <= MAX_EVIDENCE:
        return start, end
    lo = max(start, anchor - MAX_EVIDENCE // 2)
    comma = text.rfind(", ", start, lo + 1)
    if comma >= start and anchor - comma < MAX_EVIDENCE - 40:
        lo = comma + 2
    hi = min(end, lo + MAX_EVIDENCE)
    cut = max(text.rfind(", ", lo, hi), text.rfind(" ", lo, hi)) if hi < end else hi
    if cut > anchor:
        hi = cut
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    while lo < hi and text[lo].isspace():
        lo += 1
    return lo, hi


# ---------------------------------------------------------------------------- places

def _masked(sentence: str) -> str:
    """The sentence without its announcer and detour, same length, so offsets still hold."""
    found = vocab.announcer_in(sentence)
    if found:
        _, a, b = found
        sentence = sentence[:a] + " " * (b - a) + sentence[b:]
    for pattern, _name in vocab.ALIAS_PATTERNS:
        sentence = pattern.sub(lambda m: " " * len(m.group(0)), sentence)
    detour = _detour_start(sentence)
    if detour is not None:
        sentence = sentence[:detour] + " " * (len(sentence) - detour)
    return sentence


def _places(ctx: _Context, sentence: str, offset: int, context: tuple[str, ...] = ()) -> list[Place]:
    """Places of one sentence; ``context`` are municipalities the text around it has named."""
    prefer = tuple(dict.fromkeys(context + _prefer(ctx, sentence)))
    return list(find_places(_masked(sentence), ctx.gazetteer, prefer=prefer, fallback=False))


def _item_places(ctx: _Context, line: str, offset: int, context: tuple[str, ...] = ()) -> list[Place]:
    """Places of one list line: a line without a bullet is read as if it had one, because
    an item line names its settlement outright ("Cerkno in del naselja Zakriž")."""
    if not _LIST_ITEM.match(line):
        line = "– " + line.lstrip()
    return _places(ctx, line, offset, context)


def _prefer(ctx: _Context, sentence: str = "") -> tuple[str, ...]:
    """Municipalities to prefer for ambiguous names: the site's, then the operator's area."""
    order: list[str] = []
    own = _announcer(sentence) if sentence else None
    if own and not ctx.site_operator:
        # "KSD Ajdovščina obvešča ..." on a regional portal ("Vipavski glas"): the company that
        # speaks in the sentence knows its streets better than the portal's name does
        order.extend(_operator_areas(ctx, own))
    if ctx.site_municipality and ctx.site_municipality not in order:
        order.append(ctx.site_municipality)
    operator = own or ctx.doc_operator or ctx.site_operator
    for municipality in _operator_areas(ctx, operator):
        if municipality not in order:
            order.append(municipality)
    return tuple(order)


def _operator_areas(ctx: _Context, operator: str | None) -> tuple[str, ...]:
    """The operator's served municipalities, or the one its name contains (``Komunala Trebnje``)."""
    areas = vocab.operator_areas(operator)
    if areas or not operator:
        return areas
    home = ctx.gazetteer.municipality_in_name(operator)
    return (home,) if home else ()


def _default_municipality(ctx: _Context, operator: str | None) -> str | None:
    """Where a notice that names no place applies: the operator's or the site's municipality."""
    for name in (_operator_areas(ctx, operator)[:1] if operator and "bčina" in operator else ()):
        found = ctx.gazetteer.municipality(name)
        if found:
            return found
    if ctx.site_municipality:
        return ctx.gazetteer.municipality(ctx.site_municipality) or ctx.site_municipality
    home = _operator_areas(ctx, operator)[:1]
    if home:
        return ctx.gazetteer.municipality(home[0]) or home[0]
    return None


def _refine(places: list[Place], default_municipality: str | None) -> list[Place]:
    """Fill missing municipalities, drop duplicates and coarse rows that finer rows cover."""
    filled = [p if p.municipality else replace(p, municipality=default_municipality) for p in places]
    best: dict[tuple, Place] = {}
    for place in filled:
        key = _place_key(place)
        kept = best.get(key)
        if kept is None or _detail(place) > _detail(kept):
            best[key] = place
    rows = list(best.values())
    fine_municipalities = {p.municipality for p in rows if p.street or p.locality or p.road_id}
    street_localities = {(p.municipality, normalize_key(p.locality)) for p in rows if p.street and p.locality}
    out = []
    for place in rows:
        if not (place.street or place.locality or place.road_id) and place.municipality in fine_municipalities:
            continue
        if (place.locality and not place.street and not place.road_id
                and (place.municipality, normalize_key(place.locality)) in street_localities):
            continue
        out.append(place)
    if not out and default_municipality:
        out = [Place(municipality=default_municipality)]
    return out


def _place_key(place: Place) -> tuple:
    if place.street:
        return ("street", normalize_key(place.municipality), normalize_key(place.street))
    if place.road_id and not place.locality:
        return ("road", normalize_key(place.road_id))
    if place.locality:
        return ("locality", normalize_key(place.municipality), normalize_key(place.locality),
                normalize_key(place.road_id))
    return ("municipality", normalize_key(place.municipality))


def _detail(place: Place) -> int:
    return sum(v is not None for v in (place.locality, place.street, place.house_numbers, place.road_id))


def _place_keys(places: list[Place]) -> set[str]:
    """Typed keys of the places: ``s:`` street, ``r:`` road, ``l:`` settlement, ``m:`` municipality."""
    keys = set()
    for place in places:
        if place.street:
            keys.add("s:" + normalize_key(place.street))
        if place.road_id:
            keys.add("r:" + normalize_key(place.road_id))
        if place.locality and not place.street:
            keys.add("l:" + normalize_key(place.locality))
        if not (place.street or place.locality or place.road_id) and place.municipality:
            keys.add("m:" + normalize_key(place.municipality))
    return keys


_KEY_LEVELS = ("s:", "r:", "l:", "m:")  # finest first


def _overlap(a: set[str], b: set[str]) -> bool:
    """The two key sets name the same place at the finest level both of them have."""
    levels_a = {k[:2] for k in a}
    levels_b = {k[:2] for k in b}
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    for level in _KEY_LEVELS:
        if level in levels_a and level in levels_b:
            return any(k in large for k in small if k[:2] == level)
    return False


# ---------------------------------------------------------------------------- candidates

def _candidate(ctx: _Context, block: _Block, group: _Group, previous: OutageCandidate | None,
               lead: bool) -> OutageCandidate | None:
    """The candidate a statement group gives, or None when it says nothing dated.

    Only the lead statement of a notice may borrow its headline's date or, failing that,
    start on the reference date ("danes zaprt"); a later statement without a date of its
    own is background ("ko je prekinitev najmanj moteča") unless it says "v tem času".
    """
    doc, text = ctx.doc, ctx.doc.text
    group_text = " ".join(text[a:b] for a, b in group.spans)
    window = group.window or _group_window(ctx, group, group_text)
    inherited = False
    if window is None and previous is not None and _SAME_TIME.search(group_text):
        window, inherited = previous.window, True
        lead = False  # the window is the earlier statement's, not the headline's
    if window is None and block.title and (lead or not previous):
        window = resolve_headline_window(block.title, text[block.start:block.end], ctx.reference)
    if window is None:
        if not lead or _VAGUE_TIME.search(group_text):
            return None
        window = Window(start_date=ctx.reference)
    if window.start_date is None and window.end_date is None:
        if window.start_time is None and window.end_time is None:
            return None
        # "Tek bo v soboto, 6. decembra. ... bo med 9. in 12. uro zaprta": the day said before
        day = _day_before(ctx, block, group) or ctx.reference
        window = replace(window, start_date=day, end_date=day if window.end_time else None)
    elif window.start_date is None:
        # "se bo v ponedeljek, 9. marca, začela gradnja. ... zaprta predvidoma do 27. marca":
        # only the end is stated here; the start is the day said just before
        day = _day_before(ctx, block, group)
        if day is not None and day <= window.end_date:
            window = replace(window, start_date=day)
    estimated = window.end_estimated or bool(vocab.ESTIMATE.search(group_text)) and window.end_date is not None
    if group.row and vocab.ESTIMATE.search(text[block.start:block.end]):
        estimated = True  # "Vsi časi so okvirni" under a table
    if window.end_date is None and window.end_time is None and regex.search(r"do\s+preklica", group_text, _F):
        estimated = True
    window = replace(window, end_estimated=estimated)

    operator = _operator(ctx, group_text, block, group.service)
    effect = vocab.effect_of(group_text, group.trigger_group, group.service)
    cause = (vocab.cause_of(group.cause_text or group_text) or vocab.cause_of(block.title or "")
             or _block_cause(text, block, group) or (previous.cause if inherited else None) or "unknown")
    places = group.places
    if not places and inherited:
        # "v tem času" in the same town: the town of the statement before, not its streets
        places = [Place(municipality=p.municipality, locality=p.locality)
                  for p in previous.areas if p.locality]
    if not places and block.title_span:
        places = _places(ctx, block.title, block.title_span[0])
    areas = _refine(places, _default_municipality(ctx, operator))
    a, b = group.evidence
    title = group.title or block.title or _short_title(text[a:b])
    return OutageCandidate(
        service=group.service, effect=effect, cause=cause, title=title, window=window, areas=areas,
        evidence=Evidence(doc.document_id, text[a:b], a, b), operator=operator,
        source_url=doc.url, reference_date=ctx.reference, postponed=group.postponed,
    )


def _day_before(ctx: _Context, block: _Block, group: _Group) -> date | None:
    """The last day the block names before the statement, for a statement with hours only."""
    if not group.spans:
        return None
    lo = max(block.start, group.spans[0][0] - 600)
    day = None
    for mention in find_temporals(ctx.doc.text, ctx.reference, start=lo, end=group.spans[0][0]):
        if mention.has_date and mention.window.start_date and not mention.relative:
            day = mention.window.start_date
    return day


def _group_window(ctx: _Context, group: _Group, group_text: str) -> Window | None:
    """The window the statements give; for a postponement, the one after ``prestavljeno na``."""
    if group.postponed and group.postpone_at is not None:
        first_end = group.spans[0][1]
        tail = ctx.doc.text[group.postpone_at:first_end]
        rest = " ".join(ctx.doc.text[a:b] for a, b in group.spans[1:])
        window = resolve_window(f"{tail} {rest}".strip(), ctx.reference)
        if window is not None:
            return window
    window = resolve_window(_reopening_masked(group_text, ctx.reference), ctx.reference)
    if window is not None and window.start_date and window.end_date is None and window.end_time is None:
        window = _stated_end(ctx, group, window) or window
    return window


# "Dela bodo predvidoma končana v petek, 5. decembra": a later sentence that says when it ends.
_END_STATEMENT = regex.compile(r"končan\w*|zaključen\w*|vzpostavljen\w*|odpravljen\w*|\btrajal\w*\s+do\b"
                               r"|\bdo\s+(?:predvidoma\s+)?(?:\p{L}+,?\s+)?\d|na\s+voljo|ponovno\s+odprt\w*", _F)


def _stated_end(ctx: _Context, group: _Group, window: Window) -> Window | None:
    """The window with the end day a later sentence of the group states, estimated when it
    says ``predvidoma``; None when no later sentence names a later day."""
    for a, b in group.spans[1:]:
        sentence = ctx.doc.text[a:b]
        if not _END_STATEMENT.search(sentence):
            continue
        end = resolve_window(sentence, ctx.reference)
        if end is None:
            continue
        day = end.end_date or end.start_date
        if day is None or day < window.start_date:
            continue
        return replace(window, end_date=day, end_time=end.end_time or (end.start_time if not end.end_date else None),
                       end_estimated=window.end_estimated or bool(vocab.ESTIMATE.search(sentence)))
    return None


def _reopening_masked(text: str, reference: date | None) -> str:
    """The text with a date that says when the service is back (``v soboto, 27. decembra,
    pa bo odprt``) blanked up to the end of its sentence, same length."""
    for match in _REOPENING.finditer(text):
        before = [m for m in find_temporals(text, reference, end=match.start())
                  if m.has_date and not text[m.end:match.start()].strip(" ,")]
        if before:
            lo = before[-1].start
            stop = text.find(". ", match.end())
            hi = len(text) if stop < 0 else stop
            text = text[:lo] + " " * (hi - lo) + text[hi:]
    return text


def _block_cause(text: str, block: _Block, group: _Group) -> str | None:
    """A reason stated elsewhere in the notice (``Vzrok so nujna vzdrževalna dela``)."""
    if len(group.spans) == 0:
        return None
    # from the first statement on: a reason may stand between it and a sentence joined to it
    after = group.spans[0][1]
    following = text[after:min(block.end, max(after + 400, group.spans[-1][1]))]
    for start, end in sentence_spans(following):
        sentence = following[start:end]
        if vocab.find_trigger(sentence):
            break  # the next notice's reason is not ours
        if regex.search(r"v\s+primeru|prestavljen|preložen|preložil", sentence, _F):
            continue
        cause = vocab.cause_of(sentence)
        if cause and cause != "other":
            return cause
    return None


def _operator(ctx: _Context, group_text: str, block: _Block, service: str = "") -> str | None:
    """Who announces: the statement's own announcer, a known operator it names, the
    notice's announcer, the institution a closed facility's headline names, then the
    site's owner; None when nothing says. A report's quoted source ("so sporočili iz
    Komunale Trbovlje", "Na Občini Dravograd pravijo") counts as the notice's announcer."""
    found = _announcer(group_text) or vocab.reported_operator(group_text) or vocab.known_operator_in(group_text)
    if found:
        return found
    block_text = ctx.doc.text[block.start:block.end]
    found = _first_announcer(block_text[:2000]) or vocab.reported_operator(block_text[:2000])
    if found:
        return found
    if service == "facility" and block.title:
        institution = _INSTITUTION.match(block.title)
        if institution:
            return institution.group(1)
    if ctx.doc.kind != "article" and ctx.doc_operator:
        return ctx.doc_operator
    return ctx.site_operator


# "Knjižnica Franceta Balantiča Kamnik zaprta ...": a named institution heads its own closure.
_INSTITUTION = regex.compile(
    r"\s*((?:(?:Mestn|Osrednj|Splošn|Narodn|Pokrajinsk|Zdravstven|Upravn)\w*\s+)?"
    r"(?:Knjižnic|Muzej|Galerij|Gledališč|Zavod|Kopališč|Dom\b|Center\b|Centr|Kino\b|Lekarn|Enot|Arhiv)\w*"
    r"(?:\s+(?:za\s+\p{L}+|\p{Lu}[\p{L}.]*))+)\s+(?:bo\s+|je\s+|bodo\s+)?(?:zaprt|ne\s+bo)", regex.VERSION1)


def _announcer(text: str) -> str | None:
    found = vocab.announcer_in(text)
    return found[0] if found else None


def _short_title(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 120 else text[:117].rsplit(" ", 1)[0] + " …"


# ============================================================================ merge

@dataclass
class _Record:
    first: OutageCandidate
    best: OutageCandidate
    window: Window
    areas: list[Place]
    mentions: dict[str, OutageCandidate] = field(default_factory=dict)
    operator: str | None = None
    cause: str = "unknown"
    first_start: date | None = None
    keys: set[str] = field(default_factory=set)
    titles: list[str] = field(default_factory=list)
    index: int = 0  # creation order: ties between equally good records go to the older one
    title_tokens: list[frozenset[str]] = field(default_factory=list)  # distinct, of ``titles``


class _ServiceIndex:
    """The records of one service, with the lookups that keep :func:`_match` from comparing a
    candidate with every record: by window start date, by place key and by title token.

    Every lookup returns a superset of the records that can match (entries are only ever
    added, never removed, when a record's window or keys change); :func:`_score` then
    decides exactly as a full scan would.
    """

    def __init__(self) -> None:
        self.records: list[_Record] = []
        self.by_start: dict[date, set[int]] = {}
        self.undated: set[int] = set()  # window or first window without a start date
        self.by_end: dict[date, set[int]] = {}
        self.open_ended: set[int] = set()  # window or first window without an end date
        self.by_key: dict[str, set[int]] = {}
        self.by_fine_key: dict[str, set[int]] = {}
        self.by_token: dict[str, set[int]] = {}

    def add(self, record: _Record) -> None:
        record.index = len(self.records)
        self.records.append(record)
        self._window(record, record.first.window)
        self.update(record, record.keys, record.title_tokens)

    def update(self, record: _Record, keys: set[str], tokens: list[frozenset[str]]) -> None:
        """Register a record's (possibly new) window, place keys and title tokens."""
        i = record.index
        self._window(record, record.window)
        for key in keys:
            self.by_key.setdefault(key, set()).add(i)
            if not key.startswith("m:"):
                self.by_fine_key.setdefault(key, set()).add(i)
        for token_set in tokens:
            for token in token_set:
                self.by_token.setdefault(token, set()).add(i)

    def _window(self, record: _Record, window: Window) -> None:
        i = record.index
        if window.start_date:
            self.by_start.setdefault(window.start_date, set()).add(i)
        else:
            self.undated.add(i)
        if window.end_date:
            self.by_end.setdefault(window.end_date, set()).add(i)
        else:
            self.open_ended.add(i)

    def plausible(self, candidate: OutageCandidate, keys: set[str], tokens: frozenset[str]) -> list[_Record]:
        """Records that may match, oldest first (a superset of the ones that do)."""
        if candidate.postponed:  # it must share a street, settlement or road
            options = [[self.by_fine_key.get(k, ()) for k in keys if not k.startswith("m:")]]
        else:
            # the windows must agree (same start, or same end when one start is unknown) ...
            window = candidate.window
            if window.start_date:
                by_window = [self.by_start.get(window.start_date, ()), self.undated]
            elif window.end_date:
                by_window = [self.by_end.get(window.end_date, ()), self.open_ended]
            else:
                by_window = None  # agrees with every window
            # ... and a place key or a title token must be shared
            by_content = [self.by_key.get(k, ()) for k in keys] + [self.by_token.get(t, ()) for t in tokens]
            options = [o for o in (by_window, by_content) if o is not None]
        chosen = min(options, key=lambda sets: sum(len(s) for s in sets))
        ids = set().union(*chosen) if chosen else set()
        return [self.records[i] for i in sorted(ids)]


def merge_outages(candidates: list[OutageCandidate], gazetteer: Gazetteer
                  ) -> tuple[list[dict], list[dict], list[dict]]:
    """Merge candidates from many documents into ``(outage rows, outage_area rows, mention rows)``.

    Candidates are taken in order of reference date, then document id, then offset, so the
    result does not depend on input order. A candidate joins a record of the same service
    whose window and places (or title) agree; a postponement joins the record it moves and
    replaces its window. The record keeps the first document that announced it and one
    mention per document. Only records that share a start date (or an end date, a place
    key or a title token) with a candidate are compared with it, so the merge is close to
    linear in the number of candidates.
    """
    ordered = sorted(candidates, key=lambda c: (c.reference_date or date.min, c.evidence.document_id,
                                                c.evidence.char_start))
    records: list[_Record] = []
    services: dict[str, _ServiceIndex] = {}
    for candidate in ordered:
        index = services.setdefault(candidate.service, _ServiceIndex())
        record = _match(index, candidate)
        if record is None:
            record = _new_record(candidate)
            records.append(record)
            index.add(record)
        else:
            new_keys = _place_keys(candidate.areas) - record.keys
            tokens = _tokens(candidate.title)
            new_tokens = [] if tokens in record.title_tokens else [tokens]
            _absorb(record, candidate)
            record.title_tokens.extend(new_tokens)
            index.update(record, new_keys, new_tokens)
    return _rows(records, gazetteer)


def _new_record(candidate: OutageCandidate) -> _Record:
    return _Record(first=candidate, best=candidate, window=candidate.window, areas=list(candidate.areas),
                   mentions={candidate.evidence.document_id: candidate}, operator=candidate.operator,
                   cause=candidate.cause, first_start=candidate.window.start_date,
                   keys=_place_keys(candidate.areas), titles=[candidate.title],
                   title_tokens=[_tokens(candidate.title)])


def _match(index: _ServiceIndex, candidate: OutageCandidate) -> _Record | None:
    """The record of the candidate's service it belongs to: the best-scoring one, the oldest on ties."""
    best: tuple[float, _Record] | None = None
    keys = _place_keys(candidate.areas)
    tokens = _tokens(candidate.title)
    for record in index.plausible(candidate, keys, tokens):
        score = _score(record, candidate, keys, tokens)
        if score is not None and (best is None or score > best[0]):
            best = (score, record)
    return best[1] if best else None


def _score(record: _Record, candidate: OutageCandidate, keys: set[str],
           tokens: frozenset[str]) -> float | None:
    """How well a candidate fits a record, or None when it cannot belong to it."""
    if candidate.postponed:
        shared = keys & record.keys
        if not (shared and _overlap(keys, record.keys) and _has_fine(shared)):
            return None
        return 2.0 + _best_title_similarity(tokens, record)
    # the cheap window test first: most records of a service are on other days
    if not (_windows_agree(record.window, candidate.window)
            or _windows_agree(record.first.window, candidate.window)):
        return None
    shared = keys & record.keys  # no shared key, no overlap: spares most _overlap calls
    places_agree = bool(shared) and _overlap(keys, record.keys)
    if not places_agree and keys and record.keys and candidate.evidence.document_id in record.mentions:
        return None  # one notice, two statements about different places: two disruptions
    title_sim = _best_title_similarity(tokens, record)
    if not (places_agree or title_sim >= 0.6 or (keys == record.keys and keys)):
        return None
    return 1.0 + title_sim + (1.0 if places_agree else 0.0)


def _best_title_similarity(tokens: frozenset[str], record: _Record) -> float:
    if not tokens:
        return 0.0
    if tokens in record.title_tokens:  # a series repeats its title: the best score, no loop
        return 1.0
    return max(_token_similarity(tokens, t) for t in record.title_tokens)


def _has_fine(keys: set[str]) -> bool:
    """Some shared key is below municipality level (a street, a settlement, a road)."""
    return any(not k.startswith("m:") for k in keys)


def _windows_agree(a: Window, b: Window) -> bool:
    if a.start_date and b.start_date:
        if a.start_date == b.start_date:
            return a.start_time is None or b.start_time is None or a.start_time == b.start_time
        return False
    if a.end_date and b.end_date:
        return a.end_date == b.end_date
    return True


def _absorb(record: _Record, candidate: OutageCandidate) -> None:
    doc_id = candidate.evidence.document_id
    if doc_id not in record.mentions:
        record.mentions[doc_id] = candidate
    elif _richness(candidate) > _richness(record.mentions[doc_id]):
        record.mentions[doc_id] = candidate
    record.titles.append(candidate.title)
    if candidate.postponed:
        # the newer document wins: the record moves to the new window
        record.window = _fill(candidate.window, record.window) if candidate.window.start_date else record.window
        record.best = candidate if _richness(candidate) >= _richness(record.best) else record.best
    else:
        if _window_richness(candidate.window) > _window_richness(record.window):
            record.window = candidate.window
        else:
            record.window = _fill(record.window, candidate.window)
        if _richness(candidate) > _richness(record.best):
            record.best = candidate
    if _area_detail(candidate.areas) > _area_detail(record.areas):
        record.areas = list(candidate.areas)
    record.keys |= _place_keys(candidate.areas)
    if record.operator is None and candidate.operator:
        record.operator = candidate.operator
    if record.cause in ("unknown", "other") and candidate.cause not in ("unknown", "other"):
        record.cause = candidate.cause


def _fill(primary: Window, secondary: Window) -> Window:
    """``primary`` with its unknown parts taken from ``secondary`` when they describe the same day."""
    if primary.start_date and secondary.start_date and primary.start_date != secondary.start_date:
        return primary
    return Window(
        start_date=primary.start_date or secondary.start_date,
        start_time=primary.start_time or secondary.start_time,
        end_date=primary.end_date or secondary.end_date,
        end_time=primary.end_time or (secondary.end_time if primary.end_date in (None, secondary.end_date) else None),
        end_estimated=primary.end_estimated or secondary.end_estimated,
    )


def _window_richness(window: Window) -> int:
    return sum(v is not None for v in (window.start_date, window.start_time, window.end_date, window.end_time))


def _richness(candidate: OutageCandidate) -> tuple[int, int, int]:
    return (_window_richness(candidate.window), _area_detail(candidate.areas), len(candidate.evidence.text))


def _area_detail(areas: list[Place]) -> int:
    return sum(_detail(p) for p in areas)


def _token_similarity(ta: frozenset[str], tb: frozenset[str]) -> float:
    """Share of the shorter title's word stems that the other title has too."""
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / min(len(ta), len(tb))


_STOP = frozenset({"in", "v", "na", "za", "o", "z", "s", "iz", "do", "od", "pri", "ter", "obvestilo"})
_TITLE_WORD = regex.compile(r"\w+")


@lru_cache(maxsize=65536)
def _tokens(text: str | None) -> frozenset[str]:
    """Word stems of a title (cached: every notice of a series repeats its title)."""
    if not text:
        return frozenset()
    return frozenset(w[:5] for w in _TITLE_WORD.findall(normalize_key(text)) if w not in _STOP)


def _rows(records: list[_Record], gazetteer: Gazetteer) -> tuple[list[dict], list[dict], list[dict]]:
    outages, areas, mentions = [], [], []
    used: set[str] = set()
    for record in sorted(records, key=_record_order):
        outage_id = _outage_id(record, used)
        first = record.first
        window = record.window
        outages.append({
            "outage_id": outage_id,
            "service": first.service,
            "effect": record.best.effect if record.best.service == first.service else first.effect,
            "cause": record.cause,
            "operator": record.operator,
            "title": first.title,
            "start_date": window.start_date,
            "start_time": window.start_time,
            "end_date": window.end_date,
            "end_time": window.end_time,
            "end_estimated": bool(window.end_estimated),
            "document_id": first.evidence.document_id,
            "source_url": first.source_url,
            "mention_count": len(record.mentions),
        })
        for place in record.areas:
            areas.append({
                "outage_id": outage_id,
                "municipality": place.municipality,
                "municipality_code": gazetteer.iso_code(place.municipality) if place.municipality else None,
                "locality": place.locality,
                "street": place.street,
                "house_numbers": place.house_numbers,
                "road_id": place.road_id,
            })
        for doc_id in sorted(record.mentions):
            evidence = record.mentions[doc_id].evidence
            mentions.append({
                "record_type": "outage",
                "record_id": outage_id,
                "document_id": doc_id,
                "evidence": evidence.text,
                "char_start": evidence.char_start,
                "char_end": evidence.char_end,
            })
    return outages, areas, mentions


def _record_order(record: _Record) -> tuple:
    first = record.first
    return (first.reference_date or date.min, first.evidence.document_id, first.evidence.char_start)


def _outage_id(record: _Record, used: set[str]) -> str:
    """A content key that stays the same across runs and input orders."""
    first = record.first
    places = sorted(_place_keys(first.areas))
    outage_id = stable_id("outage", first.service, record.first_start, first.window.start_time, *places)
    if outage_id in used:
        outage_id = stable_id("outage", first.service, record.first_start, first.window.start_time,
                              *places, first.title)
    if outage_id in used:
        outage_id = stable_id("outage", first.evidence.document_id, first.evidence.char_start)
    used.add(outage_id)
    return outage_id
