"""HTML page → main article text, metadata and sidebar teasers (selectolax/Lexbor).

A municipal page is an article wrapped in chrome: cookie banners, navigation, footers,
share bars, breadcrumbs, and a sidebar of *other* notices ("Obvestila", "Več novic",
"Napovedujemo"). Extraction relies on the page's structure (tags, class/id words), plus a
small vocabulary of Slovenian section headings. The sidebar notices are kept apart as
:class:`Teaser` objects because each is a document of its own (DATA_MODEL.md §1).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin

import regex
from selectolax.lexbor import LexborHTMLParser, LexborNode

from opendata.ingest import DISRUPTION_WORDS
from opendata.model import LJUBLJANA

__all__ = ["Teaser", "Page", "parse_html", "html_to_text", "parse_datetime", "parse_slovenian_date"]


@dataclass(frozen=True)
class Teaser:
    """A notice headline with its lead, seen in a page's sidebar or teaser list."""

    title: str
    text: str
    url: str | None = None


@dataclass(frozen=True)
class Page:
    """What a page says: its article text (headline first) and metadata, teasers apart."""

    title: str | None
    url: str | None
    published_at: datetime | None
    text: str
    teasers: list[Teaser] = field(default_factory=list)
    truncated: bool = False


# --- vocabularies ---------------------------------------------------------------------

# Elements never holding readable text.
_JUNK_TAGS = (
    "script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "canvas",
    "form", "button", "input", "select", "textarea", "label", "dialog", "map", "video", "audio",
)
# Elements that are page chrome wherever they are (``header`` only outside an article).
_CHROME_TAGS = ("nav", "footer", "menu")

# class/id words (split on - _ and space) of chrome blocks. Slovenian CMS use their own
# words: glava (header), noga (footer), meni, drobtinice (breadcrumbs), deli (share).
_CHROME_WORD = regex.compile(
    r"(?:^|[\s_-])(?:cookie\w*|consent|gdpr|piskotki|piskotek|cc|cn|cmp|"
    r"nav|navbar|navigation|navigacija|menu|meni|breadcrumbs?|breadcrumb|drobtinice|"
    r"share\w*|sharing|social\w*|deli|socialna|comments?|komentarji|respond|"
    r"footer|noga|glava|masthead|topbar|skip|"
    r"tags|tag-list|oznake|categories|kategorije|newsletter|banner|advert|ads|oglas|"
    r"pagination|paginacija|related|sorodne|obituaries|osmrtnice)(?:$|[\s_-])",
    regex.I,
)
# class/id words of sidebars, whose notices become teasers.
_SIDEBAR_WORD = regex.compile(
    r"(?:^|[\s_-])(?:sidebar|side|aside|widget-area|widgets|secondary|desno|levo|"
    r"stranska|stranski|rightcol|leftcol|right-column|left-column)(?:$|[\s_-])",
    regex.I,
)
# Short meta lines inside an article (date, author, category) — read for the date, not text.
_META_WORD = regex.compile(
    r"(?:^|[\s_-])(?:meta|entry-meta|post-meta|byline|datum|date|dateline|published|"
    r"author|avtor|posted-on|timestamp|kategorija|category|rubrika)(?:$|[\s_-])",
    regex.I,
)

# An unlinked sidebar item is a notice when it names a disruption and a day: "12. januarja",
# "12. 1.", "v ponedeljek", "jutri".
_DISRUPTION = regex.compile(DISRUPTION_WORDS, regex.IGNORECASE)
_A_DAY = regex.compile(r"\b\d{1,2}\.\s*(?:\d{1,2}\.|(?:januar|februar|marc|april|maj|junij|julij|avgust|septemb|oktob|novemb|decemb))"
                       r"|\b(?:ponedelj|torek|tork|sred[aieo]|četrt|petek|petk|sobot|nedelj|danes|jutri)\w*", regex.IGNORECASE)
