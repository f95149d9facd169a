"""Extract the plugin's translatable strings and update ``i18n/mednum_en.ts``.

Pure Python (``ast`` + ``xml.etree``): no QGIS, no Qt, no pylupdate5. Source strings are
French; the context is always ``mednum`` (see ``core/i18n.py``).

What is extracted, from ``plugin.py``, ``__init__.py``, ``core/``, ``processing/`` and ``ui/``
(never ``tests/``, ``scripts/``, ``bench/``, ``.venv``):

a. the string-literal first argument of every call to ``tr(...)`` or ``<anything>.tr(...)``;
b. in ``processing/``, the string values of class attributes ``_display`` and ``_help``
   (implicitly concatenated literals are joined, as Python does);
c. ``for key, label in ((k, "Label"), ...): ... tr(label)``: the second element of each
   2-tuple of string literals when the loop's second target is passed to ``tr`` in the body;
d. ``tr(var)`` where ``var`` was assigned, in the same function, from an expression that
   names a module-level table of ``(key, "Label")`` 2-tuples of string literals
   (``display = dict(DEMO_LAYERS).get(name, name)`` → the labels of ``DEMO_LAYERS``).

Any other ``tr(<expression>)`` whose text cannot be known statically is reported on stderr as
"dynamic" (``tr(param)`` inside a function that just forwards its own parameter, such as
``MednumAlgorithm.tr``, and ``tr(self._display)`` / ``tr(self._help)`` are not reported).

Merging with the existing ``.ts``: the English translation of a source that is still in the
code is kept (with its ``type``: finished or ``unfinished``); new sources are added as
``type="unfinished"`` with an empty translation; sources no longer in the code are DROPPED
(listed on stderr) so the file always mirrors the code — use ``--keep-vanished`` to keep
them as ``type="vanished"`` instead (lrelease ignores those). Messages are sorted by their
first location (path relative to the repository, then line).

Usage::

    python3 scripts/update_translations.py            # write i18n/mednum_en.ts
    python3 scripts/update_translations.py --check    # write nothing; exit 1 and list the
                                                      # sources without a finished translation
"""

from __future__ import annotations

import argparse
import ast
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TS_FILE = REPO / "i18n" / "mednum_en.ts"
CONTEXT = "mednum"
LANGUAGE = "en"
SOURCE_LANGUAGE = "fr"
SOURCE_FILES = ("__init__.py", "plugin.py")
SOURCE_DIRS = ("core", "processing", "ui")
SKIP_PARTS = {"tests", "scripts", "bench", ".venv", "__pycache__"}
CLASS_ATTRIBUTES = ("_display", "_help")


@dataclass
class Message:
    source: str
    locations: list[tuple[str, int]] = field(default_factory=list)  # (path relative to REPO, line)
    translation: str = ""
    type: str | None = "unfinished"  # None = finished
    comments: list[ET.Element] = field(default_factory=list)  # translatorcomment etc., kept as is


# --------------------------------------------------------------------------- extraction


def python_files(root: Path = REPO) -> list[Path]:
    files = [root / name for name in SOURCE_FILES if (root / name).is_file()]
    for directory in SOURCE_DIRS:
        for path in sorted((root / directory).rglob("*.py")):
            if not SKIP_PARTS.intersection(path.relative_to(root).parts):
                files.append(path)
    return files


def is_tr_call(node: ast.AST) -> bool:
    """``tr(...)`` or ``something.tr(...)``."""
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    return (isinstance(func, ast.Name) and func.id == "tr") or (isinstance(func, ast.Attribute) and func.attr == "tr")


