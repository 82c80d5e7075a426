/* The one table of output formats: --to, --list-formats, --help, the tests
 * and the fuzzer all loop over it. */
#include "writer.h"

#include <string.h>

extern const struct ks_writer_class ks_writer_tree;
extern const struct ks_writer_class ks_writer_epub;
extern const struct ks_writer_class ks_writer_html;
extern const struct ks_writer_class ks_writer_atom;
extern const struct ks_writer_class ks_writer_rss;
extern const struct ks_writer_class ks_writer_json;
extern const struct ks_writer_class ks_writer_md;

const struct ks_writer_class *const ks_writers[] = {
	&ks_writer_tree,
	&ks_writer_html,
	&ks_writer_atom,
	&ks_writer_rss,
	&ks_writer_json,
	&ks_writer_epub,
	&ks_writer_md,
	NULL,
};

const struct ks_writer_class *
ks_writer_find(const char *name)
{
	for (size_t i = 0; ks_writers[i] != NULL; i++)
		if (strcmp(ks_writers[i]->name, name) == 0)
			return ks_writers[i];
	return NULL;
}

int
ks_writer_add(const struct ks_writer_class *w, void *state,
    const struct ks_settings *s, const struct ks_article *a)
{
	return w->add(state, a, w->prepare ? w->prepare(state, s, a) : NULL);
}
