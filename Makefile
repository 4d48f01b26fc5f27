# The two commands: `make run` and `make test`. Both set everything up on a fresh machine.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements.txt | cksum | cut -d' ' -f1)
DEV_STAMP := $(VENV)/.installed-dev-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)
# Browser and test runs keep their files inside the build, not in /tmp.
BUILD_TMP := $(CURDIR)/.build/tmp

.PHONY: run serve test test-slow test-durations lint browser data bench briefing load clean

# The dashboard on http://127.0.0.1:8050 (debug off); `serve` is the same app under gunicorn.
run: data
	$(PY) app.py

serve: data
	$(VENV)/bin/gunicorn app:server --bind $${APP_HOST:-127.0.0.1}:$${APP_PORT:-8050} --workers 2 --no-control-socket

data: $(STAMP)
	PYTHONDONTWRITEBYTECODE= $(PY) -m etl

# REQUIRE_BROWSER: the browser tests fail, rather than skip, if Chromium is missing.
# The tests run on xdist workers (one per core, at most MAX_WORKERS), each with one app server and one
# Chromium; a test file stays on one worker, so its module fixtures are built once. Bytecode is written
# even where PYTHONDONTWRITEBYTECODE is set: else each worker compiles, and pytest rewrites the asserts of,
# every module of dash and hypothesis (pytest plugins) again on every run, seconds per worker.
MAX_WORKERS ?= 4
PYTEST := PYTHONDONTWRITEBYTECODE= REQUIRE_BROWSER=1 TMPDIR=$(BUILD_TMP) $(PY) -m pytest -q -p no:cacheprovider -n auto --maxprocesses $(MAX_WORKERS) --dist loadfile

# Every test but those marked `slow` (long builds in subprocesses, live servers, attack runs): `make test-slow`.
test: lint browser
	@mkdir -p $(BUILD_TMP)
	$(PYTEST) -m "not slow"

# The tests marked `slow`, that `make test` leaves out; CI runs both.
test-slow: lint browser
	@mkdir -p $(BUILD_TMP)
	$(PYTEST) -m slow

# The 40 slowest tests of `make test` (setup included), to see what to make faster.
test-durations: lint browser
	@mkdir -p $(BUILD_TMP)
	$(PYTEST) -m "not slow" --durations=40

# The rails, configured in pyproject.toml: a finding fails the build.
lint: $(DEV_STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

# Debian's Chromium and its driver for the browser tests (never a downloaded browser build).
browser:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || \
		(apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver)

# Every page in Chromium with a cold cache and the first PNG of a fresh server (bench/bench_pages.py);
# PAGES_AGAINST=<git revision> also serves that revision's code and loads both in turn (the `before` column).
bench: $(DEV_STAMP) browser data
	@mkdir -p $(BUILD_TMP)
	$(PY) bench/bench_build.py
	$(PY) bench/bench_languages.py
	$(PY) bench/bench_suggest.py
	TMPDIR=$(BUILD_TMP) $(PY) bench/bench_sources.py
	TMPDIR=$(BUILD_TMP) $(PY) bench/bench_app.py
	@mkdir -p $(CURDIR)/.build/home
	HOME=$(CURDIR)/.build/home TMPDIR=$(BUILD_TMP) $(PY) bench/bench_briefing.py
	HOME=$(CURDIR)/.build/home TMPDIR=$(BUILD_TMP) $(PY) bench/bench_pages.py $(if $(PAGES_AGAINST),--against $(PAGES_AGAINST))

# Load test: Debian's wrk, 16 connections for 10 s per route against gunicorn on 127.0.0.1 (a bench, not a test).
load: $(DEV_STAMP) browser data
	@command -v wrk >/dev/null || (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y wrk)
	@mkdir -p $(BUILD_TMP) $(CURDIR)/.build/home
	HOME=$(CURDIR)/.build/home TMPDIR=$(BUILD_TMP) $(PY) bench/bench_load.py

# A briefing pack: one image per chart and sources.md with their citations (Chromium's files stay in .build/).
IDS ?= art174_registered_cases art174_cases_tried_and_convicted ethnic_composition_population
FORMATS ?= png,svg
SIZE ?= slide
BRIEF_LANG ?= fr
OUT ?= briefing
briefing: $(STAMP) browser data
	@mkdir -p $(BUILD_TMP) $(CURDIR)/.build/home
	HOME=$(CURDIR)/.build/home TMPDIR=$(BUILD_TMP) $(PY) -m dashboard.briefing $(IDS) --formats $(FORMATS) --size $(SIZE) --lang $(BRIEF_LANG) --out $(OUT)

$(STAMP): requirements.txt
	@echo "setting up $(VENV): installing requirements.txt (about a minute on a fresh machine)…"
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --progress-bar off -r requirements.txt
	rm -f $(VENV)/.installed-[0-9]*
	touch $(STAMP)

# The test-only packages on top of the runtime ones.
$(DEV_STAMP): $(STAMP) requirements-dev.txt
	@echo "installing requirements-dev.txt (test-only packages)…"
	$(PY) -m pip install --quiet --progress-bar off -r requirements-dev.txt
	rm -f $(VENV)/.installed-dev-*
	touch $(DEV_STAMP)

clean:
	rm -rf $(VENV) .build data/processed/*.parquet data/processed/catalog.json data/processed/current data/processed/versions data/processed/builds data/processed/shards data/processed/.lock data/processed/.etl-store
