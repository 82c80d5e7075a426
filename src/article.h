/* The article model: what every reader produces and every writer reads.
 * It knows neither side: no reader or writer header is included here. */
#ifndef KS_ARTICLE_H
#define KS_ARTICLE_H

#include <stdbool.h>
#include <stdint.h>

#include "date.h"
#include "fields.h"
#include "node.h"
#include "strs.h"

#define KS_SUMMARY_CHARS 140

struct ks_article {
	char		*path;		/* as given or found while walking */
	char		*key;		/* id key: path relative to its input folder */
	size_t		 body_line;	/* the body's first line, for messages */
	char		*title;		/* plain text, never NULL after reading */
	bool		 title_derived;	/* made from the first sentence */
	struct ks_date	 date;
	struct ks_date	 updated;	/* known only when the input said so */
	struct ks_strs	 authors;	/* plain text */
	struct ks_strs	 categories;
	struct ks_strs	 tags;
	char		*source;	/* the publication, e.g. 中国新闻网 */
	char		*link;		/* the original URL, absolute, or NULL */
	char		*image;		/* the lead image URL, or NULL */
	char		*lang;		/* BCP 47 */
	bool		 lang_detected;	/* not given by the input */
	char		*summary;	/* plain text, <= KS_SUMMARY_CHARS chars */
	uint64_t	 text_hash;	/* of the normalized text and title:
					 * equal for duplicates */
	char		*id;		/* urn:uuid:... or the input's absolute URI */
	char		*given_id;	/* the front matter's id/guid, or NULL */
	struct ks_fields extra;		/* every other front-matter key, in order */
	struct ks_node	*body;		/* KS_NODE_DOCUMENT; NULL once released */
};

/* The caller frees the result with ks_article_free. */
struct ks_article *ks_article_new(const char *path, const char *key);
/* Frees the article, its metadata and its body. NULL is fine. */
void		 ks_article_free(struct ks_article *a);
/* Frees only the body tree (the collection keeps the metadata). */
void		 ks_article_release_body(struct ks_article *a);

#endif
