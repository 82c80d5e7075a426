/* Splits a file's text into front matter and body. */
#ifndef KS_FRONTMATTER_H
#define KS_FRONTMATTER_H

#include <stddef.h>

enum ks_fm_kind {
	KS_FM_NONE,	/* no front matter */
	KS_FM_YAML,	/* --- ... --- (or ...) */
	KS_FM_TOML,	/* +++ ... +++ */
};

struct ks_fm_split {
	enum ks_fm_kind	kind;
	size_t		fm_start;	/* byte offset of the first front-matter line */
	size_t		fm_len;		/* its length, without the closing fence */
	size_t		fm_line;	/* 1-based line of fm_start */
	size_t		body_start;	/* byte offset of the body */
	size_t		body_line;	/* 1-based line of body_start */
};

/*
 * Finds the front matter of text[0..len): an optional UTF-8 BOM, any number
 * of blank lines, then a fence line "---" or "+++" (trailing blanks and CR
 * allowed), up to the matching closing fence ("---" or "..." for YAML).
 * Returns 0 with *out filled (kind KS_FM_NONE when there is no opening
 * fence: then body_start skips only the BOM); -1 when an opening fence is
 * never closed (*out then describes the opening fence line).
 */
int	ks_fm_split(const char *text, size_t len, struct ks_fm_split *out);

#endif
