# Shared by the test scripts: counts checks and prints "NAME: N passed, N failed".
passed=0
failed=0
pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }
# check DESCRIPTION COMMAND...: passes when the command succeeds.
check() { d=$1; shift; if "$@"; then pass; else fail "$d"; fi; }
done_tests() { echo "$1: $passed passed, $failed failed"; [ "$failed" -eq 0 ]; }
KSCONV=${KSCONV:-./ksconv}
# A valgrind or other wrapper for every run of ksconv, when set.
run_ksconv() { $KSWRAP "$KSCONV" "$@"; }
# seeds_twice DIR: a new folder with every seed, then each again under
# another name (a duplicate that ksconv drops).
seeds_twice() {
	mkdir "$1" || return 1
	cp seeds/* "$1/"
	for s in seeds/*; do cp "$s" "$1/zz-$(basename "$s")"; done
}

# start_httpd DIR [DELAY]: tests/httpd.py serving DIR on 127.0.0.1 in the
# background, DELAY seconds before each answer; sets srv_pid, and port
# (empty when it is not listening within ten seconds).
start_httpd() {
	rm -f "$tmp/port"
	/usr/bin/python3 tests/httpd.py "$1" "$tmp/port" "${2:-0}" &
	srv_pid=$!
	_i=0
	while [ ! -s "$tmp/port" ] && [ $_i -lt 100 ]; do
		sleep 0.1
		_i=$((_i + 1))
	done
	port=$(cat "$tmp/port" 2>/dev/null)
}
