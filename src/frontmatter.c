/* Finds where a post's front matter starts and ends, so that the YAML or
 * TOML parser sees only its lines and the body reader only the rest.
 * Works on bytes: a fence is ASCII, whatever the encoding of the rest. */
#include "frontmatter.h"

#include <stdbool.h>
#include <string.h>

/* Returns the offset just past the line that starts at i (past its '\n',
 * or len when the text ends without one). */
static size_t
line_end(const char *text, size_t len, size_t i)
{
	const char *nl;

	nl = memchr(text + i, '\n', len - i);
	return nl ? (size_t)(nl - text) + 1 : len;
}

/* Whether text[i..end) holds only spaces, tabs, CR and the final '\n'. */
static bool
only_blanks(const char *text, size_t i, size_t end)
{
	for (; i < end; i++)
		if (text[i] != ' ' && text[i] != '\t' && text[i] != '\r' &&
		    text[i] != '\n')
			return false;
	return true;
}

/* Whether the line text[i..end) is the fence f (three characters) with
 * nothing after it but blanks: "----" is a rule, not a fence. */
static bool
is_fence(const char *text, size_t i, size_t end, const char *f)
{
	return end - i >= 3 && memcmp(text + i, f, 3) == 0 &&
	    only_blanks(text, i + 3, end);
}

int
ks_fm_split(const char *text, size_t len, struct ks_fm_split *out)
{
	size_t i, end, start, line, open, open_line;
	const char *close;

	memset(out, 0, sizeof(*out));
	out->kind = KS_FM_NONE;
	out->fm_line = out->body_line = 1;
	start = 0;
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		start = 3;
	out->fm_start = out->body_start = start;

	/* Blank lines may come before the opening fence (Hexo writes one). */
	i = start;
	line = 1;
	for (;;) {
		if (i >= len)
			return 0;
		end = line_end(text, len, i);
		if (!only_blanks(text, i, end))
			break;
		i = end;
		line++;
	}
	if (is_fence(text, i, end, "---")) {
		out->kind = KS_FM_YAML;
		close = "---";
	} else if (is_fence(text, i, end, "+++")) {
		out->kind = KS_FM_TOML;
		close = "+++";
	} else
		return 0;

	open = i;
	open_line = line;
	out->fm_start = end;
	out->fm_line = line + 1;
	for (i = end, line++; i < len; i = end, line++) {
		end = line_end(text, len, i);
		if (is_fence(text, i, end, close) || (out->kind ==
		    KS_FM_YAML && is_fence(text, i, end, "..."))) {
			out->fm_len = i - out->fm_start;
			out->body_start = end;
			out->body_line = line + 1;
			return 0;
		}
	}

	/* Unclosed: describe the opening fence line, so that the caller can
	 * report it, or read everything from it on as body (a Markdown rule
	 * followed by text looks just like this). */
	out->fm_start = open;
	out->fm_line = open_line;
	out->fm_len = line_end(text, len, open) - open;
	out->body_start = open;
	out->body_line = open_line;
	return -1;
}