_DIGIT = regex.compile(r"\d")
# Headings of teaser lists (notices about *other* things).
_TEASER_HEADING = regex.compile(
    r"^(?:druga\s+|ostala\s+|zadnja\s+|aktualna\s+|nujna\s+)?obvestila|"
    r"^(?:več|vec|zadnje|druge|ostale|sorodne|povezane|najnovejše|aktualne)\s+(?:novic[e]?|objav[e]?|vsebin[e]?)|"
    r"^napovedujemo|^napovednik|^(?:prihajajoči\s+)?dogodki|^preberite\s+(?:še|tudi)|"
    r"^aktualno|^zapore\s+cest|^novice$",
    regex.I,
)
# Headings of blocks that are neither article nor notice.
_DROP_HEADING = regex.compile(
    r"^(?:zadnje\s+)?osmrtnice|^zadnje\s+osmrtnice|^v\s+spomin|^najbolj\s+(?:brano|brane|priljubljeno)|"
    r"^koristne\s+povezave|^uradne\s+ure|^sledite\s+nam|^deli(?:te)?\b|^komentarji|^komentiraj|"
    r"^oglasi|^kontakt|^povezave|^iskanje|^prijava\s+na\s+e-novice",
    regex.I,
)
# Paragraphs that are only category/tag labels.
_LABEL_LINE = regex.compile(
    r"^(?:kategorije|kategorija|oznake|značke|tags|rubrika|rubrike)\s*:", regex.I
)
_PUBLISHED_LINE = regex.compile(
    r"(?:objavljeno|datum\s+objave|objava)\s*:?\s*(?:dne\s+)?"
    r"(\d{1,2}\.\s*(?:\d{1,2}\.|[[:alpha:]]+)\s*\d{4}(?:\s*(?:,|ob)?\s*\d{1,2}[.:]\d{2})?)",
    regex.I,
)

_BLOCK_TAGS = frozenset(
    "p div section article main header aside h1 h2 h3 h4 h5 h6 ul ol li dl dt dd table thead "
    "tbody tfoot tr blockquote pre figure figcaption address hr details summary body "
    "html center fieldset legend caption".split()
)
_HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())
_SPACE = regex.compile(r"[ \t\n\r\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = regex.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")
_TITLE_SUFFIX = regex.compile(r"\s+[|–—-]\s+[^|–—-]{2,80}$")

# Candidates for the article node, most specific first.
_MAIN_SELECTORS = (
    "[itemprop=articleBody]",
    ".article-body", ".article__body", ".article-content", ".entry-content", ".post-content",
    ".news-content", ".field-name-body", ".content-body", "#clanek", ".clanek", ".vsebina-clanka",
    "main", "[role=main]", "#content", "#main", "#vsebina", ".vsebina", ".content", "#osrednji",
)


# --- dates ----------------------------------------------------------------------------

_MONTHS = {
    "januar": 1, "januarja": 1, "februar": 2, "februarja": 2, "marec": 3, "marca": 3,
    "april": 4, "aprila": 4, "maj": 5, "maja": 5, "junij": 6, "junija": 6, "julij": 7,
    "julija": 7, "avgust": 8, "avgusta": 8, "september": 9, "septembra": 9, "oktober": 10,
    "oktobra": 10, "november": 11, "novembra": 11, "december": 12, "decembra": 12,
}
_SL_DATE = regex.compile(
    r"^(?:[[:alpha:]]+,?\s+)?(\d{1,2})\.\s*(?:(\d{1,2})\.|([[:alpha:]]+))\s*(\d{4})"
    r"(?:\s*(?:,|ob)?\s*(\d{1,2})[.:](\d{2}))?\.?$",
    regex.I,
)


def _aware(value: datetime) -> datetime:
    # Slovenian sites that omit the offset mean local wall-clock time.
    return value if value.tzinfo is not None else value.replace(tzinfo=LJUBLJANA)


def parse_slovenian_date(text: str) -> datetime | None:
    """'5. 6. 2025', '16. januar 2024', 'petek, 27. 10. 2023 ob 10.15' → aware datetime."""
    m = _SL_DATE.match(text.strip())
    if not m:
        return None
    day, month_num, month_name, year, hour, minute = m.groups()
    month = int(month_num) if month_num else _MONTHS.get(month_name.lower())
    if month is None:
        return None
    try:
        return datetime(int(year), month, int(day), int(hour or 0), int(minute or 0),
                        tzinfo=LJUBLJANA)
    except ValueError:
        return None


