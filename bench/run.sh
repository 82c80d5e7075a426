#!/bin/sh
# The benchmark of issue 7 (make bench, make bench-quick).  For each N in
# BENCH_N it generates N distinct articles (bench/gen.py), then measures,
# with bench/timeit (wall and CPU seconds, peak RSS) on a warm page cache:
#
#   floor_parse     libxml2's htmlReadMemory and a tree walk of every file
#   floor_deflate   the same plus zlib level-6 deflate of every file
#   floor_parse x2  two floor_parse runs at once (bench/pair.sh): what two
#                   cores of this machine do side by side, against one
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
#   BENCH_REPEAT         runs of each ksconv and floor command, the median
#                        kept (default 9 for N <= 1000, 5 to 10000, else
#                        3); every run is in RESULTS.rounds
#   BENCH_KEEP=1         keep the rows of sizes not run now
#   BENCH_FORMATS        the formats run alone (default: all but tree);
#                        the one-pass run takes atom, rss, epub, md of these
#   BENCH_ONEPASS=0      no one-pass run (saves time at N = 100 000)
#   BENCH_J1=0           no -j 1 runs
#   BENCH_IN             where the generated articles go (default: a
#                        folder in /dev/shm when it is a tmpfs, else
#                        build-bench): this VM drops clean page cache
#                        when it likes, and a third of the 100 000 files
#                        were read from the disk again mid-run, which the
#                        floors, run first, were spared
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
ROUNDS=$RESULTS.rounds
MD=${BENCH_MD:-BENCHMARKS.md}
PLOT=${BENCH_PLOT:-bench/plot.png}
PY=/usr/bin/python3
SEEDS=seeds
[ -d ../shared/corpus ] && SEEDS="$SEEDS ../shared/corpus"

die() {
	echo "bench: $*" >&2
	exit 1
}

[ -x "$PY" ] || die "$PY is missing"
[ -x "$KSCONV" ] || die "no $KSCONV: run make first"
if ! [ -x "$B/floor_parse" ] || ! [ -x "$B/floor_deflate" ] ||
    ! [ -x "$B/timeit" ]; then
	die "no floor programs or timeit: run make bench-floors"
fi
TIMEIT=$B/timeit
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

SHM=""
if [ "$(stat -f -c %T /dev/shm 2>/dev/null)" = tmpfs ] && [ -w /dev/shm ]; then
	SHM=/dev/shm/ksconv-bench
fi
BENCH_OUT=${BENCH_OUT:-${SHM:-$B}}
BENCH_IN=${BENCH_IN:-${SHM:+$SHM/in}}
BENCH_IN=${BENCH_IN:-$B}
mkdir -p "$B/log" "$(dirname "$RESULTS")" "$BENCH_OUT" "$BENCH_IN"
# A copy: the binary may be rebuilt while the benchmark runs.
cp "$KSCONV" "$B/ksconv" || die "cannot copy $KSCONV"
KSCONV=$B/ksconv
# RESULTS.when says when each size ran, and with which binary; ROUNDS
# holds every run, round by round.
if [ "${BENCH_KEEP:-0}" = 1 ] && [ -f "$RESULTS" ]; then
	touch "$RESULTS.when" "$ROUNDS"
	for n in $SIZES; do
		for f in "$RESULTS" "$RESULTS.when" "$ROUNDS"; do
			awk -F '\t' -v n="$n" '$1 != n' "$f" >"$f.tmp"
			mv "$f.tmp" "$f"
		done
	done
else
	: >"$RESULTS"
	: >"$RESULTS.when"
	: >"$ROUNDS"
fi

# The output on the disk ("md on disk"). This VM's disk is ext4 without
# a journal, where a new file skips every inode freed in the last 60 s
# (`recently_deleted`, 360 s while the inode's block is unwritten): the
# run after the removal of the previous one's files spent most of its
# time scanning past them (perf: find_inode_bit, recently_deleted), more
# so the more files. So within a size each run gets a folder of its own,
# all removed once the size is done, and no run writes to the disk
# until 61 s after a removal there.
DISK=$B/disk
disk_freed=0
free_disk() {
	if [ -d "$DISK" ]; then
		rm -rf "$DISK"
		sync
		disk_freed=$(date +%s)
	fi
}
wait_disk() {
	left=$((disk_freed + 61 - $(date +%s)))
	[ "$left" -gt 0 ] && sleep "$left"
}
free_disk	# what an interrupted run left

# The commands of one size are measured in rounds: each round runs every
# command once, in list order, so a slow spell of this shared machine
# (its speed drifts by a third within minutes) falls on all of them
# alike, and ratios of two rows (md against the floor, -j 2 against
# -j 1) compare runs made close together.
#
# add NAME KIND OUTDIR CMD...: puts a command on the list (no argument
# may hold a space or a tab); OUTDIR is emptied before each run.
add() {
	printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$(shift 3; echo "$*")" \
	    >>"$B/cmds"
}

