"""« Annuaire »: the printable directory of the lieux of a territory, grouped by commune.

Communes in French alphabetical order (accents, case and punctuation ignored, « St- » read
« Saint- »), lieux alphabetical within a commune, each lieu as a readable entry (address,
opening hours in plain French, contact, services by group, publics, labels…).

* :func:`collect` (filters, grouping, sort) and :func:`render_html` (one self-contained file,
  user text escaped) are pure Python;
* :func:`render_pdf` writes an A4 PDF with Qt only (``QTextDocument`` + ``QPdfWriter``): a cover,
  a table of contents with page numbers, running headers and page numbers. It paints, hence
  runs on the MAIN THREAD only (a Processing algorithm using it declares « no threading »).

PDF pagination is manual: the directory is laid out once as one ``QTextDocument`` of the text
width (no page height); the document's block positions give the height of each unit (a lieu;
a commune heading with its first lieu, kept together), units are packed onto pages, and each
page draws its slice of the document under a header, above a footer. The table of contents is
laid out twice: first to count its pages (which sets where the content starts), then with the
page numbers found from the block positions; both layouts must be identical (checked).
"""

from __future__ import annotations

import datetime as dt
import html
import math
import os
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable, Optional, Protocol, Sequence

from .i18n import tr
from .schema import Model, load_model, split_multi

#: the label filters that are not values of the standard's enumerations (extension booleans)
LABEL_APTIC = "APTIC"
LABEL_PASS = "Pass numérique"
PUBLISHED = "publie"
_MONTHS_FR = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
              "novembre", "décembre")
_INSEE = re.compile(r"^(?:\d{5}|2[AB]\d{3})$", re.IGNORECASE)
_TRUE = ("true", "1", "oui", "vrai", "yes")


class Feedback(Protocol):
    """What the renderers use of a ``QgsFeedback``."""

    def isCanceled(self) -> bool: ...

    def setProgress(self, progress: float) -> None: ...


# --- sorting --------------------------------------------------------------------------------

def sort_key(text: Optional[str]) -> tuple[str, str, str]:
    """French alphabetical key: accents, case and punctuation ignored first, then broken by them.

    « Écuires » sorts between « Dury » and « Fressenneville »; « Saint-Omer » before
    « Saint-Quentin » before « Sainte-Marie » (a hyphen counts as a space); « St-Pol » as
    « Saint-Pol »; « Le Crotoy » under L; numbers in natural order (« Espace 2 » before « Espace 10 »).
    """
    text = (text or "").strip()
    base = unicodedata.normalize("NFKD", text.casefold())
    base = "".join(c for c in base if not unicodedata.combining(c)).replace("œ", "oe").replace("æ", "ae")
    words = re.sub(r"[\W_]+", " ", base).split()
    words = ["saint" if w == "st" else "sainte" if w == "ste" else w for w in words]
    primary = re.sub(r"\d+", lambda m: m.group().zfill(9), " ".join(words))
    return primary, text.casefold(), text


# --- filters --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Options:
    """What goes into the annuaire. Empty tuples mean « no filter »; filters combine with AND."""

    #: keep lieux offering ANY of these services (values of the standard)
    services: tuple[str, ...] = ()
    #: keep lieux with ANY of these labels / dispositifs (values of the standard, or APTIC, Pass numérique)
    labels: tuple[str, ...] = ()
    #: keep only ``hdf_statut = 'publie'``
    published_only: bool = True
    #: keep lieux whose code INSEE starts with one of these (« 80 »: the Somme; « 80021 »: Amiens)
    insee_prefixes: tuple[str, ...] = ()
    #: keep lieux of these communes (names, compared as :func:`sort_key` does)
    communes: tuple[str, ...] = ()


