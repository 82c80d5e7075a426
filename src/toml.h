/* A parser for the subset of TOML that Hugo front matter uses. Debian has
 * no C TOML library. */
#ifndef KS_TOML_H
#define KS_TOML_H

#include <stddef.h>

#include "fields.h"

/*
 * Parses text[0..len) (the lines between +++ fences; the first is line
 * first_line of path) into *out: key = value pairs with bare or quoted keys,
 * basic and literal strings (and their multi-line forms), integers, floats,
 * booleans, offset and local date-times (kept as their text), arrays of
 * these (nested arrays flattened), inline tables and [table] headers (their
 * keys become dotted keys "table.key"). Comments and blank lines are
 * skipped. Returns 0, or -1 after reporting "path:line: error: ..." for
 * anything else (array of tables, bad syntax, duplicate key).
 */
int	ks_toml_parse_fields(const char *text, size_t len, const char *path,
	    size_t first_line, struct ks_fields *out);

#endif
