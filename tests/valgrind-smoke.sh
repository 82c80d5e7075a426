#!/bin/sh
# Every format at once under valgrind, on the seeds and on the corpus when
# it is there: no error and no leak (what CI runs; the whole suite under
# valgrind is make valgrind).
. tests/lib.sh
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
all=$("$KSCONV" --list-formats | cut -d' ' -f1 | paste -sd, -)
vg="valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=99"
for input in seeds ../shared/corpus; do
	[ -d "$input" ] || continue
	name=$(basename "$input")
	$vg "$KSCONV" -j 2 --to "$all" --base-url https://example.org/ \
	    -o "$tmp/$name" "$input" >/dev/null 2>"$tmp/$name.err"
	rc=$?
	check "valgrind, every format, $input: exit $rc" [ "$rc" -le 1 ]
	if [ "$rc" -gt 1 ]; then tail -30 "$tmp/$name.err" >&2; fi
done
done_tests valgrind
