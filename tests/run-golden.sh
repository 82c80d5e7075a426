#!/bin/sh
# Golden tests: every seed and every fixture through the tree writer,
# compared with the expected output next to it (NAME.tree; NAME.err for the
# expected messages, when present). UPDATE=1 rewrites the expectations.
. tests/lib.sh
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

golden() { # input expected-base
	in=$1; exp=$2
	run_ksconv --to tree "$in" >"$tmp/out" 2>"$tmp/err"
	echo "exit $?" >>"$tmp/err"
	if [ -n "$UPDATE" ]; then
		cp "$tmp/out" "$exp.tree"; cp "$tmp/err" "$exp.err"; pass; return
	fi
	if [ ! -f "$exp.tree" ]; then fail "$in: no $exp.tree"; return; fi
	if diff -u "$exp.tree" "$tmp/out" >"$tmp/diff"; then pass
	else fail "$in: tree differs from $exp.tree"; head -40 "$tmp/diff" >&2; fi
	if [ -f "$exp.err" ]; then
		if diff -u "$exp.err" "$tmp/err" >"$tmp/diff"; then pass
		else fail "$in: messages differ from $exp.err"; head -20 "$tmp/diff" >&2; fi
	fi
}

for f in seeds/*; do
	golden "$f" "tests/golden/$(basename "$f" | sed 's/\.[^.]*$//')"
done
for f in tests/fixtures/*; do
	case $f in *.tree|*.err) continue ;; esac
	golden "$f" "${f%.*}"
done
done_tests golden
