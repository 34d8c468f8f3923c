# clerk: committee papers from Markdown.
#   make          build ./clerk (installing missing Debian packages first)
#   make demo     build clerk and run it over content/
#   make check    run every test
#   make mutants  prove the tests catch deliberate bugs (tests/mutants/)
#   make bench    time clerk against libharu alone (bench/run.sh)
# See README.md for the rest (install, sanitizers, regen).

PREFIX    ?= /usr/local
BINDIR    ?= $(PREFIX)/bin
DATADIR   ?= $(PREFIX)/share/clerk
MANDIR    ?= $(PREFIX)/share/man
DESTDIR   ?=

VERSION   := 0.1.0
CC        ?= cc
BUILD     ?= build
WERROR    ?=

WARNINGS  := -Wall -Wextra -Wshadow -Wswitch-enum -Wformat=2 \
             -Wmissing-prototypes -Wstrict-prototypes -Wwrite-strings \
             -Wno-missing-field-initializers $(WERROR)
CFLAGS    ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L $(WARNINGS) $(CFLAGS) \
             -I$(BUILD)/gen -MMD -MP -DCLERK_VERSION='"$(VERSION)"' \
             -DCLERK_DATADIR='"$(DATADIR)"' $(SAN)
# pkg-config runs when a recipe needs it, after scripts/deps has run.
PKGS       = libcmark-gfm libfyaml libxml-2.0 lcms2 libqpdf
# libqpdf is loaded by extpdf.c when first needed (dlopen), by the name
# its library file gives itself, so it is not linked.
QPDF_SONAME = $(shell objdump -p $$(pkg-config --variable=libdir libqpdf)/libqpdf.so | awk '/SONAME/ {print $$2}')
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS)) \
             -DCLERK_QPDF_SONAME='"$(QPDF_SONAME)"'
PKG_LIBS   = $(shell pkg-config --libs $(filter-out libqpdf,$(PKGS))) \
             -lcmark-gfm-extensions -ldl
LIBS       = $(PKG_LIBS) -lhpdf -lpng -lpthread -lm $(SAN_LIBS)

SRCS := $(wildcard generator/*.c)
LIB_SRCS := $(filter-out generator/main.c,$(SRCS))
OBJS := $(SRCS:generator/%.c=$(BUILD)/obj/%.o)
LIB_OBJS := $(LIB_SRCS:generator/%.c=$(BUILD)/obj/%.o)
UNIT_SRCS := $(wildcard tests/unit/*.c)
UNIT_OBJS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/unit/%.o)

DEPS_STAMP := $(BUILD)/deps.stamp

.PHONY: all demo check check-sanitized check-valgrind unit golden regen \
        install uninstall clean deps mutants identical format

all: clerk

deps $(DEPS_STAMP): scripts/debian-packages.txt scripts/deps
	@./scripts/deps
	@mkdir -p $(BUILD) && touch $(DEPS_STAMP)

clerk: $(OBJS)
	$(CC) $(ALL_CFLAGS) -o $@ $(OBJS) $(LIBS)

# diag-formats.h: for each message of generator/diag-messages.h, its format
# as a macro, DIAG_FMT_<id>, through which the compiler checks each call's
# arguments (generator/diag.h).
GEN_DIAG = $(BUILD)/gen/diag-formats.h
define make_diag_formats
	@mkdir -p $(dir $@)
	sed -n 's/^DIAG(\([A-Z0-9_]*\), [A-Z_]*, \(".*"\))$$/#define DIAG_FMT_\1 \2/p' \
	    $< >$@.tmp && mv $@.tmp $@
endef
$(BUILD)/gen/diag-formats.h: generator/diag-messages.h
	$(make_diag_formats)

# html-css.h: the stylesheet of the HTML pages (generator/html.css) as the
# C string HTML_CSS, its lines of comment left out.
GEN_CSS = $(BUILD)/gen/html-css.h
define make_html_css
	@mkdir -p $(dir $@)
	{ echo '/* made from generator/html.css by the Makefile */'; \
	  echo '#define HTML_CSS \'; \
	  sed -e '/^[[:space:]]*\/\*.*\*\/[[:space:]]*$$/d' \
	      -e 's/\\/\\\\/g; s/"/\\"/g; s/^/	"/; s/$$/\\n" \\/' $<; \
	  echo '	""'; } >$@.tmp && mv $@.tmp $@