def string_value(node: ast.AST) -> str | None:
    """The exact value of a string literal (implicit concatenation is already one Constant)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def label_pairs(node: ast.AST) -> list[ast.Constant] | None:
    """``((k, "Label"), ...)`` (tuple or list of 2-tuples of string literals) → the label nodes."""
    if not isinstance(node, (ast.Tuple, ast.List)) or not node.elts:
        return None
    labels = []
    for element in node.elts:
        if not (isinstance(element, (ast.Tuple, ast.List)) and len(element.elts) == 2
                and all(string_value(e) is not None for e in element.elts)):
            return None
        labels.append(element.elts[1])
    return labels


def _names(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def _tr_name_args(body: Iterable[ast.AST]) -> set[str]:
    names = set()
    for statement in body:
        for node in ast.walk(statement):
            if is_tr_call(node) and node.args and isinstance(node.args[0], ast.Name):
                names.add(node.args[0].id)
    return names


class Extractor:
    """Collects the messages of a set of files, and the ``tr`` calls it cannot resolve."""

    def __init__(self, root: Path = REPO):
        self.root = root
        self.messages: dict[str, Message] = {}
        self.dynamic: list[tuple[str, int, str]] = []  # (file, line, expression)

    def add(self, text: str, path: str, line: int) -> None:
        if not text.strip():
            return
        message = self.messages.setdefault(text, Message(text))
        if (path, line) not in message.locations:
            message.locations.append((path, line))

    def run(self, files: Iterable[Path] | None = None) -> dict[str, Message]:
        for path in files if files is not None else python_files(self.root):
            self.extract_file(path)
        for message in self.messages.values():
            message.locations.sort()
        return self.messages

    def extract_file(self, path: Path) -> None:
        rel = path.relative_to(self.root).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        in_processing = rel.startswith("processing/")
        resolved: set[int] = set()  # ids of tr() Call nodes whose text is covered by rules b–d

        # Module-level label tables: NAME = ((key, "Label"), ...)
        tables: dict[str, list[ast.Constant]] = {}
        for statement in tree.body:
            if isinstance(statement, (ast.Assign, ast.AnnAssign)) and statement.value is not None:
                targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
                labels = label_pairs(statement.value)
                if labels:
                    for target in targets:
                        if isinstance(target, ast.Name):
                            tables[target.id] = labels

        for node in ast.walk(tree):
            # (a) tr("literal")
            if is_tr_call(node) and node.args:
                text = string_value(node.args[0])
                if text is not None:
                    self.add(text, rel, node.args[0].lineno)
                    resolved.add(id(node))
            # (b) class attributes _display / _help in processing/
            if in_processing and isinstance(node, ast.ClassDef):
                for statement in node.body:
                    if isinstance(statement, ast.Assign):
                        for target in statement.targets:
                            if isinstance(target, ast.Name) and target.id in CLASS_ATTRIBUTES:
                                text = string_value(statement.value)
                                if text:
                                    self.add(text, rel, statement.value.lineno)
            # (c) for key, label in ((k, "Label"), ...): ... tr(label)
            if isinstance(node, ast.For) and isinstance(node.target, ast.Tuple) and len(node.target.elts) == 2:
                label_target = node.target.elts[1]
                labels = label_pairs(node.iter)
                if labels and isinstance(label_target, ast.Name) and label_target.id in _tr_name_args(node.body):
                    for label in labels:
                        self.add(label.value, rel, label.lineno)
                    self._mark(node.body, {label_target.id}, resolved)
            # (d) var = f(TABLE...) ; tr(var)   (inside one function)
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and tables:
                tr_args = _tr_name_args(node.body)
                for statement in ast.walk(node):
                    if isinstance(statement, ast.Assign) and len(statement.targets) == 1 \
                            and isinstance(statement.targets[0], ast.Name) and statement.targets[0].id in tr_args:
                        for table in _names(statement.value) & tables.keys():
                            for label in tables[table]:
                                self.add(label.value, rel, label.lineno)
                            self._mark(node.body, {statement.targets[0].id}, resolved)

        # Everything else passed to tr() is dynamic, except forwarded parameters and self._display/_help.
        parents = {child: parent for parent in ast.walk(tree) for child in ast.iter_child_nodes(parent)}
        for node in ast.walk(tree):
            if not is_tr_call(node) or id(node) in resolved:
                continue
            arg = node.args[0] if node.args else None
            function = parents.get(node)
            while function is not None and not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
                function = parents.get(function)
            params = {a.arg for a in function.args.args + function.args.kwonlyargs} if function else set()
            if isinstance(arg, ast.Name) and arg.id in params:
                continue
            if in_processing and isinstance(arg, ast.Attribute) and arg.attr in CLASS_ATTRIBUTES:
                continue
            self.dynamic.append((rel, node.lineno, ast.unparse(node)))

    @staticmethod
    def _mark(body, names: set[str], resolved: set[int]) -> None:
        for statement in body:
            for node in ast.walk(statement):
                if is_tr_call(node) and node.args and isinstance(node.args[0], ast.Name) and node.args[0].id in names:
                    resolved.add(id(node))


def extract(root: Path = REPO) -> tuple[dict[str, Message], list[tuple[str, int, str]]]:
    extractor = Extractor(root)
    messages = extractor.run()
    return messages, extractor.dynamic


# --------------------------------------------------------------------------- .ts reading / writing


def read_ts(path: Path = TS_FILE) -> dict[str, Message]:
    """Messages of the ``mednum`` context of an existing .ts (empty if there is none)."""
    if not path.exists():
        return {}
    root = ET.parse(path).getroot()
    messages = {}
    for context in root.iter("context"):
        if (context.findtext("name") or "") != CONTEXT:
            continue
        for element in context.iter("message"):
            source = element.findtext("source")
            if source is None:
                continue
            translation = element.find("translation")
            text = (translation.text or "") if translation is not None else ""
            kind = translation.get("type") if translation is not None else "unfinished"
            comments = [c for c in element if c.tag in ("comment", "extracomment", "translatorcomment")]
            messages[source] = Message(source, [], text, kind, comments)
    return messages


def merge(extracted: dict[str, Message], existing: dict[str, Message], keep_vanished: bool = False):
    """(messages to write, sources dropped or kept as vanished)."""
    merged = []
    for source, message in extracted.items():
        old = existing.get(source)
        if old is not None and old.type not in ("vanished", "obsolete"):
            message.translation, message.type, message.comments = old.translation, old.type, old.comments
        elif old is not None:  # came back: reuse the old text, but have it reviewed
            message.translation, message.type, message.comments = old.translation, "unfinished", old.comments
        merged.append(message)
    merged.sort(key=lambda m: m.locations[0])
    vanished = [m for s, m in existing.items() if s not in extracted]
    if keep_vanished:
        for message in vanished:
            message.type = "vanished"
        merged.extend(sorted(vanished, key=lambda m: m.source))
    return merged, vanished


def _text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(value: str) -> str:
    return _text(value).replace('"', "&quot;")


def render_ts(messages: list[Message], ts_dir: Path) -> str:
    lines = ['<?xml version="1.0" encoding="utf-8"?>', "<!DOCTYPE TS>",
             f'<TS version="2.1" language="{LANGUAGE}" sourcelanguage="{SOURCE_LANGUAGE}">',
             "<context>", f"    <name>{CONTEXT}</name>"]
    for message in messages:
        lines.append("    <message>")
        for path, line in message.locations:
            filename = Path(_relpath(REPO / path, ts_dir)).as_posix()
            lines.append(f'        <location filename="{_attr(filename)}" line="{line}"/>')
        lines.append(f"        <source>{_text(message.source)}</source>")
        for comment in message.comments:
            lines.append(f"        <{comment.tag}>{_text(comment.text or '')}</{comment.tag}>")
        kind = f' type="{message.type}"' if message.type else ""
        lines.append(f"        <translation{kind}>{_text(message.translation)}</translation>")
        lines.append("    </message>")
    lines += ["</context>", "</TS>", ""]
    return "\n".join(lines)


def _relpath(path: Path, start: Path) -> str:
    import os

    return os.path.relpath(path, start)


def missing_translations(messages: Iterable[Message]) -> list[Message]:
    return [m for m in messages if m.type not in ("vanished", "obsolete") and (m.type == "unfinished" or not m.translation.strip())]


# --------------------------------------------------------------------------- command line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 and list the sources without a finished English translation")
    parser.add_argument("--keep-vanished", action="store_true",
                        help='keep sources that left the code, as type="vanished" (default: drop them)')
    parser.add_argument("--ts", type=Path, default=TS_FILE, help=f"the .ts file (default: {TS_FILE.relative_to(REPO)})")
    args = parser.parse_args(argv)

    extracted, dynamic = extract()
    merged, vanished = merge(extracted, read_ts(args.ts), keep_vanished=args.keep_vanished)
    for path, line, expression in dynamic:
        print(f"{path}:{line}: dynamic text, not extracted: {expression}", file=sys.stderr)

    if args.check:
        missing = missing_translations(merged)
        for message in missing:
            path, line = message.locations[0] if message.locations else ("?", 0)
            print(f"{path}:{line}: no English translation: {message.source!r}")
        if vanished and not args.keep_vanished:
            print(f"note: {len(vanished)} message(s) of {args.ts.name} are no longer in the code "
                  "(run the script without --check to drop them)", file=sys.stderr)
        total = len([m for m in merged if m.type != "vanished"])
        print(f"{total - len(missing)}/{total} messages translated", file=sys.stderr)
        return 1 if missing else 0

    args.ts.parent.mkdir(parents=True, exist_ok=True)
    args.ts.write_text(render_ts(merged, args.ts.parent.resolve()), encoding="utf-8")
    for message in vanished:
        verb = "kept as vanished" if args.keep_vanished else "dropped"
        print(f"{verb}: {message.source!r}", file=sys.stderr)
    missing = missing_translations(merged)
    print(f"{args.ts}: {len(merged)} messages, {len(missing)} without a finished translation", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