# run_once IDX NAME OUTDIR CMD: one timed run of the IDX-th command, its
# line "SECONDS PEAK-RSS-KB CPU-SECONDS OTHERS STATUS" appended to
# $B/runs.IDX, where OTHERS is how many cores other processes kept busy
# meanwhile (from /proc/stat): the benchmark's noise.  The same line goes
# to ROUNDS after "N NAME ROUND", for ratios taken round by round.
run_once() {
	idx=$1 name=$2 out=$3
	shift 3
	case $out in
	"$DISK"/*)
		if [ -e "$out" ]; then
			mv "$out" "$out.$r"	# not removed: see DISK
		fi
		wait_disk ;;
	*)	rm -rf "$out" ;;
	esac
	mkdir -p "$out"
	# Anything still to write from before reaches the disk before the
	# clock starts, so no run pays for another's.
	sync
	log="$B/log/$n-$(echo "$name" | tr ' ,' '__').log"
	busy0=$(busy_ticks)
	# shellcheck disable=SC2086
	"$TIMEIT" "$B/time.out" $* >"$log" 2>&1 </dev/null
	rc=$?
	busy1=$(busy_ticks)
	# shellcheck disable=SC2046
	set -- $(tail -n 1 "$B/time.out")
	t=$1 m=$2 c=$(awk "BEGIN { print $3 + $4 }")
	case $rc in
	0) st=ok ;;
	124) st=timeout ;;
	137) st=killed ;;	# the OOM killer
	*) st="exit-$rc" ;;
	esac
	others=$(awk "BEGIN { o = (($busy1 - $busy0) / $HZ - $c) / \
	    ($t > 0 ? $t : 1); printf \"%.2f\", o < 0 ? 0 : o }")
	echo "$t $m $c $others $st" >>"$B/runs.$idx"
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$name" "$r" "$t" \
	    "$m" "$c" "$others" "$st" >>"$ROUNDS"
	# What a run wrote leaves the tmpfs at once: this VM's memory beyond
	# what it has lately used comes from the host at a cost, and with
	# every row's last output kept (8 GB at 100 000) the one pass spent
	# 10 to 14 s in the kernel writing its files, against 5 s, more so
	# at -j 2.  The one-pass outputs of the last round are summed first,
	# for comparing -j 1 with -j 2.
	case $out in
	"$DISK"/*) ;;
	*)	if [ "$r" = "$reps" ]; then
			case $name in
			"$ALL -j1" | "$ALL -j2")
				manifest "$out" >"${log%.log}.sums" ;;
			esac
		fi
		rm -rf "$out" ;;
	esac
}

# The folders and files under DIR, each file with its SHA-256, in a fixed
# order: two runs' manifests are the same when `diff -r` of their outputs
# would find nothing.
manifest() {
	(cd "$1" && find . -type d | LC_ALL=C sort &&
	    find . -type f -print0 | LC_ALL=C sort -z | xargs -0 -r sha256sum)
}

# measure_all N BYTES REPS: runs the listed commands in REPS rounds and
# appends each one's median run (of an even count, the faster middle one)
# to the results:
#   N  NAME  KIND  BYTES  SECONDS  PEAK-RSS-KB  STATUS  CPU-SECONDS  OTHERS
# A command that fails is not run again.
measure_all() {
	n=$1 bytes=$2 reps=$3 r=0
	rm -f "$B"/runs.*
	while [ "$r" -lt "$reps" ]; do
		r=$((r + 1))
		idx=0
		while IFS='	' read -r name kind out cmd; do
			idx=$((idx + 1))
			if [ -f "$B/runs.$idx" ] &&
			    ! tail -n 1 "$B/runs.$idx" | grep -q ' ok$'; then
				continue
			fi
			run_once "$idx" "$name" "$out" "$cmd"
		done <"$B/cmds"
	done
	idx=0
	while IFS='	' read -r name kind out cmd; do
		idx=$((idx + 1))
		# shellcheck disable=SC2046
		set -- $(sort -n "$B/runs.$idx" | awk '{ l[NR] = $0 }
		    END { print l[int((NR + 1) / 2)] }')
		t=$1 rss=$2 cpu=$3 others=$4 status=$5
		tail -n 1 "$B/runs.$idx" | grep -q ' ok$' ||
		    status=$(tail -n 1 "$B/runs.$idx" | awk '{ print $5 }')
		printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" \
		    "$name" "$kind" "$bytes" "$t" "$rss" "$status" "$cpu" \
		    "$others" >>"$RESULTS"
		printf 'bench: N=%-6s %-22s %8.3f s (cpu %7.3f s) %8.1f MB  %s%s\n' \
		    "$n" "$name" "$t" "$cpu" \
		    "$(echo "$rss" | awk '{ print $1 / 1024 }')" "$status" \
		    "$(awk "BEGIN { if ($others >= 0.2) \
		        print \"  (others busy: $others cores)\" }")"
	done <"$B/cmds"
	: >"$B/cmds"
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
	D=$BENCH_IN/$n
	# shellcheck disable=SC2086
	$PY bench/gen.py "$n" "$D" $SEEDS || die "gen.py failed"
	bytes=$(awk '$1 == "bytes" { print $2 }' "$D/info")
	hbytes=$(awk '$1 == "pandoc_bytes" { print $2 }' "$D/info")
	# Three at 100 000 too: one run there was the noisiest figure of a
	# report (this VM's speed drifts by a quarter from minute to minute).
	# Five at 10 000, where a slow spell of a minute spans a round.
	reps=${BENCH_REPEAT:-$(if [ "$n" -le 1000 ]; then echo 9;
	    elif [ "$n" -le 10000 ]; then echo 5; else echo 3; fi)}
	tr '\n' '\0' <"$D/files.txt" | xargs -0 cat >/dev/null	# warm cache
	O=$BENCH_OUT/$n
	# $K is split into words on purpose (no spaces in KSCONV).
	K="$KSCONV -q --title bench"
	: >"$B/cmds"

	add floor_parse floor "$O/floor" "$B/floor_parse" "$D/files.txt"
	add floor_deflate floor "$O/floor" "$B/floor_deflate" "$D/files.txt"
	# The machine's own two-core scaling, for reading the -j rows.
	add "floor_parse x2" floor "$O/floor" sh bench/pair.sh \
	    "$B/floor_parse" "$D/files.txt"
	for f in $FORMATS; do
		add "$f" ksconv "$O/$f" $K --to "$f" -o "$(out_path "$f" \
		    "$O/$f")" "$D/in"
	done
	case " $FORMATS ${BENCH_J1:-1}" in
	*" md "*1)
		add "md -j1" ksconv "$O/md-j1" $K -j 1 --to md \
		    -o "$O/md-j1/md" "$D/in" ;;
	esac
	case " $FORMATS " in
	*" md "*)
		add "md on disk" ksconv "$DISK/$n" $K --to md \
		    -o "$DISK/$n/md" "$D/in" ;;
	esac
	if [ -n "$ALL" ] && [ "${BENCH_ONEPASS:-1}" = 1 ]; then
		add "$ALL -j2" ksconv "$O/out-j2" $K -j 2 --to "$ALL" \
		    -o "$O/out-j2/site" "$D/in"
		[ "${BENCH_J1:-1}" = 1 ] &&
		    add "$ALL -j1" ksconv "$O/out-j1" $K -j 1 --to "$ALL" \
		    -o "$O/out-j1/site" "$D/in"
	fi
	rm -f "$B/log/$n-"*.sums
	measure_all "$n" "$bytes" "$reps"
	# The last round's one-pass outputs, by their manifests.
	s1=$B/log/$n-$(echo "$ALL -j1" | tr ' ,' '__').sums
	s2=$B/log/$n-$(echo "$ALL -j2" | tr ' ,' '__').sums
	if [ -s "$s1" ] && [ -s "$s2" ]; then
		if diff "$s1" "$s2" >"$B/log/$n-identical.log" 2>&1
		then same=ok
		else same=differ
		fi
		printf '%s\tidentical -j1 -j2\tcheck\t%s\t0\t0\t%s\t0\t0\n' \
		    "$n" "$bytes" "$same" >>"$RESULTS"
		echo "bench: N=$n outputs of -j 1 and -j 2: $same"
	fi
	rm -rf "$O"
	free_disk
	if [ "$n" -le "$PANDOC_MAX" ]; then
		add "pandoc md" pandoc "$O/pandoc" timeout "$PANDOC_TIMEOUT" \
		    pandoc -f html -t commonmark -o "$O/pandoc/pandoc.md" \
		    "$D/pandoc.html"
		add "pandoc epub" pandoc "$O/pandoc" timeout "$PANDOC_TIMEOUT" \
		    pandoc -f html -t epub --lua-filter bench/noimg.lua \
		    -o "$O/pandoc/pandoc.epub" "$D/pandoc.html"
		measure_all "$n" "$hbytes" 1
		rm -rf "$O"
	fi
	printf '%s\t%s\t%s\n' "$n" "$(date -u '+%Y-%m-%d %H:%M UTC')" \
	    "$(sha256sum <"$KSCONV" | cut -c1-12)" >>"$RESULTS.when"
done

$PY bench/report.py "$RESULTS" "$MD" "$PLOT" "$KSCONV" "$PANDOC_MAX" \
    "$PANDOC_TIMEOUT"