def parse_territory(text: Optional[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """« 80, 02408, Saint-Quentin » → code INSEE prefixes ``("80", "02408")`` and names ``("Saint-Quentin",)``."""
    prefixes, names = [], []
    for part in re.split(r"[,;\n]", text or ""):
        part = part.strip()
        if not part:
            continue
        if re.fullmatch(r"\d{1,5}|2[AB]\d{0,3}", part, re.IGNORECASE):
            prefixes.append(part.upper())
        else:
            names.append(part)
    return tuple(prefixes), tuple(names)


def is_true(value: Optional[str]) -> bool:
    """A boolean cell of a row (« true », « 1 »…)."""
    return (value or "").strip().lower() in _TRUE


def label_choices(model: Optional[Model] = None) -> list[str]:
    """The label filters offered: APTIC, Pass numérique, then the standard's dispositifs and labels."""
    model = model or load_model()
    choices = [LABEL_APTIC, LABEL_PASS]
    for name in ("dispositif_programmes_nationaux", "formations_labels"):
        choices += [v for v in model.field(name).enum if v not in choices]
    return choices


def row_labels(row: dict[str, str]) -> list[str]:
    """The labels and dispositifs of a lieu as the filter sees them (APTIC, Pass numérique included)."""
    values = (split_multi(row.get("dispositif_programmes_nationaux")) + split_multi(row.get("formations_labels"))
              + split_multi(row.get("autres_formations_labels")))
    if is_true(row.get("hdf_aptic")):
        values.append(LABEL_APTIC)
    if is_true(row.get("hdf_pass_numerique")):
        values.append(LABEL_PASS)
    return values


def matches(row: dict[str, str], options: Options) -> bool:
    """Whether a lieu goes into the annuaire."""
    if options.published_only and (row.get("hdf_statut") or "").strip() != PUBLISHED:
        return False
    if options.services and not set(options.services) & set(split_multi(row.get("services"))):
        return False
    if options.labels:
        wanted = {v.casefold() for v in options.labels}
        if not wanted & {v.casefold() for v in row_labels(row)}:
            return False
    if options.insee_prefixes or options.communes:
        code = (row.get("code_insee") or "").strip().upper()
        by_code = any(code.startswith(p.upper()) for p in options.insee_prefixes) if code else False
        by_name = sort_key(row.get("commune"))[0] in {sort_key(n)[0] for n in options.communes}
        if not (by_code or by_name):
            return False
    return True


def describe_options(options: Options) -> list[str]:
    """The filters in French, for the cover (« Lieux publiés uniquement », « Services : … »)."""
    notes = []
    if options.published_only:
        notes.append(tr("Lieux publiés uniquement"))
    if options.services:
        notes.append(tr("Services : {services}").format(services=", ".join(options.services)))
    if options.labels:
        notes.append(tr("Labels et dispositifs : {labels}").format(labels=", ".join(options.labels)))
    return notes


# --- entries --------------------------------------------------------------------------------

@dataclass
class Contact:
    """One way to reach a lieu: kind (« Téléphone »…), text shown, link (``""``: none)."""

    kind: str
    text: str
    href: str = ""
    #: contacts of the same line are printed together in the PDF (« tel » phone and e-mails, « web »)
    line: str = "tel"


@dataclass
class Rubric:
    """One piece of information: title, text; rubrics of the same ``line`` share a PDF line."""

    title: str
    text: str
    line: str


@dataclass
class Entry:
    """A lieu as the annuaire prints it (plain texts; renderers escape them)."""

    id: str
    name: str
    address: str
    locality: str
    hours: str
    contacts: list[Contact] = field(default_factory=list)
    #: service groups, publics, modalités, frais, labels
    rubrics: list[Rubric] = field(default_factory=list)
    service_groups: tuple[str, ...] = ()


@dataclass
class CommuneGroup:
    """The lieux of one commune, in order."""

    name: str
    code_insee: str
    anchor: str
    entries: list[Entry] = field(default_factory=list)


def format_phone(value: Optional[str]) -> str:
    """« +33322334455 » → « 03 22 33 44 55 »; anything else as it is."""
    text = (value or "").strip()
    digits = re.sub(r"[\s.]", "", text)
    match = re.fullmatch(r"(?:\+33|0033|0)([1-9]\d{8})", digits)
    if not match:
        return text
    national = "0" + match.group(1)
    return " ".join(national[i:i + 2] for i in range(0, 10, 2))


def _phone_href(value: str) -> str:
    digits = re.sub(r"[\s.]", "", value)
    return f"tel:{digits}" if re.fullmatch(r"\+?\d{4,15}", digits) else ""


def _web_href(url: str) -> str:
    return url if url.lower().startswith(("http://", "https://")) and not re.search(r"\s", url) else ""


def _short_url(url: str) -> str:
    return re.sub(r"^https?://(www\.)?", "", url, flags=re.IGNORECASE).rstrip("/") or url


def format_date_fr(day: dt.date) -> str:
    """« 1er mars 2026 », « 12 mars 2026 »."""
    return f"{'1er' if day.day == 1 else day.day} {_MONTHS_FR[day.month - 1]} {day.year}"


def _count(number: int, singular: str, plural: str) -> str:
    return (singular if number <= 1 else plural).format(n=f"{number:,}".replace(",", "\u202f"))


def detail_fields() -> tuple[tuple[str, str, str], ...]:
    """Fields listed in an entry after the services: name, title shown (as in the fiche), PDF line."""
    return (("publics_specifiquement_adresses", tr("Publics spécifiquement adressés"), "publics"),
            ("prise_en_charge_specifique", tr("Prise en charge spécifique"), "publics"),
            ("modalites_acces", tr("Modalités d'accès"), "modalites"),
            ("modalites_accompagnement", tr("Modalités d'accompagnement"), "modalites"),
            ("frais_a_charge", tr("Frais à charge"), "modalites"))


def _labels_of(model: Model, name: str, value: Optional[str]) -> list[str]:
    if not model.has_field(name):
        return split_multi(value)
    spec = model.field(name)
    return [spec.label(v) for v in split_multi(value)]


def build_entry(row: dict[str, str], model: Optional[Model] = None) -> Entry:
    """The entry of one lieu (row: model field → text)."""
    from .opening_hours import describe_fr

    model = model or load_model()
    address = ", ".join(x.strip() for x in (row.get("adresse") or "", row.get("complement_adresse") or "") if x.strip())
    locality = " ".join(x.strip() for x in (row.get("code_postal") or "", row.get("commune") or "") if x.strip())
    hours = describe_fr(row.get("horaires")).strip() if (row.get("horaires") or "").strip() else ""
    contacts = []
    phone = (row.get("telephone") or "").strip()
    if phone:
        contacts.append(Contact(tr("Téléphone"), format_phone(phone), _phone_href(phone)))
    for mail in split_multi(row.get("courriels")):
        contacts.append(Contact(tr("Courriel"), mail, f"mailto:{mail}" if re.fullmatch(r"[^@\s<>\"']+@[^@\s<>\"']+", mail) else ""))
    for site in split_multi(row.get("site_web")):
        contacts.append(Contact(tr("Site"), _short_url(site) if _web_href(site) else site, _web_href(site), "web"))
    rdv = (row.get("prise_rdv") or "").strip()
    if rdv:
        contacts.append(Contact(tr("Prise de rendez-vous"), _short_url(rdv) if _web_href(rdv) else rdv, _web_href(rdv), "web"))
    services = split_multi(row.get("services"))
    rubrics: list[Rubric] = []
    groups = []
    for group_id, label, group_services in model.service_groups:
        chosen = [s for s in services if s in group_services]
        if chosen:
            rubrics.append(Rubric(label, ", ".join(chosen), group_id))
            groups.append(group_id)
    others = [s for s in services if not any(s in g[2] for g in model.service_groups)]
    if others:
        rubrics.append(Rubric(tr("Services"), ", ".join(others), "services"))
    if not services:
        rubrics.append(Rubric(tr("Services"), tr("Ce lieu n’accueille pas de public."), "services"))
    for name, title, line in detail_fields():
        values = _labels_of(model, name, row.get(name))
        if values:
            rubrics.append(Rubric(title, ", ".join(values), line))
    labels = (_labels_of(model, "dispositif_programmes_nationaux", row.get("dispositif_programmes_nationaux"))
              + _labels_of(model, "formations_labels", row.get("formations_labels"))
              + split_multi(row.get("autres_formations_labels")))
    if is_true(row.get("hdf_aptic")):
        labels = [v for v in labels if v.casefold() != LABEL_APTIC.casefold()] + [tr("Chèques APTIC acceptés")]
    if is_true(row.get("hdf_pass_numerique")):
        labels.append(tr("Pass numérique"))
    labels = list(dict.fromkeys(labels))
    if labels:
        rubrics.append(Rubric(tr("Dispositifs et labels"), ", ".join(labels), "labels"))
    name = (row.get("nom") or "").strip() or tr("Lieu sans nom")
    return Entry(id=(row.get("id") or "").strip(), name=name, address=address, locality=locality, hours=hours,
                 contacts=contacts, rubrics=rubrics, service_groups=tuple(groups))


def collect(rows: Iterable[dict[str, str]], options: Optional[Options] = None,
            model: Optional[Model] = None) -> list[CommuneGroup]:
    """The lieux kept by the options, grouped by commune, both in French alphabetical order.

    A commune is its code INSEE (else its name); its shown name is the most frequent spelling.
    Lieux without a commune come last, under « Commune non précisée ».
    """
    options = options or Options()
    model = model or load_model()
    buckets: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        if not matches(row, options):
            continue
        code = (row.get("code_insee") or "").strip().upper()
        name = (row.get("commune") or "").strip()
        key = code if _INSEE.match(code) else ("nom:" + sort_key(name)[0] if name else "")
        buckets.setdefault(key, []).append(row)
    by_name = {}  # a lieu without code INSEE joins the coded commune of the same name
    for key, members in buckets.items():
        if _INSEE.match(key):
            by_name.setdefault("nom:" + sort_key(members[0].get("commune"))[0], key)
    for key in [k for k in buckets if k.startswith("nom:") and k in by_name]:
        buckets[by_name[key]] += buckets.pop(key)
    keyed = []
    for key, members in buckets.items():
        names = Counter((r.get("commune") or "").strip() for r in members if (r.get("commune") or "").strip())
        name = names.most_common(1)[0][0] if names else tr("Commune non précisée")
        entries = sorted((build_entry(r, model) for r in members), key=lambda e: (sort_key(e.name), e.id))
        group = CommuneGroup(name=name, code_insee=key if _INSEE.match(key) else "", anchor="", entries=entries)
        keyed.append(((key == "", sort_key(name), key), group))
    groups = [group for _key, group in sorted(keyed, key=lambda item: item[0])]
    used: set[str] = set()
    for index, group in enumerate(groups, start=1):
        anchor = f"commune-{group.code_insee}" if group.code_insee else f"commune-n{index}"
        while anchor in used:
            anchor += "-bis"
        used.add(anchor)
        group.anchor = anchor
    return groups


def lieu_count(groups: Sequence[CommuneGroup]) -> int:
    """Number of lieux in the groups."""
    return sum(len(g.entries) for g in groups)


def _summary(groups: Sequence[CommuneGroup], model: Model) -> list[str]:
    """« 48 lieux dans 44 communes », then the lieux of each service group."""
    total = lieu_count(groups)
    lines = [_count(total, tr("{n} lieu de médiation numérique"), tr("{n} lieux de médiation numérique")) + " "
             + _count(len(groups), tr("dans {n} commune"), tr("dans {n} communes"))]
    per_group = []
    for group_id, label, _services in model.service_groups:
        number = sum(1 for g in groups for e in g.entries if group_id in e.service_groups)
        if number:
            per_group.append(tr("{groupe} : {nombre}").format(groupe=label, nombre=_count(number, tr("{n} lieu"), tr("{n} lieux"))))
    if per_group:
        lines.append(" · ".join(per_group))
    return lines


# --- HTML -----------------------------------------------------------------------------------

STYLE = """
body { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 10.5pt; color: #1e1e1e; line-height: 1.4;
       max-width: 52em; margin: 0 auto; padding: 1.5em; }
a { color: #0b5394; }
.couverture { text-align: center; border-top: 10px solid #143d59; border-bottom: 4px solid #143d59;
              padding: 3em 1em; margin-bottom: 2em; }
.couverture .surtitre { letter-spacing: .15em; color: #5a7184; font-size: 9pt; text-transform: uppercase; }
.couverture h1 { font-size: 24pt; color: #143d59; margin: .3em 0; }
.couverture .territoire { font-size: 17pt; margin: .2em 0; }
.couverture .date { color: #555; }
.couverture .compte { font-weight: bold; margin-top: 1.5em; }
.couverture ul { list-style: none; padding: 0; color: #555; font-size: 9.5pt; }
.sommaire h2 { color: #143d59; font-size: 15pt; }
.sommaire ol { list-style: none; padding: 0; columns: 2; column-gap: 2em; }
.sommaire li { display: flex; gap: .5em; break-inside: avoid; }
.sommaire li .nb { margin-left: auto; color: #666; font-size: 9pt; }
section.commune > h2 { background: #143d59; color: #fff; font-size: 13pt; padding: .25em .5em; margin: 1.6em 0 .6em 0; }
article.lieu { border-left: 3px solid #c8d3dc; padding: .1em 0 .1em .8em; margin: .9em 0; }
article.lieu h3 { font-size: 11.5pt; color: #143d59; margin: 0; }
.adresse { color: #444; margin: .1em 0 .3em 0; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .1em .8em; margin: .2em 0; }
dt { font-weight: bold; color: #555; }
dd { margin: 0; }
.pied { margin-top: 2em; color: #666; font-size: 9pt; border-top: 1px solid #c8d3dc; padding-top: .5em; }
@page { size: A4; margin: 18mm 16mm 20mm 16mm;
        @bottom-center { content: "Page " counter(page) " / " counter(pages); font-size: 8pt; color: #666; } }
@media print {
  body { max-width: none; padding: 0; }
  .couverture, .sommaire { break-after: page; }
  section.commune > h2 { break-after: avoid; }
  article.lieu { break-inside: avoid; }
}
"""


def _e(text: Optional[str]) -> str:
    return html.escape(text or "", quote=True)


def _html_entry(entry: Entry, number: int) -> str:
    parts = [f'<article class="lieu" id="lieu-{number}">', f"<h3>{_e(entry.name)}</h3>"]
    where = " — ".join(x for x in (entry.address, entry.locality) if x)
    if where:
        parts.append(f'<p class="adresse">{_e(where)}</p>')
    items = []
    if entry.hours:
        items.append((tr("Horaires"), _e(entry.hours)))
    for contact in entry.contacts:
        value = f'<a href="{_e(contact.href)}">{_e(contact.text)}</a>' if contact.href else _e(contact.text)
        items.append((contact.kind, value))
    items += [(rubric.title, _e(rubric.text)) for rubric in entry.rubrics]
    if items:
        parts.append("<dl>" + "".join(f"<dt>{_e(title)}</dt><dd>{value}</dd>" for title, value in items) + "</dl>")
    parts.append("</article>")
    return "".join(parts)


def render_html(groups: Sequence[CommuneGroup], title: str, territory: str, date: Optional[dt.date] = None,
                notes: Sequence[str] = (), model: Optional[Model] = None) -> str:
    """The annuaire as one self-contained HTML page (inline CSS, no script, no external resource)."""
    model = model or load_model()
    date = date or dt.date.today()
    cover = [f'<header class="couverture"><p class="surtitre">{_e(tr("Médiation numérique"))}</p>',
             f"<h1>{_e(title)}</h1>", f'<p class="territoire">{_e(territory)}</p>',
             f'<p class="date">{_e(tr("Édition du {date}").format(date=format_date_fr(date)))}</p>']
    summary = _summary(groups, model)
    cover.append(f'<p class="compte">{_e(summary[0])}</p>')
    cover.append("<ul>" + "".join(f"<li>{_e(line)}</li>" for line in summary[1:] + list(notes)) + "</ul></header>")
    toc = [f'<nav class="sommaire" aria-label="{_e(tr("Sommaire"))}"><h2>{_e(tr("Sommaire"))}</h2><ol>']
    toc += [f'<li><a href="#{g.anchor}">{_e(g.name)}</a><span class="nb">{_e(_count(len(g.entries), tr("{n} lieu"), tr("{n} lieux")))}'
            f"</span></li>" for g in groups]
    toc.append("</ol></nav>")
    body, number = ["<main>"], 0
    for group in groups:
        body.append(f'<section class="commune" id="{group.anchor}"><h2>{_e(group.name)}</h2>')
        for entry in group.entries:
            number += 1
            body.append(_html_entry(entry, number))
        body.append("</section>")
    body.append("</main>")
    foot = tr("Source : base des lieux de médiation numérique — édition du {date}.").format(date=format_date_fr(date))
    page_title = f"{title} — {territory}" if territory else title
    return ('<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{_e(page_title)}</title><style>{STYLE}</style></head><body>\n"
            + "\n".join(cover) + "\n" + "\n".join(toc) + "\n" + "\n".join(body)
            + f'\n<footer class="pied">{_e(foot)}</footer>\n</body></html>\n')


# --- PDF: pagination (pure) -----------------------------------------------------------------

@dataclass
class Slice:
    """A piece of the content document that stays on one page (document coordinates)."""

    top: float
    bottom: float
    #: distance to the next slice's top (its own height plus the gap after it)
    advance: float
    commune: int
    starts_commune: bool


@dataclass
class Page:
    """The slices ``first..last`` drawn from ``offset`` below the top of the page body."""

    first: int
    last: int
    offset: float
    #: the commune continued from the previous page (its name is repeated on top), or -1
    continued: int = -1


def paginate(slices: Sequence[Slice], body_height: float, continued_height: float) -> list[Page]:
    """Pack slices onto pages in order; a page not starting a commune repeats its name on top."""
    pages: list[Page] = []
    y = 0.0
    for index, piece in enumerate(slices):
        height = piece.bottom - piece.top
        if not pages or (index > pages[-1].first and y + height > body_height):
            continued = piece.commune if pages and not piece.starts_commune else -1
            y = continued_height if continued >= 0 else 0.0
            pages.append(Page(first=index, last=index, offset=y, continued=continued))
        pages[-1].last = index
        y += piece.advance
    return pages


def toc_layout(count: int, rows_first: int, rows_other: int) -> list[range]:
    """The rows of each table-of-contents page (the first page holds fewer: it has the title)."""
    pages, start = [], 0
    while start < count or not pages:
        size = rows_first if not pages else rows_other
        pages.append(range(start, min(count, start + size)))
        start += size
    return pages


# --- PDF: Qt --------------------------------------------------------------------------------

A4_MM = (210.0, 297.0)
MARGINS_MM = {"left": 18.0, "right": 18.0, "top": 22.0, "bottom": 20.0}
PDF_DPI = 300
FONT_FAMILY = "DejaVu Sans"
BLUE = "#143d59"


def _check_main_thread() -> None:
    from qgis.PyQt.QtCore import QCoreApplication, QThread
    from qgis.PyQt.QtGui import QGuiApplication

    app = QCoreApplication.instance()
    if not isinstance(app, QGuiApplication):
        raise RuntimeError(tr("L'annuaire PDF a besoin d'une application graphique Qt (QGIS)."))
    if QThread.currentThread() != app.thread():
        raise RuntimeError(tr("L'annuaire PDF se dessine dans le fil principal de QGIS uniquement."))


#: between two pieces of information on a PDF line (kept at the end of the line when it wraps)
SEPARATOR = "\u00a0\u00a0·\u00a0 "


def _title(title: str) -> str:
    """« Frais à charge : » that never wraps (French spacing: no-break space before the colon)."""
    return title.replace(" ", "\u00a0") + "\u00a0: "


def _font(size: float, bold: bool = False, family: str = FONT_FAMILY):
    from qgis.PyQt.QtGui import QFont

    font = QFont(family)
    font.setPointSizeF(size)
    font.setBold(bold)
    # no ligatures: text copied from the PDF (e-mails, « fi ») stays what was typed
    font.setStyleStrategy(QFont.StyleStrategy.PreferNoShaping)
    return font


class _ContentBuilder:
    """Writes the directory into a QTextDocument with a cursor, remembering each unit's blocks."""

    def __init__(self, device, width: float):
        from qgis.PyQt.QtGui import QBrush, QColor, QTextBlockFormat, QTextCharFormat, QTextCursor, QTextDocument, QTextOption

        self.doc = QTextDocument()
        self.doc.setUndoRedoEnabled(False)
        self.doc.documentLayout().setPaintDevice(device)
        self.doc.setDocumentMargin(0)
        self.doc.setDefaultFont(_font(9))
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.doc.setDefaultTextOption(option)
        self.width = width
        self.cursor = QTextCursor(self.doc)
        self._empty = True

        def char(size: float, bold: bool = False, color: str = "#1e1e1e") -> QTextCharFormat:
            fmt = QTextCharFormat()
            fmt.setFont(_font(size, bold))
            fmt.setForeground(QBrush(QColor(color)))
            return fmt

        def block(top: float = 0, bottom: float = 0, left: float = 0, background: str = "") -> QTextBlockFormat:
            fmt = QTextBlockFormat()
            fmt.setTopMargin(top)
            fmt.setBottomMargin(bottom)
            fmt.setLeftMargin(left)
            if background:
                fmt.setBackground(QBrush(QColor(background)))
            return fmt

        self.heading_block, self.heading_char = block(top=16, bottom=6, background=BLUE), char(12.5, True, "#ffffff")
        self.name_block, self.name_char = block(top=11, bottom=1), char(10.5, True, BLUE)
        self.address_block, self.address_char = block(left=14, bottom=2), char(9, False, "#444444")
        self.line_block, self.text_char, self.label_char = block(left=14), char(9), char(9, True, "#555555")
        self.link_char = char(9, False, "#0b5394")

    def _block(self, block_fmt, char_fmt) -> int:
        if self._empty:
            self.cursor.setBlockFormat(block_fmt)
            self.cursor.setBlockCharFormat(char_fmt)
            self._empty = False
        else:
            self.cursor.insertBlock(block_fmt, char_fmt)
        return self.cursor.blockNumber()

    def _line(self, runs: list[tuple[str, Any]]) -> int:
        number = self._block(self.line_block, self.text_char)
        for text, fmt in runs:
            self.cursor.insertText(text, fmt)
        return number

    def heading(self, name: str) -> int:
        """A commune heading; its block number."""
        number = self._block(self.heading_block, self.heading_char)
        self.cursor.insertText("\u2002" + name, self.heading_char)
        return number

    def entry(self, entry: Entry) -> tuple[int, int]:
        """A lieu; its first and last block numbers."""
        from qgis.PyQt.QtGui import QTextCharFormat

        first = self._block(self.name_block, self.name_char)
        self.cursor.insertText(entry.name, self.name_char)
        last = first
        where = " — ".join(x for x in (entry.address, entry.locality) if x)
        if where:
            last = self._block(self.address_block, self.address_char)
            self.cursor.insertText(where, self.address_char)
        if entry.hours:
            last = self._line([(_title(tr("Horaires")), self.label_char), (entry.hours, self.text_char)])
        for line in ("tel", "web"):
            runs: list[tuple[str, Any]] = []
            kind = ""
            for contact in (c for c in entry.contacts if c.line == line):
                if contact.kind == kind:
                    runs.append((", ", self.text_char))
                else:
                    if runs:
                        runs.append((SEPARATOR, self.text_char))
                    runs.append((_title(contact.kind), self.label_char))
                kind = contact.kind
                if contact.href:
                    link = QTextCharFormat(self.link_char)
                    link.setAnchor(True)
                    link.setAnchorHref(contact.href)
                    runs.append((contact.text, link))
                else:
                    runs.append((contact.text, self.text_char))
            if runs:
                last = self._line(runs)
        runs, current = [], None
        for rubric in entry.rubrics + [Rubric("", "", "")]:
            if runs and rubric.line != current:
                last = self._line(runs)
                runs = []
            if not rubric.line:
                break
            if runs:
                runs.append((SEPARATOR, self.text_char))
            runs += [(_title(rubric.title), self.label_char), (rubric.text, self.text_char)]
            current = rubric.line
        return first, last


def _content(groups: Sequence[CommuneGroup], device, width: float, feedback: Optional[Feedback]):
    """The content document and its units: (first block, last block, commune index, starts commune)."""
    builder = _ContentBuilder(device, width)
    units: list[tuple[int, int, int, bool]] = []
    builder.cursor.beginEditBlock()
    for index, group in enumerate(groups):
        if feedback is not None:
            if feedback.isCanceled():
                return None, []
            feedback.setProgress(30.0 * index / max(len(groups), 1))
        heading = builder.heading(group.name)
        for number, entry in enumerate(group.entries):
            first, last = builder.entry(entry)
            units.append((heading if number == 0 else first, last, index, number == 0))
        if not group.entries:
            units.append((heading, heading, index, True))
    builder.cursor.endEditBlock()
    builder.doc.setTextWidth(width)
    return builder.doc, units


def _slices(doc, units: list[tuple[int, int, int, bool]], limit: float) -> list[Slice]:
    """Units measured on the laid-out document; one taller than ``limit`` is cut between blocks (or lines)."""
    layout = doc.documentLayout()

    def rect(number: int):
        return layout.blockBoundingRect(doc.findBlockByNumber(number))

    pieces: list[tuple[float, float, int, bool]] = []
    for first, last, commune, starts in units:
        top, bottom = rect(first).top(), rect(last).bottom()
        if bottom - top <= limit:
            pieces.append((top, bottom, commune, starts))
            continue
        for number in range(first, last + 1):  # too tall: block by block, line by line if need be
            block_rect = rect(number)
            if block_rect.height() <= limit:
                pieces.append((block_rect.top(), block_rect.bottom(), commune, starts and number == first))
                continue
            text_layout = doc.findBlockByNumber(number).layout()
            origin = text_layout.position().y()
            for line_index in range(text_layout.lineCount()):
                line = text_layout.lineAt(line_index)
                pieces.append((origin + line.y(), origin + line.y() + line.height(), commune,
                               starts and number == first and line_index == 0))
    slices = []
    for index, (top, bottom, commune, starts) in enumerate(pieces):
        following = pieces[index + 1][0] if index + 1 < len(pieces) else bottom
        slices.append(Slice(top=top, bottom=bottom, advance=max(following - top, bottom - top), commune=commune,
                            starts_commune=starts))
    return slices


def _mm(value: float) -> float:
    return value * PDF_DPI / 25.4


def _elide(metrics, text: str, width: float) -> str:
    from qgis.PyQt.QtCore import Qt

    return metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(width))


def render_pdf(groups: Sequence[CommuneGroup], path: str, title: str, territory: str, date: Optional[dt.date] = None,
               feedback: Optional[Feedback] = None, notes: Sequence[str] = (), model: Optional[Model] = None) -> int:
    """Write the annuaire as an A4 PDF; the number of pages (0 when cancelled: no file is left).

    Main thread only (it paints). Progress and cancellation through ``feedback`` (a QgsFeedback).
    """
    from qgis.PyQt.QtCore import QMarginsF, QPointF, QRectF, Qt
    from qgis.PyQt.QtGui import QColor, QFontMetricsF, QPageLayout, QPageSize, QPainter, QPdfWriter, QPen, QTextDocument

    _check_main_thread()
    model = model or load_model()
    date = date or dt.date.today()
    writer = QPdfWriter(path)
    writer.setResolution(PDF_DPI)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
    writer.setTitle(f"{title} — {territory}" if territory else title)
    writer.setCreator(tr("Médiation numérique — Géo2France (QGIS)"))
    page_w, page_h = _mm(A4_MM[0]), _mm(A4_MM[1])
    left, top = _mm(MARGINS_MM["left"]), _mm(MARGINS_MM["top"])
    width = page_w - left - _mm(MARGINS_MM["right"])
    body_h = page_h - top - _mm(MARGINS_MM["bottom"])

    heading_font, small_font, toc_font = _font(10, True), _font(7.5), _font(10)
    heading_metrics = QFontMetricsF(heading_font, writer)
    continued_h = heading_metrics.lineSpacing() * 1.8

    doc, units = _content(groups, writer, width, feedback)
    if doc is None:
        return 0
    slices = _slices(doc, units, body_h - continued_h)
    content_pages = paginate(slices, body_h, continued_h)
    if feedback is not None:
        if feedback.isCanceled():
            return 0
        feedback.setProgress(45)

    # table of contents: pass 1 counts its pages, pass 2 is filled with the page numbers found
    toc_metrics = QFontMetricsF(_font(10), writer)
    row_h = toc_metrics.lineSpacing() * 1.45
    title_h = QFontMetricsF(_font(16, True), writer).lineSpacing() * 2.2
    rows_first, rows_other = max(1, int((body_h - title_h) // row_h)), max(1, int(body_h // row_h))
    names = [g.name for g in groups]
    columns = 1 if len(names) <= rows_first else 2
    column_gap = _mm(10)
    column_w = (width - column_gap * (columns - 1)) / columns
    number_w = toc_metrics.horizontalAdvance("0000")
    dots = QPen(QColor("#9aa9b5"), _mm(0.35))
    dots.setStyle(Qt.PenStyle.DotLine)
    name_w = column_w - number_w - _mm(8)

    def toc_pass(numbers: list[str]) -> list[list[tuple[str, str]]]:
        """The contents pages as drawn: rows of (name, elided to its column; page number)."""
        rows = [(_elide(toc_metrics, name, name_w), number) for name, number in zip(names, numbers)]
        return [[rows[i] for i in page] for page in toc_layout(len(rows), rows_first * columns, rows_other * columns)]

    first_pass = toc_pass([""] * len(names))
    first_content_page = 1 + len(first_pass) + 1
    heading_page: dict[int, int] = {}
    for page_index, page in enumerate(content_pages):
        for piece in slices[page.first:page.last + 1]:
            if piece.starts_commune:
                heading_page.setdefault(piece.commune, first_content_page + page_index)
    numbers = [str(heading_page.get(i, "")) for i in range(len(names))]
    second_pass = toc_pass(numbers)
    if ([[name for name, _ in page] for page in second_pass] != [[name for name, _ in page] for page in first_pass]
            or any(toc_metrics.horizontalAdvance(number) > number_w for number in numbers)):
        raise RuntimeError("table des matières : mise en page différente entre les deux passes")
    total = 1 + len(second_pass) + len(content_pages)

    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(tr("Impossible d'écrire le fichier PDF {fichier}.").format(fichier=path))
    grey, blue = QColor("#666666"), QColor(BLUE)

    def footer(number: int) -> None:
        painter.setFont(small_font)
        painter.setPen(grey)
        text = tr("Page {n} / {total}").format(n=number, total=total)
        x = left + (width - QFontMetricsF(small_font, writer).horizontalAdvance(text)) / 2
        painter.drawText(QPointF(x, page_h - _mm(MARGINS_MM["bottom"]) + _mm(10)), text)

    def header(right_text: str) -> None:
        painter.setFont(small_font)
        painter.setPen(grey)
        metrics = QFontMetricsF(small_font, writer)
        baseline = top - _mm(7)
        left_text = f"{title} — {territory}" if territory else title
        right_text = _elide(metrics, right_text, width * 0.45)
        painter.drawText(QPointF(left, baseline), _elide(metrics, left_text, width * 0.5))
        painter.drawText(QPointF(left + width - metrics.horizontalAdvance(right_text), baseline), right_text)
        painter.setPen(QPen(QColor("#c8d3dc"), _mm(0.3)))
        painter.drawLine(QPointF(left, baseline + _mm(2)), QPointF(left + width, baseline + _mm(2)))

    try:
        # cover
        painter.fillRect(QRectF(0, 0, page_w, _mm(14)), blue)
        painter.fillRect(QRectF(0, page_h - _mm(6), page_w, _mm(6)), blue)
        summary = _summary(groups, model)
        cover = QTextDocument()
        cover.documentLayout().setPaintDevice(writer)
        cover.setDocumentMargin(0)
        cover.setDefaultFont(_font(11))
        lines = [f'<p style="font-size:9pt; color:#5a7184;">{_e(tr("Médiation numérique").upper())}</p>',
                 f'<p style="font-size:26pt; font-weight:bold; color:{BLUE};">{_e(title)}</p>',
                 f'<p style="font-size:18pt; margin-top:12px;">{_e(territory)}</p>',
                 f'<p style="font-size:11pt; color:#555555;">{_e(tr("Édition du {date}").format(date=format_date_fr(date)))}</p>',
                 f'<p style="font-size:12pt; font-weight:bold; margin-top:40px;">{_e(summary[0])}</p>']
        lines += [f'<p style="font-size:10pt; color:#555555;">{_e(line)}</p>' for line in summary[1:] + list(notes)]
        cover.setHtml("".join(lines))
        cover.setTextWidth(width)
        painter.save()
        painter.translate(left, _mm(70))
        cover.drawContents(painter, QRectF(0, 0, width, body_h))
        painter.restore()
        footer(1)

        # table of contents
        for toc_index, rows in enumerate(second_pass):
            writer.newPage()
            header(tr("Sommaire"))
            y = top
            if toc_index == 0:
                painter.setFont(_font(16, True))
                painter.setPen(blue)
                painter.drawText(QPointF(left, y + QFontMetricsF(_font(16, True), writer).ascent()), tr("Sommaire"))
                y += title_h
            painter.setFont(toc_font)
            per_column = math.ceil(len(rows) / columns)
            for position, (name, number) in enumerate(rows):
                column, line = divmod(position, per_column)
                x = left + column * (column_w + column_gap)
                baseline = y + line * row_h + toc_metrics.ascent()
                painter.setPen(QColor("#1e1e1e"))
                painter.drawText(QPointF(x, baseline), name)
                painter.drawText(QPointF(x + column_w - toc_metrics.horizontalAdvance(number), baseline), number)
                painter.setPen(dots)
                start, end = x + toc_metrics.horizontalAdvance(name) + _mm(2), x + column_w - number_w - _mm(2)
                if end > start:
                    painter.drawLine(QPointF(start, baseline), QPointF(end, baseline))
            footer(2 + toc_index)

        # content
        for page_index, page in enumerate(content_pages):
            if feedback is not None:
                if feedback.isCanceled():
                    raise _CancelledError
                feedback.setProgress(45 + 55.0 * page_index / max(len(content_pages), 1))
            writer.newPage()
            on_page = [s.commune for s in slices[page.first:page.last + 1]]
            first_name, last_name = names[on_page[0]], names[on_page[-1]]
            header(first_name if first_name == last_name else f"{first_name} – {last_name}")
            if page.continued >= 0:
                painter.setFont(heading_font)
                painter.setPen(blue)
                painter.drawText(QPointF(left, top + heading_metrics.ascent()),
                                 tr("{commune} (suite)").format(commune=names[page.continued]))
            region_top, region_bottom = slices[page.first].top, slices[page.last].bottom
            painter.save()
            painter.translate(left, top + page.offset - region_top)
            doc.drawContents(painter, QRectF(0, region_top, width, region_bottom - region_top))
            painter.restore()
            footer(1 + len(second_pass) + 1 + page_index)
    except _CancelledError:
        painter.end()
        if os.path.exists(path):
            os.remove(path)
        return 0
    painter.end()
    if feedback is not None:
        feedback.setProgress(100)
    return total


class _CancelledError(Exception):
    pass
