"""A lieu as a person reads it: the printable « fiche » (self-contained HTML, user text escaped)."""

from __future__ import annotations

import html
from typing import Optional

from .completeness import completeness
from .i18n import tr
from .schema import Model, load_model, split_multi

STYLE = """
body { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 10.5pt; color: #1e1e1e; margin: 1.2em; }
h1 { font-size: 16pt; margin: 0 0 .2em 0; color: #143d59; }
h2 { font-size: 11.5pt; margin: 1.1em 0 .3em 0; color: #143d59; border-bottom: 1px solid #c8d3dc; }
.sous-titre { color: #555; margin-bottom: .6em; }
.completude { float: right; background: #eef3f7; padding: .2em .6em; border-radius: 4px; }
ul { margin: .2em 0 .2em 1.2em; padding: 0; }
.pied { margin-top: 1.5em; color: #666; font-size: 9pt; }
"""


def _e(text: Optional[str]) -> str:
    return html.escape(text or "", quote=True)


def _link(url: str) -> str:
    url = url.strip()
    if not url.lower().startswith(("http://", "https://")):
        return _e(url)
    return f'<a href="{_e(url)}">{_e(url)}</a>'


def _labels(model: Model, name: str, value: str) -> list[str]:
    if not model.has_field(name):
        return split_multi(value)
    spec = model.field(name)
    return [spec.label(v) if spec.labels else v for v in split_multi(value)]


def render_fiche(row: dict[str, str], model: Optional[Model] = None) -> str:
    """The HTML sheet of one lieu (row: model field → text)."""
    from .opening_hours import describe_fr

    model = model or load_model()
    parts: list[str] = []

    def section(title: str, body: str) -> None:
        if body:
            parts.append(f"<h2>{_e(title)}</h2>\n{body}")

    def items(values: list[str]) -> str:
        return "<ul>" + "".join(f"<li>{_e(v)}</li>" for v in values) + "</ul>" if values else ""

    typologies = ", ".join(_labels(model, "typologie", row.get("typologie", "")))
    address = ", ".join(x for x in (row.get("adresse", ""), row.get("complement_adresse", ""),
                                    f"{row.get('code_postal', '')} {row.get('commune', '')}".strip()) if x)
    score = completeness(row)
    parts.append(f'<div class="completude">{_e(tr("Cette fiche est remplie à {n} %").format(n=score))}</div>')
    parts.append(f"<h1>{_e(row.get('nom'))}</h1>")
    parts.append(f'<div class="sous-titre">{_e(typologies)}</div>' if typologies else "")
    section(tr("Adresse"), f"<p>{_e(address)}</p>" if address else "")
    contact = []
    if row.get("telephone"):
        contact.append(f"<li>{_e(tr('Téléphone'))} : {_e(row['telephone'])}</li>")
    for mail in split_multi(row.get("courriels", "")):
        contact.append(f'<li>{_e(tr("Courriel"))} : <a href="mailto:{_e(mail)}">{_e(mail)}</a></li>')
    for site in split_multi(row.get("site_web", "")):
        contact.append(f"<li>{_e(tr('Site'))} : {_link(site)}</li>")
    if row.get("prise_rdv"):
        contact.append(f"<li>{_e(tr('Prise de rendez-vous'))} : {_link(row['prise_rdv'])}</li>")
    section(tr("Contact"), "<ul>" + "".join(contact) + "</ul>" if contact else "")
    if row.get("horaires"):
        section(tr("Horaires"), f"<p>{_e(describe_fr(row['horaires']))}</p>")
    services = split_multi(row.get("services", ""))
    grouped = []
    for _group_id, label, group_services in model.service_groups:
        chosen = [s for s in services if s in group_services]
        if chosen:
            grouped.append(f"<li><b>{_e(label)}</b> : {_e(', '.join(chosen))}</li>")
    others = [s for s in services if not any(s in g[2] for g in model.service_groups)]
    if others:
        grouped.append(f"<li>{_e(', '.join(others))}</li>")
    section(tr("Services"), "<ul>" + "".join(grouped) + "</ul>" if grouped else
            f"<p>{_e(tr('Ce lieu n’accueille pas de public.'))}</p>")
    for name, title in (("publics_specifiquement_adresses", tr("Publics spécifiquement adressés")),
                        ("prise_en_charge_specifique", tr("Prise en charge spécifique")),
                        ("modalites_acces", tr("Modalités d'accès")),
                        ("modalites_accompagnement", tr("Modalités d'accompagnement")),
                        ("frais_a_charge", tr("Frais à charge"))):
        section(title, items(_labels(model, name, row.get(name, ""))))
    labels = _labels(model, "dispositif_programmes_nationaux", row.get("dispositif_programmes_nationaux", ""))
    labels += _labels(model, "formations_labels", row.get("formations_labels", ""))
    labels += split_multi(row.get("autres_formations_labels", ""))
    if (row.get("hdf_aptic") or "").lower() in ("true", "1"):
        labels.append(tr("Chèques APTIC acceptés"))
    if (row.get("hdf_pass_numerique") or "").lower() in ("true", "1"):
        labels.append(tr("Pass numérique"))
    section(tr("Dispositifs et labels"), items(labels))
    presentation = "".join(f"<p>{_e(row.get(name))}</p>" for name in ("presentation_resume", "presentation_detail") if row.get(name))
    section(tr("Présentation"), presentation)
    foot = tr("Source : {source} — mise à jour le {date}").format(source=row.get("source") or tr("non précisée"),
                                                                   date=row.get("date_maj") or tr("date inconnue"))
    parts.append(f'<div class="pied">{_e(foot)}</div>')
    title = _e(row.get("nom") or tr("Lieu de médiation numérique"))
    return (f'<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8"><title>{title}</title>'
            f"<style>{STYLE}</style></head><body>\n" + "\n".join(p for p in parts if p) + "\n</body></html>\n")
