"""A synthetic landing directory of any size, byte-identical for the same seed.

    python -m benchmarks.generate --docs 10000 --seed 1 --out /tmp/landing-10k

``--docs`` counts *items*: one page file, one feed item, one JSONL line, one broken file or one
re-fetched copy is one item (teasers in sidebars come on top and are counted apart). The
output is streamed: every item is rendered from its own ``Random(f"{seed}:{index}")`` plus a
few bounded queues of recent stories (for teasers and re-fetches), so memory does not grow
with the corpus. Files go into ``shard-NNNNN/`` folders of at most 1000 files (sidecars
included) and get modification times derived from their fetch time, so two runs with the
same seed produce the same bytes *and* the same ``stat`` times.

``manifest.json`` states what was written: files per format, items per kind, teaser
placements, duplicates, broken files, encodings and the number of distinct outages, events
and projects the corpus announces (each story is one record by construction; merging across
documents should bring the pipeline's row counts close to these).

``--start K`` continues a corpus (items K, K+1, ...), which is how the benchmark adds 1 % new
documents for an incremental run; write such a continuation into a folder of its own.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
from collections import Counter, deque
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from xml.sax.saxutils import escape

from . import templates as T

GENERATOR_VERSION = 1
FILES_PER_SHARD = 1000
BASE_DAY = date(2023, 1, 2)
SPAN_DAYS = 1095  # the corpus covers three years whatever its size
TZ = timezone(timedelta(hours=1))  # a fixed offset: the generator must not depend on tz data

# How an item is spent (weights). Multi-item files (feeds, JSONL) consume several items.
ITEM_KINDS = (
    ("notice_page", 30), ("event_page", 16), ("project_page", 11), ("news_page", 8),
    ("feed", 12), ("jsonl", 11), ("refetch", 7), ("broken", 3), ("teaser_listing", 2),
)
BROKEN_KINDS = ("empty", "binary", "truncated_html", "bad_jsonl_file", "whitespace_html")


# ----------------------------------------------------------------------------- the world
@dataclass(frozen=True)
class Town:
    """A municipality the corpus writes about, with street and settlement names from the register."""

    name: str
    loc: str
    region: str
    urban: bool
    slug: str
    streets: tuple[tuple[str, str, str], ...]  # (nominative, locative, genitive)
    settlements: tuple[str, ...]


_TRANSLIT = str.maketrans({"č": "c", "š": "s", "ž": "z", "Č": "c", "Š": "s", "Ž": "z", "ć": "c", "đ": "d"})
_NON_SLUG = re.compile(r"[^a-z0-9]+")


def _slug(name: str) -> str:
    """``Škofja Loka`` → ``skofja-loka``: URL and file-name safe."""
    return _NON_SLUG.sub("-", name.translate(_TRANSLIT).lower()).strip("-")


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def load_world(register: Path | None) -> tuple[Town, ...]:
    """The towns of :data:`templates.TOWNS` with their register streets and settlements (fallback lists without it)."""
    streets: dict[str, list[str]] = {}
    settlements: dict[str, list[str]] = {}
    urban_in_register: set[str] | None = None
    if register is not None and (register / "OB.csv").is_file():
        rows = _read_csv(register / "OB.csv")
        mid_to_name = {row["OB_MID"]: row["OB_UIME"].strip() for row in rows}
        urban_in_register = {row["OB_UIME"].strip() for row in rows if row.get("OB_TIP") == "D"}
        for row in _read_csv(register / "NA.csv"):
            settlements.setdefault(mid_to_name.get(row["OB_MID"], ""), []).append(row["NA_UIME"].strip())
        if (register / "UL.csv").is_file():
            for row in _read_csv(register / "UL.csv"):
                streets.setdefault(mid_to_name.get(row["OB_MID"], ""), []).append(row["UL_UIME"].strip())
    towns = []
    for name, loc, region, urban in T.TOWNS:
        names = sorted(set(streets.get(name, ())))
        forms = [(s, *f) for s in names if (f := T.street_forms(s))]
        if len(forms) < 5:  # too few register streets: generic names keep the texts varied
            forms += [(s, *T.street_forms(s)) for s in T.FALLBACK_STREETS if T.street_forms(s)]
        places = sorted(set(settlements.get(name, ())) - {name})
        if len(places) < 3:
            places = list(T.FALLBACK_SETTLEMENTS)
        if urban_in_register is not None:
            urban = name in urban_in_register  # the register says which are mestne občine
        towns.append(Town(name, loc, region, urban, _slug(name), tuple(forms), tuple(places)))
    return tuple(towns)


# ----------------------------------------------------------------------------- phrases
def day_of(index: int, scale: int) -> date:
    """Publication day of item ``index``: the timeline is spread evenly over :data:`SPAN_DAYS`."""
    return BASE_DAY + timedelta(days=index * SPAN_DAYS // max(scale, 1))


def sl_date(d: date, weekday: bool = True, case: str = "acc") -> str:
    """``sredo, 12. marca`` (acc) / ``srede, 12. marca`` (gen) / ``12. marca``."""
    body = f"{d.day}. {T.MONTH_GEN[d.month - 1]}"
    if not weekday:
        return body
    names = T.WEEKDAY_ACC if case == "acc" else T.WEEKDAY_GEN
    return f"{names[d.weekday()]}, {body}"


def when_phrase(rng: random.Random, day: date, multi_day: bool) -> str:
    """A window in one of the ways notices state it (weekday and date, numeric date, ranges)."""
    h1 = rng.choice((7, 8, 8, 9, 10, 12))
    h2 = h1 + rng.choice((2, 3, 4, 5, 6))
    style = rng.randrange(5 if not multi_day else 7)
    if style == 0:
        return f"v {sl_date(day)}, od {h1}. do {h2}. ure"
    if style == 1:
        return f"v {sl_date(day)}, med {h1}.00 in {h2}.00"
    if style == 2:
        return f"{day.day}. {day.month}. {day.year} med {h1}. in {h2}. uro"
    if style == 3:
        return f"v {sl_date(day)}, od {h1}.30 do predvidoma {h2}.00"
    if style == 4:
        return f"{sl_date(day, weekday=False)} {day.year} od {h1}. ure dalje"
    end = day + timedelta(days=rng.choice((2, 4, 6, 11, 13)))
    if style == 5:
        return f"od {sl_date(day, case='gen')}, do {sl_date(end, case='gen')} {end.year}, vsak dan med 7. in 17. uro"
    return f"od {day.day}. {day.month}. do {end.day}. {end.month}. {end.year}"


def _house(rng: random.Random) -> str:
    n = rng.randint(1, 60)
    style = rng.randrange(4)
    return ("", f" {n}", f" {n}–{n + rng.randint(2, 12)}", f" {n}a–c")[style]


def place_phrase(rng: random.Random, town: Town) -> tuple[str, str, str, str]:
    """``(where phrase, headline place, street nominative, street genitive)`` of one outage."""
    style = rng.randrange(5)
    if style <= 2 or not town.settlements:
        nom, loc, gen = rng.choice(town.streets)
        if style == 2:
            nom2, loc2, _ = rng.choice(town.streets)
            if nom2 != nom:
                return f"na {loc} in {loc2} v {town.loc}", f"{nom}, {nom2}", nom, gen
        return f"na {loc}{_house(rng)} v {town.loc}", nom, nom, gen
    settlement = rng.choice(town.settlements)
    if style == 3:
        return f"v naselju {settlement} v občini {town.name}", settlement, settlement, settlement
    return f"za del naselja {settlement} in okolico", settlement, settlement, settlement


def _cause(rng: random.Random, service: str) -> tuple[str, str]:
    fitting = [c for c in T.CAUSES if not c[2] or service in c[2]]
    cause, phrase, _ = rng.choice(fitting)
    return cause, phrase


def _operator(rng: random.Random, service: str, town: Town) -> str:
    return rng.choice(T.OPERATORS[service]).format(town=town.name, region=town.region, owner=_owner(town))


def _owner(town: Town) -> str:
    return f"{'Mestna občina' if town.urban else 'Občina'} {town.name}"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _money(rng: random.Random) -> tuple[str, float]:
    if rng.random() < 0.5:
        value = rng.randint(11, 95) / 10
        return f"{value:.1f}".replace(".", ",") + " milijona evrov", value * 1e6
    value = rng.randint(12, 980) * 1000
    return f"{value:,}".replace(",", ".") + " evrov", float(value)


# ----------------------------------------------------------------------------- stories
@dataclass(frozen=True)
class Story:
    """One document's worth of content: headline, paragraphs, and how it shows in sidebars."""

    record: str  # outage | event | project | news
    title: str
    paragraphs: tuple[str, ...]
    town: Town
    url: str
    label: str = "Obvestila"
    service: str | None = None

    @property
    def lead(self) -> str:
        """The first paragraph: what a teaser shows."""
        return self.paragraphs[0]


