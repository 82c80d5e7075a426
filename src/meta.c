/* Maps the many spellings of front-matter keys onto the article model. */
#include "meta.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "diag.h"
#include "text.h"
#include "url.h"
#include "xalloc.h"

enum slot {
	SLOT_EXTRA,
	SLOT_TITLE,
	SLOT_DATE,
	SLOT_UPDATED,
	SLOT_AUTHOR,
	SLOT_CATEGORY,
	SLOT_TAG,
	SLOT_LINK,
	SLOT_IMAGE,
	SLOT_LANG,
	SLOT_ID,
	SLOT_SOURCE,
};

/* Keys are matched without regard to case. Image keys also stay in extra
 * (cleaned), since generators need them back under their own names. */
static const struct {
	const char	*key;
	enum slot	 slot;
} keys[] = {
	{ "title", SLOT_TITLE },
	{ "date", SLOT_DATE },
	{ "pubdate", SLOT_DATE },
	{ "published", SLOT_DATE },
	{ "publishdate", SLOT_DATE },
	{ "created", SLOT_DATE },
	{ "updated", SLOT_UPDATED },
	{ "lastmod", SLOT_UPDATED },
	{ "modified", SLOT_UPDATED },
	{ "author", SLOT_AUTHOR },
	{ "authors", SLOT_AUTHOR },
	{ "categories", SLOT_CATEGORY },
	{ "category", SLOT_CATEGORY },
	{ "tags", SLOT_TAG },
	{ "tag", SLOT_TAG },
	{ "link", SLOT_LINK },
	{ "original", SLOT_LINK },
	{ "original_link", SLOT_LINK },
	{ "source_url", SLOT_LINK },
	{ "canonical_url", SLOT_LINK },
	{ "image", SLOT_IMAGE },
	{ "headimg", SLOT_IMAGE },
	{ "thumbnail", SLOT_IMAGE },
	{ "cover", SLOT_IMAGE },
	{ "banner", SLOT_IMAGE },
	{ "featured_image", SLOT_IMAGE },
	{ "lang", SLOT_LANG },
	{ "language", SLOT_LANG },
	{ "id", SLOT_ID },
	{ "guid", SLOT_ID },
	{ "uuid", SLOT_ID },
	{ "source", SLOT_SOURCE },
	{ "来源", SLOT_SOURCE },
};

static enum slot
slot_of(const char *key)
{
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (strcasecmp(keys[i].key, key) == 0)
			return keys[i].slot;
	return SLOT_EXTRA;
}

/* Sets *dst to the plain text of value unless *dst is set or it is blank. */
static void
set_plain(char **dst, const char *value)
{
	char *p;

	if (*dst != NULL || value == NULL)
		return;
	p = ks_text_plain(value);
	if (p[0] == '\0')
		free(p);
	else
		*dst = p;
}

static void
push_plain(struct ks_strs *list, const struct ks_field *f)
{
	for (size_t i = 0; i < f->values.len; i++) {
		char *p = ks_text_plain(f->values.v[i]);

		if (p[0] != '\0')
			ks_strs_push_unique(list, p);
		free(p);
	}
}

static void
set_date(struct ks_article *a, struct ks_date *d, const struct ks_field *f,
    int default_offset)
{
	const char *v = f->values.len ? f->values.v[0] : NULL;

	if (d->known || v == NULL || ks_text_is_blank(v, strlen(v)))
		return;
	if (ks_date_parse(v, default_offset, d) != 0)
		ks_warn(a->path, f->line, "cannot read the %s '%s'; "
		    "the article is converted as undated", f->key, v);
}

/* Does the key name a URL that a site generator puts in an href or src
 * (headimg, cover_image, original_url, ...)? */
static bool
url_key(const char *key)
{
	static const char *const ends[] = { "url", "link", "href", "src",
		"image", "img", "thumbnail", "cover", "banner", "icon", "logo",
		"avatar", "original" };
	size_t len = strlen(key), n;

	if (slot_of(key) == SLOT_LINK || slot_of(key) == SLOT_IMAGE)
		return true;
	for (size_t i = 0; i < sizeof(ends) / sizeof(ends[0]); i++) {
		n = strlen(ends[i]);
		if (len >= n && strcasecmp(key + len - n, ends[i]) == 0)
			return true;
	}
	return false;
}

/* Is v a URL that could run code (javascript:, vbscript:, data:text/html,
 * file: ...)? Relative and odd URLs are not: generators resolve those. */
static bool
dangerous_url(const char *v)
{
	char *out = NULL;
	bool bad = ks_url_clean(v, NULL, KS_URL_IMAGE, &out) ==
	    KS_URL_DANGEROUS;

	free(out);
	return bad;
}

/*
 * Keeps the field in a->extra, proxies unwrapped when it is a URL. The
 * Markdown writer writes extra back into front matter, where a
 * "javascript:" headimg would become some site's href: values of URL keys
 * with a dangerous scheme are dropped (a field left with none goes).
 */
static void
keep_extra(struct ks_article *a, struct ks_field *f)
{
	struct ks_strs values = KS_STRS_INIT;
	struct ks_field *e;
	bool check = url_key(f->key);

	for (size_t i = 0; i < f->values.len; i++) {
		const char *v = f->values.v[i];

		if (check && dangerous_url(v))
			ks_warn(a->path, f->line, "unsafe URL in '%s'; dropped",
			    f->key);
		else if (ks_url_is_http(v))
			ks_strs_push_owned(&values, ks_url_unwrap_proxy(v));
		else
			ks_strs_push(&values, v);
	}
	if (values.len == 0 && f->values.len > 0 && !f->is_list) {
		ks_strs_free(&values);
		return;
	}
	e = ks_fields_add(&a->extra, f->key, f->is_list, f->line);
	ks_strs_free(&e->values);
	e->values = values;
}

void
ks_meta_from_fields(struct ks_article *a, struct ks_fields *fields,
    int default_offset)
{
	for (size_t i = 0; i < fields->len; i++) {
		struct ks_field *f = &fields->v[i];
		const char *v = f->values.len ? f->values.v[0] : NULL;

		switch (slot_of(f->key)) {
		case SLOT_TITLE:
			set_plain(&a->title, v);
			break;
		case SLOT_DATE:
			set_date(a, &a->date, f, default_offset);
			break;
		case SLOT_UPDATED:
			set_date(a, &a->updated, f, default_offset);
			break;
		case SLOT_AUTHOR:
			push_plain(&a->authors, f);
			break;
		case SLOT_CATEGORY:
			push_plain(&a->categories, f);
			break;
		case SLOT_TAG:
			push_plain(&a->tags, f);
			break;
		case SLOT_LINK:
			if (a->link == NULL && v != NULL && ks_url_is_http(v))
				a->link = ks_xstrdup(v);
			else
				keep_extra(a, f);
			break;
		case SLOT_IMAGE:
			/* keep_extra reports a dangerous one. */
			if (a->image == NULL && v != NULL && !dangerous_url(v))
				a->image = ks_xstrdup(v);
			keep_extra(a, f);
			break;
		case SLOT_LANG:
			set_plain(&a->lang, v);
			break;
		case SLOT_ID:
			set_plain(&a->given_id, v);
			break;
		case SLOT_SOURCE:
			if (v != NULL && ks_url_is_http(v) && a->link == NULL)
				a->link = ks_xstrdup(v);
			else
				set_plain(&a->source, v);
			break;
		case SLOT_EXTRA:
			keep_extra(a, f);
			break;
		}
	}
	ks_fields_free(fields);
}