def parse_datetime(value: str) -> datetime | None:
    """ISO 8601, RFC 822 or Slovenian numeric date text → aware datetime, else ``None``.

    A value without an offset is read as Europe/Ljubljana time.
    """
    if not isinstance(value, str):
        return None
    value = value.strip()
    if not value or len(value) > 64:
        return None
    parsed: datetime | None = None
    if value[:4].isdigit():
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            parsed = None
    if parsed is None and not _SL_DATE.match(value):
        try:
            parsed = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            parsed = None
    if parsed is None:
        return parse_slovenian_date(value)
    if not 1900 <= parsed.year <= 2200:
        return None
    return _aware(parsed)


# --- text walking ---------------------------------------------------------------------


def _clean_inline(text: str) -> str:
    return _SPACE.sub(" ", _INVISIBLE.sub("", text)).strip()


class _Blocks:
    """Collects text into paragraphs; a block element boundary closes the current one."""

    __slots__ = ("paragraphs", "_buf")

    def __init__(self) -> None:
        self.paragraphs: list[str] = []
        self._buf: list[str] = []

    def text(self, s: str) -> None:
        # source newlines are plain whitespace; only <br> breaks a line
        self._buf.append(_SPACE.sub(" ", s))

    def line_break(self) -> None:
        self._buf.append("\n")

    def close(self) -> None:
        if not self._buf:
            return
        lines = (_clean_inline(line) for line in "".join(self._buf).split("\n"))
        para = "\n".join(line for line in lines if line)
        self._buf.clear()
        if para:
            self.paragraphs.append(para)


def _walk(node: LexborNode, out: _Blocks) -> None:
    """Depth-first text collection; iterative so deeply nested pages cannot overflow."""
    stack: list[tuple[LexborNode, bool]] = [(node, False)]
    while stack:
        current, leaving = stack.pop()
        tag = current.tag
        if leaving:
            out.close()
            continue
        if tag == "-text":
            out.text(current.text_content or "")
            continue
        if tag == "br":
            out.line_break()
            continue
        if tag in _JUNK_TAGS or tag == "-comment" or tag == "img":
            continue
        is_block = tag in _BLOCK_TAGS
        if is_block:
            out.close()
            stack.append((current, True))
        children = list(current.iter(include_text=True))
        if tag in ("td", "th"):
            # table cells of one row stay on one line
            out.text(" ")
        for child in reversed(children):
            stack.append((child, False))
    out.close()


def _node_paragraphs(node: LexborNode) -> list[str]:
    blocks = _Blocks()
    _walk(node, blocks)
    return blocks.paragraphs


def html_to_text(fragment: str) -> str:
    """An HTML fragment (feed description, JSON ``html``) as plain text.

    Block elements become paragraphs separated by blank lines; ``<br>`` becomes a newline;
    runs of whitespace (incl. no-break spaces) become one space.
    """
    if not fragment or not fragment.strip():
        return ""
    if "<" not in fragment and "&" not in fragment:
        return "\n\n".join(p for p in (_clean_inline(x) for x in fragment.split("\n\n")) if p)
    tree = LexborHTMLParser(fragment)
    root = tree.body or tree.root
    if root is None:
        return ""
    return "\n\n".join(_node_paragraphs(root))


# --- structure helpers ----------------------------------------------------------------


def _words(node: LexborNode) -> str:
    attrs = node.attributes
    return f"{attrs.get('id') or ''} {attrs.get('class') or ''} {attrs.get('role') or ''}"


def _is_chrome(node: LexborNode) -> bool:
    return bool(_CHROME_WORD.search(_words(node)))


def _is_sidebar(node: LexborNode) -> bool:
    return node.tag == "aside" or bool(_SIDEBAR_WORD.search(_words(node)))


def _contains_marker(node: LexborNode) -> bool:
    if node.attributes.get("data-od-main") is not None:
        return True
    return node.css_first("[data-od-main]") is not None


def _marker_holders(root: LexborNode) -> set[int]:
    """``mem_id`` of every node for which :func:`_contains_marker` holds, in one pass.

    Asking each node separately searches its whole subtree, which is quadratic on deeply
    nested pages; walking up once from each marker visits every ancestor once.
    """
    holders: set[int] = set()
    for marker in root.css("[data-od-main]"):
        node: LexborNode | None = marker
        while node is not None and node.mem_id not in holders:
            holders.add(node.mem_id)
            node = node.parent
    return holders


