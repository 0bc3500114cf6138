# Run `make help` for the targets. `make run` and `make test` are the two set-up promises.
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1:8000
# Test processes: one per core (TEST_WORKERS=0 runs the suite in this one process).
TEST_WORKERS ?= auto

.DEFAULT_GOAL := help
.PHONY: help install system-deps assets db run test lint lock audit

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-12s %s\n", $$1, $$2}'

$(VENV)/.installed: pyproject.toml requirements.lock
	@test -x $(PY) || "$$(scripts/find-python)" -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.lock
	$(PY) -m pip install -q --no-deps -e .
	@touch $@

install: $(VENV)/.installed ## Create the virtual environment and install the locked dependencies

system-deps: ## Install missing Debian packages (Pango, Liberation fonts, poppler)
	scripts/system-deps

assets: install ## Build front-end assets into static/
	scripts/build-assets

db: install ## Migrate the database, load the seed plan, create the demo accounts
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_plan
	$(PY) manage.py create_demo_users

run: system-deps assets db ## Set up everything and serve on http://127.0.0.1:8000 (SQLite), with the background worker
	PY=$(PY) HOST=$(HOST) scripts/serve

test: install assets ## Run the whole test suite, browser journeys included (DATABASE_URL picks the database)
	scripts/system-deps --browser
	$(PY) -m pytest -n $(TEST_WORKERS)

lock: ## Re-resolve pyproject.toml's dependencies into requirements.lock
	rm -rf .lock-venv && "$$(scripts/find-python)" -m venv .lock-venv
	.lock-venv/bin/pip install -q -e '.[dev]'
	{ head -n 2 requirements.lock; .lock-venv/bin/pip freeze --exclude-editable; } > requirements.lock.new
	mv requirements.lock.new requirements.lock && rm -rf .lock-venv

lint: install ## Ruff lint and format check
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

audit: install ## Check the locked dependencies for known vulnerabilities (pip-audit)
	PY=$(PY) scripts/audit