def outage_story(rng: random.Random, town: Town, pub: date, sid: int, service: str | None = None) -> Story:
    """A notice of one disruption of one service, dated a few days after publication."""
    service = service or rng.choice(T.SERVICES)
    day = pub + timedelta(days=rng.randint(1, 9))
    where, place, street, street_gen = place_phrase(rng, town)
    cause_enum, cause = _cause(rng, service)
    op = _operator(rng, service, town)
    line = str(rng.randint(1, 27))
    multi = service in ("road", "facility", "public_transport") and rng.random() < 0.5
    fields = dict(op=op, when=when_phrase(rng, day, multi), where=where, cause=cause, town_loc=town.loc, line=line)
    lead_index = rng.randrange(len(T.NOTICE_LEADS[service]))
    lead = _cap(T.NOTICE_LEADS[service][lead_index].format(**fields))
    follow = rng.sample(T.NOTICE_FOLLOWUPS[service], k=min(len(T.NOTICE_FOLLOWUPS[service]), rng.randint(1, 2)))
    titles = T.NOTICE_TITLES[service]
    title_index = lead_index if service in ("waste", "facility") else rng.randrange(len(titles))
    title = titles[title_index].format(
        street=street, place=place, street_gen=street_gen, line=line,
        street_loc_phrase=where.split(" v ")[0] if where.startswith("na ") else f"– {place}",
    )
    url = f"https://www.{town.slug}.si/obvestila/{_slug(title)[:48].strip('-')}-{sid}"
    return Story("outage", title, (lead, " ".join(follow)), town, url, "Obvestila", service)


