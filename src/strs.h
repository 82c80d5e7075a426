/* An owned, ordered list of strings (authors, categories, tags, ...). */
#ifndef KS_STRS_H
#define KS_STRS_H

#include <stdbool.h>
#include <stddef.h>

struct ks_strs {
	char	**v;
	size_t	  len;
	size_t	  cap;
};

#define KS_STRS_INIT { NULL, 0, 0 }

/* Appends a copy of s. */
void	ks_strs_push(struct ks_strs *l, const char *s);
/* Appends s itself: the list takes ownership. */
void	ks_strs_push_owned(struct ks_strs *l, char *s);
/* Appends a copy unless an equal string is already there; returns the
 * place of s in l either way. */
size_t	ks_strs_push_unique(struct ks_strs *l, const char *s);
/* The place of the first string equal to s, or l->len. */
size_t	ks_strs_index(const struct ks_strs *l, const char *s);
bool	ks_strs_contains(const struct ks_strs *l, const char *s);
void	ks_strs_clear(struct ks_strs *l);
void	ks_strs_free(struct ks_strs *l);

#endif
