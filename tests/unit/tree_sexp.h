/* A compact S-expression form of a body tree for unit tests:
 * (document (paragraph (text "a") (strong (text "b")))). Strings are
 * quoted with \" \\ and \n escaped. Iterative, like every tree walk. */
#ifndef KS_TREE_SEXP_H
#define KS_TREE_SEXP_H

#include <string.h>

#include "buf.h"
#include "node.h"

static inline void
sexp_str(struct ks_buf *b, const char *s)
{
	ks_buf_puts(b, " \"");
	for (; s != NULL && *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			ks_buf_putc(b, '\\');
		if (*s == '\n')
			ks_buf_puts(b, "\\n");
		else
			ks_buf_putc(b, *s);
	}
	ks_buf_putc(b, '"');
}

static inline void
sexp_open(struct ks_buf *b, const struct ks_node *n)
{
	static const char *const align[] = { "", " left", " center", " right" };

	ks_buf_printf(b, "%s(%s", b->len ? " " : "",
	    ks_node_type_name(n->type));
	switch (n->type) {
	case KS_NODE_HEADING:
		ks_buf_printf(b, " %d", n->level);
		break;
	case KS_NODE_LIST:
		if (n->ordered)
			ks_buf_printf(b, " ordered %d", n->start);
		break;
	case KS_NODE_TABLE_CELL:
		ks_buf_printf(b, "%s%s", n->header ? " header" : "",
		    align[n->align]);
		break;
	case KS_NODE_CODE_BLOCK:
		if (n->info != NULL)
			sexp_str(b, n->info);
		sexp_str(b, n->text);
		break;
	case KS_NODE_LINK:
		sexp_str(b, n->url);
		if (n->title != NULL)
			sexp_str(b, n->title);
		break;
	case KS_NODE_IMAGE:
		sexp_str(b, n->url);
		sexp_str(b, n->text);
		if (n->title != NULL)
			sexp_str(b, n->title);
		break;
	case KS_NODE_TEXT:
	case KS_NODE_CODE:
		sexp_str(b, n->text);
		break;
	default:
		break;
	}
}

/* The caller frees the returned string. */
static inline char *
tree_sexp(struct ks_node *root)
{
	struct ks_buf b = KS_BUF_INIT;
	struct ks_iter it;
	enum ks_event ev;

	ks_iter_init(&it, root);
	while ((ev = ks_iter_next(&it)) != KS_EVENT_DONE) {
		if (ev == KS_EVENT_ENTER)
			sexp_open(&b, it.cur);
		if (ev == KS_EVENT_EXIT || ks_node_is_leaf(it.cur))
			ks_buf_putc(&b, ')');
	}
	return ks_buf_detach(&b);
}

/* The depth of the deepest node (the root is 0). */
static inline int
tree_depth(struct ks_node *root)
{
	struct ks_iter it;
	enum ks_event ev;
	int d = 0, max = 0;

	ks_iter_init(&it, root);
	while ((ev = ks_iter_next(&it)) != KS_EVENT_DONE) {
		if (ev == KS_EVENT_ENTER && it.cur != root) {
			d++;
			if (d > max)
				max = d;
		}
		if (ev == KS_EVENT_EXIT || (ks_node_is_leaf(it.cur) &&
		    it.cur != root))
			d--;
	}
	return max;
}

#endif
