# Two commands: `make serve` (build and serve the site) and `make test` (install and run all tests).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)
# Material prints a banner about MkDocs 2 on every build; the project has read it.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build export test anchors check new release benchmark fuzz clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.site: $(BIN)/python pyproject.toml constraints.txt
	$(PIP) install --quiet -c constraints.txt -e .
	touch $@

$(VENV)/.test: $(VENV)/.site pyproject.toml constraints.txt package.json package-lock.json
	$(PIP) install --quiet -c constraints.txt -e '.[test]'
	# Only for the CITATION.cff schema it ships (tests/test_reuse.py): its own dependencies pin
	# jsonschema<4, which the site's jsonschema replaces, so it is installed without them.
	$(PIP) install --quiet --no-deps -c constraints.txt cffconvert
	npm ci --silent --no-audit --no-fund
	touch $@

# `make serve LANG=es` serves the Spanish site (mkdocs.es.yml) at http://127.0.0.1:8000/es/.
# LANG is also the locale variable: a plain `es` is not a locale, so the server gets C.UTF-8.
SERVE_CONFIG := $(if $(filter es,$(LANG)),mkdocs.es.yml,mkdocs.yml)
SERVE_ENV    := $(if $(filter es,$(LANG)),LANG=C.UTF-8,)
# MkDocs takes the path it serves at from the address before any hook runs: give the Spanish one.
SERVE_URL    := http://127.0.0.1:8000/$(if $(filter es,$(LANG)),es/,)

## serve: install into .venv and serve the site at http://127.0.0.1:8000 with live reload (LANG=es: Spanish)
serve: $(VENV)/.site
	$(SERVE_ENV) RCM_SITE_URL=$(SERVE_URL) $(BIN)/mkdocs serve --config-file $(SERVE_CONFIG) --dev-addr 127.0.0.1:8000

## build: build both languages for publishing into site/ and site/es/ (replaced only when both succeed),
##        at the public address: site_url in mkdocs.yml, or make build SITE_URL=https://... (RCM_SITE_URL)
build: $(VENV)/.site
	rm -rf .site-new
	RCM_PUBLISH=1 $(if $(SITE_URL),RCM_SITE_URL='$(SITE_URL)') $(BIN)/python scripts/build_site.py .site-new
	rm -rf site && mv .site-new site

## export: write the site as plain Markdown + static data + mkdocs.yml into export/, buildable without our hooks
export: $(VENV)/.site
	rm -rf .export-new .export-site
	RCM_EXPORT=.export-new $(BIN)/mkdocs build --strict --quiet -f mkdocs.export.yml --site-dir .export-site
	rm -rf .export-site export && mv .export-new export

## test: install everything the tests need (venv, npm packages, Chromium) and run all tests
test: $(VENV)/.test
	bash scripts/ensure-chromium
	$(BIN)/python -m pytest -n 2

## anchors: add the anchors of new content to data/published-anchors.txt
anchors: $(VENV)/.site
	$(BIN)/python -m rcmkb anchors

## check: validate the data without building the site
check: $(VENV)/.site
	$(BIN)/python -m rcmkb check

## new: start new content from a template, e.g. make new KIND=declaration ID=xxii
##      (KIND: declaration, source, country, organization, body, document, topic, budget, page)
new: $(VENV)/.site
	$(BIN)/python -m rcmkb new "$(KIND)" "$(ID)"

## fuzz: mutate the real data many more times than make test does, with new examples each run
fuzz: $(VENV)/.test
	RCM_FUZZ_EXAMPLES=$${RCM_FUZZ_EXAMPLES:-2000} RCM_FUZZ_RANDOM=1 $(BIN)/python -m pytest tests/test_fuzz.py -q

## release: tag a data release data-YYYY.MM.DD (TAG=... to choose) with its changelog in CHANGELOG.md
release: $(VENV)/.site
	$(BIN)/python -m rcmkb release $(if $(TAG),--tag $(TAG))

## benchmark: measure builds at 1x, 10x and 50x, serve rebuilds and search; writes BENCHMARKS.md (about 10 minutes on two idle cores)
benchmark: $(VENV)/.test
	$(BIN)/python -m benchmarks --quick

clean:
	rm -rf site .site-new .site-new.es-new export .export-new .export-site .cache $(VENV) node_modules
