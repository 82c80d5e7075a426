/* What several writers need alike: the author fallback, the feed "now",
 * entry links, and slugs unique within one run. Writers only. */
#ifndef KS_WUTIL_H
#define KS_WUTIL_H

#include <stddef.h>
#include <stdint.h>

#include "article.h"
#include "settings.h"

/* The article's authors joined with ", "; when it has none, its source;
 * then the collection's author. The caller frees. */
char	*ks_wu_author(const struct ks_article *a, const struct ks_settings *s);

/*
 * The instant to print where a feed or book needs a "now": the newest
 * article's date (newest_utc, pass INT64_MIN when no article is dated),
 * unless SOURCE_DATE_EPOCH is set; 0 (1970) when neither exists. Never
 * the wall clock.
 */
int64_t	ks_wu_now(const struct ks_settings *s, int64_t newest_utc);

/*
 * Unique slugs in input order: the first article titled X gets "x", the
 * next "x-2", "x-3", ... Every writer that names files after articles
 * keeps its own ks_wu_slugs and feeds it the same articles in the same
 * order, so the html writer's pages and the feeds' links agree.
 */
struct ks_wu_slug_base;

struct ks_wu_slugs {
	char	**names;	/* open addressing; NULL is a free slot */
	size_t	  len;
	size_t	  cap;		/* a power of two, or 0 */
	/* For each name taken more than once, the last number it got, so
	 * the next "x-N" is found at once, not after trying N - 1 names. */
	struct ks_wu_slug_base *bases;
	size_t	  nbases;
	size_t	  capbases;	/* a power of two, or 0 */
};

#define KS_WU_SLUGS_INIT { NULL, 0, 0, NULL, 0, 0 }

/* The unique slug for this title (ks_derive_slug, max 60 bytes) with an
 * optional prefix (e.g. "2021-12-03-") that takes part in the uniqueness.
 * The result is owned by the slugs list; valid until ks_wu_slugs_free. */
const char *ks_wu_slug(struct ks_wu_slugs *sl, const char *prefix,
	    const char *title);
void	ks_wu_slugs_free(struct ks_wu_slugs *sl);

/* The link an entry should carry: the original link, else
 * BASE_URL/articles/SLUG.html when a base URL is known, else NULL.
 * The caller frees. */
char	*ks_wu_entry_link(const struct ks_article *a,
	    const struct ks_settings *s, const char *slug);

/* "YYYY-MM-DD-" of the article's date in its own offset, or "" when
 * undated. buf must hold 16 bytes. */
char	*ks_wu_date_prefix(const struct ks_article *a, char *buf);

#endif
