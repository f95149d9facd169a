"""Translations: every French source string has an English translation, and tr() is used so
that strings can be extracted (literal argument, formatting outside tr()). Pure Python."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "scripts" / "update_translations.py"
TS_FILE = REPO / "i18n" / "mednum_en.ts"
SKIP_PARTS = {"tests", "scripts", "bench", ".venv", "__pycache__"}
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def plugin_files() -> list[Path]:
    files = [REPO / "plugin.py", REPO / "__init__.py"]
    for directory in ("core", "processing", "ui"):
        files += sorted(p for p in (REPO / directory).rglob("*.py")
                        if not SKIP_PARTS.intersection(p.relative_to(REPO).parts))
    return [f for f in files if f.is_file()]


def tr_calls():
    """(location, Call node) of every ``tr(...)`` / ``x.tr(...)`` call of the plugin."""
    for path in plugin_files():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and (
                    (isinstance(node.func, ast.Name) and node.func.id == "tr")
                    or (isinstance(node.func, ast.Attribute) and node.func.attr == "tr")):
                yield f"{path.relative_to(REPO)}:{node.lineno}", node


def ts_messages() -> list[tuple[str, str, str | None]]:
    root = ET.parse(TS_FILE).getroot()
    messages = []
    for context in root.iter("context"):
        for message in context.iter("message"):
            translation = message.find("translation")
            messages.append((message.findtext("source") or "", translation.text or "", translation.get("type")))
    return messages


def test_every_source_has_an_english_translation():
    result = subprocess.run([sys.executable, str(SCRIPT), "--check"], cwd=REPO,
                            check=False, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, (
        "untranslated strings (run scripts/update_translations.py, then translate i18n/mednum_en.ts):\n"
        + result.stdout + result.stderr)


def test_check_reports_untranslated_strings(tmp_path):
    """--check really fails when a source has no translation (here: an empty .ts)."""
    empty = tmp_path / "empty.ts"
    empty.write_text('<?xml version="1.0" encoding="utf-8"?>\n<TS version="2.1" language="en"/>\n', encoding="utf-8")
    result = subprocess.run([sys.executable, str(SCRIPT), "--check", "--ts", str(empty)], cwd=REPO,
                            check=False, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "Valider des lieux" in result.stdout
    assert empty.read_text(encoding="utf-8").count("<message>") == 0  # --check writes nothing


def test_no_dynamic_text_passed_to_tr():
    """The extractor resolves every tr() argument (else it says "dynamic text" on stderr)."""
    result = subprocess.run([sys.executable, str(SCRIPT), "--check"], cwd=REPO,
                            check=False, capture_output=True, text=True, timeout=120)
    assert "dynamic text" not in result.stderr, result.stderr


def test_tr_calls_are_extractable():
    problems = []
    calls = list(tr_calls())
    assert len(calls) > 50  # the scan really sees the plugin's code
    for where, call in calls:
        if len(call.args) != 1 or call.keywords:
            problems.append(f"{where}: tr() takes exactly one argument")
            continue
        arg = call.args[0]
        if isinstance(arg, ast.JoinedStr) or any(isinstance(n, ast.JoinedStr) for n in ast.walk(arg)):
            problems.append(f"{where}: f-string passed to tr()")
        elif isinstance(arg, ast.Constant):
            if not isinstance(arg.value, str):
                problems.append(f"{where}: tr() of a non-string constant")
        elif not isinstance(arg, (ast.Name, ast.Attribute)):
            problems.append(f"{where}: tr() argument must be a string literal or a name, "
                            f"not {type(arg).__name__} ({ast.unparse(arg)}); format outside tr()")
    assert not problems, "\n".join(problems)


def test_format_arguments_match_placeholders():
    """``tr("… {x}").format(x=…)``: the keywords are exactly the placeholders of the source."""
    problems = []
    for path in plugin_files():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format"):
                continue
            inner = node.func.value
            if not (isinstance(inner, ast.Call) and getattr(inner.func, "id", getattr(inner.func, "attr", None)) == "tr"
                    and inner.args and isinstance(inner.args[0], ast.Constant)):
                continue
            if node.args or any(k.arg is None for k in node.keywords):
                problems.append(f"{path.relative_to(REPO)}:{node.lineno}: use named placeholders only")
                continue
            wanted = {p[1:-1] for p in PLACEHOLDER.findall(inner.args[0].value)}
            given = {k.arg for k in node.keywords}
            if wanted != given:
                problems.append(f"{path.relative_to(REPO)}:{node.lineno}: placeholders {sorted(wanted)} "
                                f"but format() gets {sorted(given)}")
    assert not problems, "\n".join(problems)


def test_placeholders_kept_in_translations():
    problems = []
    messages = ts_messages()
    assert messages
    for source, translation, kind in messages:
        if kind in ("vanished", "obsolete") or not translation:
            continue
        if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(translation)):
            problems.append(f"{source!r} → {translation!r}")
        if source.count("&") != translation.count("&"):  # menu accelerators
            problems.append(f"accelerator: {source!r} → {translation!r}")
    assert not problems, "placeholders differ:\n" + "\n".join(problems)


@pytest.mark.parametrize("source", ["Valider des lieux", "Médiation &numérique", "Erreurs"])
def test_known_sources_are_in_the_ts(source):
    assert source in {s for s, _t, _k in ts_messages()}
