#!/bin/sh
# Runs a command twice at once and waits for both: with the parse floor,
# how much two cores of this machine do side by side, against one.
# `make bench` times it like any command (row "floor_parse x2").
"$@" >/dev/null &
"$@" >/dev/null
rc=$?
wait $! || rc=$?
exit $rc