def event_story(rng: random.Random, town: Town, pub: date, sid: int) -> Story:
    """An announcement of one dated event at a venue of the town."""
    category, title, acc = rng.choice(T.EVENT_KINDS)
    day = pub + timedelta(days=rng.randint(2, 25))
    venue_nom, venue_loc = (v.format(town=town.name) for v in rng.choice(T.VENUES))
    org = rng.choice(T.ORGANIZERS).format(town=town.name, owner=_owner(town))
    when = f"v {sl_date(day)}, ob {rng.choice((10, 11, 17, 18, 19, 20))}. uri"
    lead = rng.choice(T.EVENT_LEADS).format(org=org, acc=acc, when=when, when_cap=_cap(when), venue_loc=venue_loc,
                                            acc_nom=title[:1].lower() + title[1:])
    follow = rng.sample(T.EVENT_FOLLOWUPS, k=rng.randint(1, 2))
    headline = f"{title} v {town.loc}" if rng.random() < 0.5 else title
    url = f"https://www.{town.slug}.si/dogodki/{_slug(title)[:40]}-{sid}"
    return Story("event", headline, (_cap(lead), " ".join(follow)), town, url, "Napovednik")


def project_facts(seed: int, pid: int, towns: tuple[Town, ...]) -> dict:
    """The fixed facts of project ``pid`` (name, owner, budget, fund, year), the same in every article."""
    rng = random.Random(f"{seed}:project:{pid}")
    town = rng.choice(towns)
    sector, template = rng.choice(T.PROJECT_KINDS)
    street, _loc, street_gen = rng.choice(town.streets)
    name = template.format(town=town.name, street=street, street_gen=street_gen, settlement=rng.choice(town.settlements))
    budget, _value = _money(rng)
    return {"town": town, "sector": sector, "name": name, "budget": budget, "fund": rng.choice(T.FUNDS),
            "year": rng.randint(2024, 2029), "area": f"{rng.randint(2, 90) * 100:,}".replace(",", ".")}


def project_story(rng: random.Random, facts: dict, pid: int, sid: int) -> Story:
    """An article about project ``pid``, worded afresh by this article's own random stream."""
    town = facts["town"]
    lead = rng.choice(T.PROJECT_LEADS).format(owner=_owner(town), owner_short="občina", name=facts["name"],
                                              budget=facts["budget"], fund_gen=T.FUND_GENITIVE[facts["fund"]])
    follow = [s.format(year=facts["year"], area=facts["area"]) for s in rng.sample(T.PROJECT_FOLLOWUPS, k=2)]
    title = rng.choice((facts["name"], f"{facts['name']}: podpisana pogodba", f"Začenja se projekt {facts['name']}"))
    url = f"https://www.{town.slug}.si/novice/projekt-{pid}-{sid}"
    return Story("project", title, (lead, " ".join(follow)), town, url, "Aktualno")


def news_story(rng: random.Random, town: Town, sid: int) -> Story:
    """Ordinary local news: no outage, event or project (the extractors should find nothing)."""
    title = rng.choice(T.NEWS_TITLES)
    body = tuple(" ".join(rng.sample(T.NEWS_SENTENCES, k=2)) for _ in range(rng.randint(1, 3)))
    url = f"https://www.{town.slug}.si/novice/{_slug(title)[:40]}-{sid}"
    return Story("news", title, body, town, url, rng.choice(T.NEWS_CATEGORIES))


