# clerk: committee papers from Markdown.
#   make          build ./clerk (installing missing Debian packages first)
#   make demo     build clerk and run it over content/
#   make check    run every test
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
             -MMD -MP -DCLERK_VERSION='"$(VERSION)"' \
             -DCLERK_DATADIR='"$(DATADIR)"' $(SAN)
# pkg-config runs when a recipe needs it, after scripts/deps has run.
PKGS       = libcmark-gfm libfyaml libxml-2.0
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   = $(shell pkg-config --libs $(PKGS)) -lcmark-gfm-extensions
LIBS       = $(PKG_LIBS) -lhpdf -lpng -lpthread -lm

SRCS := $(wildcard generator/*.c)
LIB_SRCS := $(filter-out generator/main.c,$(SRCS))
OBJS := $(SRCS:generator/%.c=$(BUILD)/obj/%.o)
LIB_OBJS := $(LIB_SRCS:generator/%.c=$(BUILD)/obj/%.o)
UNIT_SRCS := $(wildcard tests/unit/*.c)
UNIT_OBJS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/unit/%.o)

DEPS_STAMP := $(BUILD)/deps.stamp

.PHONY: all demo check unit golden regen install uninstall clean deps

all: clerk

deps $(DEPS_STAMP): scripts/debian-packages.txt scripts/deps
	@./scripts/deps
	@mkdir -p $(BUILD) && touch $(DEPS_STAMP)

clerk: $(OBJS)
	$(CC) $(ALL_CFLAGS) -o $@ $(OBJS) $(LIBS)

$(BUILD)/obj/%.o: generator/%.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(PKG_CFLAGS) -c -o $@ $<

$(BUILD)/unit/%.o: tests/unit/%.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(PKG_CFLAGS) $(shell pkg-config --cflags criterion) \
	    -Igenerator -c -o $@ $<

$(BUILD)/unit-tests: $(UNIT_OBJS) $(LIB_OBJS)
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(LIBS) $(shell pkg-config --libs criterion)

# The layout golden tests' tool: a paper laid out with fixed metrics.
$(BUILD)/layout-dump: tests/tools/layout-dump.c $(LIB_OBJS) | $(DEPS_STAMP)
	$(CC) $(ALL_CFLAGS) $(PKG_CFLAGS) -Igenerator -o $@ $< $(LIB_OBJS) $(LIBS)

# The demo: every example paper in content/ built into output/, and every
# meeting's agenda made into its public and full packs (duplex), in
# output/<meeting>/.
demo: clerk
	@mkdir -p output
	./clerk build -O output $$(find content -name '*.md' -not -path '*/appendices/*' -not -name agenda.md | sort)
	@for a in $$(find content -name agenda.md | sort); do \
	    m=output/$$(basename $$(dirname $$a)); mkdir -p $$m; \
	    echo "./clerk pack --duplex -j 2 -O $$m $$a"; \
	    ./clerk pack --duplex -j 2 -O $$m "$$a" || exit 1; done
	@echo "demo: written:" && ls -l output/*.pdf output/*/*.pdf

unit: $(BUILD)/unit-tests
	CLERK_TEMPLATES=$(CURDIR)/templates $(BUILD)/unit-tests

golden: clerk
	./tests/golden.sh

check: clerk unit golden $(BUILD)/layout-dump
	./tests/cli.sh
	./tests/agenda.sh
	./tests/content.sh
	./tests/docs.sh
	./tests/install.sh
	./tests/layout.sh
	./tests/pdf.sh
	./tests/xml.sh
	./tests/pack.sh

# Rewrites the golden files and the manual's list of diagnostics from what
# clerk does now; review the result with git diff.
regen: clerk $(BUILD)/layout-dump
	./tests/golden.sh --regen
	./tests/layout.sh --regen
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

clean:
	rm -rf $(BUILD) clerk

-include $(OBJS:.o=.d) $(UNIT_OBJS:.o=.d)
