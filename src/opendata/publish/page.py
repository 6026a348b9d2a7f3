"""``index.html`` of a release: a static, self-contained download page.

The page is what a person sees when they open a release folder: what the data is, how many
rows each table has and which days it covers, what every column means (English and
Slovenian), a few rows of each table, and links to every file. It is plain HTML with inline
CSS: no JavaScript, fonts or CDNs, so it reads the same from ``file://`` with no network as
from a web server. All links to release files are relative, so the folder can be moved,
zipped or served under any prefix. The output depends only on its inputs (no clock), so the
same release always gets the same page bytes.
"""
from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path, PurePosixPath

import pyarrow as pa
import pyarrow.compute as pc

__all__ = ["INDEX", "PROMOTION_FILES", "PageInfo", "index_file", "release_files", "render_index"]

INDEX = "index.html"
# Written by ``promote_release`` after the page is rendered; the page links them in advance.
PROMOTION_FILES = ("changelog.json", "CHANGELOG.md")

CC_BY = "https://creativecommons.org/licenses/by/4.0/"
CC_BY_SL = "https://creativecommons.org/licenses/by/4.0/deed.sl"

# The Table Schemas carry Slovenian titles per field but not per table; these are the
# page's own wording, used unless a schema declares ``title_sl`` / ``description_sl``.
_KNOWN_FILES = {
    # path → (Slovenian label, English label, format)
    "datapackage.json": ("Opis paketa", "Data Package descriptor", "JSON"),
    "catalog.jsonld": ("Katalog DCAT-AP", "DCAT-AP catalogue", "JSON-LD"),
    "catalog.ttl": ("Katalog DCAT-AP", "DCAT-AP catalogue", "Turtle"),
    "changelog.json": ("Seznam sprememb", "Changelog", "JSON"),
    "CHANGELOG.md": ("Seznam sprememb", "Changelog", "Markdown"),
    "ingest_report.json": ("Poročilo o zajemu", "Ingest report", "JSON"),
}

_CSS = """
:root{color-scheme:light;--ink:#1b1f23;--muted:#57606a;--line:#d0d7de;--accent:#0b5cad;--band:#f3f6f9}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:var(--ink);background:#fff}
header,main,footer{max-width:72rem;margin:0 auto;padding:0 1.25rem}
header{padding-top:2rem;padding-bottom:1rem;border-bottom:4px solid var(--accent)}
h1{font-size:1.9rem;line-height:1.2;margin:0 0 .25rem}
h2{font-size:1.45rem;margin:2.5rem 0 .5rem;padding-top:.5rem;border-top:1px solid var(--line)}
h3{font-size:1.1rem;margin:1.5rem 0 .5rem}
p{margin:.4rem 0}
.en{color:var(--muted)}
a{color:var(--accent)}
a:focus{outline:3px solid #f5b400;outline-offset:2px}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:.75rem 0}
dl.facts dt{font-weight:600}
dl.facts dd{margin:0}
nav ul,ul.downloads{padding-left:1.25rem}
.table-wrap{overflow-x:auto;margin:.5rem 0 1rem;border:1px solid var(--line);border-radius:4px}
table{border-collapse:collapse;width:100%;font-size:.9rem}
caption{text-align:left;font-weight:600;padding:.4rem .6rem;background:var(--band)}
th,td{border-top:1px solid var(--line);padding:.35rem .6rem;text-align:left;vertical-align:top}
thead th{background:var(--band);white-space:nowrap}
tbody th{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-weight:600;white-space:nowrap}
td.num{text-align:right;font-variant-numeric:tabular-nums}
code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.88em}
.enum code{display:inline-block;margin:0 .25rem .15rem 0;padding:0 .25rem;background:var(--band);border-radius:3px}
.preview td{min-width:9rem;overflow-wrap:break-word}
.preview td.num{min-width:4rem}
.empty{color:var(--muted);font-style:italic}
footer{margin-top:3rem;padding-top:1rem;padding-bottom:2rem;border-top:1px solid var(--line);font-size:.92rem}
"""


