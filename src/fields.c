/* Ordered front-matter fields. */
#include "fields.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "xalloc.h"

struct ks_field *
ks_fields_add(struct ks_fields *f, const char *key, bool is_list, size_t line)
{
	struct ks_field *fl;

	if (f->len == f->cap) {
		f->cap = f->cap ? f->cap + f->cap / 2 : 8;
		f->v = ks_xrealloc(f->v, f->cap * sizeof(*f->v));
	}
	fl = &f->v[f->len++];
	memset(fl, 0, sizeof(*fl));
	fl->key = ks_xstrdup(key);
	fl->is_list = is_list;
	fl->line = line;
	return fl;
}

const struct ks_field *
ks_fields_get(const struct ks_fields *f, const char *key)
{
	for (size_t i = f->len; i > 0; i--)
		if (strcasecmp(f->v[i - 1].key, key) == 0)
			return &f->v[i - 1];
	return NULL;
}

const char *
ks_fields_value(const struct ks_fields *f, const char *key)
{
	const struct ks_field *fl;

	fl = ks_fields_get(f, key);
	if (fl == NULL || fl->values.len == 0)
		return NULL;
	return fl->values.v[0];
}

void
ks_fields_free(struct ks_fields *f)
{
	for (size_t i = 0; i < f->len; i++) {
		free(f->v[i].key);
		ks_strs_free(&f->v[i].values);
	}
	free(f->v);
	f->v = NULL;
	f->len = f->cap = 0;
}
