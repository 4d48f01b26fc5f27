# The two commands: `make run` and `make test`. Both set everything up on a fresh machine.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cksum requirements.txt | cut -d' ' -f1)
# Browser and test runs keep their files inside the build, not in /tmp.
BUILD_TMP := $(CURDIR)/.build/tmp

.PHONY: run test data bench clean

run: data
	$(PY) app.py

data: $(STAMP)
	$(PY) -m etl

test: $(STAMP)
	@mkdir -p $(BUILD_TMP)
	TMPDIR=$(BUILD_TMP) $(PY) -m pytest -q -p no:cacheprovider

bench: $(STAMP)
	$(PY) bench/bench_build.py

$(STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

clean:
	rm -rf $(VENV) .build data/processed/*.parquet
