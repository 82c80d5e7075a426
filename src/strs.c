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

bool
ks_strs_contains(const struct ks_strs *l, const char *s)
{
	for (size_t i = 0; i < l->len; i++)
		if (strcmp(l->v[i], s) == 0)
			return true;
	return false;
}

void
ks_strs_push_unique(struct ks_strs *l, const char *s)
{
	if (!ks_strs_contains(l, s))
		ks_strs_push(l, s);
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