@dataclass(frozen=True)
class PageInfo:
    """What the page says beyond the descriptor: attributions and how much to preview."""

    register_attribution: str = "Geodetska uprava Republike Slovenije, Register prostorskih enot"
    register_licence: str = "CC BY 4.0"
    register_licence_url: str = CC_BY
    preview_rows: int = 5
    # Long cells (a document's whole text) are cut so the preview stays a preview.
    preview_chars: int = 90
    # The page's Slovenian rendering of the package description (the descriptor's is English).
    description_sl: str = (
        "Motnje in zapore (ogrevanje, voda, plin, elektrika, ceste), javni dogodki in razvojni projekti, "
        "izluščeni iz spletnih strani slovenskih občin in javnih služb, z dokazi za vsak zapis."
    )


def _e(value: object) -> str:
    """Escape text for HTML element content and quoted attribute values."""
    return html.escape(str(value), quote=True)


def _href(path: str) -> str:
    """A relative link to a release file: each segment percent-encoded, then attribute-escaped."""
    from urllib.parse import quote

    return _e("/".join(quote(part) for part in PurePosixPath(path).parts))


def _bytes(size: int | None) -> str:
    if size is None:
        return ""
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def _cell_text(value: object, field: Mapping) -> str:
    """A value as its CSV cell reads: dates ISO, times in the field's format, booleans lowercase."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, time):
        fmt = field.get("format")
        return value.strftime(fmt) if fmt and fmt.startswith("%") else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())  # newlines inside a cell would break the preview's rows
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def date_range(table: pa.Table, fields: Sequence[Mapping]) -> tuple[date, date] | None:
    """Earliest and latest value over the table's ``date`` columns; None when it has none or no values."""
    lows, highs = [], []
    for field in fields:
        if field.get("type") != "date" or field["name"] not in table.column_names:
            continue
        bounds = pc.min_max(table.column(field["name"])).as_py()
        if bounds["min"] is not None:
            lows.append(bounds["min"])
            highs.append(bounds["max"])
    return (min(lows), max(highs)) if lows else None


def distinct_sources(tables: Mapping[str, pa.Table]) -> list[str]:
    """The documents' ``source`` values (site names), sorted, without blanks."""
    documents = tables.get("documents")
    if documents is None or "source" not in documents.column_names:
        return []
    values = pc.unique(documents.column("source")).to_pylist()
    return sorted({v.strip() for v in values if v and v.strip()})


def _texts_sl(name: str, schema: Mapping) -> tuple[str, str]:
    """A table's Slovenian title and description: the schema's own when it has them, else the page's."""
    return schema.get("title_sl", ""), schema.get("description_sl", "")