def _ancestor_test(hit, stop_tags: tuple[str, ...] = ()):
    """A memoised "does a proper ancestor satisfy ``hit``" test for nodes of one tree.

    The walk up stops (false) at a node whose tag is in ``stop_tags``. Memoising each node's
    answer keeps many queries linear in the tree size even on pages nested 10 000 deep.
    """
    cache: dict[int, bool] = {}  # mem_id -> the node itself or an ancestor satisfies ``hit``

    def test(node: LexborNode) -> bool:
        path: list[int] = []
        parent = node.parent
        result = False
        while parent is not None and parent.tag not in stop_tags:
            key = parent.mem_id
            if key in cache:
                result = cache[key]
                break
            if hit(parent):
                result = True
                cache[key] = True
                break
            path.append(key)
            parent = parent.parent
        for key in path:
            cache[key] = result
        return result

    return test


def _inside_marker(node: LexborNode) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.attributes.get("data-od-main") is not None:
            return True
        parent = parent.parent
    return False


def _is_specific_article(node: LexborNode) -> bool:
    """Whether the main node is the story itself rather than a page-wide container."""
    if node.tag == "article":
        return True
    return any(node.css_matches(sel) for sel in _MAIN_SELECTORS[: _MAIN_SELECTORS.index("main")])


def _inside_article(node: LexborNode) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.tag == "article":
            return True
        parent = parent.parent
    return False


def _text_len(node: LexborNode) -> int:
    return len(node.text(deep=True, strip=True) or "")


def _is_sidebar_or_chrome(node: LexborNode) -> bool:
    return node.tag in ("nav", "footer") or _is_sidebar(node) or _is_chrome(node)


def _in_sidebar_or_chrome(node: LexborNode) -> bool:
    return _ancestor_test(_is_sidebar_or_chrome, ("body", "html"))(node)


def _outermost(nodes: list[LexborNode]) -> list[LexborNode]:
    """Those of ``nodes`` not nested inside another of them (document order kept)."""
    ids = {n.mem_id for n in nodes}
    nested = _ancestor_test(lambda parent: parent.mem_id in ids)
    return [node for node in nodes if not nested(node)]


def _find_main(tree: LexborHTMLParser) -> LexborNode | None:
    """The article node: the longest ``<article>``, else the first known content container."""
    in_chrome = _ancestor_test(_is_sidebar_or_chrome, ("body", "html"))
    # An inner <article> never has more text than the one around it, so the longest is
    # always an outermost one; measuring only those keeps nested pages linear.
    outer = _outermost([a for a in tree.css("article") if not in_chrome(a)])
    lengths = {a.mem_id: _text_len(a) for a in outer}
    articles = [a for a in outer if lengths[a.mem_id] > 80]
    if articles:
        # nested teaser <article>s inside a listing: the longest one is the story
        return max(articles, key=lambda a: lengths[a.mem_id])
    for selector in _MAIN_SELECTORS:
        for node in tree.css(selector):
            if _text_len(node) > 80 and not _is_sidebar(node):
                return node
    return tree.body


# --- teasers --------------------------------------------------------------------------


def _first_href(node: LexborNode) -> str | None:
    """The link of a node: itself, a link inside it, or a link wrapped around it."""
    if node.tag == "a" and node.attributes.get("href"):
        return node.attributes.get("href")
    link = node.css_first("a[href]")
    if link is not None:
        return link.attributes.get("href")
    parent = node.parent
    if parent is not None and parent.tag == "a":
        return parent.attributes.get("href") or None
    return None


def _absolute(href: str | None, base: str | None) -> str | None:
    if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
        return None
    return urljoin(base, href) if base else href


def _bold_title_item(p: LexborNode) -> tuple[str, str] | None:
    """``<p><b>Title</b><br>lead…</p>`` → (title, lead)."""
    first = p.child
    while first is not None and first.tag == "-text" and not (first.text_content or "").strip():
        first = first.next
    if first is None or first.tag not in ("b", "strong"):
        return None
    title = _clean_inline(first.text(deep=True) or "")
    paras = _node_paragraphs(p)
    if not title or not paras:
        return None
    lead = "\n\n".join(paras)
    lead = lead[len(title):].lstrip() if lead.startswith(title) else lead
    return (title, lead) if lead else None


def _bold_only(p: LexborNode) -> bool:
    """``<p><strong>Title</strong></p>``: nothing in the paragraph but one bold run."""
    children = [c for c in p.iter(include_text=True) if not (c.tag == "-text" and not (c.text_content or "").strip())]
    return len(children) == 1 and children[0].tag in ("b", "strong")


