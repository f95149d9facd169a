"""The data model of a lieu de médiation numérique, read from data files.

The national standard comes from its official Table Schema file (never retyped);
``resources/schema/mednum.json`` adds what a form and an import need (tabs, value
aliases, multi-valued fields) and the regional ``hdf_`` extension. Pure Python.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Optional

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "resources" / "schema"
MODEL_FILE = SCHEMA_DIR / "mednum.json"

#: Shape of every enumeration pattern of the official schema: ``(?:(?:^|\|)(A|B))+$``.
_ENUM_PATTERN = re.compile(r"^\(\?:\(\?:\^\|\\?(?P<sep>.)\)\((?P<body>.*)\)\)\+\$$")


@dataclass(frozen=True)
class FieldSpec:
    """One column of the model, with everything forms, validation and I/O need."""

    name: str
    title: str
    type: str
    description: str = ""
    required: bool = False
    unique: bool = False
    pattern: Optional[str] = None
    max_length: Optional[int] = None
    minimum: Optional[float] = None
    maximum: Optional[float] = None
    enum: tuple[str, ...] = ()
    enum_strict: bool = True
    labels: dict[str, str] = field(default_factory=dict)
    value_aliases: dict[str, str] = field(default_factory=dict)
    multiple: bool = False
    group: str = ""
    standard: bool = True
    readonly: bool = False
    geometry: bool = False
    format: str = ""
    sentinels: tuple[str, ...] = ()
    default: Optional[str] = None
    format_hint: str = ""

    @property
    def is_enum(self) -> bool:
        return bool(self.enum)

    def label(self, value: str) -> str:
        """French label of an enumerated value (the value itself when it has none)."""
        return self.labels.get(value, value)


def unescape_regex_literal(text: str) -> str:
    """Turn an escaped regex literal (``Langues étrangères \\(anglais\\)``) into plain text."""
    return re.sub(r"\\(.)", r"\1", text)


def split_alternatives(body: str) -> list[str]:
    """Split a regex alternation on unescaped ``|``."""
    parts, current, i = [], [], 0
    while i < len(body):
        char = body[i]
        if char == "\\" and i + 1 < len(body):
            current.append(body[i : i + 2])
            i += 2
            continue
        if char == "|":
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
        i += 1
    parts.append("".join(current))
    return parts


def enum_from_pattern(pattern: str) -> tuple[tuple[str, ...], str]:
    """Values and separator of an enumeration pattern, or ``((), "")`` if not one."""
    match = _ENUM_PATTERN.match(pattern or "")
    if not match:
        return (), ""
    values = tuple(unescape_regex_literal(v) for v in split_alternatives(match.group("body")))
    return values, match.group("sep")


def read_typologies(path: Path | None = None) -> dict[str, str]:
    """The 92 typologie codes and their French labels, in file order."""
    with open(path or SCHEMA_DIR / "typologies.csv", encoding="utf-8", newline="") as handle:
        return {row["code"]: row["label"] for row in csv.DictReader(handle)}


def read_table_schema(name: str) -> dict:
    """An official Table Schema file shipped in ``resources/schema``."""
    with open(SCHEMA_DIR / name, encoding="utf-8") as handle:
        return json.load(handle)


@dataclass(frozen=True)
class Model:
    """The whole model: standard fields in official order, then the extension."""

    version: str
    separator: str
    fields: tuple[FieldSpec, ...]
    groups: tuple[tuple[str, str], ...]
    service_groups: tuple[tuple[str, str, tuple[str, ...]], ...]
    no_public: dict
    legacy: dict
    schema_path: Path

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_name", {f.name: f for f in self.fields})

    def field(self, name: str) -> FieldSpec:
        return self._by_name[name]  # type: ignore[attr-defined]

    def has_field(self, name: str) -> bool:
        return name in self._by_name  # type: ignore[attr-defined]

    @property
    def standard_fields(self) -> tuple[FieldSpec, ...]:
        return tuple(f for f in self.fields if f.standard)

    @property
    def extension_fields(self) -> tuple[FieldSpec, ...]:
        return tuple(f for f in self.fields if not f.standard)

    @property
    def standard_names(self) -> list[str]:
        """The 32 column names of the standard, in the official order."""
        return [f.name for f in self.standard_fields]

    def column_names(self, include_extension: bool = False) -> list[str]:
        return [f.name for f in self.fields if include_extension or f.standard]

    def group_label(self, group_id: str) -> str:
        return dict(self.groups).get(group_id, group_id)

    def fields_of_group(self, group_id: str) -> list[FieldSpec]:
        return [f for f in self.fields if f.group == group_id]


def _standard_field(raw: dict, overlay: dict, typologies: dict[str, str], separator: str) -> FieldSpec:
    constraints = raw.get("constraints", {})
    pattern = constraints.get("pattern")
    enum, enum_sep = enum_from_pattern(pattern) if pattern else ((), "")
    labels: dict[str, str] = {}
    enum_strict = True
    if overlay.get("enum_source") == "typologies":
        enum, labels = tuple(typologies), dict(typologies)
        enum_strict = bool(overlay.get("enum_strict", True))
    aliases = dict(overlay.get("value_aliases", {}))
    if aliases:
        # The official pattern may hold a misspelt value: the alias target replaces it.
        enum = tuple(aliases.get(v, v) for v in enum)
    return FieldSpec(
        name=raw["name"],
        title=raw.get("title", raw["name"]),
        type=raw.get("type", "string"),
        description=raw.get("description", ""),
        required=bool(constraints.get("required", False)),
        unique=bool(constraints.get("unique", False)),
        pattern=pattern,
        max_length=constraints.get("maxLength"),
        minimum=overlay.get("minimum"),
        maximum=overlay.get("maximum"),
        enum=enum,
        enum_strict=enum_strict,
        labels=labels,
        value_aliases=aliases,
        multiple=bool(overlay.get("multiple", enum_sep == separator)),
        group=overlay.get("group", ""),
        standard=True,
        readonly=bool(overlay.get("readonly", False)),
        geometry=bool(overlay.get("geometry", False)),
        format=overlay.get("format", ""),
        sentinels=tuple(overlay.get("sentinels", ())),
        format_hint=overlay.get("format_hint", ""),
    )


def _extension_field(raw: dict) -> FieldSpec:
    return FieldSpec(
        name=raw["name"],
        title=raw["title"],
        type=raw.get("type", "string"),
        description=raw.get("description", ""),
        enum=tuple(raw.get("enum", ())),
        labels=dict(raw.get("labels", {})),
        multiple=bool(raw.get("multiple", False)),
        group=raw.get("group", ""),
        standard=False,
        readonly=bool(raw.get("readonly", False)),
        default=raw.get("default"),
    )


@cache
def load_model(model_file: Path = MODEL_FILE) -> Model:
    """Read the model once: official schema + overlay + extension."""
    with open(model_file, encoding="utf-8") as handle:
        spec = json.load(handle)
    standard = spec["standard"]
    schema_path = model_file.parent / standard["schema"]
    with open(schema_path, encoding="utf-8") as handle:
        table_schema = json.load(handle)
    typologies = read_typologies(model_file.parent / standard["typologies"])
    overlays = spec.get("standard_fields", {})
    fields = [
        _standard_field(raw, overlays.get(raw["name"], {}), typologies, standard["separator"])
        for raw in table_schema["fields"]
    ]
    unknown = set(overlays) - {f.name for f in fields}
    if unknown:
        raise ValueError(f"mednum.json décrit des champs absents du standard : {sorted(unknown)}")
    fields += [_extension_field(raw) for raw in spec.get("extension_fields", [])]
    return Model(
        version=standard["version"],
        separator=standard["separator"],
        fields=tuple(fields),
        groups=tuple((g["id"], g["label"]) for g in spec["groups"]),
        service_groups=tuple((g["id"], g["label"], tuple(g["services"])) for g in spec["service_groups"]),
        no_public=spec["no_public"],
        legacy=spec["legacy_v0_1"],
        schema_path=schema_path,
    )


def split_multi(value: Optional[str], separator: str = "|") -> list[str]:
    """Values of a multi-valued cell (empty parts dropped, order kept)."""
    if value is None:
        return []
    return [part.strip() for part in str(value).split(separator) if part.strip()]


def join_multi(values, separator: str = "|") -> str:
    """Join values for a multi-valued cell, dropping duplicates and keeping order."""
    seen: list[str] = []
    for value in values:
        value = str(value).strip()
        if value and value not in seen:
            seen.append(value)
    return separator.join(seen)
