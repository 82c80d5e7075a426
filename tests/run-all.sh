#!/bin/sh
# Runs every test group and ends with one line "N passed, N failed".
# Arguments: the unit-test programs. KSCONV and KSWRAP pass through.
total_p=0; total_f=0
add() { # a group's summary line
	echo "$1"
	p=$(echo "$1" | sed -n 's/.*: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p')
	f=$(echo "$1" | sed -n 's/.*: \([0-9]*\) passed, \([0-9]*\) failed$/\2/p')
	[ -n "$p" ] || { p=0; f=1; echo "(the group above crashed)"; }
	total_p=$((total_p + p)); total_f=$((total_f + f))
}
add "$(sh tests/run-unit.sh "$@" | tail -n 1)"
# Every other tests/run-NAME.sh is a group of its own.
for g in tests/run-*.sh; do
	case $g in tests/run-all.sh|tests/run-unit.sh) continue ;; esac
	add "$(sh "$g" | tail -n 1)"
done
echo "$total_p passed, $total_f failed"
[ "$total_f" -eq 0 ]
