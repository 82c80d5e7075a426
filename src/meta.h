/* From front-matter fields to the article model's metadata. */
#ifndef KS_META_H
#define KS_META_H

#include "article.h"
#include "fields.h"

/*
 * Moves what fields say into a: title, date, updated, authors,
 * categories, tags, link, image, lang, id, source; every other key goes to
 * a->extra in order (URL-valued ones like headimg and thumbnail with their
 * proxies unwrapped). Values become plain text. A date that cannot be read
 * is a warning naming the field's line; the article stays undated.
 * Consumes fields (it is empty afterwards).
 */
void	ks_meta_from_fields(struct ks_article *a, struct ks_fields *fields,
	    int default_offset);

#endif
