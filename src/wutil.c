/* Helpers several writers share: author fallback, "now", slugs, links. */
#include "wutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "derive.h"
#include "seen.h"
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

/* Slugs are short, and any even spread will do. */
static size_t
hash_name(const char *s)
{
	return (size_t)ks_seen_hash(s);
}

/* The slot holding name, or the free slot where it would go. */
static char **
find(char **names, size_t cap, const char *name)
{
	size_t i = hash_name(name) & (cap - 1);

	while (names[i] != NULL && strcmp(names[i], name) != 0)
		i = (i + 1) & (cap - 1);
	return &names[i];
}

static void
grow(struct ks_wu_slugs *sl)
{
	size_t cap = sl->cap ? sl->cap * 2 : 64;
	char **names = ks_xcalloc(cap, sizeof(*names));

	for (size_t i = 0; i < sl->cap; i++)
		if (sl->names[i] != NULL)
			*find(names, cap, sl->names[i]) = sl->names[i];
	free(sl->names);
	sl->names = names;
	sl->cap = cap;
}

struct ks_wu_slug_base {
	char	*name;		/* NULL: a free slot */
	size_t	 last;		/* the last N of "name-N" given */
};

/* The entry of base name, made (last 1) when new. */
static struct ks_wu_slug_base *
find_base(struct ks_wu_slugs *sl, const char *name)
{
	struct ks_wu_slug_base *v;
	size_t i, cap;

	if ((sl->nbases + 1) * 4 > sl->capbases * 3) {
		cap = sl->capbases ? sl->capbases * 2 : 16;
		v = ks_xcalloc(cap, sizeof(*v));
		for (size_t j = 0; j < sl->capbases; j++) {
			if (sl->bases[j].name == NULL)
				continue;
			i = hash_name(sl->bases[j].name) & (cap - 1);
			while (v[i].name != NULL)
				i = (i + 1) & (cap - 1);
			v[i] = sl->bases[j];
		}
		free(sl->bases);
		sl->bases = v;
		sl->capbases = cap;
	}
	i = hash_name(name) & (sl->capbases - 1);
	while (sl->bases[i].name != NULL && strcmp(sl->bases[i].name,
	    name) != 0)
		i = (i + 1) & (sl->capbases - 1);
	if (sl->bases[i].name == NULL) {
		sl->bases[i].name = ks_xstrdup(name);
		sl->bases[i].last = 1;
		sl->nbases++;
	}
	return &sl->bases[i];
}

/*
 * Hash sets, so 100 000 articles cost no more per slug than ten, even
 * when thousands share a title: "x-2" ... "x-N" are never taken away, so
 * the first free number is past the last one given.
 */
const char *
ks_wu_slug(struct ks_wu_slugs *sl, const char *prefix, const char *title)
{
	struct ks_buf b = KS_BUF_INIT;
	char *slug = ks_derive_slug(title ? title : "", SLUG_MAX_BYTES);
	struct ks_wu_slug_base *base = NULL;
	char **slot;
	size_t n = 1;

	if ((sl->len + 1) * 4 > sl->cap * 3)
		grow(sl);
	ks_buf_printf(&b, "%s%s", prefix ? prefix : "", slug);
	while (*(slot = find(sl->names, sl->cap, ks_buf_cstr(&b))) != NULL) {
		if (base == NULL) {
			base = find_base(sl, ks_buf_cstr(&b));
			n = base->last;
		}
		ks_buf_clear(&b);
		ks_buf_printf(&b, "%s%s-%zu", prefix ? prefix : "", slug, ++n);
	}
	if (base != NULL)
		base->last = n;
	free(slug);
	*slot = ks_buf_detach(&b);
	sl->len++;
	return *slot;
}

void
ks_wu_slugs_free(struct ks_wu_slugs *sl)
{
	for (size_t i = 0; i < sl->cap; i++)
		free(sl->names[i]);
	free(sl->names);
	for (size_t i = 0; i < sl->capbases; i++)
		free(sl->bases[i].name);
	free(sl->bases);
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
