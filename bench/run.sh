#!/bin/sh
# The benchmark of issue 7 (make bench, make bench-quick).  For each N in
# BENCH_N it generates N distinct articles (bench/gen.py), then measures,
# with GNU time (wall seconds and peak RSS) on a warm page cache:
#
#   floor_parse     libxml2's htmlReadMemory and a tree walk of every file
#   floor_deflate   the same plus zlib level-6 deflate of every file
#   ksconv FORMAT   each format alone (tree left out), -j the default
#   ksconv md -j 1  Markdown on one thread, against the one-thread floor
#   ksconv ALL      --to atom,rss,epub,md (those that exist) with -j 1, -j 2
#   pandoc md       pandoc -f html -t commonmark, on one file holding the
#                   same bodies as HTML (only N <= BENCH_PANDOC_MAX)
#   pandoc epub     pandoc -f html -t epub, images stripped by a filter
#
# and hands the rows to bench/report.py, which prints the table and writes
# BENCHMARKS.md and the plot.  Environment:
#
#   BENCH_N              sizes (default "1000 10000 100000")
#   BENCH_PANDOC_MAX     the largest N pandoc gets (default 10000)
#   BENCH_PANDOC_TIMEOUT seconds before pandoc is stopped (default 600)
#   BENCH_REPEAT         runs of each ksconv and floor command, the fastest
#                        kept (default 3 for N <= 1000, else 1)
#   BENCH_KEEP=1         keep the rows of sizes not run now
#   BENCH_FORMATS        the formats run alone (default: all but tree);
#                        the one-pass run takes atom, rss, epub, md of these
#   BENCH_ONEPASS=0      no one-pass run (saves time at N = 100 000)
#   BENCH_J1=0           no -j 1 runs
#   BENCH_OUT            where ksconv and pandoc write (default: a folder
#                        in /dev/shm when it is a tmpfs, else build-bench):
#                        creating a file on this VM's disk costs 0.03 to
#                        0.5 ms, which would swamp what is measured; one
#                        extra row, "md on disk", shows that cost
#   BENCH_RESULTS, BENCH_MD, BENCH_PLOT   where the rows, the report and
#                        the plot go
#   KSCONV               the binary (default ./ksconv)
set -u

B=${BENCH_BUILD:-build-bench}
KSCONV=${KSCONV:-./ksconv}
SIZES=${BENCH_N:-1000 10000 100000}
PANDOC_MAX=${BENCH_PANDOC_MAX:-10000}
PANDOC_TIMEOUT=${BENCH_PANDOC_TIMEOUT:-600}
RESULTS=${BENCH_RESULTS:-$B/results.tsv}
MD=${BENCH_MD:-BENCHMARKS.md}
PLOT=${BENCH_PLOT:-bench/plot.png}
PY=/usr/bin/python3
SEEDS=seeds
[ -d ../shared/corpus ] && SEEDS="$SEEDS ../shared/corpus"

die() {
	echo "bench: $*" >&2
	exit 1
}

[ -x /usr/bin/time ] || die "GNU time is missing (apt-get install time)"
[ -x "$PY" ] || die "$PY is missing"
[ -x "$KSCONV" ] || die "no $KSCONV: run make first"
if ! [ -x "$B/floor_parse" ] || ! [ -x "$B/floor_deflate" ]; then
	die "no floor programs: run make bench-floors"
fi
command -v pandoc >/dev/null 2>&1 || PANDOC_MAX=0
command -v cmark >/dev/null 2>&1 || die "cmark is missing (gen.py needs it)"

# Every format ksconv lists but the debugging dump; the one-pass set.
FORMATS=${BENCH_FORMATS:-$("$KSCONV" --list-formats |
	awk '$1 != "tree" { printf "%s ", $1 }')}
ALL=""
for f in atom rss epub md; do
	case " $FORMATS " in
	*" $f "*) ALL="${ALL:+$ALL,}$f" ;;
	esac
done