class _TeaserCollector:
    """Reads teaser items out of a sidebar or teaser section.

    An item is a heading (or a bold lead-in) followed by its lead text. Items need a link
    unless they sit under a teaser heading such as "Napovednik": an unlinked heading with
    text elsewhere is usually office hours or contacts, not a notice.
    """

    def __init__(self, base: str | None) -> None:
        self.base = base
        self.items: list[Teaser] = []
        self._title: str | None = None
        self._url: str | None = None
        self._lead: list[str] = []
        self._section_ok = False
        self._section_drop = False
        self._kicker: str | None = None  # a dated line before the item's title

    def _flush(self) -> None:
        kicker = self._kicker
        if self._title:
            self._kicker = None  # it belonged to this item, kept or not
        if self._title and self._lead and not self._section_drop:
            lead = "\n\n".join(([kicker] if kicker else []) + self._lead)
            # Unlinked, it is still a notice when it announces a disruption on a day: office
            # hours, contacts and "report faults to ..." boxes do not.
            text = self._title + " " + lead
            if self._url is not None or self._section_ok or (_DISRUPTION.search(text) and _A_DAY.search(text)):
                self.items.append(Teaser(self._title, lead, self._url))
        self._title, self._url, self._lead = None, None, []

    def heading(self, node: LexborNode) -> None:
        text = _clean_inline(node.text(deep=True) or "")
        href = _first_href(node)
        if not text:
            return
        if href is None and (_TEASER_HEADING.search(text) or _DROP_HEADING.search(text)):
            self._flush()
            self._section_ok = bool(_TEASER_HEADING.search(text))
            self._section_drop = bool(_DROP_HEADING.search(text))
            return
        self._flush()
        self._title, self._url = text, _absolute(href, self.base)

    def paragraph(self, node: LexborNode) -> None:
        bold = _bold_title_item(node) if node.tag == "p" else None
        if bold is not None and (self._title is None or self._lead):
            self._flush()
            self._title, self._lead = bold[0], [bold[1]]
            self._url = _absolute(_first_href(node), self.base)
            return
        if self._title is None:
            return
        if not self._lead and node.tag == "p" and _bold_only(node):
            # a heading, then a bold line: the heading is a label ("Obvestilo JKP Žalec"),
            # the bold line the notice's own title
            self._title = _clean_inline(node.text(deep=True) or "") or self._title
            return
        self._lead.extend(_node_paragraphs(node))

    def walk(self, node: LexborNode) -> None:
        # An explicit stack, not recursion: sidebars nested thousands deep must not overflow.
        stack = [(node, node.iter(include_text=False), (self._section_ok, self._section_drop))]
        while stack:
            current, children, saved = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                # an item ends with its container (div.teaser, li); a section heading's scope too
                if current.tag in ("div", "li", "article", "section", "aside"):
                    self._flush()
                    self._section_ok, self._section_drop = saved
                continue
            tag = child.tag
            if tag in _HEADINGS:
                self.heading(child)
            elif tag in ("p", "blockquote"):
                self.paragraph(child)
            elif tag in _JUNK_TAGS:
                continue
            elif tag in ("span", "time", "small") and (self._title is None or self._lead):
                # "<span class=datum>20. 3. 2026 | 18.00</span><a>Title</a><p>lead</p>": the
                # date before the title belongs to the next item's text
                text = _clean_inline(child.text(deep=True) or "")
                if _DIGIT.search(text):
                    self._flush()
                    self._kicker = text
            elif tag == "a" and child.css_first("h1,h2,h3,h4,h5,h6,p") is not None:
                # a card wrapped in one link: <a href><h3>title</h3><p>lead</p></a>
                stack.append((child, child.iter(include_text=False), (self._section_ok, self._section_drop)))
            elif tag == "a" and (self._title is None or self._lead):
                # a bare link as the item's title: <li><a>title</a><p>lead</p></li>
                text = _clean_inline(child.text(deep=True) or "")
                if text:
                    self._flush()
                    self._title, self._url = text, _absolute(_first_href(child), self.base)
            elif tag in ("ul", "ol", "li", "div", "section", "article", "aside", "header", "dl", "dd", "dt"):
                if tag in ("li", "div", "article") and self._section_ok and self._card(child):
                    continue
                if tag in ("li", "div", "article") and child.css_first("h1,h2,h3,h4,h5,h6,p") is None:
                    # a bare link list entry: title only, nothing to report
                    self._flush()
                    continue
                stack.append((child, child.iter(include_text=False), (self._section_ok, self._section_drop)))

    def _card(self, node: LexborNode) -> bool:
        """An event card of plain lines under a listing heading: ``<div>sob., 11. 4. · 19.30</div>
        <div>Koncert …</div><div>Dvorana …</div>``. Its dated line and the lines after the
        title are the text; the first undated line is the title."""
        if node.css_first("h1,h2,h3,h4,h5,h6,p,a,li,ul,ol") is not None:
            return False
        lines = [_clean_inline(c.text(deep=True) or "") for c in node.iter(include_text=False)]
        lines = [line for line in lines if line]
        dated = next((line for line in lines if _DIGIT.search(line) and len(line) <= 40), None)
        rest = [line for line in lines if line is not dated]
        if dated is None or len(rest) < 2:
            return False
        self._flush()
        self.items.append(Teaser(rest[0], "\n\n".join([dated, *rest[1:]]), None))
        return True

    def finish(self) -> list[Teaser]:
        self._flush()
        return self.items


