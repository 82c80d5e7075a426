# ksconv: scraped article archives to Atom, RSS, EPUB and Markdown.
# Plain GNU make; every library's flags come from pkg-config.
#
#   make demo    install what is missing, build, convert seeds/ into out/
#   make check   install what the tests need, build, run every test
#   make asan    the test suite under AddressSanitizer and UBSan
#   make valgrind  the test suite under valgrind

PREFIX	?= /usr/local
BINDIR	?= $(PREFIX)/bin
MANDIR	?= $(PREFIX)/share/man
DESTDIR	?=

CC	?= cc
PKGS	:= libxml-2.0 yaml-0.1 libzip libdeflate zlib md4c md4c-html uuid jansson
# Opened at run time, for --fetch-images only (src/fetch.c): its headers
# are needed to build, its libraries are not linked.
DL_PKGS	:= libcurl
CFLAGS	?= -O2 -g
KS_CFLAGS := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	-Wall -Wextra -Wpedantic -Werror -pthread
# The allocator, linked ahead of every library so that they all use it:
# glibc's malloc was a fifth of a run's CPU, its heap fragmented by the
# writers' records between each article's short-lived blocks, and its
# arenas cost a second thread more CPU than the first (bench/hotspots.md).
# Debian's mimalloc ships no pkg-config file. make MALLOC_LIBS= builds
# with the C library's malloc.
MALLOC_LIBS ?= -lmimalloc
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) $(DL_PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -ldl

# Debian packages: to build, and to run the tests.
BUILD_DEPS := gcc make pkg-config libxml2-dev libyaml-dev libzip-dev \
	libmd4c-dev libmd4c-html0-dev uuid-dev libjansson-dev \
	libcurl4-openssl-dev zlib1g-dev libdeflate-dev libmimalloc-dev
# The independent judges of our outputs, and the tools the tests drive.
TEST_DEPS  := valgrind time libxml2-utils python3 python3-feedparser python3-yaml \
	newsboat sqlite3 cmark pandoc epubcheck default-jre-headless jing \
	unzip zip

BUILD	?= build
SRCS	:= $(sort $(wildcard src/*.c))
OBJS	:= $(SRCS:src/%.c=$(BUILD)/%.o)
LIB_OBJS := $(filter-out $(BUILD)/main.o,$(OBJS))
UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)
KSCONV	?= ./ksconv
# make V=1 shows the compiler's command lines.
Q	:= $(if $(V),,@)

.PHONY: all deps test-deps demo check test unit asan valgrind valgrind-smoke install \
	uninstall clean golden-update

all: ksconv

ksconv: $(OBJS)
	@echo "  LD    $@"
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -pthread -o $@ $(OBJS) $(MALLOC_LIBS) \
	    $(PKG_LIBS)

$(BUILD)/%.o: src/%.c $(wildcard src/*.h) | $(BUILD)
	@echo "  CC    $<"
	$(Q)$(CC) $(KS_CFLAGS) $(PKG_CFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c tests/unit/check.h $(LIB_OBJS) | $(BUILD)/tests
	@echo "  CC    $<"
	$(Q)$(CC) $(KS_CFLAGS) $(PKG_CFLAGS) -iquote src $(CFLAGS) $(LDFLAGS) -o $@ $< \
	    $(LIB_OBJS) $(PKG_LIBS)

$(BUILD) $(BUILD)/tests:
	mkdir -p $@

deps:
	@sh scripts/deps.sh $(BUILD_DEPS)

test-deps:
	@sh scripts/deps.sh $(BUILD_DEPS) $(TEST_DEPS)

# Every writer that exists, over the sample articles.
demo: deps
	@$(MAKE) --no-print-directory all
	@mkdir -p out
	$(KSCONV) --to $$($(KSCONV) --list-formats | cut -d' ' -f1 | paste -sd, -) \
	    --title 快手公益文选 --base-url https://example.org/seeds/ -o out seeds/
	@echo "ksconv: wrote out/:"; ls -l out

check: test-deps
	@$(MAKE) --no-print-directory all $(UNIT_BINS)
	@$(MAKE) --no-print-directory test

# The test suite proper; KSWRAP runs every ksconv under a wrapper.
test:
	@sh tests/run-all.sh $(UNIT_BINS)

unit: $(UNIT_BINS)
	@sh tests/run-unit.sh $(UNIT_BINS)

asan: test-deps
	@$(MAKE) --no-print-directory BUILD=build-asan KSCONV=./build-asan/ksconv \
	    CFLAGS="-O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" \
	    LDFLAGS="-fsanitize=address,undefined" build-asan/ksconv-test

build-asan/ksconv-test: $(OBJS) $(UNIT_BINS)
	$(CC) $(CFLAGS) $(LDFLAGS) -pthread -o build-asan/ksconv $(OBJS) $(PKG_LIBS)
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	    KSCONV=./build-asan/ksconv sh tests/run-all.sh $(UNIT_BINS)

valgrind: test-deps
	@$(MAKE) --no-print-directory all $(UNIT_BINS)
	KSWRAP="valgrind -q --leak-check=full --errors-for-leak-kinds=all \
	    --error-exitcode=99 --suppressions=tests/valgrind.supp" \
	    UNITWRAP="valgrind -q --leak-check=full --error-exitcode=99" \
	    sh tests/run-all.sh $(UNIT_BINS)

# What CI runs under valgrind: every format on the seeds and the corpus.
valgrind-smoke: test-deps
	@$(MAKE) --no-print-directory all
	@sh tests/valgrind-smoke.sh

golden-update: all
	UPDATE=1 sh tests/run-golden.sh

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 755 ksconv $(DESTDIR)$(BINDIR)/ksconv
	install -m 644 man/ksconv.1 $(DESTDIR)$(MANDIR)/man1/ksconv.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/ksconv $(DESTDIR)$(MANDIR)/man1/ksconv.1

clean:
	rm -rf build build-asan build-fuzz build-bench ksconv out

# libFuzzer harnesses (make fuzz, make fuzz-ci) live in their own file.
-include fuzz/fuzz.mk

# The benchmark against pandoc and the libxml2/zlib floors (make bench).
-include bench/bench.mk
