/* The body reader for plain text without markup: magazine header lines,
 * paragraphs, and trailing credit, publisher and date lines. */
#ifndef KS_PLAINTEXT_H
#define KS_PLAINTEXT_H

#include <stddef.h>

#include "article.h"

/*
 * Reads text[0..len) (valid UTF-8; first_line is its line in the file) into
 * a: a leading block of "key:value" lines (ASCII or full-width colon, a
 * key of at most 16 characters without sentence punctuation) goes to
 * a->extra (title/author/date/source keys to their fields); paragraphs are
 * separated by blank lines, or are single lines when there is no blank
 * line; hard-wrapped lines are joined (a space between Latin words, nothing
 * between CJK characters); a short first line followed by a blank line is
 * the title when a has none; trailing lines that are a date, or a short
 * publisher name right above it, become a->date and a->authors.
 * Sets a->body. Never fails.
 */
void	ks_plaintext_read(struct ks_article *a, const char *text, size_t len,
	    size_t first_line);

#endif