def _collect_teasers(node: LexborNode, base: str | None) -> list[Teaser]:
    collector = _TeaserCollector(base)
    collector.walk(node)
    return collector.finish()


def _heading_sections(root: LexborNode, vocab: regex.Pattern[str]) -> list[list[LexborNode]]:
    """Runs of siblings that start at a heading matching ``vocab``, up to the next heading of
    the same or higher rank."""
    sections: list[list[LexborNode]] = []
    for heading in root.css("h2,h3,h4,h5,h6"):
        text = _clean_inline(heading.text(deep=True) or "")
        if not text or not vocab.search(text) or _first_href(heading) is not None:
            continue
        rank = int(heading.tag[1])
        run = [heading]
        sibling = heading.next
        while sibling is not None:
            tag = sibling.tag
            if tag in _HEADINGS and int(tag[1]) <= rank:
                break
            if tag != "-text" or (sibling.text_content or "").strip():
                run.append(sibling)
            sibling = sibling.next
        sections.append(run)
    return sections


# --- metadata -------------------------------------------------------------------------


def _meta(tree: LexborHTMLParser, *keys: str) -> str | None:
    for key in keys:
        for attr in ("property", "name", "itemprop"):
            node = tree.css_first(f'meta[{attr}="{key}"]')
            if node is not None:
                value = (node.attributes.get("content") or "").strip()
                if value:
                    return value
    return None


def _json_ld_date(tree: LexborHTMLParser) -> str | None:
    for script in tree.css('script[type="application/ld+json"]'):
        try:
            data = json.loads(script.text() or "")
        except (ValueError, RecursionError):
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, dict):
                value = item.get("datePublished")
                if isinstance(value, str) and value.strip():
                    return value
                stack.extend(item.values())
            elif isinstance(item, list):
                stack.extend(item)
    return None


def _published_at(tree: LexborHTMLParser, main: LexborNode | None) -> datetime | None:
    """The page's publication time from metadata, most explicit source first."""
    candidates: list[str | None] = [
        _meta(tree, "article:published_time", "og:published_time", "datePublished"),
    ]
    itemprop = tree.css_first("[itemprop=datePublished]")
    if itemprop is not None:
        candidates.append(itemprop.attributes.get("content") or itemprop.attributes.get("datetime"))
    candidates.append(_json_ld_date(tree))
    candidates.append(
        _meta(tree, "date", "pubdate", "publishdate", "publish-date", "DC.date.issued",
              "DC.date", "dc.date", "dcterms.created", "sailthru.date")
    )
    scope = main if main is not None else tree.root
    if scope is not None:
        time_node = scope.css_first("time[datetime]") or tree.css_first("time[datetime]")
        if time_node is not None:
            candidates.append(time_node.attributes.get("datetime"))
    for value in candidates:
        if value:
            parsed = parse_datetime(value)
            if parsed is not None:
                return parsed
    return None


