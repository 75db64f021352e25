# ChildPlan: `make run` starts the portal with demo data, `make test` runs the tests.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

# The first Python >= 3.12 found (the .python-version file asks pyenv for 3.12).
PYTHON ?= $(shell for p in python3 python3.13 python3.12; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null \
	&& { echo $$p; break; }; done)

.PHONY: run test venv migrate seed lint check clean bench bench-excel bench-deadline \
	bench-reminders bench-review messages

$(BIN)/.installed: pyproject.toml
	@if [ -z "$(PYTHON)" ]; then \
		echo "ChildPlan cần Python 3.12 trở lên (Python 3.12 or newer is required); none was found on PATH." >&2; \
		echo "Install python3.12 (e.g. apt-get install python3.12 python3.12-venv, or pyenv install 3.12)." >&2; \
		exit 1; fi
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 $(BIN)/python -m pip install --quiet ".[dev]"
	@touch $@

venv: $(BIN)/.installed

# The one-command start is a development server: DEBUG on, development key.
run seed migrate lint: export DEBUG := 1

migrate: venv
	$(BIN)/python manage.py migrate --noinput

seed: migrate
	$(BIN)/python manage.py load_seed_data

run: seed
	@echo ""
	@echo "ChildPlan: http://$(HOST):$(PORT)/  (Ctrl+C để dừng)"
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: venv
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Benchmarks (not tests): PostgreSQL and Redis on 127.0.0.1; prints one JSON line a figure.
# The three share one database, so the synthetic national dataset is generated once.
bench: export DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/childplan_bench
bench: venv
	$(BIN)/python scripts/bench_progress.py
	$(BIN)/python scripts/bench_excel.py
	$(BIN)/python scripts/bench_api.py

# The Excel upload and summary export against their floors, on PostgreSQL (a benchmark,
# not a test): one JSON line a figure.
bench-excel: venv
	$(BIN)/python scripts/bench_excel.py

# Review at a province's scale (a benchmark, not a test): the review queue, the completeness
# page and a bulk approval of 130 commune reports on PostgreSQL; one JSON line a figure.
bench-review: export DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/childplan_bench
bench-review: venv
	$(BIN)/python scripts/bench_review.py

# The deadline-day rush (a benchmark, not a test): gunicorn, a Celery worker, PostgreSQL
# and Redis on 127.0.0.1, 200 reporters and 20 leaders driven by Locust, then 200
# approvals; one JSON line a figure. BENCH_ARGS="--worker-class gthread" to compare.
bench-deadline: venv
	$(BIN)/python scripts/bench_deadline.py $(BENCH_ARGS)

# The deadline reminders for 130 and 1.000 communes (PostgreSQL, locmem mail): queries and
# seconds of a run, one JSON line a figure.
bench-reminders: venv
	$(BIN)/python scripts/bench_reminders.py

lint: venv
	$(BIN)/ruff check .
	$(BIN)/python manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) db.sqlite3* staticfiles .pytest_cache

# The templates' and page scripts' strings into locale/en (each app keeps its own Python
# strings in <app>/locale, made inside the app), then every catalogue compiled.
# The .mo files are committed, so running the portal needs no gettext.
APPS := agencies indicators childplan reporting assessments progress exchange safe_files
messages: export DEBUG := 1
messages:
	$(BIN)/python manage.py makemessages -l en --add-location file --no-obsolete \
		$(foreach app,$(APPS),-i '$(app)/*.py' -i '$(app)/*.js') -i tests -i scripts -i fixtures -i staticfiles
	$(BIN)/python manage.py makemessages -d djangojs -l en --add-location file --no-obsolete \
		$(foreach app,$(APPS),-i '$(app)/*.py' -i '$(app)/*.js') -i tests -i scripts -i fixtures -i staticfiles
	for app in $(APPS); do (cd $$app && ../$(BIN)/python ../manage.py makemessages -l en \
		--add-location file --no-obsolete) || exit 1; done
	$(BIN)/python manage.py compilemessages --ignore '.venv' --ignore 'staticfiles'
