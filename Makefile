# The two commands: `make demo` and `make test`. Everything else is a helper for them.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test test-sqlite test-postgres lint bench messages clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)  ## set up, migrate, load the Quzhou demo, serve at http://127.0.0.1:8000
	$(BIN)/guatu demo

test: $(STAMP) lint  ## ruff, then the whole suite on SQLite and on a throwaway PostgreSQL, side by side
	$(BIN)/python -m guatu.testing.suites

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test-sqlite: $(STAMP)
	$(BIN)/python -m pytest

test-postgres: $(STAMP)
	$(BIN)/python -m guatu.testing.pgcluster -- $(BIN)/python -m pytest

bench: $(STAMP)  ## the benchmarks under bench/ (installs pandas, DuckDB and pyarrow: the bench extra only)
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test,bench]'
	$(BIN)/python bench/progress_bench.py
	$(BIN)/python bench/pages_bench.py
	$(BIN)/python -m guatu.testing.pgcluster -- $(BIN)/python bench/progress_bench.py
	$(BIN)/python -m guatu.testing.pgcluster -- $(BIN)/python bench/pages_bench.py
	$(BIN)/python -m guatu.testing.pgcluster -- $(BIN)/python bench/watermark_bench.py
	$(BIN)/python bench/import_bench.py
	$(BIN)/python bench/serve_bench.py

messages: $(STAMP)  ## recompile the zh-hans catalogue after editing django.po
	cd guatu && ../$(BIN)/django-admin compilemessages -l zh_Hans

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