if [ -z "${BENCH_OUT:-}" ]; then
	BENCH_OUT=$B
	if [ "$(stat -f -c %T /dev/shm 2>/dev/null)" = tmpfs ] &&
	    [ -w /dev/shm ]; then
		BENCH_OUT=/dev/shm/ksconv-bench
	fi
fi
mkdir -p "$B/log" "$(dirname "$RESULTS")" "$BENCH_OUT"
# A copy: the binary may be rebuilt while the benchmark runs.
cp "$KSCONV" "$B/ksconv" || die "cannot copy $KSCONV"
KSCONV=$B/ksconv
# RESULTS.when says when each size ran, and with which binary.
if [ "${BENCH_KEEP:-0}" = 1 ] && [ -f "$RESULTS" ]; then
	touch "$RESULTS.when"
	for n in $SIZES; do
		for f in "$RESULTS" "$RESULTS.when"; do
			awk -F '\t' -v n="$n" '$1 != n' "$f" >"$f.tmp"
			mv "$f.tmp" "$f"
		done
	done
else
	: >"$RESULTS"
	: >"$RESULTS.when"
fi

# measure N NAME KIND BYTES REPS CMD...: runs CMD (from a clean output
# folder) REPS times and appends the fastest run to the results:
#   N  NAME  KIND  BYTES  SECONDS  PEAK-RSS-KB  STATUS  CPU-SECONDS  OTHERS
# where OTHERS is how many cores other processes kept busy meanwhile
# (from /proc/stat): the benchmark's noise.
measure() {
	n=$1 name=$2 kind=$3 bytes=$4 reps=$5
	shift 5
	best="" rss="" cpu="" others="" status=ok i=0
	log="$B/log/$n-$(echo "$name" | tr ' ,' '__').log"
	while [ "$i" -lt "$reps" ]; do
		i=$((i + 1))
		rm -rf "$OUT"
		mkdir -p "$OUT"
		busy0=$(busy_ticks)
		/usr/bin/time -f '%e %M %U %S' -o "$B/time.out" "$@" \
		    >"$log" 2>&1
		rc=$?
		busy1=$(busy_ticks)
		# shellcheck disable=SC2046
		set -- $(tail -n 1 "$B/time.out") "$@"
		t=$1 m=$2 c=$(awk "BEGIN { print $3 + $4 }")
		shift 4
		case $rc in
		0) ;;
		124) status=timeout ;;
		137) status=killed ;;	# the OOM killer
		*) status="exit-$rc" ;;
		esac
		if [ -z "$best" ] || awk "BEGIN { exit !($t < $best) }"; then
			best=$t rss=$m cpu=$c
			others=$(awk "BEGIN { o = (($busy1 - $busy0) / $HZ \
			    - $c) / ($t > 0 ? $t : 1); printf \"%.2f\", \
			    o < 0 ? 0 : o }")
		fi
		[ "$status" = ok ] || break
	done
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$name" \
	    "$kind" "$bytes" "$best" "$rss" "$status" "$cpu" "$others" \
	    >>"$RESULTS"
	printf 'bench: N=%-6s %-22s %8.2f s (cpu %6.2f s) %8.1f MB  %s%s\n' \
	    "$n" "$name" "$best" "$cpu" \
	    "$(echo "$rss" | awk '{ print $1 / 1024 }')" "$status" \
	    "$(awk "BEGIN { if ($others >= 0.2) \
	        print \"  (others busy: $others cores)\" }")"
}

# Clock ticks all cores spent busy since boot (not idle, not waiting).
busy_ticks() {
	awk '$1 == "cpu" { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat
}
HZ=$(getconf CLK_TCK 2>/dev/null || echo 100)

# The output path of FORMAT alone in folder DIR.
out_path() {
	case $1 in
	md | html) echo "$2/$1" ;;
	epub) echo "$2/anthology.epub" ;;
	atom | rss | json) echo "$2/feed.$1" ;;
	*) echo "$2/out.$1" ;;
	esac
}