def _visible_published_at(lines: list[str]) -> datetime | None:
    """Last resort: an 'Objavljeno: 5. 6. 2025' line, or a short line that is only a date."""
    for line in lines:
        m = _PUBLISHED_LINE.search(line)
        if m:
            parsed = parse_slovenian_date(m.group(1))
            if parsed is not None:
                return parsed
    for line in lines:
        if len(line) <= 40:
            parsed = parse_slovenian_date(line)
            if parsed is not None:
                return parsed
    return None


def _h1_text(node: LexborNode | None) -> str | None:
    h1 = node.css_first("h1") if node is not None else None
    return _clean_inline(h1.text(deep=True) or "") or None if h1 is not None else None


def _page_title(tree: LexborHTMLParser, main: LexborNode | None) -> str | None:
    """The article's visible headline; og:title before a stray h1 (old sites put the logo in one)."""
    title = _h1_text(main)
    if title:
        return title
    og = _meta(tree, "og:title", "twitter:title")
    if og:
        return _clean_inline(og)
    title = _h1_text(tree.body)
    if title:
        return title
    title = tree.css_first("title")
    if title is not None:
        text = _clean_inline(title.text() or "")
        return _TITLE_SUFFIX.sub("", text) or None
    return None


def _canonical_url(tree: LexborHTMLParser) -> str | None:
    link = tree.css_first('link[rel="canonical"]')
    href = link.attributes.get("href") if link is not None else None
    return (href or "").strip() or _meta(tree, "og:url") or None


# --- truncation -----------------------------------------------------------------------

_HTML_OPEN = regex.compile(r"<html\b|<body\b", regex.I)
# a tag opened but never closed at the very end ("a < b" in text is not a tag)
_DANGLING_TAG = regex.compile(r"<[/!?A-Za-z][^>]*$")
_HTML_CLOSE = regex.compile(r"</html\s*>|</body\s*>", regex.I)


def _cut_dangling_tag(html: str) -> tuple[str, bool]:
    """Drop a tag cut off mid-way at the end; report whether the document looks truncated."""
    tail = html.rstrip()
    m = _DANGLING_TAG.search(tail[-8192:])
    cut = m is not None
    if m is not None:
        tail = tail[: len(tail) - 8192 + m.start()] if len(tail) > 8192 else tail[: m.start()]
    truncated = cut or (bool(_HTML_OPEN.search(html[:4096])) and not _HTML_CLOSE.search(html[-4096:]))
    return tail, truncated


# --- main entry -----------------------------------------------------------------------


def _strip_chrome(root: LexborNode, holders: set[int] | None = None) -> None:
    """Remove chrome; ``holders`` are the nodes containing the article marker (kept)."""
    for node in root.css(",".join(_JUNK_TAGS)):
        node.remove()
    if holders is None:
        holders = _marker_holders(root)
    in_article = _ancestor_test(lambda parent: parent.tag == "article")
    for node in root.css(",".join(_CHROME_TAGS)):
        if node.mem_id not in holders:
            node.remove()
    for node in root.css("header"):
        if not in_article(node) and node.mem_id not in holders:
            node.remove()
    for node in root.css("div,section,p,ul,ol,span,aside"):
        if _is_chrome(node) and node.mem_id not in holders:
            node.remove()


def _text_lengths(root: LexborNode) -> dict[int, int]:
    """``len(node.text(deep=True))`` of every node under ``root``, by ``mem_id``, in one pass.

    Calling ``text()`` on each of many nested blocks copies the same text again and again
    (quadratic on a page nested 10 000 deep); summing text-node lengths bottom-up does not.
    """
    order: list[LexborNode] = []
    stack = [root]
    while stack:
        node = stack.pop()
        order.append(node)
        child = node.child
        while child is not None:
            stack.append(child)
            child = child.next
    lengths: dict[int, int] = {}
    root_id = root.mem_id
    for node in reversed(order):  # children before their parent
        key = node.mem_id
        total = lengths.get(key, 0)
        if node.tag == "-text":
            total += len(node.text_content or "")
        lengths[key] = total
        if key != root_id and node.parent is not None:
            parent_id = node.parent.mem_id
            lengths[parent_id] = lengths.get(parent_id, 0) + total
    return lengths


