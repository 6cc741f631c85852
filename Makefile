# newsgraph — the README's two commands are `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
DB     ?= newsgraph.duckdb

.PHONY: setup demo test test-all lint bench screenshot clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c requirements.lock -e ".[dev,spark]"
	touch $(STAMP)

# The pages' front-end libraries (pinned in package-lock.json), served from node_modules; the
# pages work without them (no interactive timeline or network) where npm is missing.
NODE_STAMP := node_modules/.package-lock.json

$(NODE_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --loglevel=error; \
	else echo "npm not found: the web pages will work without their interactive timeline and network"; fi

setup: $(STAMP) $(NODE_STAMP)

demo: setup
	$(BIN)/newsgraph ingest samples/ --db $(DB)
	@echo
	$(BIN)/newsgraph entities --db $(DB) --limit 12
	@echo
	$(BIN)/newsgraph show "Aldana" --db $(DB)
	@echo
	@echo "Explore it in a browser: $(BIN)/newsgraph serve --db $(DB)"
	@echo "  then open http://127.0.0.1:8000/entities/Aldana  (add --allow-writes to make corrections)"

test: setup
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy
	$(PY) -m pytest -q

lint: setup
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

bench: setup
	$(PY) benchmarks/run_all.py

# The README's picture of the actor page, drawn by the current code from the demo's store.
screenshot: setup
	$(PY) docs/screenshot.py --db $(DB) --out docs/actor-page.png

clean:
	rm -rf $(VENV) node_modules build *.egg-info .pytest_cache .mypy_cache .ruff_cache