for n in $SIZES; do
	D=$B/$n
	# shellcheck disable=SC2086
	$PY bench/gen.py "$n" "$D" $SEEDS || die "gen.py failed"
	bytes=$(awk '$1 == "bytes" { print $2 }' "$D/info")
	hbytes=$(awk '$1 == "pandoc_bytes" { print $2 }' "$D/info")
	reps=${BENCH_REPEAT:-$([ "$n" -le 1000 ] && echo 3 || echo 1)}
	tr '\n' '\0' <"$D/files.txt" | xargs -0 cat >/dev/null	# warm cache
	OUT=$BENCH_OUT/$n/out
	# $K is split into words on purpose (no spaces in KSCONV).
	K="$KSCONV -q --title bench"

	measure "$n" floor_parse floor "$bytes" "$reps" \
	    "$B/floor_parse" "$D/files.txt"
	measure "$n" floor_deflate floor "$bytes" "$reps" \
	    "$B/floor_deflate" "$D/files.txt"
	for f in $FORMATS; do
		# shellcheck disable=SC2086
		measure "$n" "$f" ksconv "$bytes" "$reps" \
		    $K --to "$f" -o "$(out_path "$f" "$OUT")" "$D/in"
	done
	case " $FORMATS ${BENCH_J1:-1}" in
	*" md "*1)
		# shellcheck disable=SC2086
		measure "$n" "md -j1" ksconv "$bytes" "$reps" \
		    $K -j 1 --to md -o "$OUT/md" "$D/in" ;;
	esac
	case " $FORMATS " in
	*" md "*)
		OUT=$D/out-disk
		# shellcheck disable=SC2086
		measure "$n" "md on disk" ksconv "$bytes" "$reps" \
		    $K --to md -o "$OUT/md" "$D/in"
		rm -rf "$OUT"
		OUT=$BENCH_OUT/$n/out ;;
	esac
	if [ -n "$ALL" ] && [ "${BENCH_ONEPASS:-1}" = 1 ]; then
		# Both outputs are kept to compare them.
		OUT=$BENCH_OUT/$n/out-j2
		measure "$n" "$ALL -j2" ksconv "$bytes" "$reps" \
		    $K -j 2 --to "$ALL" -o "$OUT/site" "$D/in"
		if [ "${BENCH_J1:-1}" = 1 ]; then
			OUT=$BENCH_OUT/$n/out-j1
			measure "$n" "$ALL -j1" ksconv "$bytes" "$reps" \
			    $K -j 1 --to "$ALL" -o "$OUT/site" "$D/in"
			if diff -r -q "$BENCH_OUT/$n/out-j1" \
			    "$BENCH_OUT/$n/out-j2" \
			    >"$B/log/$n-identical.log" 2>&1
			then same=ok
			else same=differ
			fi
			printf '%s\tidentical -j1 -j2\tcheck\t%s\t0\t0\t%s\t0\t0\n' \
			    "$n" "$bytes" "$same" >>"$RESULTS"
			echo "bench: N=$n outputs of -j 1 and -j 2: $same"
		fi
		rm -rf "$BENCH_OUT/$n/out-j1" "$BENCH_OUT/$n/out-j2"
	fi
	OUT=$BENCH_OUT/$n/out
	if [ "$n" -le "$PANDOC_MAX" ]; then
		measure "$n" "pandoc md" pandoc "$hbytes" 1 \
		    timeout "$PANDOC_TIMEOUT" pandoc -f html -t commonmark \
		    -o "$OUT/pandoc.md" "$D/pandoc.html"
		measure "$n" "pandoc epub" pandoc "$hbytes" 1 \
		    timeout "$PANDOC_TIMEOUT" pandoc -f html -t epub \
		    --lua-filter bench/noimg.lua -o "$OUT/pandoc.epub" \
		    "$D/pandoc.html"
	fi
	rm -rf "$OUT"
	printf '%s\t%s\t%s\n' "$n" "$(date -u '+%Y-%m-%d %H:%M UTC')" \
	    "$(sha256sum <"$KSCONV" | cut -c1-12)" >>"$RESULTS.when"
done

$PY bench/report.py "$RESULTS" "$MD" "$PLOT" "$KSCONV" "$PANDOC_MAX" \
    "$PANDOC_TIMEOUT"
