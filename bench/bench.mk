# The benchmark of issue 7 (included by the top Makefile).  Never part of
# `make check`: timings are not tests.
#
#   make bench         N = 1 000, 10 000, 100 000: ksconv against pandoc and
#                      the libxml2 / zlib floors; writes BENCHMARKS.md and
#                      bench/plot.png (to commit)
#   make bench-quick   N = 1 000 only, a sanity run; writes into build-bench/
#
# Variables (see bench/run.sh): BENCH_N (the sizes), BENCH_PANDOC_MAX
# (largest N given to pandoc, default 10000), BENCH_PANDOC_TIMEOUT (seconds,
# default 600), BENCH_REPEAT (runs of each command, the median kept),
# BENCH_FORMATS (formats run alone), BENCH_ONEPASS=0 and BENCH_J1=0 (skip
# the one-pass and the -j 1 runs), BENCH_KEEP=1 (keep the rows of other
# sizes from an earlier run).  A full `make bench` takes over an hour on
# two cores: pandoc alone needs 15 minutes and 18 GB at N = 10 000.

BENCH_BUILD	:= build-bench
BENCH_N		?= 1000 10000 100000
BENCH_DEPS	:= gnuplot-nox pandoc cmark python3 zlib1g-dev \
	libxml2-dev pkg-config gcc
BENCH_CFLAGS	= -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Wpedantic \
	-Werror $(shell pkg-config --cflags libxml-2.0 zlib 2>/dev/null)
BENCH_LIBS	= $(shell pkg-config --libs libxml-2.0 zlib 2>/dev/null)
BENCH_FLOORS	:= $(BENCH_BUILD)/floor_parse $(BENCH_BUILD)/floor_deflate \
	$(BENCH_BUILD)/timeit

.PHONY: bench bench-quick bench-deps bench-floors

bench-deps:
	@sh scripts/deps.sh $(BUILD_DEPS) $(BENCH_DEPS)

bench-floors: $(BENCH_FLOORS)

$(BENCH_BUILD)/floor_parse: bench/floor_parse.c | $(BENCH_BUILD)/.dir
	$(CC) $(BENCH_CFLAGS) $(CFLAGS) -o $@ $< $(BENCH_LIBS)

$(BENCH_BUILD)/floor_deflate: bench/floor_deflate.c bench/floor_parse.c \
    | $(BENCH_BUILD)/.dir
	$(CC) $(BENCH_CFLAGS) $(CFLAGS) -o $@ $< $(BENCH_LIBS)

$(BENCH_BUILD)/timeit: bench/timeit.c | $(BENCH_BUILD)/.dir
	$(CC) $(BENCH_CFLAGS) $(CFLAGS) -o $@ $<

$(BENCH_BUILD)/.dir:
	mkdir -p $(BENCH_BUILD)
	@touch $@

bench: bench-deps
	@$(MAKE) --no-print-directory all bench-floors
	BENCH_N="$(BENCH_N)" KSCONV=$(KSCONV) sh bench/run.sh

bench-quick: bench-deps
	@$(MAKE) --no-print-directory all bench-floors
	BENCH_N=1000 BENCH_RESULTS=$(BENCH_BUILD)/quick/results.tsv \
	    BENCH_MD=$(BENCH_BUILD)/quick/BENCHMARKS.md \
	    BENCH_PLOT=$(BENCH_BUILD)/quick/plot.png KSCONV=$(KSCONV) \
	    sh bench/run.sh
