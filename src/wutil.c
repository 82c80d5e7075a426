/* Helpers several writers share: author fallback, "now", slugs, links. */
#include "wutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "derive.h"
#include "xalloc.h"

#define SLUG_MAX_BYTES 60

char *
ks_wu_author(const struct ks_article *a, const struct ks_settings *s)
{
	struct ks_buf b = KS_BUF_INIT;

	for (size_t i = 0; i < a->authors.len; i++) {
		if (i > 0)
			ks_buf_puts(&b, ", ");
		ks_buf_puts(&b, a->authors.v[i]);
	}
	if (b.len == 0 && a->source != NULL)
		ks_buf_puts(&b, a->source);
	if (b.len == 0 && s->author != NULL)
		ks_buf_puts(&b, s->author);
	return ks_buf_detach(&b);
}

int64_t
ks_wu_now(const struct ks_settings *s, int64_t newest_utc)
{
	if (s->has_epoch)
		return s->epoch;
	return newest_utc == INT64_MIN ? 0 : newest_utc;
}

static int
taken(const struct ks_wu_slugs *sl, const char *name)
{
	for (size_t i = sl->len; i > 0; i--)
		if (strcmp(sl->names[i - 1], name) == 0)
			return 1;
	return 0;
}

/*
 * Linear in the names so far; a run of 100 000 articles would want a hash
 * set here (issue 7 measures it).
 */
const char *
ks_wu_slug(struct ks_wu_slugs *sl, const char *prefix, const char *title)
{
	struct ks_buf b = KS_BUF_INIT;
	char *slug = ks_derive_slug(title ? title : "", SLUG_MAX_BYTES);
	size_t n = 1;

	ks_buf_printf(&b, "%s%s", prefix ? prefix : "", slug);
	while (taken(sl, ks_buf_cstr(&b))) {
		ks_buf_clear(&b);
		ks_buf_printf(&b, "%s%s-%zu", prefix ? prefix : "", slug, ++n);
	}
	free(slug);
	if (sl->len == sl->cap) {
		sl->cap = sl->cap ? sl->cap * 2 : 64;
		sl->names = ks_xrealloc(sl->names, sl->cap * sizeof(*sl->names));
	}
	sl->names[sl->len] = ks_buf_detach(&b);
	return sl->names[sl->len++];
}

void
ks_wu_slugs_free(struct ks_wu_slugs *sl)
{
	for (size_t i = 0; i < sl->len; i++)
		free(sl->names[i]);
	free(sl->names);
	memset(sl, 0, sizeof(*sl));
}

char *
ks_wu_entry_link(const struct ks_article *a, const struct ks_settings *s,
    const char *slug)
{
	struct ks_buf b = KS_BUF_INIT;
	size_t n;

	if (a->link != NULL)
		return ks_xstrdup(a->link);
	if (s->base_url == NULL || slug == NULL)
		return NULL;
	n = strlen(s->base_url);
	ks_buf_printf(&b, "%s%sarticles/%s.html", s->base_url,
	    n > 0 && s->base_url[n - 1] == '/' ? "" : "/", slug);
	return ks_buf_detach(&b);
}

char *
ks_wu_date_prefix(const struct ks_article *a, char *buf)
{
	char full[32];

	buf[0] = '\0';
	if (a->date.known) {
		ks_date_format_rfc3339(&a->date, full);
		snprintf(buf, 16, "%.10s-", full);
	}
	return buf;
}
