#!/bin/sh
# Runs each unit-test program and adds up their "N passed, N failed" lines.
passed=0; failed=0
for t in "$@"; do
	line=$($UNITWRAP "$t" | tail -n 1)
	echo "$line"
	p=$(echo "$line" | sed -n 's/.*: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p')
	f=$(echo "$line" | sed -n 's/.*: \([0-9]*\) passed, \([0-9]*\) failed$/\2/p')
	if [ -z "$p" ]; then
		echo "$t: crashed or printed no summary"
		failed=$((failed + 1)); continue
	fi
	passed=$((passed + p)); failed=$((failed + f))
done
echo "unit: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
