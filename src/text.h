/* Small text helpers shared by readers, the cleaner and the settings. */
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

/* Bytes of white space (ks_utf8_is_space) that start s[0..len). */
size_t	 ks_text_space_prefix(const char *s, size_t len);
/* Bytes of white space that end s[0..len), read as ks_utf8_decode reads
 * s from its start (a stray byte is no space). Walks back from the end
 * only: trimming a long text costs no more than its edges. */
size_t	 ks_text_space_suffix(const char *s, size_t len);

/* Is s (valid UTF-8) empty or only white space? */
bool	 ks_text_is_blank(const char *s, size_t len);

/* Does s start with prefix (ASCII case-insensitive)? */
bool	 ks_text_has_prefix_ci(const char *s, const char *prefix);

/* A copy of tag as a well-formed BCP 47 language tag ("zh_CN" becomes
 * "zh-CN"), or NULL if it is none: the subset EPUBCheck checks, a 2-3 or
 * 5-8 letter language, then 1-8 alphanumeric subtags. */
char	*ks_lang_tag(const char *tag);

#endif