endef
$(BUILD)/gen/html-css.h: generator/html.css
	$(make_html_css)

$(BUILD)/obj/%.o: generator/%.c | $(DEPS_STAMP) $(GEN_DIAG) $(GEN_CSS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(PKG_CFLAGS) -c -o $@ $<

$(BUILD)/unit/%.o: tests/unit/%.c | $(DEPS_STAMP) $(GEN_DIAG)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(PKG_CFLAGS) $(shell pkg-config --cflags criterion) \
	    -Igenerator -c -o $@ $<

$(BUILD)/unit-tests: $(UNIT_OBJS) $(LIB_OBJS)
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(LIBS) $(shell pkg-config --libs criterion)

# The layout alone: the layout engine, the model and the fixed test metrics,
# linked with Criterion and -lm only. No cmark, libfyaml, libharu, libxml2
# or libpng is on the link line, so a layout file that comes to depend on
# one of them (or on a file that wraps one) fails this link.
LAYOUT_ALONE_OBJS := $(patsubst %,$(BUILD)/obj/%.o,layout layout_agenda \
    layout_front layout_table layout_text metrics_fixed model arena diag \
    text source template pack agenda_item strset paper_text)

$(BUILD)/layout-unit/%.o: tests/layout-unit/%.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(shell pkg-config --cflags criterion) \
	    -Igenerator -c -o $@ $<

$(BUILD)/layout-tests: $(BUILD)/layout-unit/test_layout_alone.o \
    $(LAYOUT_ALONE_OBJS)
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(shell pkg-config --libs criterion) -lm

# The layout golden tests' tool: a paper laid out with fixed metrics.
$(BUILD)/layout-dump: tests/tools/layout-dump.c $(LIB_OBJS) | $(DEPS_STAMP) \
    $(GEN_DIAG)
	$(CC) $(ALL_CFLAGS) $(PKG_CFLAGS) -Igenerator -o $@ $< $(LIB_OBJS) $(LIBS)

# The demo: every example paper in content/ built into output/ (the public
# edition of each public paper, and the full edition, <stem>-full.pdf, of
# each paper with anything non-public), then as web pages beside the PDFs
# (which they link), and every meeting's agenda made into its public and
# full packs (duplex), then its two folders of web pages, in
# output/<meeting>/.
DEMO_PAPERS = $$(find content -name '*.md' -not -path '*/appendices/*' -not -name agenda.md | sort)
demo: clerk
	@mkdir -p output
	./clerk build -O output $$(grep -L '^public: false' $(DEMO_PAPERS))
	./clerk build --full -O output $$(grep -l 'public: false' $(DEMO_PAPERS))
	./clerk build -f html -O output $$(grep -L '^public: false' $(DEMO_PAPERS))
	./clerk build -f html --full -O output $$(grep -l 'public: false' $(DEMO_PAPERS))
	@for a in $$(find content -name agenda.md | sort); do \
	    m=output/$$(basename $$(dirname $$a)); mkdir -p $$m; \
	    echo "./clerk pack --duplex -j 2 -O $$m $$a"; \
	    ./clerk pack --duplex -j 2 -O $$m "$$a" || exit 1; \
	    echo "./clerk pack -f html -O $$m $$a"; \
	    ./clerk pack -f html -O $$m "$$a" || exit 1; done
	@echo "demo: written:" && ls -l output/*.pdf output/*/*.pdf && \
	    ls -d output/*.html output/*/*/index.html

unit: $(BUILD)/unit-tests $(BUILD)/layout-tests
	CLERK_TEMPLATES=$(CURDIR)/templates $(BUILD)/unit-tests
	$(BUILD)/layout-tests

golden: clerk
	./tests/golden.sh

# pdf.js (npm pdfjs-dist), the second reader of the structure tree in
# tests/pdfua.sh, installed into tests/pdfjs/node_modules as its committed
# package-lock.json pins it; again only when the lockfile changes, so that
# later runs need no network.
PDFJS_STAMP := tests/pdfjs/node_modules/.package-lock.json
$(PDFJS_STAMP): tests/pdfjs/package-lock.json tests/pdfjs/package.json \
    | $(DEPS_STAMP)
	cd tests/pdfjs && npm ci
	@touch $@

# The browser and validator of tests/html.sh (npm playwright-core,
# @axe-core/playwright and vnu-jar), installed into tests/html/node_modules
# as its committed package-lock.json pins them, again only when the lockfile
# changes. No install script runs: vnu-jar's would fetch a Java, and
# Debian's default-jre-headless (scripts/debian-packages.txt) serves.
HTMLCHECK_STAMP := tests/html/node_modules/.package-lock.json
$(HTMLCHECK_STAMP): tests/html/package-lock.json tests/html/package.json \
    | $(DEPS_STAMP)
	cd tests/html && npm ci --ignore-scripts --no-audit --no-fund
	@touch $@

check: clerk unit golden $(BUILD)/layout-dump $(PDFJS_STAMP) $(HTMLCHECK_STAMP)
	./tests/cli.sh
	BUILD=$(BUILD) ./tests/code.sh
	./tests/agenda.sh
	./tests/content.sh
	./tests/docs.sh
	./tests/install.sh
	./tests/layout.sh
	./tests/pdf.sh
	./tests/tagged-pdf.sh
	./tests/xml.sh
	./tests/pack.sh
	./tests/late.sh
	./tests/html-out.sh
	./tests/editions.sh
	./tests/patho.sh
	./tests/files.sh
	./tests/fuzz-regress.sh
	CORPUS_KEEP=$(BUILD)/corpus-pdf ./tests/corpus.sh
	CORPUS_PDF=$(BUILD)/corpus-pdf ./tests/pdfua.sh
	./tests/parity.sh
	./tests/archives.sh
	./tests/watch.sh
	./tests/update.sh
	./tests/deps.sh
	./tests/shard.sh
	./tests/extpdf.sh
	BUILD=$(BUILD) ./tests/html.sh

# Rewrites the sources of generator/ as .clang-format sets them
# (tests/code.sh fails on a file that is not); diag-messages.h, a table of
# one message a line that scripts read, is left as it is.
format:
	clang-format -i generator/*.c $(filter-out %/diag-messages.h,$(wildcard generator/*.h))

# For a refactoring: every output of ./clerk (papers, packs and the spec
# corpus, PDF and XML) is byte-identical to that of the commit BASE.
identical: clerk
	./tests/identical.sh $(BASE)

# Each tests/mutants/NAME.patch, a small bug put into generator/ in a
# scratch copy, must make the test its "# kill:" line names fail; a mutant
# that survives, or a patch that no longer applies or builds, fails the
# target (tests/mutants.sh).
mutants: clerk $(BUILD)/unit-tests $(BUILD)/layout-dump
	BUILD=$(BUILD) ./tests/mutants.sh

# The whole suite again with AddressSanitizer and UndefinedBehaviorSanitizer
# (objects in build/san). Every report, leaks included, is logged to
# build/san/logs, also from Criterion's test processes, where a report
# alone does not fail a test; any log fails the run. ./clerk is removed
# afterwards so that the next build relinks it without the sanitizers.
SAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all \
             -fno-omit-frame-pointer
SAN_LOGS   = $(CURDIR)/build/san/logs
# The sanitised clerk has libqpdf loaded at start, not by dlopen as the
# real one: LeakSanitizer (GCC 12) can crash ("Tracer caught signal 11")
# scanning the thread-local storage a dlopen'd library brings; this was
# seen once, in two runs that each read two PDF appendices, and could not
# be made to happen again. extpdf.c's dlopen then finds it loaded.
SAN_LIBS_QPDF = -Wl,--no-as-needed -lqpdf
check-sanitized:
	rm -rf $(SAN_LOGS) clerk && mkdir -p $(SAN_LOGS)
	ASAN_OPTIONS=log_path=$(SAN_LOGS)/asan:detect_leaks=1:exitcode=99 \
	UBSAN_OPTIONS=log_path=$(SAN_LOGS)/ubsan:print_stacktrace=1:halt_on_error=1:exitcode=99 \
	CLERK_SANITIZED=1 $(MAKE) check BUILD=build/san SAN="$(SAN_FLAGS)" \
	    SAN_LIBS="$(SAN_LIBS_QPDF)" CFLAGS="-O1 -g" || { rm -f clerk; exit 1; }
	rm -f clerk
	@if [ -n "$$(ls -A $(SAN_LOGS))" ]; then cat $(SAN_LOGS)/*; \
	    echo "check-sanitized: sanitizer reports above"; exit 1; fi
	@echo "check-sanitized: no sanitizer report"

# The command-line tests once with ./clerk under valgrind (memcheck, -q: a
# log holds only what valgrind reports): an error or a definite leak fails
# the run that met it, and any log that is not empty fails the target.
VG_LOGS = $(CURDIR)/build/valgrind
check-valgrind: clerk
	rm -rf $(VG_LOGS) && mkdir -p $(VG_LOGS)
	CLERK_VALGRIND=$(VG_LOGS) ./tests/cli.sh
	@if [ -n "$$(find $(VG_LOGS) -name '*.log' -size +0)" ]; then \
	    cat $(VG_LOGS)/*.log; echo "check-valgrind: reports above"; \
	    exit 1; fi
	@echo "check-valgrind: $$(ls $(VG_LOGS) | wc -l) runs, no report"

# Rewrites the golden files and the manual's list of diagnostics from what
# clerk does now; review the result with git diff.
regen: clerk $(BUILD)/layout-dump
	./tests/golden.sh --regen
	./tests/layout.sh --regen
	./tests/pdfua.sh --regen
	./scripts/diag-list --update

install: clerk
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/templates \
	    $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5
	install -m 755 clerk $(DESTDIR)$(BINDIR)/clerk
	install -m 644 templates/*.yaml $(DESTDIR)$(DATADIR)/templates/
	install -m 644 man/clerk.1 $(DESTDIR)$(MANDIR)/man1/clerk.1
	install -m 644 man/clerk-paper.5 $(DESTDIR)$(MANDIR)/man5/clerk-paper.5

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/clerk $(DESTDIR)$(MANDIR)/man1/clerk.1 \
	    $(DESTDIR)$(MANDIR)/man5/clerk-paper.5
	rm -rf $(DESTDIR)$(DATADIR)

# make bench: clerk against the floor, libharu writing the same pages alone
# (bench/run.sh says what it runs). The tools, the corpus and the runs go to
# build/bench/; it prints a table of medians, kept in build/bench/report.md.
# A report, not a test: a missed target does not fail it, and check does not
# run it.
BENCH_DIR   := $(BUILD)/bench
BENCH_TOOLS := $(BENCH_DIR)/corpus $(BENCH_DIR)/floor $(BENCH_DIR)/measure

.PHONY: bench

bench: clerk $(BENCH_TOOLS)
	BENCH_DIR=$(BENCH_DIR) ./bench/run.sh

$(BENCH_DIR)/corpus $(BENCH_DIR)/measure: $(BENCH_DIR)/%: bench/%.c \
    | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $<

$(BENCH_DIR)/floor: bench/floor.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< -lhpdf -lm

clean:
	rm -rf $(BUILD) clerk

-include $(OBJS:.o=.d) $(UNIT_OBJS:.o=.d) \
    $(BUILD)/layout-unit/test_layout_alone.d

# ---------------------------------------------------------------------------
# make fuzz: the libFuzzer targets of tests/fuzz/ (README.md, Fuzzing):
# fuzz_frontmatter, fuzz_paper, fuzz_pdf and fuzz_xml, each run for
# FUZZ_TIME seconds (default 60) over its corpus build/fuzz/corpus-<target>/,
# which tests/fuzz/seeds.sh seeds from content/ and the tests and which
# keeps what the fuzzer adds from one run to the next. clang compiles
# clerk's sources again, with libFuzzer's coverage, ASan and UBSan, into
# build/fuzz/obj/ (apart from the gcc build). A crash, leak, timeout or OOM
# stops make with status 2 and the path of the reproducer. FUZZ_TARGETS
# picks targets; make -j2 fuzz runs two at once; make -k fuzz runs all
# even after a finding. build/fuzz/clerk is clerk with the same sanitizers
# (it writes the XML seeds; it replays a reproducer through the CLI).
FUZZ_CC      ?= clang
FUZZ_TIME    ?= 60
FUZZ_TARGETS ?= fuzz_frontmatter fuzz_paper fuzz_pdf fuzz_xml
FUZZ_DIR     := build/fuzz
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all \
                -fno-omit-frame-pointer
FUZZ_CFLAGS   = -std=c11 -D_POSIX_C_SOURCE=200809L -g -O1 $(FUZZ_SAN) \
                -I$(FUZZ_DIR)/gen -MMD -MP -DCLERK_VERSION='"$(VERSION)"' \
                -DCLERK_DATADIR='"$(DATADIR)"' $(PKG_CFLAGS)
FUZZ_OBJS    := $(LIB_SRCS:generator/%.c=$(FUZZ_DIR)/obj/%.o)
FUZZ_BINS    := $(FUZZ_TARGETS:%=$(FUZZ_DIR)/%)
FUZZ_RUNS    := $(FUZZ_TARGETS:%=fuzz-run-%)
FUZZ_OPTS    := -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
# The largest input each target tries (the PDF path is slow per input),
# and its dictionary.
FUZZ_MAXLEN_fuzz_frontmatter := 8192
FUZZ_MAXLEN_fuzz_paper       := 16384
FUZZ_MAXLEN_fuzz_pdf         := 8192
FUZZ_MAXLEN_fuzz_xml         := 32768
FUZZ_DICT_fuzz_frontmatter   := tests/fuzz/frontmatter.dict
FUZZ_DICT_fuzz_paper         := $(FUZZ_DIR)/paper-all.dict
FUZZ_DICT_fuzz_pdf           := $(FUZZ_DIR)/paper-all.dict
FUZZ_DICT_fuzz_xml           := tests/fuzz/xml.dict

.PHONY: fuzz fuzz-build fuzz-seeds fuzz-cc $(FUZZ_RUNS)

fuzz: $(FUZZ_RUNS)

fuzz-build: $(FUZZ_BINS) $(FUZZ_DIR)/clerk

# clang and its libFuzzer runtime: on Debian 12 the packages clang (clang-14)
# and libclang-rt-14-dev (only recommended by clang-14's dependencies).
$(FUZZ_DIR)/deps.stamp: scripts/debian-packages-fuzz.txt scripts/deps
	@./scripts/deps scripts/debian-packages-fuzz.txt
	@mkdir -p $(FUZZ_DIR) && touch $@

fuzz-cc: $(FUZZ_DIR)/deps.stamp
	@printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n)%s\n' \
	    '{ (void)d; (void)n; return 0; }' | $(FUZZ_CC) -fsanitize=fuzzer \
	    -x c -o /dev/null - 2>/dev/null || { echo "make fuzz needs" \
	    "$(FUZZ_CC) with libFuzzer: apt-get install clang" \
	    "libclang-rt-14-dev" >&2; exit 2; }

$(FUZZ_DIR)/gen/diag-formats.h: generator/diag-messages.h
	$(make_diag_formats)

$(FUZZ_DIR)/gen/html-css.h: generator/html.css
	$(make_html_css)

$(FUZZ_DIR)/obj/%.o: generator/%.c | $(DEPS_STAMP) fuzz-cc \
    $(FUZZ_DIR)/gen/diag-formats.h $(FUZZ_DIR)/gen/html-css.h
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

$(FUZZ_BINS): $(FUZZ_DIR)/%: tests/fuzz/%.c tests/fuzz/fuzz_common.h \
    $(FUZZ_OBJS) | fuzz-cc $(FUZZ_DIR)/gen/diag-formats.h
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -Igenerator \
	    -DCLERK_FUZZ_REPO='"$(CURDIR)"' -o $@ $< $(FUZZ_OBJS) $(LIBS)

$(FUZZ_DIR)/clerk: $(FUZZ_DIR)/obj/main.o $(FUZZ_OBJS)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $^ $(LIBS)

$(FUZZ_DIR)/paper-all.dict: tests/fuzz/frontmatter.dict tests/fuzz/paper.dict
	@mkdir -p $(dir $@)
	cat $^ >$@

fuzz-seeds: $(FUZZ_DIR)/clerk
	@CLERK=$(FUZZ_DIR)/clerk ASAN_OPTIONS=detect_leaks=0 \
	    ./tests/fuzz/seeds.sh $(FUZZ_DIR)

$(FUZZ_RUNS): fuzz-run-%: $(FUZZ_DIR)/% $(FUZZ_DIR)/paper-all.dict fuzz-seeds
	@mkdir -p $(FUZZ_DIR)/corpus-$* $(FUZZ_DIR)/artifacts-$*/ $(FUZZ_DIR)/tmp
	@echo "fuzz: $* for $(FUZZ_TIME) s, log in $(FUZZ_DIR)/$*.log"
	@TMPDIR=$(CURDIR)/$(FUZZ_DIR)/tmp \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	$(FUZZ_DIR)/$* $(FUZZ_OPTS) -max_total_time=$(FUZZ_TIME) \
	    -max_len=$(FUZZ_MAXLEN_$*) -dict=$(FUZZ_DICT_$*) \
	    -artifact_prefix=$(FUZZ_DIR)/artifacts-$*/ \
	    $(FUZZ_DIR)/corpus-$* >$(FUZZ_DIR)/$*.log 2>&1; rc=$$?; \
	grep -E '^#[0-9]+' $(FUZZ_DIR)/$*.log | tail -1 | \
	    sed 's/^/fuzz: $*: last: /'; \
	grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' \
	    $(FUZZ_DIR)/$*.log | sed 's/^/fuzz: $*: /'; \
	if [ $$rc -ne 0 ]; then \
	    sed -n '/^==[0-9]*==ERROR\|runtime error\|^==[0-9]*== ERROR\|deadly signal\|fuzz target exited/,/^SUMMARY/p' \
	        $(FUZZ_DIR)/$*.log | head -60; \
	    r=$$(sed -n 's/.*Test unit written to //p' $(FUZZ_DIR)/$*.log | tail -1); \
	    echo "fuzz: $*: FOUND A PROBLEM (exit $$rc): reproducer $${r:-(none; see the log)}"; \
	    echo "fuzz: replay: $(FUZZ_DIR)/$* $${r:-FILE}; minimise: $(FUZZ_DIR)/$* -minimize_crash=1 -runs=10000 $${r:-FILE}"; \
	    exit 1; fi

-include $(FUZZ_OBJS:.o=.d) $(FUZZ_DIR)/obj/main.d $(FUZZ_BINS:=.d)