# ----------------------------------------------------------------------------- renderers
def _ts(d: date, rng: random.Random, hour: int | None = None) -> datetime:
    return datetime(d.year, d.month, d.day, hour if hour is not None else rng.randint(7, 20), rng.randrange(60), tzinfo=TZ)


def render_html(story: Story, published: datetime, sidebar: list[Story], news: list[Story], charset: str = "utf-8",
                canonical: bool = True) -> str:
    """A municipal web page: navigation, the article, an aside of notice teasers, a footer."""
    town = story.town
    nav = "".join(f'<li><a href="/{_slug(item)}">{item}</a></li>' for item in T.NAV_ITEMS)
    body = "\n".join(f"<p>{escape(p)}</p>" for p in story.paragraphs)
    aside = ""
    if sidebar:
        items = "\n".join(
            f'<div class="notice"><h3><a href="{s.url}">{escape(s.title)}</a></h3><p>{escape(s.lead)}</p></div>' for s in sidebar)
        aside = f'<aside class="sidebar">\n<h2>Druga obvestila</h2>\n{items}\n</aside>'
    more = ""
    if news:
        items = "\n".join(f'<li><a href="{n.url}">{escape(n.title)}</a></li>' for n in news)
        more = f'<section class="related"><h2>Več novic</h2><ul>{items}</ul></section>'
    head_link = f'<link rel="canonical" href="{story.url}">\n' if canonical else ""
    return (
        f'<!DOCTYPE html>\n<html lang="sl">\n<head>\n<meta charset="{charset}">\n'
        f"<title>{escape(story.title)} | {_owner(town)}</title>\n"
        f'<meta property="og:title" content="{escape(story.title)}">\n'
        f'<meta property="article:published_time" content="{published.isoformat()}">\n{head_link}'
        f'</head>\n<body>\n<header><nav class="menu"><ul>{nav}</ul></nav></header>\n<main>\n<article>\n'
        f"<h1>{escape(story.title)}</h1>\n{body}\n</article>\n{aside}\n{more}\n</main>\n"
        f"<footer><p>{_owner(town)}, Trg svobode 1, {town.name}</p></footer>\n</body>\n</html>\n"
    )


