/* Metadata of a standalone HTML document: what its <head> says. */
#ifndef KS_HTML_META_H
#define KS_HTML_META_H

#include <libxml/tree.h>

#include "article.h"

/*
 * Fills what a does not know yet from doc: the title (og:title, <title>,
 * else the first <h1>), the language (<html lang>), authors (meta author,
 * article:author), the date (article:published_time, meta date or
 * pubdate, else the first <time datetime>), the original link
 * (link rel=canonical, og:url) and the lead image (og:image). Values
 * become plain text; a date that cannot be read is a warning.
 */
void	ks_html_meta(xmlDoc *doc, struct ks_article *a, int default_offset);

#endif
