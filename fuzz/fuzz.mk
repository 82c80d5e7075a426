# libFuzzer harnesses, built with clang into build-fuzz/ (included by the
# top Makefile).
#
#   make fuzz-build           the harnesses, nothing run
#   make fuzz                 each harness for FUZZ_SECONDS (default 60)
#   make fuzz-ci              each harness for 30 s (what CI runs)
#   sh fuzz/replay.sh FILE    a crash file through the real command line
#
# The library is compiled again with the fuzzer's coverage and the address
# and undefined-behaviour sanitizers; main.c is left out (the harnesses
# have their own entry point).

FUZZ_CC		?= clang
FUZZ_SECONDS	?= 60
FUZZ_BUILD	:= build-fuzz
FUZZ_SAN	:= -fsanitize=address,undefined -fno-sanitize-recover=undefined \
	-fno-omit-frame-pointer
FUZZ_CFLAGS	:= -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	-Wall -Wextra -g -O1 $(FUZZ_SAN)
FUZZ_NAMES	:= $(patsubst fuzz/%.c,%,$(sort $(wildcard fuzz/fuzz_*.c)))
FUZZ_BINS	:= $(FUZZ_NAMES:%=$(FUZZ_BUILD)/%)
FUZZ_LIB_OBJS	:= $(patsubst src/%.c,$(FUZZ_BUILD)/obj/%.o,\
	$(filter-out src/main.c,$(SRCS)))
# Where every harness finds its first inputs: the seeds and the fixtures
# (copied at build time, never committed twice).
FUZZ_SEED_EXTS	:= md html txt
FUZZ_SEED_FILES	:= $(wildcard seeds/*.txt) \
	$(foreach e,$(FUZZ_SEED_EXTS),$(wildcard tests/fixtures/*.$(e) \
	    tests/hostile/*.$(e) ../shared/corpus/*.$(e)))
# Leak checking stays on; -close_fd_mask=2 hides ksconv's own messages
# (libFuzzer and the sanitizers still report on a copy of stderr).
FUZZ_RUN_FLAGS	:= -max_len=65536 -dict=fuzz/ksconv.dict -close_fd_mask=2 \
	-timeout=10 -rss_limit_mb=2048 -print_final_stats=1

.PHONY: fuzz fuzz-ci fuzz-build fuzz-corpus fuzz-deps
# Pattern-made objects are not intermediates to delete.
.SECONDARY: $(FUZZ_LIB_OBJS)

fuzz-build: $(FUZZ_BINS)

$(FUZZ_BUILD)/obj/%.o: src/%.c $(wildcard src/*.h) | $(FUZZ_BUILD)/obj
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link $(PKG_CFLAGS) \
	    -c -o $@ $<

$(FUZZ_BUILD)/%: fuzz/%.c fuzz/fuzz_util.h $(FUZZ_LIB_OBJS) | $(FUZZ_BUILD)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer $(PKG_CFLAGS) -iquote src \
	    -o $@ $< $(FUZZ_LIB_OBJS) $(PKG_LIBS)

$(FUZZ_BUILD) $(FUZZ_BUILD)/obj:
	mkdir -p $@

# Each harness's corpus: build-fuzz/corpus/NAME/, filled from the seeds
# and fixtures (libFuzzer then adds what it finds there).
fuzz-corpus: | $(FUZZ_BUILD)
	@for n in $(FUZZ_NAMES); do \
	    mkdir -p $(FUZZ_BUILD)/corpus/$$n; \
	    for f in $(FUZZ_SEED_FILES); do \
	        cp -f "$$f" "$(FUZZ_BUILD)/corpus/$$n/seed-$$(basename "$$f")"; \
	    done; \
	done

# Runs every harness for SECONDS, then fails if any found a problem (its
# input is left in build-fuzz/artifacts/; replay it with fuzz/replay.sh).
fuzz-run-%: $(FUZZ_BINS) fuzz-corpus
	@mkdir -p $(FUZZ_BUILD)/artifacts
	@status=0; for n in $(FUZZ_NAMES); do \
	    echo "fuzz: $$n for $* s"; \
	    $(FUZZ_BUILD)/$$n $(FUZZ_RUN_FLAGS) -max_total_time=$* \
	        -artifact_prefix=$(FUZZ_BUILD)/artifacts/$$n- \
	        $(FUZZ_BUILD)/corpus/$$n 2>$(FUZZ_BUILD)/$$n.log; \
	    rc=$$?; \
	    grep -E '^#[0-9]+[[:space:]]+DONE' $(FUZZ_BUILD)/$$n.log; \
	    if [ $$rc -ne 0 ]; then \
	        grep -E -A 30 '^==[0-9]+==|runtime error|^SUMMARY' \
	            $(FUZZ_BUILD)/$$n.log | head -n 60; \
	        echo "fuzz: $$n found a problem (exit $$rc): see" \
	            "$(FUZZ_BUILD)/$$n.log and $(FUZZ_BUILD)/artifacts/"; \
	        status=1; \
	    fi; \
	done; \
	[ $$status -eq 0 ] && echo "fuzz: no finding"; exit $$status

fuzz: fuzz-deps
	@$(MAKE) --no-print-directory fuzz-run-$(FUZZ_SECONDS)

# A fixed seed, so CI explores the same way on every run.
fuzz-ci: fuzz-deps
	@$(MAKE) --no-print-directory FUZZ_RUN_FLAGS="$(FUZZ_RUN_FLAGS) -seed=1" \
	    fuzz-run-30

# clang's libFuzzer runtime is a package of its own on Debian 12.
FUZZ_DEPS	?= clang libclang-rt-14-dev
fuzz-deps:
	@sh scripts/deps.sh $(FUZZ_DEPS)
