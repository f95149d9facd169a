"""Fuzzing the file parsers: malformed CSV and GeoJSON files and opening-hours strings.

Each input must give a result or a clear French report — never an exception, never a hang.
Seeded: the same inputs on every run. Counts are asserted so the suite cannot silently shrink.
"""

from __future__ import annotations

import json
import random
import time

from tricky_rows import EXAMPLE_FILE

from mednum.core import opening_hours
from mednum.core.io_standard import read_csv, read_geojson
from mednum.core.validation import ERROR

EXAMPLE = EXAMPLE_FILE.read_bytes()
SLOW_S = 2.0
NASTY = [b'"', b",", b";", b"\n", b"\r\n", b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b"|", b"=cmd|' /C calc'!A0", b"\xe9",
         b"\\", b"''", b'""', "é".encode("utf-16"), b"\t", b" " * 50, b"9" * 500, b"<script>", b"{", b"]"]


def mutate(data: bytes, rng: random.Random) -> bytes:
    data = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        choice = rng.random()
        position = rng.randrange(len(data) + 1)
        if choice < 0.3 and data:
            data[rng.randrange(len(data))] = rng.randrange(256)
        elif choice < 0.55:
            data[position:position] = rng.choice(NASTY)
        elif choice < 0.7:
            del data[position:position + rng.randint(1, 200)]
        elif choice < 0.8:
            data = data[:position]
        elif choice < 0.9 and data:
            start = rng.randrange(len(data))
            data[position:position] = data[start:start + rng.randint(1, 300)] * rng.randint(1, 5)
        else:
            data[position:position] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 40)))
    return bytes(data)


def random_json(rng: random.Random, depth: int = 0):
    kind = rng.randrange(8 if depth < 4 else 5)
    if kind == 0:
        return None
    if kind == 1:
        return rng.choice([True, False])
    if kind == 2:
        return rng.choice([0, -1, 1e308, float("1e-300"), 2 ** 70, 3.5])
    if kind == 3:
        return "".join(rng.choice("ab é|;,\"'<>\x00{}") for _ in range(rng.randint(0, 30)))
    if kind == 4:
        return rng.choice(["Point", "FeatureCollection", "Feature", ""])
    if kind == 5:
        return [random_json(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    keys = ["type", "features", "geometry", "properties", "coordinates", "nom", "id", "services", "latitude", "x"]
    return {rng.choice(keys): random_json(rng, depth + 1) for _ in range(rng.randint(0, 5))}


def valid_collection(rng: random.Random) -> dict:
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": random_json(rng, 2) if rng.random() < 0.5 else {"type": "Point", "coordinates": [2.3, 49.9]},
         "properties": {"id": f"x{i}", "nom": random_json(rng, 3), "services": random_json(rng, 3), "commune": "Amiens"}}
        for i in range(rng.randint(0, 4))]}


def check_report(result) -> None:
    for issue in result.issues:
        assert issue.message and isinstance(issue.message, str)
        if issue.severity == ERROR and issue.rule in ("fichier_vide", "geojson", "csv", "entete"):
            assert any(ch in issue.message for ch in "éèàçÉ") or " " in issue.message  # a sentence, not a code


def test_fuzz_csv_files():
    rng = random.Random(20261129)
    count = 0
    for _ in range(450):
        data = mutate(EXAMPLE, rng)
        start = time.perf_counter()
        result = read_csv(data)
        assert time.perf_counter() - start < SLOW_S
        assert len(result.rows) + len([i for i in result.issues if i.row is not None]) >= 0
        check_report(result)
        count += 1
    assert count == 450


def test_fuzz_geojson_files():
    rng = random.Random(7)
    count = 0
    for index in range(350):
        if index % 3 == 0:
            data = mutate(json.dumps(valid_collection(rng)).encode(), rng)
        elif index % 3 == 1:
            data = json.dumps(random_json(rng)).encode()
        else:
            data = json.dumps(valid_collection(rng)).encode()
        start = time.perf_counter()
        result = read_geojson(data)
        assert time.perf_counter() - start < SLOW_S
        check_report(result)
        count += 1
    assert count == 350


def test_fuzz_opening_hours():
    rng = random.Random(42)
    tokens = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su", "PH", "SH", "-", ",", ";", " ", ":", "09:00", "12:00", "24:00", "25:61",
              "off", "closed", "open", '"sur rendez-vous"', '"', "24/7", "Jan", "week", "[1]", "sunrise", "h", "9h", "||", "+", "/2"]
    count = 0
    for _ in range(400):
        if rng.random() < 0.7:
            text = "".join(rng.choice(tokens) for _ in range(rng.randint(0, 14)))
        else:
            text = "".join(chr(rng.randrange(1, 0x2FF)) for _ in range(rng.randint(0, 40)))
        start = time.perf_counter()
        parsed = opening_hours.parse(text)
        assert parsed.schedule is not None or parsed.message
        assert isinstance(opening_hours.validate(text), list)
        assert isinstance(opening_hours.describe_fr(text), str)
        if parsed.schedule is not None:
            assert opening_hours.parse(opening_hours.format(parsed.schedule)).schedule == parsed.schedule
        assert time.perf_counter() - start < SLOW_S
        count += 1
    assert count == 400
