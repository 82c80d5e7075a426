/* The body tree: allocation, surgery, plain text, and the enter/exit walk. */
#include "node.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

static const char *const type_names[] = {
	[KS_NODE_DOCUMENT] = "document",
	[KS_NODE_PARAGRAPH] = "paragraph",
	[KS_NODE_HEADING] = "heading",
	[KS_NODE_QUOTE] = "quote",
	[KS_NODE_LIST] = "list",
	[KS_NODE_ITEM] = "item",
	[KS_NODE_CODE_BLOCK] = "code_block",
	[KS_NODE_RULE] = "rule",
	[KS_NODE_TABLE] = "table",
	[KS_NODE_TABLE_ROW] = "row",
	[KS_NODE_TABLE_CELL] = "cell",
	[KS_NODE_TEXT] = "text",
	[KS_NODE_EMPH] = "emph",
	[KS_NODE_STRONG] = "strong",
	[KS_NODE_CODE] = "code",
	[KS_NODE_LINK] = "link",
	[KS_NODE_IMAGE] = "image",
	[KS_NODE_LINEBREAK] = "linebreak",
};

struct ks_node *
ks_node_new(enum ks_node_type type)
{
	struct ks_node *n;

	n = ks_xcalloc(1, sizeof(*n));
	n->type = type;
	return n;
}

struct ks_node *
ks_node_new_text(enum ks_node_type type, const char *s, size_t len)
{
	struct ks_node *n;

	n = ks_node_new(type);
	n->text = ks_xstrndup(s, len);
	return n;
}

bool
ks_node_is_block(const struct ks_node *n)
{
	return n->type < KS_NODE_FIRST_INLINE;
}

bool
ks_node_is_inline(const struct ks_node *n)
{
	return n->type >= KS_NODE_FIRST_INLINE;
}

bool
ks_node_is_leaf(const struct ks_node *n)
{
	switch (n->type) {
	case KS_NODE_TEXT:
	case KS_NODE_CODE:
	case KS_NODE_CODE_BLOCK:
	case KS_NODE_IMAGE:
	case KS_NODE_RULE:
	case KS_NODE_LINEBREAK:
		return true;
	default:
		return false;
	}
}

const char *
ks_node_type_name(enum ks_node_type type)
{
	return type_names[type];
}

void
ks_node_append(struct ks_node *parent, struct ks_node *child)
{
	child->parent = parent;
	child->next = NULL;
	child->prev = parent->last;
	if (parent->last)
		parent->last->next = child;
	else
		parent->first = child;
	parent->last = child;
}

void
ks_node_prepend(struct ks_node *parent, struct ks_node *child)
{
	child->parent = parent;
	child->prev = NULL;
	child->next = parent->first;
	if (parent->first)
		parent->first->prev = child;
	else
		parent->last = child;
	parent->first = child;
}

void
ks_node_insert_before(struct ks_node *sibling, struct ks_node *n)
{
	n->parent = sibling->parent;
	n->next = sibling;
	n->prev = sibling->prev;
	if (sibling->prev)
		sibling->prev->next = n;
	else if (sibling->parent)
		sibling->parent->first = n;
	sibling->prev = n;
}

void
ks_node_insert_after(struct ks_node *sibling, struct ks_node *n)
{
	n->parent = sibling->parent;
	n->prev = sibling;
	n->next = sibling->next;
	if (sibling->next)
		sibling->next->prev = n;
	else if (sibling->parent)
		sibling->parent->last = n;
	sibling->next = n;
}

void
ks_node_unlink(struct ks_node *n)
{
	if (n->prev)
		n->prev->next = n->next;
	else if (n->parent)
		n->parent->first = n->next;
	if (n->next)
		n->next->prev = n->prev;
	else if (n->parent)
		n->parent->last = n->prev;
	n->parent = n->prev = n->next = NULL;
}

void
ks_node_unwrap(struct ks_node *n)
{
	struct ks_node *c;

	while ((c = n->first) != NULL) {
		ks_node_unlink(c);
		ks_node_insert_before(n, c);
	}
	ks_node_free(n);
}

static void
free_one(struct ks_node *n)
{
	free(n->text);
	free(n->url);
	free(n->title);
	free(n->info);
	free(n);
}

/*
 * Without recursion, as cmark does: splice each node's children into the
 * list of nodes still to free, so depth never reaches the C stack.
 */
void
ks_node_free(struct ks_node *n)
{
	struct ks_node *next;

	if (n == NULL)
		return;
	ks_node_unlink(n);
	while (n != NULL) {
		if (n->first != NULL) {
			n->last->next = n->next;
			n->next = n->first;
		}
		next = n->next;
		free_one(n);
		n = next;
	}
}

void
ks_iter_init(struct ks_iter *it, struct ks_node *root)
{
	it->root = root;
	it->cur = NULL;
	it->ev = KS_EVENT_DONE;
}

enum ks_event
ks_iter_next(struct ks_iter *it)
{
	struct ks_node *n;

	if (it->cur == NULL) {
		if (it->root == NULL || it->ev != KS_EVENT_DONE)
			return it->ev = KS_EVENT_DONE;
		it->cur = it->root;
		return it->ev = KS_EVENT_ENTER;
	}
	n = it->cur;
	if (it->ev == KS_EVENT_ENTER && !ks_node_is_leaf(n)) {
		if (n->first) {
			it->cur = n->first;
			return it->ev = KS_EVENT_ENTER;
		}
		return it->ev = KS_EVENT_EXIT;
	}
	if (n == it->root) {
		it->cur = NULL;
		it->root = NULL;
		return it->ev = KS_EVENT_DONE;
	}
	if (n->next) {
		it->cur = n->next;
		return it->ev = KS_EVENT_ENTER;
	}
	it->cur = n->parent;
	return it->ev = KS_EVENT_EXIT;
}

static bool
ends_with_blank_line(const struct ks_buf *out, size_t start)
{
	return out->len <= start ||
	    (out->len >= 2 && out->ptr[out->len - 1] == '\n' &&
	    out->ptr[out->len - 2] == '\n');
}

void
ks_node_plain_text(const struct ks_node *n, struct ks_buf *out)
{
	struct ks_iter it;
	enum ks_event ev;
	size_t start = out->len;

	ks_iter_init(&it, (struct ks_node *)n);
	while ((ev = ks_iter_next(&it)) != KS_EVENT_DONE) {
		const struct ks_node *c = it.cur;

		/* Alt text is no part of the article's words ("图片 4"). */
		if (ev == KS_EVENT_ENTER && c->text != NULL &&
		    c->type != KS_NODE_IMAGE)
			ks_buf_puts(out, c->text);
		else if (ev == KS_EVENT_ENTER && c->type == KS_NODE_LINEBREAK)
			ks_buf_putc(out, ' ');
		if (ks_node_is_block(c) && c->type != KS_NODE_DOCUMENT &&
		    (ev == KS_EVENT_EXIT || ks_node_is_leaf(c)) &&
		    !ends_with_blank_line(out, start))
			ks_buf_puts(out, "\n\n");
	}
	while (out->len > start && out->ptr[out->len - 1] == '\n')
		ks_buf_truncate(out, out->len - 1);
}
