# The two commands of the README: `make run` and `make test`. Both create or reuse
# .venv and install what is missing, so they work on a fresh machine.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PIP := $(BIN)/python -m pip
# Where the benchmarks read full MNIST from.
MNIST ?= ../shared/data/mnist

.PHONY: run test test-fast bench clean translations dist bundle install-desktop uninstall-desktop

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install --disable-pip-version-check -q -c constraints.txt -e '.[test]'
	touch $(STAMP)

# Qt's X11 plugin needs desktop libraries the PySide6 wheel does not carry: name the
# missing ones and the apt line instead of Qt's abort (`make run QT_CHECK=0` skips it).
QT_CHECK ?= 1
run: $(STAMP)
	@test "$(QT_CHECK)" = 0 || $(BIN)/python packaging/check_qt_libs.py
	$(BIN)/mnist-desktop gui

test: $(STAMP)
	$(BIN)/python -m pytest -q

test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not slow"

bench: $(STAMP)
	$(BIN)/python tests/benchmarks/bench_recognition.py --data $(MNIST)

clean:
	rm -rf build dist *.egg-info .pytest_cache

# A wheel and an sdist in dist/ (they carry the shipped model and resources/).
dist: $(STAMP)
	rm -f dist/*.whl dist/*.tar.gz
	$(PIP) wheel --no-deps --no-build-isolation -w dist .
	$(BIN)/python -c "import setuptools.build_meta as b; b.build_sdist('dist')"

# A one-folder PyInstaller bundle in dist/mnist-desktop/ (GUI without console + CLI),
# built from its own venv with a CPU-only torch and no torchvision (recognition needs
# neither CUDA nor the MNIST download code).
BUNDLE_VENV := build/bundle-venv
BUNDLE_TORCH ?= torch==2.13.0
bundle:
	test -x $(BUNDLE_VENV)/bin/python || $(PYTHON) -m venv $(BUNDLE_VENV)
	$(BUNDLE_VENV)/bin/python -m pip install --disable-pip-version-check -q '$(BUNDLE_TORCH)' 'pyinstaller>=6.10' \
	  numpy opencv-python-headless onnx pillow 'PySide6-Essentials>=6.6,!=6.12.0' platformdirs pyqtgraph
	$(BUNDLE_VENV)/bin/python -m pip install --disable-pip-version-check -q --no-deps .
	$(BUNDLE_VENV)/bin/pyinstaller --noconfirm --clean --distpath dist --workpath build/pyinstaller packaging/mnist_desktop.spec

# Desktop integration for this user (XDG): menu entry, icons, AppStream metadata.
APP_ID := io.github.mnist_desktop.MnistDesktop
XDG_DATA_HOME ?= $(HOME)/.local/share
install-desktop: $(STAMP)
	install -d $(XDG_DATA_HOME)/applications $(XDG_DATA_HOME)/metainfo $(XDG_DATA_HOME)/icons/hicolor/scalable/apps
	sed "s|^Exec=mnist-desktop-gui|Exec=$(abspath $(BIN))/mnist-desktop-gui|" resources/$(APP_ID).desktop > $(XDG_DATA_HOME)/applications/$(APP_ID).desktop
	install -m 644 resources/$(APP_ID).metainfo.xml $(XDG_DATA_HOME)/metainfo/
	install -m 644 resources/icons/$(APP_ID).svg $(XDG_DATA_HOME)/icons/hicolor/scalable/apps/
	for s in 16 32 48 64 128 256; do \
	  install -d $(XDG_DATA_HOME)/icons/hicolor/$${s}x$${s}/apps; \
	  install -m 644 resources/icons/$(APP_ID)-$$s.png $(XDG_DATA_HOME)/icons/hicolor/$${s}x$${s}/apps/$(APP_ID).png; \
	done
	-update-desktop-database -q $(XDG_DATA_HOME)/applications 2>/dev/null
	-gtk-update-icon-cache -q -t $(XDG_DATA_HOME)/icons/hicolor 2>/dev/null

uninstall-desktop:
	rm -f $(XDG_DATA_HOME)/applications/$(APP_ID).desktop $(XDG_DATA_HOME)/metainfo/$(APP_ID).metainfo.xml
	rm -f $(XDG_DATA_HOME)/icons/hicolor/scalable/apps/$(APP_ID).svg
	for s in 16 32 48 64 128 256; do rm -f $(XDG_DATA_HOME)/icons/hicolor/$${s}x$${s}/apps/$(APP_ID).png; done
	-update-desktop-database -q $(XDG_DATA_HOME)/applications 2>/dev/null

# After changing user-visible strings: refresh the .ts (translate it with Qt
# Linguist: $(BIN)/pyside6-linguist) and compile the .qm the app loads.
TS := resources/translations/mnist_desktop_zh_CN.ts
# English is the source language: its catalogue holds only the plural forms of tr(..., n).
TS_EN := resources/translations/mnist_desktop_en.ts
translations: $(STAMP)
	$(BIN)/pyside6-lupdate mnist_desktop/gui/*.py mnist_desktop/gui/widgets/*.py -ts $(TS) -no-obsolete
	$(BIN)/pyside6-lupdate mnist_desktop/gui/*.py mnist_desktop/gui/widgets/*.py -ts $(TS_EN) -no-obsolete -pluralonly
	$(BIN)/pyside6-lrelease $(TS) -qm $(TS:.ts=.qm)
	$(BIN)/pyside6-lrelease $(TS_EN) -qm $(TS_EN:.ts=.qm)