def render_dump(rng: random.Random, story: Story, sidebar: list[Story], news: list[Story], published: date | None) -> str:
    """A text dump of a page: menu word, headline, cut lead, article, chrome, ``Več novic``, ``OBVESTILA``."""
    lines = ["Search", "", story.title, ""]
    lead = story.lead
    lines += [lead[: max(40, len(lead) // 2)].rstrip() + "...", "NULL", rng.choice(T.PHOTO_CREDITS), ""]
    if published is not None:
        lines += [f"Objavljeno: {published.day}. {published.month}. {published.year}", ""]
    for paragraph in story.paragraphs:
        lines += [paragraph, ""]
    lines += ["Dodaj odgovor", ""]
    if news:
        lines += ["Več novic", ""]
        for item in news:
            lines += [item.label, "", item.title, "", item.lead + "...", ""]
    if sidebar:
        lines += ["OBVESTILA", "", "Obvestila", ""]
        for item in sidebar:
            lines += [item.title, "", item.lead + "...", ""]
    if rng.random() < 0.4:
        lines += ["Zadnje osmrtnice", ""]
        for _ in range(rng.randint(1, 3)):
            lines += [f"{rng.choice(T.FIRST_NAMES)} {rng.choice(T.LAST_NAMES)}", ""]
    return "\n".join(lines)


def _rfc822(moment: datetime) -> str:
    return (f"{T.RFC822_DAYS[moment.weekday()]}, {moment.day:02d} {T.RFC822_MONTHS[moment.month - 1]} {moment.year} "
            f"{moment:%H:%M:%S} +0100")


def render_feed(town: Town, items: list[tuple[Story, datetime]]) -> str:
    """An RSS 2.0 channel of a municipality's news and notices."""
    body = "\n".join(
        f"  <item>\n    <title>{escape(s.title)}</title>\n    <link>{s.url}</link>\n"
        f'    <guid isPermaLink="false">{s.url.rsplit("/", 1)[-1]}</guid>\n    <pubDate>{_rfc822(t)}</pubDate>\n'
        f"    <description><![CDATA[{''.join(f'<p>{p}</p>' for p in s.paragraphs)}]]></description>\n  </item>"
        for s, t in items)
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0">\n<channel>\n'
            f"  <title>Novice in obvestila – {_owner(town)}</title>\n  <link>https://www.{town.slug}.si</link>\n"
            f"  <description>Novice in obvestila</description>\n{body}\n</channel>\n</rss>\n")


def jsonl_line(rng: random.Random, story: Story, published: datetime, fetched: datetime) -> str:
    """One JSONL record, with plain ``text`` or raw ``html`` (sometimes without a publication time)."""
    record: dict = {"url": story.url, "title": story.title, "source": f"{story.town.slug}.si"}
    if rng.random() < 0.8:
        record["published_at"] = published.isoformat()
    record["fetched_at"] = fetched.isoformat()
    if rng.random() < 0.6:
        record["text"] = "\n\n".join((story.title, *story.paragraphs))
    else:
        record["html"] = f"<h1>{escape(story.title)}</h1>" + "".join(f"<p>{escape(p)}</p>" for p in story.paragraphs)
    return json.dumps(record, ensure_ascii=False, sort_keys=True)


# ----------------------------------------------------------------------------- writing
class ShardWriter:
    """Writes files into ``shard-NNNNN`` folders of at most :data:`FILES_PER_SHARD` files, with set mtimes."""

    def __init__(self, out: Path, prefix: str = "shard") -> None:
        self.out = out
        self.prefix = prefix
        self.shard = -1
        self.in_shard = FILES_PER_SHARD
        self.files = Counter()
        self.bytes = 0
        self.last_mtime = 0.0

    def _folder(self, needed: int) -> Path:
        if self.in_shard + needed > FILES_PER_SHARD:
            self._close_shard()
            self.shard += 1
            self.in_shard = 0
            (self.out / self._name()).mkdir(parents=True, exist_ok=True)
        self.in_shard += needed
        return self.out / self._name()

    def _name(self) -> str:
        return f"{self.prefix}-{self.shard:05d}"

    def _close_shard(self) -> None:
        if self.shard >= 0:
            os.utime(self.out / self._name(), (self.last_mtime, self.last_mtime))

    def write(self, name: str, data: bytes, moment: datetime, sidecar: dict | None = None) -> str:
        """Write ``name`` (and its ``.meta.json``) into the current shard; returns the relative path."""
        folder = self._folder(2 if sidecar is not None else 1)
        stamp = moment.timestamp()
        self._put(folder / name, data, stamp)
        suffix = Path(name).suffix.lstrip(".") or "none"
        self.files[suffix] += 1
        if sidecar is not None:
            raw = sidecar.get("__raw__")
            payload = raw if raw is not None else (json.dumps(sidecar, ensure_ascii=False, sort_keys=True) + "\n").encode()
            self._put(folder / f"{name}.meta.json", payload, stamp)
            self.files["sidecar"] += 1
        self.last_mtime = max(self.last_mtime, stamp)
        return f"{self._name()}/{name}"

    def _put(self, path: Path, data: bytes, stamp: float) -> None:
        path.write_bytes(data)
        os.utime(path, (stamp, stamp))
        self.bytes += len(data)

    def close(self) -> None:
        """Give the last shard its deterministic mtime too."""
        self._close_shard()


@dataclass
class _State:
    """Everything carried from item to item: bounded queues and counters only (constant memory)."""

    notices: deque = field(default_factory=lambda: deque(maxlen=14))  # recent notice stories: sidebar teasers
    news: deque = field(default_factory=lambda: deque(maxlen=10))
    pages: deque = field(default_factory=lambda: deque(maxlen=40))  # (relpath, sidecar) for re-fetches
    projects: deque = field(default_factory=lambda: deque(maxlen=60))  # active project ids
    next_project: int = 0
    outages: int = 0
    events: int = 0
    items: Counter = field(default_factory=Counter)
    services: Counter = field(default_factory=Counter)
    broken: Counter = field(default_factory=Counter)
    encodings: Counter = field(default_factory=Counter)
    teaser_placements: int = 0
    teasers_distinct: int = 0


class Generator:
    """Streams items ``start .. start+docs-1`` of the corpus ``seed`` into ``out``."""

    def __init__(self, out: Path, seed: int, towns: tuple[Town, ...], start: int = 0, scale: int | None = None) -> None:
        self.out = out
        self.seed = seed
        self.towns = towns
        self.start = start
        self.scale = scale
        self.writer = ShardWriter(out)
        self.state = _State()

    # -- stories with a record identity (counted for the manifest)
    def _new_outage(self, rng: random.Random, town: Town, pub: date) -> Story:
        self.state.outages += 1
        story = outage_story(rng, town, pub, self.start * 10 + self.state.outages)
        self.state.services[story.service] += 1
        return story

    def _new_event(self, rng: random.Random, town: Town, pub: date) -> Story:
        self.state.events += 1
        return event_story(rng, town, pub, self.start * 10 + self.state.events)

    def _project(self, rng: random.Random, sid: int) -> Story:
        state = self.state
        if not state.projects or rng.random() < 0.35:
            pid = self.start * 10 + state.next_project
            state.next_project += 1
            state.projects.append(pid)
        else:
            pid = rng.choice(state.projects)
        return project_story(rng, project_facts(self.seed, pid, self.towns), pid, sid)

    def _any_story(self, rng: random.Random, index: int, town: Town, pub: date) -> Story:
        roll = rng.random()
        if roll < 0.35:
            return self._new_outage(rng, town, pub)
        if roll < 0.6:
            return self._new_event(rng, town, pub)
        if roll < 0.75:
            return self._project(rng, index)
        return news_story(rng, town, index)

    def _sidebar(self, rng: random.Random, town: Town, pub: date) -> list[Story]:
        """1–3 recent notices (the same teaser on many pages), sometimes a fresh sidebar-only notice."""
        state = self.state
        if not state.notices or rng.random() < 0.15:
            state.notices.append(self._new_outage(rng, town, pub))
            state.teasers_distinct += 1
        picked = rng.sample(list(state.notices), k=min(len(state.notices), rng.randint(1, 3)))
        state.teaser_placements += len(picked)
        return picked

    def _news_block(self, rng: random.Random, town: Town, index: int) -> list[Story]:
        if rng.random() < 0.3 or not self.state.news:
            self.state.news.append(news_story(rng, town, index))
        return rng.sample(list(self.state.news), k=min(len(self.state.news), rng.randint(0, 3)))

    # -- items
    def run(self, docs: int) -> dict:
        """Write ``docs`` items and the manifest; returns the manifest."""
        self.out.mkdir(parents=True, exist_ok=True)
        scale = self.scale or (self.start + docs)
        end = self.start + docs
        index = self.start
        weights = [w for _, w in ITEM_KINDS]
        kinds = [k for k, _ in ITEM_KINDS]
        while index < end:
            rng = random.Random(f"{self.seed}:{index}")
            kind = rng.choices(kinds, weights)[0]
            if kind == "refetch" and not self.state.pages:
                kind = "news_page"
            used = getattr(self, f"_item_{kind}")(rng, index, day_of(index, scale), end - index)
            index += used
        self.writer.close()
        manifest = self._manifest(docs, scale)
        path = self.out / "manifest.json"
        path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        stamp = datetime.combine(day_of(end, scale), datetime.min.time(), TZ).timestamp()
        os.utime(path, (stamp, stamp))
        os.utime(self.out, (stamp, stamp))
        return manifest

    def _page(self, rng: random.Random, index: int, pub: date, story: Story, kind: str) -> int:
        town = story.town
        published = _ts(pub, rng)
        fetched = published + timedelta(hours=rng.randint(1, 30))
        sidebar = self._sidebar(rng, town, pub) if rng.random() < 0.85 else []
        news = self._news_block(rng, town, index)
        stem = f"{pub.isoformat()}_{town.slug}-{kind.split('_')[0]}-{index:07d}"
        sidecar = {"url": story.url, "source": f"{town.slug}.si", "fetched_at": fetched.isoformat()} if rng.random() < 0.8 else None
        if sidecar is not None and rng.random() < 0.01:
            sidecar = {"__raw__": b'{"url": "' + story.url.encode() + b'", "fetched_at": '}  # a cut-off sidecar
            self.state.broken["bad_sidecar"] += 1
        if rng.random() < 0.55:
            charset = "windows-1250" if rng.random() < 0.03 else "utf-8"
            text = render_html(story, published, sidebar, news, charset, canonical=rng.random() < 0.7)
            data = text.encode("cp1250" if charset != "utf-8" else "utf-8")
            name = f"{stem}.{'htm' if rng.random() < 0.1 else 'html'}"
        else:
            text = render_dump(rng, story, sidebar, news, pub if sidecar is None or rng.random() < 0.3 else None)
            legacy = rng.random() < 0.02
            charset = "windows-1250" if legacy else "utf-8"
            data = text.encode("cp1250" if legacy else "utf-8")
            name = f"{stem}.txt"
        if charset != "utf-8":
            self.state.encodings[charset] += 1
        rel = self.writer.write(name, data, fetched, sidecar)
        self.state.pages.append((rel, sidecar, fetched, charset))
        self.state.items[kind] += 1
        return 1

    def _item_notice_page(self, rng, index, pub, left) -> int:
        town = rng.choice(self.towns)
        story = self._new_outage(rng, town, pub)
        if rng.random() < 0.5:
            self.state.notices.append(story)  # it will show in later pages' sidebars
        return self._page(rng, index, pub, story, "notice_page")

    def _item_event_page(self, rng, index, pub, left) -> int:
        return self._page(rng, index, pub, self._new_event(rng, rng.choice(self.towns), pub), "event_page")

    def _item_project_page(self, rng, index, pub, left) -> int:
        return self._page(rng, index, pub, self._project(rng, index), "project_page")

    def _item_news_page(self, rng, index, pub, left) -> int:
        return self._page(rng, index, pub, news_story(rng, rng.choice(self.towns), index), "news_page")

    def _item_teaser_listing(self, rng, index, pub, left) -> int:
        """A page that is only a list of notices (an 'Obvestila' index): teasers, no article of its own."""
        town = rng.choice(self.towns)
        sidebar = self._sidebar(rng, town, pub) + [self._new_outage(rng, town, pub)]
        self.state.teaser_placements += 1
        self.state.teasers_distinct += 1
        published = _ts(pub, rng)
        lines = ["Search", "", "Obvestila", ""]
        for item in sidebar:
            lines += [item.title, f"Objavljeno: {pub.day}. {pub.month}. {pub.year}", "", item.lead, ""]
        name = f"{pub.isoformat()}_{town.slug}-obvestila-{index:07d}.txt"
        self.writer.write(name, "\n".join(lines).encode(), published,
                          {"url": f"https://www.{town.slug}.si/obvestila?stran={index}", "source": f"{town.slug}.si",
                           "fetched_at": published.isoformat()})
        self.state.items["teaser_listing"] += 1
        return 1

    def _item_feed(self, rng, index, pub, left) -> int:
        town = rng.choice(self.towns)
        count = min(left, rng.randint(3, 8))
        items = []
        for k in range(count):
            if self.state.pages and rng.random() < 0.12:
                # a page's story again under the same URL: one document across formats
                items.append((self._story_of_recent_page(rng, town, pub, index + k), _ts(pub, rng)))
                self.state.items["feed_item_of_page"] += 1
                continue
            items.append((self._any_story(rng, index + k, town, pub), _ts(pub, rng)))
        self.state.items["feed_item"] += count
        fetched = _ts(pub, rng, 22)
        name = f"{pub.isoformat()}_{town.slug}-feed-{index:07d}.xml"
        self.writer.write(name, render_feed(town, items).encode(), fetched,
                          {"url": f"https://www.{town.slug}.si/rss", "source": f"{town.slug}.si", "fetched_at": fetched.isoformat()})
        return count

    def _story_of_recent_page(self, rng, town, pub, index) -> Story:
        # Feeds repeat what pages said; re-rendering the page's story is not possible from a path
        # alone, so the feed item carries a news story under a recent page's URL.
        _rel, sidecar, _fetched, _charset = rng.choice(list(self.state.pages))
        story = news_story(rng, town, index)
        url = (sidecar or {}).get("url") if isinstance(sidecar, dict) else None
        return Story(story.record, story.title, story.paragraphs, town, url or story.url, story.label)

    def _item_jsonl(self, rng, index, pub, left) -> int:
        town = rng.choice(self.towns)
        count = min(left, rng.randint(3, 12))
        lines = []
        for k in range(count):
            if rng.random() < 0.06:
                lines.append(rng.choice(("this line is not JSON", '{"url": "https://www.' + town.slug + '.si/x", "text": ',
                                         '{"title": "Brez besedila"}', "[1, 2, 3]")))
                self.state.broken["bad_json_line"] += 1
                continue
            published = _ts(pub, rng)
            lines.append(jsonl_line(rng, self._any_story(rng, index + k, town, pub), published, published + timedelta(hours=2)))
        self.state.items["jsonl_line"] += count
        name = f"{pub.isoformat()}_{town.slug}-{index:07d}.jsonl"
        self.writer.write(name, ("\n".join(lines) + "\n").encode(), _ts(pub, rng, 23))
        return count

    def _item_refetch(self, rng, index, pub, left) -> int:
        """The same page fetched again later: same bytes, a new file name, a later fetch time."""
        rel, sidecar, fetched, charset = rng.choice(list(self.state.pages))
        data = (self.out / rel).read_bytes()
        if charset != "utf-8":
            self.state.encodings[charset] += 1  # the copy is a legacy-encoded file too
        later = fetched + timedelta(days=rng.randint(0, 3), hours=rng.randint(1, 12))
        stem, suffix = Path(rel).name.rsplit(".", 1)
        new_sidecar = None
        if isinstance(sidecar, dict) and "__raw__" not in sidecar:
            new_sidecar = {**sidecar, "fetched_at": later.isoformat()}
        self.writer.write(f"{stem}-again-{index:07d}.{suffix}", data, later, new_sidecar)
        self.state.items["refetch"] += 1
        return 1

    def _item_broken(self, rng, index, pub, left) -> int:
        kind = rng.choice(BROKEN_KINDS)
        moment = _ts(pub, rng)
        town = rng.choice(self.towns)
        stem = f"{pub.isoformat()}_{town.slug}-{index:07d}"
        if kind == "empty":
            name, data = f"{stem}.txt", b""
        elif kind == "whitespace_html":
            name, data = f"{stem}.html", b"\n   \n\t\n"
        elif kind == "binary":
            magic = rng.choice((b"\x89PNG\r\n\x1a\n", b"%PDF-1.4\n", b"PK\x03\x04", b"\x1f\x8b\x08"))
            name, data = f"{stem}.html", magic + rng.randbytes(rng.randint(200, 3000))
        elif kind == "truncated_html":
            page = render_html(news_story(rng, town, index), moment, [], [], "utf-8").encode()
            name, data = f"{stem}.html", page[: rng.randint(40, max(60, len(page) // 3))]
        else:  # a JSONL file with no readable line at all
            name, data = f"{stem}.jsonl", b'{"url": "broken"\nnot json either\n{"text": \n'
        self.writer.write(name, data, moment)
        self.state.broken[kind] += 1
        self.state.items["broken"] += 1
        return 1

    def _manifest(self, docs: int, scale: int) -> dict:
        s, w = self.state, self.writer
        files = dict(sorted(w.files.items()))
        return {
            "generator": "benchmarks.generate",
            "version": GENERATOR_VERSION,
            "seed": self.seed,
            "docs": docs,
            "start": self.start,
            "scale": scale,
            "items": dict(sorted(s.items.items())),
            "items_total": sum(v for k, v in s.items.items() if k != "feed_item_of_page"),
            "files": {**files, "total": sum(files.values()), "shards": w.shard + 1, "bytes": w.bytes},
            "teasers": {"placements": s.teaser_placements, "sidebar_only_notices": s.teasers_distinct},
            "duplicates": {"refetched_pages": s.items["refetch"], "feed_items_reusing_page_url": s.items["feed_item_of_page"],
                           "repeated_teaser_placements": max(0, s.teaser_placements - s.teasers_distinct)},
            "broken": dict(sorted(s.broken.items())),
            "encodings": dict(sorted(s.encodings.items())),
            "outage_services": dict(sorted(s.services.items())),
            "expected": {"outages": s.outages, "events": s.events, "projects": s.next_project,
                         "note": "one record per story by construction; extraction and merging should land near these"},
        }


def generate(out: Path, docs: int, seed: int = 0, *, start: int = 0, scale: int | None = None,
             register: Path | None = None) -> dict:
    """Write a corpus of ``docs`` items into ``out`` and return its manifest."""
    if docs < 1:
        raise ValueError("--docs must be at least 1")
    if register is None:
        try:
            from opendata.config import find_gazetteer
        except ImportError:  # run without the product installed: fallback vocabularies only
            find_gazetteer = lambda: None  # noqa: E731
        register = find_gazetteer()
    return Generator(Path(out), seed, load_world(register), start=start, scale=scale).run(docs)


def main(argv: list[str] | None = None) -> int:
    """``python -m benchmarks.generate --docs N --seed S --out DIR``."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.generate", description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, required=True, help="items to write (pages, feed items, JSONL lines, ...)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", required=True, help="output folder (created)")
    parser.add_argument("--start", type=int, default=0, help="first item index (continue a corpus)")
    parser.add_argument("--scale", type=int, default=None, help="timeline length in items (default start+docs)")
    parser.add_argument("--gazetteer", default=None, help="RPE register folder for street names (default: as opendata finds it)")
    args = parser.parse_args(argv)
    manifest = generate(Path(args.out), args.docs, args.seed, start=args.start, scale=args.scale,
                        register=Path(args.gazetteer) if args.gazetteer else None)
    print(json.dumps({k: manifest[k] for k in ("docs", "items", "files", "expected")}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
