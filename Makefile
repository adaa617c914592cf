# The two commands of the README: `make run` and `make test`. Both create or reuse
# .venv and install what is missing, so they work on a fresh machine.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PIP := $(BIN)/python -m pip
# Where the benchmarks read full MNIST from.
MNIST ?= ../shared/data/mnist

.PHONY: run test test-fast bench clean translations

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install --disable-pip-version-check -q -c constraints.txt -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/mnist-desktop gui

test: $(STAMP)
	$(BIN)/python -m pytest -q

test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not slow"

bench: $(STAMP)
	$(BIN)/python tests/benchmarks/bench_recognition.py --data $(MNIST)

clean:
	rm -rf build dist *.egg-info .pytest_cache

# After changing user-visible strings: refresh the .ts (translate it with Qt
# Linguist: $(BIN)/pyside6-linguist) and compile the .qm the app loads.
TS := resources/translations/mnist_desktop_zh_CN.ts
translations: $(STAMP)
	$(BIN)/pyside6-lupdate mnist_desktop/gui/*.py mnist_desktop/gui/widgets/*.py -ts $(TS) -no-obsolete
	$(BIN)/pyside6-lrelease $(TS) -qm $(TS:.ts=.qm)
