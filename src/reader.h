/* Reading one file into one article: detection, repair, front matter,
 * body, cleaning and derived metadata. Pure: the bytes come from the
 * caller, so the fuzzer can drive it directly. */
#ifndef KS_READER_H
#define KS_READER_H

#include <stddef.h>

#include "article.h"
#include "settings.h"

/*
 * Reads data[0..len), the contents of path (key: the id key, its path
 * relative to the input folder), into a new article (*out, freed by the
 * caller with ks_article_free). Returns 0, or -1 after reporting
 * "ksconv: PATH[:LINE]: error: ..." (empty file, binary file, unclosed or
 * broken front matter, no text); *out is then NULL.
 */
int	ks_read_article(const char *path, const char *key, const char *data,
	    size_t len, const struct ks_settings *s, struct ks_article **out);

/* Once per process, before any thread reads (libxml2's global state). */
void	ks_reader_init(void);
/* At exit, after the last article is read. */
void	ks_reader_cleanup(void);

#endif
