/* Small text helpers shared by readers and the cleaner. */
#ifndef KS_TEXT_H
#define KS_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

/*
 * Metadata values are plain text: removes HTML tags from s, decodes
 * character references (named, decimal, hex), folds runs of white space
 * (Unicode spaces included) to one ASCII space and trims both ends.
 * The caller frees the result (never NULL).
 */
char	*ks_text_plain(const char *s);

/* Appends s[0..len) with white-space runs folded to one space; when
 * `trim`, no leading or trailing space. */
void	 ks_text_fold_space(struct ks_buf *out, const char *s, size_t len,
	    bool trim);

/* Trims ASCII and Unicode white space in place; returns s. */
char	*ks_text_trim(char *s);

/* Is s (valid UTF-8) empty or only white space? */
bool	 ks_text_is_blank(const char *s, size_t len);

/* Does s start with prefix (ASCII case-insensitive)? */
bool	 ks_text_has_prefix_ci(const char *s, const char *prefix);

#endif