def _drop_inner_meta(main: LexborNode) -> list[str]:
    """Remove date/author/category lines from the article and return their texts."""
    removed: list[str] = []
    # Removing a node only shortens its ancestors, which document order has already passed,
    # so lengths measured once stay right for every node still to come.
    lengths = _text_lengths(main)
    for node in main.css("p,div,span,time,small,ul"):
        if node.attributes.get("data-od-main") is not None:
            continue
        if _META_WORD.search(_words(node)) and lengths.get(node.mem_id, 0) <= 1000:
            raw = node.text(deep=True) or ""
            text = _clean_inline(raw)
            if len(text) <= 200:
                removed.append(text)
                node.remove()
    for node in main.css("figure,figcaption"):
        node.remove()
    lengths = _text_lengths(main)
    for node in main.css("p,div,li"):
        if lengths.get(node.mem_id, 0) > 1000:
            # labels and date lines are short; skipping long blocks keeps nested pages linear
            continue
        text = _clean_inline(node.text(deep=True) or "")
        if _LABEL_LINE.search(text) and len(text) <= 300:
            node.remove()
        elif _PUBLISHED_LINE.match(text) and len(text) <= 80:
            removed.append(text)
            node.remove()
    return removed


def parse_html(html: str) -> Page:
    """Read one fetched page: article text (headline first), title, URL, date and teasers.

    Chrome (navigation, headers, footers, cookie banners, share bars, breadcrumbs, category
    labels, obituary lists) is dropped; sidebar notices become :class:`Teaser` objects and
    stay out of ``text``. A page cut off mid-tag still yields what was read, with
    ``truncated=True``.
    """
    html, truncated = _cut_dangling_tag(html)
    tree = LexborHTMLParser(html)
    url = _canonical_url(tree)

    main = _find_main(tree)
    if main is not None:
        main.attrs["data-od-main"] = "1"
    published_at = _published_at(tree, main)
    title = _page_title(tree, main)

    root = tree.body or tree.root
    teasers: list[Teaser] = []
    if root is not None:
        for node in root.css(",".join(_JUNK_TAGS)):
            node.remove()
        # Later removals never take a marker-holding node, so this set stays exact.
        holders = _marker_holders(root)
        # Sidebars outside the article: every notice in them is a teaser.
        sidebars = [n for n in root.css("aside,div,section") if _is_sidebar(n) and n.mem_id not in holders]
        for node in _outermost(sidebars):
            teasers.extend(_collect_teasers(node, url))
            node.remove()
        # Teaser and junk sections headed by a known heading, wherever they are.
        # Inside a real article such a heading is the story's own subsection; only in a
        # generic container (<main>, body) is it a teaser list after the story.
        specific = main is not None and _is_specific_article(main)
        for run in _heading_sections(root, _TEASER_HEADING):
            if any(n.mem_id in holders for n in run) or (specific and _inside_marker(run[0])):
                continue
            container = _Wrapper(run)
            teasers.extend(container.collect(url))
            for n in run:
                n.remove()
        for run in _heading_sections(root, _DROP_HEADING):
            if not any(n.mem_id in holders for n in run):
                for n in run:
                    n.remove()
        _strip_chrome(root, holders)

    meta_lines: list[str] = []
    paragraphs: list[str] = []
    if main is not None:
        meta_lines = _drop_inner_meta(main)
        paragraphs = _node_paragraphs(main)
    if title and (not paragraphs or paragraphs[0] != title):
        if title in paragraphs:
            paragraphs.remove(title)
        paragraphs.insert(0, title)
    if published_at is None:
        published_at = _visible_published_at(meta_lines + paragraphs[:6])

    return Page(
        title=title,
        url=url,
        published_at=published_at,
        text="\n\n".join(paragraphs),
        teasers=_dedupe(teasers),
        truncated=truncated,
    )


class _Wrapper:
    """A run of sibling nodes read as one teaser section."""

    def __init__(self, nodes: list[LexborNode]) -> None:
        self.nodes = nodes

    def collect(self, base: str | None) -> list[Teaser]:
        collector = _TeaserCollector(base)
        for node in self.nodes:
            tag = node.tag
            if tag in _HEADINGS:
                collector.heading(node)
            elif tag in ("p", "blockquote"):
                collector.paragraph(node)
            elif tag != "-text":
                collector.walk(node)
        return collector.finish()


def _dedupe(teasers: list[Teaser]) -> list[Teaser]:
    seen: set[tuple[str, str]] = set()
    out = []
    for t in teasers:
        key = (t.title, t.text)
        if key not in seen:
            seen.add(key)
            out.append(t)
    return out
