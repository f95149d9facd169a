# Médiation numérique — Géo2France (plugin QGIS « mednum »)
#   make demo     the main job on the embedded demo base (offline)
#   make test     unit tests (no QGIS) then QGIS tests (pytest-qgis, headless)
#   make bench    benchmarks (ratios against named baselines)
#   make serve-demo  the local WFS-T server on 127.0.0.1:8765 for QGIS desktop
#   make package  the plugin zip to install in QGIS (Extensions > Installer depuis un ZIP)
# On a fresh Debian 12 or 13 machine, run as root (or with sudo): the first call installs
# what is missing (apt + a venv over Debian's python3 with pip test tools).

SHELL := /bin/bash
PY_SYS := /usr/bin/python3
VENV := .venv
PY := $(VENV)/bin/python
APT_PACKAGES := qgis python3-qgis qgis-providers qgis-server xvfb python3-venv python3-pip \
	python3-owslib poppler-utils qttools5-dev-tools make git mapserver-bin cgi-mapserver
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
LRELEASE = $(firstword $(wildcard /usr/lib/qt5/bin/lrelease /usr/lib/qt6/bin/lrelease /usr/bin/lrelease-qt5 /usr/bin/lrelease))
PKG_VERSION := $(shell sed -n 's/^version=//p' metadata.txt)
export QT_QPA_PLATFORM ?= offscreen

.PHONY: demo test test-unit test-qgis deps apt venv translations package lint clean bench serve-demo screenshots

demo: deps translations
	$(PY) scripts/demo.py

test: deps translations
	$(VENV)/bin/ruff check core processing ui scripts tests bench plugin.py __init__.py
	@set +e; rc=0; \
	$(PY) -P -m pytest tests/unit -p no:qgis -q $(PYTEST_ARGS); r=$$?; [ $$r -eq 5 ] && r=0; [ $$r -ne 0 ] && rc=$$r; \
	QGIS_AUTH_DB_DIR_PATH=$$(mktemp -d) XDG_CACHE_HOME=$$(mktemp -d) \
	$(PY) -P -m pytest tests/qgis -q $(PYTEST_ARGS); r=$$?; [ $$r -eq 5 ] && r=0; [ $$r -ne 0 ] && rc=$$r; \
	exit $$rc

bench: deps
	$(PY_SYS) bench/bench_wfs_load.py
	$(PY_SYS) bench/bench_routing.py

# screenshots of the form and the search panel for docs/, headless under Xvfb
screenshots: deps
	xvfb-run -a -s "-screen 0 1600x1000x24" env QT_QPA_PLATFORM=xcb $(PY) scripts/screenshots.py docs

# the local WFS-T server on a copy of the demo base, for QGIS desktop (preset « Serveur de démonstration local »)
serve-demo: deps
	mkdir -p out/serveur && cp resources/demo/demo.gpkg out/serveur/demo.gpkg
	$(PY_SYS) scripts/wfst_server.py --gpkg out/serveur/demo.gpkg --port 8765 --no-cache

test-unit: deps
	$(PY) -P -m pytest tests/unit -p no:qgis -q $(PYTEST_ARGS)

test-qgis: deps translations
	QGIS_AUTH_DB_DIR_PATH=$$(mktemp -d) XDG_CACHE_HOME=$$(mktemp -d) $(PY) -P -m pytest tests/qgis -q $(PYTEST_ARGS)

deps: apt venv

apt:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installation des paquets Debian : $$missing"; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -q && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $$missing; \
	fi

venv: $(VENV)/.installed

$(VENV)/.installed: requirements-test.txt
	$(PY_SYS) -m venv --system-site-packages $(VENV)
	$(VENV)/bin/pip install -q --disable-pip-version-check -r requirements-test.txt
	touch $@

translations: i18n/mednum_en.qm

i18n/%.qm: i18n/%.ts
	@[ -n "$(LRELEASE)" ] || { echo "lrelease introuvable (paquet qttools5-dev-tools)"; exit 1; }
	$(LRELEASE) -silent $< -qm $@

package: translations
	rm -rf build/package && mkdir -p build/package/mednum dist
	git ls-files -z -- metadata.txt __init__.py plugin.py LICENSE README.md CHANGELOG.md core processing ui resources i18n \
	  | xargs -0 cp --parents -t build/package/mednum
	cp i18n/*.qm build/package/mednum/i18n/
	rm -f dist/mednum-$(PKG_VERSION).zip && cd build/package && $(PY_SYS) -m zipfile -c ../../dist/mednum-$(PKG_VERSION).zip mednum
	@echo "dist/mednum-$(PKG_VERSION).zip"

lint: deps
	$(VENV)/bin/ruff check .

clean:
	rm -rf build dist out .qgis-settings i18n/*.qm