def _lang(text: str, lang: str, tag: str = "span", cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return f'<{tag} lang="{lang}"{attr}>{_e(text)}</{tag}>'


def _link(path: str, label: str, files: frozenset[str]) -> str:
    """A link when the release holds ``path``; otherwise nothing, so the page never links a missing file."""
    return f'<a href="{_href(path)}">{label}</a>' if path in files else ""


def _data_dictionary(name: str, fields: Sequence[Mapping]) -> str:
    rows = []
    for field in fields:
        enum = (field.get("constraints") or {}).get("enum") or []
        required = (field.get("constraints") or {}).get("required")
        values = "".join(f"<code>{_e(v)}</code>" for v in enum)
        rows.append(
            "<tr>"
            f'<th scope="row">{_e(field["name"])}</th>'
            f'<td class="mono">{_e(field.get("type", "any"))}{" *" if required else ""}</td>'
            f'<td lang="en"><strong>{_e(field.get("title", ""))}</strong> {_e(field.get("description", ""))}</td>'
            f'<td><strong>{_e(field.get("title_sl", ""))}</strong> {_e(field.get("description_sl", ""))}</td>'
            f'<td class="enum">{values}</td>'
            "</tr>"
        )
    return (
        f'<div class="table-wrap"><table class="dictionary" id="dictionary-{_e(name)}">'
        f"<caption>Podatkovni slovar <span lang=\"en\" class=\"en\">· Data dictionary</span> "
        f'(<span class="mono">*</span> obvezno <span lang="en" class="en">required</span>)</caption>'
        '<thead><tr><th scope="col">Polje <span lang="en">Field</span></th>'
        '<th scope="col">Tip <span lang="en">Type</span></th>'
        '<th scope="col" lang="en">Description</th>'
        '<th scope="col">Opis</th>'
        '<th scope="col">Dovoljene vrednosti <span lang="en">Allowed values</span></th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def _preview(name: str, table: pa.Table | None, fields: Sequence[Mapping], info: PageInfo) -> str:
    if table is None or table.num_rows == 0:
        return '<p class="empty">Tabela je prazna. <span lang="en">The table is empty.</span></p>'
    names = [f["name"] for f in fields if f["name"] in table.column_names]
    head = "".join(f'<th scope="col">{_e(n)}</th>' for n in names)
    body = []
    for row in table.slice(0, info.preview_rows).select(names).to_pylist():
        cells = []
        for field in fields:
            if field["name"] not in row:
                continue
            text = _shorten(_cell_text(row[field["name"]], field), info.preview_chars)
            numeric = field.get("type") in ("integer", "number")
            cells.append(f'<td class="num">{_e(text)}</td>' if numeric else f"<td>{_e(text)}</td>")
        body.append(f"<tr>{''.join(cells)}</tr>")
    shown = min(info.preview_rows, table.num_rows)
    return (
        f'<div class="table-wrap"><table class="preview" id="preview-{_e(name)}">'
        f'<caption>Prvih {shown} vrstic <span lang="en" class="en">· First {shown} rows</span></caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )


def _dataset(name: str, csv: Mapping, parquet: Mapping | None, table: pa.Table | None, files: frozenset[str], info: PageInfo) -> str:
    schema = csv.get("schema") or {}
    fields = schema.get("fields") or []
    title = csv.get("title") or schema.get("title") or name
    description = csv.get("description") or schema.get("description") or ""
    title_sl, description_sl = _texts_sl(name, schema)
    rows = table.num_rows if table is not None else None
    span = date_range(table, fields) if table is not None else None
    span_text = f"{span[0].isoformat()} – {span[1].isoformat()}" if span else "—"
    date_fields = ", ".join(f"<code>{_e(f['name'])}</code>" for f in fields if f.get("type") == "date")
    downloads = []
    for resource, label in ((csv, "CSV"), (parquet, "Parquet")):
        if resource and resource.get("path") in files:
            hash_ = str(resource.get("hash", "")).removeprefix("sha256:")
            downloads.append(
                f'<li><a href="{_href(resource["path"])}">{_e(name)} · {label}</a> '
                f'<span class="en">({_e(_bytes(resource.get("bytes")))}'
                + (f', <abbr title="SHA-256">sha256</abbr> <code>{_e(hash_[:12])}…</code>' if hash_ else "")
                + ")</span></li>"
            )
    schema_link = _link(f"schemas/{name}.json", f"Table Schema <code>schemas/{_e(name)}.json</code>", files)
    if schema_link:
        downloads.append(f"<li>{schema_link}</li>")
    heading = f"{_e(title_sl)} <span lang=\"en\" class=\"en\">· {_e(title)}</span>" if title_sl else f'<span lang="en">{_e(title)}</span>'
    return (
        f'<section id="dataset-{_e(name)}" aria-labelledby="heading-{_e(name)}">'
        f'<h2 id="heading-{_e(name)}">{heading}</h2>'
        + (f"<p>{_e(description_sl)}</p>" if description_sl else "")
        + (_lang(description, "en", "p", "en") if description else "")
        + '<dl class="facts">'
        f'<dt>Tabela <span lang="en" class="en">Table</span></dt><dd><code>{_e(name)}</code></dd>'
        f'<dt>Vrstic <span lang="en" class="en">Rows</span></dt><dd>{"—" if rows is None else f"{rows:,}".replace(",", " ")}</dd>'
        f'<dt>Obdobje <span lang="en" class="en">Date range</span></dt><dd>{_e(span_text)}'
        + (f' <span class="en">({date_fields})</span>' if span and date_fields else "")
        + "</dd></dl>"
        + (f'<h3>Prenos <span lang="en" class="en">· Download</span></h3><ul class="downloads">{"".join(downloads)}</ul>' if downloads else "")
        + f'<h3>Podatkovni slovar <span lang="en" class="en">· Data dictionary</span></h3>{_data_dictionary(name, fields)}'
        + f'<h3>Predogled <span lang="en" class="en">· Preview</span></h3>{_preview(name, table, fields, info)}'
        + "</section>"
    )


def _release_downloads(descriptor: Mapping, files: frozenset[str]) -> str:
    items = []
    zips = sorted(f for f in files if "/" not in f and f.endswith(".zip"))
    for path in zips:
        items.append(f'<li><a href="{_href(path)}"><strong>Celotna izdaja (ZIP)</strong></a> '
                     f'<span lang="en" class="en">· Whole release as one archive</span> <code>{_e(path)}</code></li>')
    for path, (label_sl, label_en, fmt) in _KNOWN_FILES.items():
        if path in files:
            items.append(f'<li><a href="{_href(path)}">{_e(label_sl)}</a> <span lang="en" class="en">· {_e(label_en)}</span> '
                         f"({_e(fmt)}) <code>{_e(path)}</code></li>")
    calendars = sorted(f for f in files if f.startswith("calendars/") and f.endswith(".ics"))
    if calendars:
        links = "".join(f'<li><a href="{_href(path)}">{_e(PurePosixPath(path).name)}</a></li>' for path in calendars)
        items.append('<li>Koledarji iCalendar <span lang="en" class="en">· iCalendar feeds (outages, events, one per municipality)</span>'
                     f'<ul class="downloads">{links}</ul></li>')
    schemas = sorted(f for f in files if f.startswith("schemas/") and f.endswith(".json"))
    if schemas:
        links = "".join(f'<li><a href="{_href(path)}">{_e(PurePosixPath(path).name)}</a></li>' for path in schemas)
        items.append(f'<li>Sheme tabel <span lang="en" class="en">· Table Schemas</span><ul class="downloads">{links}</ul></li>')
    return (
        '<section id="downloads" aria-labelledby="heading-downloads">'
        '<h2 id="heading-downloads">Prenosi <span lang="en" class="en">· Downloads</span></h2>'
        f'<ul class="downloads">{"".join(items)}</ul></section>'
    )


def _licence_and_sources(descriptor: Mapping, tables: Mapping[str, pa.Table], info: PageInfo) -> str:
    licences = descriptor.get("licenses") or [{"name": "CC-BY-4.0", "path": CC_BY, "title": "Creative Commons Attribution 4.0 International"}]
    licence_items = "".join(
        f'<li><a href="{_e(lic.get("path") or CC_BY)}" rel="license">{_e(lic.get("title") or lic.get("name", ""))}</a>'
        f' (<span class="mono">{_e(lic.get("name", ""))}</span>)</li>'
        for lic in licences
    )
    sources = distinct_sources(tables)
    source_items = "".join(f"<li>{_e(source)}</li>" for source in sources) or '<li class="empty">—</li>'
    return (
        '<section id="licence" aria-labelledby="heading-licence">'
        '<h2 id="heading-licence">Licenca in viri <span lang="en" class="en">· Licence and sources</span></h2>'
        "<p>Podatki so objavljeni pod licenco Creative Commons Priznanje avtorstva 4.0 (CC BY 4.0). "
        "Pri uporabi navedite vir.</p>"
        '<p lang="en" class="en">The data is published under the Creative Commons Attribution 4.0 '
        "International licence (CC BY 4.0). Please credit the sources below when you use it.</p>"
        f'<ul>{licence_items}<li><a href="{_e(CC_BY_SL)}" lang="sl">CC BY 4.0 (slovensko besedilo)</a></li></ul>'
        '<h3>Viri podatkov <span lang="en" class="en">· Data sources</span></h3>'
        "<p>Zapisi so izluščeni iz objav na spletnih straneh občin in javnih služb:"
        ' <span lang="en" class="en">Records are extracted from notices published on the web sites of:</span></p>'
        f'<ul class="sources">{source_items}</ul>'
        f'<p>Kraji in občine: <span class="attribution">{_e(info.register_attribution)}</span>, '
        f'<a href="{_e(info.register_licence_url)}">{_e(info.register_licence)}</a>.'
        ' <span lang="en" class="en">Places and municipalities are matched against this register.</span></p>'
        "</section>"
    )


def render_index(
    descriptor: Mapping,
    tables: Mapping[str, pa.Table],
    *,
    files: Sequence[str],
    info: PageInfo | None = None,
) -> str:
    """The release's ``index.html``.

    ``descriptor`` is the release's own ``datapackage.json`` (resource paths relative to the
    release folder); ``tables`` the published Arrow tables by name, for row counts, date
    ranges and previews; ``files`` every path (POSIX, relative to the release folder) the
    release will hold. A file is linked only when it is in ``files``.
    """
    info = info or PageInfo()
    available = frozenset(files)
    resources = descriptor.get("resources") or []
    by_name = {r.get("name"): r for r in resources}
    tabular = [r for r in resources if r.get("format") == "csv"]
    title = descriptor.get("title") or descriptor.get("name") or "Open data release"
    version = descriptor.get("version", "")
    nav = "".join(
        f'<li><a href="#dataset-{_e(r["name"])}">{_e(_texts_sl(r["name"], r.get("schema") or {})[0] or r["name"])}</a>'
        f' <span lang="en" class="en">· {_e(r.get("title") or r["name"])}</span></li>'
        for r in tabular
    )
    datasets = "".join(
        _dataset(r["name"], r, by_name.get(f"{r['name']}_parquet"), tables.get(r["name"]), available, info) for r in tabular
    )
    publisher = ", ".join(c.get("title", "") for c in descriptor.get("contributors") or [] if "publisher" in (c.get("roles") or []))
    facts = [
        ("Različica", "Version", f'<code>{_e(version)}</code>'),
        ("Ustvarjeno", "Created", f'<time datetime="{_e(descriptor.get("created", ""))}">{_e(descriptor.get("created", ""))}</time>'),
    ]
    if publisher:
        facts.append(("Izdajatelj", "Publisher", _e(publisher)))
    if descriptor.get("generator"):
        facts.append(("Orodje", "Generator", _e(descriptor["generator"])))
    facts_html = "".join(f'<dt>{sl} <span lang="en" class="en">{en}</span></dt><dd>{value}</dd>' for sl, en, value in facts)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="sl">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)} · {_e(version)}</title>\n"
        f'<meta name="description" content="{_e(descriptor.get("description", ""))}">\n'
        f"<style>{_CSS}</style>\n</head>\n<body>\n"
        f'<header><p class="en">Odprti podatki <span lang="en">· Open data</span> · <code>{_e(descriptor.get("name", ""))}</code></p>'
        f'<h1 lang="en">{_e(title)}</h1>'
        f"<p>{_e(descriptor.get('description_sl') or info.description_sl)}</p>"
        f'{_lang(descriptor.get("description", ""), "en", "p", "en")}'
        f'<dl class="facts">{facts_html}</dl></header>\n'
        '<main>\n<nav aria-label="Vsebina"><h2>Podatkovni nizi <span lang="en" class="en">· Datasets</span></h2>'
        f'<ul>{nav}<li><a href="#downloads">Prenosi</a> <span lang="en" class="en">· Downloads</span></li>'
        '<li><a href="#licence">Licenca in viri</a> <span lang="en" class="en">· Licence and sources</span></li></ul></nav>\n'
        f"{_release_downloads(descriptor, available)}\n{datasets}\n"
        f"{_licence_and_sources(descriptor, tables, info)}\n</main>\n"
        f'<footer><p>Izdaja <code>{_e(version)}</code> · CC BY 4.0. '
        '<span lang="en" class="en">This page works offline; every link points into this release folder.</span></p></footer>\n'
        "</body>\n</html>\n"
    )


def release_files(root: Path, *, pending: Sequence[str] = ()) -> list[str]:
    """Every file under ``root`` (POSIX paths relative to it, sorted) plus ``pending`` ones still to be written."""
    present = {p.relative_to(root).as_posix() for p in Path(root).rglob("*") if p.is_file()}
    return sorted(present | set(pending))


def index_file(root: Path, descriptor: Mapping, tables: Mapping[str, pa.Table], *, zip_name: str,
               info: PageInfo | None = None) -> dict[str, bytes]:
    """``{"index.html": bytes}`` for ``write_files``, linking what ``root`` holds plus the ZIP and changelog to come."""
    files = release_files(root, pending=(INDEX, zip_name, *PROMOTION_FILES))
    return {INDEX: render_index(descriptor, tables, files=files, info=info).encode("utf-8")}
