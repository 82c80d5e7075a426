/* Allocation and release of the article model. */
#include "article.h"

#include <stdlib.h>

#include "xalloc.h"

struct ks_article *
ks_article_new(const char *path, const char *key)
{
	struct ks_article *a;

	a = ks_xcalloc(1, sizeof(*a));
	a->path = ks_xstrdup(path);
	a->key = ks_xstrdup(key);
	a->body = ks_node_new(KS_NODE_DOCUMENT);
	return a;
}

void
ks_article_release_body(struct ks_article *a)
{
	ks_node_free(a->body);
	a->body = NULL;
}

void
ks_article_free(struct ks_article *a)
{
	if (a == NULL)
		return;
	free(a->path);
	free(a->key);
	free(a->title);
	ks_strs_free(&a->authors);
	ks_strs_free(&a->categories);
	ks_strs_free(&a->tags);
	free(a->source);
	free(a->link);
	free(a->image);
	free(a->lang);
	free(a->summary);
	free(a->id);
	free(a->given_id);
	ks_fields_free(&a->extra);
	ks_article_release_body(a);
	free(a);
}
