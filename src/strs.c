/* Owned string lists. */
#include "strs.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

void
ks_strs_push_owned(struct ks_strs *l, char *s)
{
	if (l->len == l->cap) {
		l->cap = l->cap ? l->cap + l->cap / 2 : 4;
		l->v = ks_xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	l->v[l->len++] = s;
}

void
ks_strs_push(struct ks_strs *l, const char *s)
{
	ks_strs_push_owned(l, ks_xstrdup(s));
}

size_t
ks_strs_index(const struct ks_strs *l, const char *s)
{
	size_t i = 0;

	while (i < l->len && strcmp(l->v[i], s) != 0)
		i++;
	return i;
}

bool
ks_strs_contains(const struct ks_strs *l, const char *s)
{
	return ks_strs_index(l, s) < l->len;
}

size_t
ks_strs_push_unique(struct ks_strs *l, const char *s)
{
	size_t i = ks_strs_index(l, s);

	if (i == l->len)
		ks_strs_push(l, s);
	return i;
}

void
ks_strs_clear(struct ks_strs *l)
{
	for (size_t i = 0; i < l->len; i++)
		free(l->v[i]);
	l->len = 0;
}

void
ks_strs_free(struct ks_strs *l)
{
	ks_strs_clear(l);
	free(l->v);
	l->v = NULL;
	l->cap = 0;
}
