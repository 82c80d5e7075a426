#!/bin/sh
# Smoke test over the real articles in ../shared/corpus/ when that folder
# exists (it stays out of the repository): every one is read without a
# crash, and every message names its file and a line.
. tests/lib.sh
corpus=${CORPUS:-../shared/corpus}
if [ ! -d "$corpus" ]; then
	echo "corpus: $corpus not found; skipped"
	done_tests corpus
	exit $?
fi
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

timeout 120 $KSWRAP "$KSCONV" --check "$corpus" >"$tmp/out" 2>"$tmp/err"
rc=$?
check "ksconv --check on the corpus exits 0 or 1 (got $rc)" [ "$rc" -le 1 ]
check "--check writes nothing to standard output" [ ! -s "$tmp/out" ]
bad=$(grep -v '^ksconv: [^:]*:[0-9][0-9]*: \(warning\|error\): ' "$tmp/err" | head -5)
check "every message names file and line: $bad" [ -z "$bad" ]

n=$(find "$corpus" -type f \( -name '*.md' -o -name '*.markdown' -o -name '*.txt' \) | wc -l)
timeout 120 $KSWRAP "$KSCONV" --to tree "$corpus" >"$tmp/tree" 2>/dev/null
got=$(grep -c '^article ' "$tmp/tree")
check "the tree writer gets most of the $n files (got $got)" [ "$got" -ge $((n - 3)) ]
# Code samples may show markup; everything else must be free of it.
grep -v '^ *code\(_block\)\{0,1\} ' "$tmp/tree" >"$tmp/prose"
for junk in '<script' 'cors.zfour.workers.dev' 'javascript:' 'onclick'; do
	if grep -qiF -- "$junk" "$tmp/prose"; then fail "corpus: junk survives: $junk"; else pass; fi
done
done_tests corpus
