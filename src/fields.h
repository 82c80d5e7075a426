/* Front-matter fields as read: keys in input order, each with one string
 * value or a list of them. Every scalar is a string ("2022", "yes" and
 * "null" stay the text the author wrote). Nested lists are flattened
 * (Hexo's [[a, b], c]); a nested mapping becomes dotted keys ("a.b"). */
#ifndef KS_FIELDS_H
#define KS_FIELDS_H

#include <stdbool.h>
#include <stddef.h>

#include "strs.h"

struct ks_field {
	char		*key;
	struct ks_strs	 values;	/* one value unless is_list */
	bool		 is_list;
	size_t		 line;		/* 1-based line in the file, 0 unknown */
};

struct ks_fields {
	struct ks_field	*v;
	size_t		 len;
	size_t		 cap;
};

#define KS_FIELDS_INIT { NULL, 0, 0 }

/* Appends a field and returns it (valid until the next append). */
struct ks_field	*ks_fields_add(struct ks_fields *f, const char *key,
		    bool is_list, size_t line);
/* The last field with this key (case-insensitive), or NULL. */
const struct ks_field *ks_fields_get(const struct ks_fields *f, const char *key);
/* The first value of the field, or NULL when absent or empty. */
const char	*ks_fields_value(const struct ks_fields *f, const char *key);
void		 ks_fields_free(struct ks_fields *f);

#endif
