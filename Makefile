# Two commands: `make run` and `make test`. Both set everything up themselves.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test setup lint format lock clean test-postgres test-browser test-production

$(STAMP): requirements.lock pyproject.toml
	@# German OCR for the mail intake (Debian's Tesseract; see docs/intake.md)
	@dpkg -s tesseract-ocr-deu >/dev/null 2>&1 || { command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ] && apt-get update -qq && apt-get install -y -qq tesseract-ocr tesseract-ocr-deu >/dev/null; } || echo "note: install tesseract-ocr and tesseract-ocr-deu for OCR of scans (akte intake)"
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --requirement requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --editable .
	touch $(STAMP)

setup: $(STAMP)

run: setup
	$(BIN)/akte serve

lint: setup
	$(BIN)/ruff check --no-cache src tests
	$(BIN)/ruff format --no-cache --check src tests

format: setup
	$(BIN)/ruff format src tests
	$(BIN)/ruff check --fix src tests

test: lint
	$(BIN)/pytest

# the tests that touch a database (the web app, the status log's stores) again on PostgreSQL;
# the engines' own tests (rules, Dublin, matching, intake, analytics, courses) use no database
test-postgres: setup
	AKTE_DATABASE_URL=$${AKTE_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} $(BIN)/pytest -m "not browser" tests/web tests/ledger tests/keys

# gunicorn + production settings on a fresh PostgreSQL database of its own, over real HTTP
test-production: setup
	AKTE_SMOKE_POSTGRES_URL=$${AKTE_SMOKE_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres} $(BIN)/pytest -m production tests/web/test_production_smoke.py

lock:
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra dev --extra spark --python-version 3.11 -o requirements.lock

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
