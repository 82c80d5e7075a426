/* Builds the article's body tree from libxml2's DOM: known elements map to
 * node kinds, unknown ones are unwrapped, junk is dropped whole (elem.c
 * says which is which), and builder.c lays out the text as a browser
 * renders it. */
#include "cleaner.h"

#include <stdlib.h>
#include <string.h>

#include "builder.h"
#include "elem.h"
#include "node.h"
#include "xalloc.h"

/* Past this DOM depth the walk stops recursing and keeps only the text:
 * ks_html_parse never nests that deep, other callers might. */
#define MAX_RECURSION 512

struct walk {
	struct ks_builder	 b;
	int			 depth;	/* of the recursion */
};

static void	walk_children(struct walk *, xmlNode *);
static void	walk_node(struct walk *, xmlNode *);

static void
walk_inline(struct walk *w, xmlNode *el, enum ks_node_type type,
    const char *url, const char *title)
{
	ks_builder_push(&w->b, type, url, title);
	walk_children(w, el);
	ks_builder_pop(&w->b);
}

static void
walk_link(struct walk *w, xmlNode *el)
{
	const char *href = ks_elem_attr(el, "href");
	const char *title = ks_elem_attr(el, "title");

	/* No target, or a link inside a link: only the content stays. */
	if (href == NULL || w->b.nlink > 0 || ks_elem_script_url(href)) {
		walk_children(w, el);
		return;
	}
	walk_inline(w, el, KS_NODE_LINK, href,
	    ks_elem_blank(title) ? NULL : title);
}

static void
put_image(struct walk *w, xmlNode *el)
{
	const char *src = ks_elem_image_src(el);
	struct ks_node *n;
	char *alt;

	if (src != NULL && ks_elem_chart_image(src))
		return;
	alt = ks_elem_attr_text(el, "alt");
	if (src == NULL || ks_elem_script_url(src)) {
		/* Nothing to show: the description is what is left. */
		ks_builder_text(&w->b, alt, strlen(alt));
		free(alt);
		return;
	}
	n = ks_node_new(KS_NODE_IMAGE);
	n->url = ks_xstrdup(src);
	n->text = alt;
	if (!ks_elem_blank(ks_elem_attr(el, "title")))
		n->title = ks_elem_attr_text(el, "title");
	ks_builder_image(&w->b, n);
}

static void
put_code(struct walk *w, xmlNode *el)
{
	struct ks_buf t = KS_BUF_INIT;

	ks_elem_text(el, &t, false);
	ks_builder_code(&w->b, ks_buf_cstr(&t), t.len);
	ks_buf_free(&t);
}

static void
walk_pre(struct walk *w, xmlNode *el)
{
	struct ks_buf t = KS_BUF_INIT;
	struct ks_node *n;
	xmlNode *c;
	size_t skip;

	if (w->b.locked) {
		/* In a cell or heading a code block can only be code. */
		put_code(w, el);
		return;
	}
	ks_elem_text(el, &t, true);
	/* HTML ignores a newline right after <pre>. */
	skip = t.len > 0 && t.ptr[0] == '\n' ? 1 :
	    t.len > 1 && t.ptr[0] == '\r' && t.ptr[1] == '\n' ? 2 : 0;
	if (!ks_elem_blank(ks_buf_cstr(&t) + skip)) {
		n = ks_node_new_text(KS_NODE_CODE_BLOCK, t.ptr + skip,
		    t.len - skip);
		n->info = ks_elem_language(el);
		for (c = el->children; n->info == NULL && c != NULL;
		    c = c->next)
			if (c->type == XML_ELEMENT_NODE &&
			    ks_elem_kind(c) == KS_ELEM_CODE)
				n->info = ks_elem_language(c);
		ks_node_append(ks_builder_block_parent(&w->b), n);
	}
	ks_buf_free(&t);
}

/* Walks el's children with c as the container; drops c if it stays empty. */
static void
walk_in(struct walk *w, xmlNode *el, struct ks_node *c)
{
	struct ks_node *cont = w->b.cont, *item = w->b.list_item;

	w->b.cont = c;
	w->b.list_item = NULL;
	walk_children(w, el);
	ks_builder_close(&w->b);
	w->b.cont = cont;
	w->b.list_item = item;
	if (c->first == NULL)
		ks_builder_free_block(&w->b, c);
}

static void
end_row(struct walk *w)
{
	if (w->b.row != NULL && w->b.row->first == NULL)
		ks_node_free(w->b.row);
	w->b.row = NULL;
}

static struct ks_node *
new_row(struct walk *w)
{
	w->b.row = ks_node_new(KS_NODE_TABLE_ROW);
	ks_node_append(w->b.cont, w->b.row);
	return w->b.row;
}

/* Walks el's children into the holder h, which is also the container so
 * that table parts inside it flatten. */
static void
walk_held(struct walk *w, xmlNode *el, struct ks_node *h)
{
	struct ks_node *cont = w->b.cont;

	w->b.cont = h;
	ks_builder_hold(&w->b, h, true);
	walk_children(w, el);
	ks_builder_close(&w->b);
	w->b.cont = cont;
}

/* thead, tbody, tfoot, tr, td, th and caption directly in a table. */
static void
walk_table_part(struct walk *w, xmlNode *el, enum ks_elem k)
{
	struct ks_node *n;
	bool thead = w->b.thead;

	ks_builder_close(&w->b);
	switch (k) {
	case KS_ELEM_TSECTION:
		end_row(w);
		w->b.thead = ks_elem_is(el, "thead");
		walk_children(w, el);
		ks_builder_close(&w->b);
		end_row(w);
		w->b.thead = thead;
		break;
	case KS_ELEM_ROW:
		end_row(w);
		new_row(w);
		walk_children(w, el);
		ks_builder_close(&w->b);
		end_row(w);
		break;
	case KS_ELEM_CELL:
		n = ks_node_new(KS_NODE_TABLE_CELL);
		n->header = w->b.thead || ks_elem_is(el, "th");
		n->align = ks_elem_align(el);
		ks_node_append(w->b.row ? w->b.row : new_row(w), n);
		walk_held(w, el, n);
		break;
	default:
		/* A caption: a paragraph before the table. */
		n = ks_node_new(KS_NODE_PARAGRAPH);
		ks_node_insert_before(w->b.cont, n);
		walk_held(w, el, n);
		break;
	}
}

static void
walk_table(struct walk *w, xmlNode *el)
{
	struct ks_node *t = ks_node_new(KS_NODE_TABLE);
	struct ks_node *cont = w->b.cont, *row = w->b.row;
	struct ks_node *item = w->b.list_item;
	bool thead = w->b.thead;

	ks_node_append(ks_builder_block_parent(&w->b), t);
	w->b.cont = t;
	w->b.row = NULL;
	w->b.thead = false;
	walk_children(w, el);
	ks_builder_close(&w->b);
	end_row(w);
	w->b.cont = cont;
	w->b.row = row;
	w->b.list_item = item;
	w->b.thead = thead;
	if (t->first == NULL)
		ks_builder_free_block(&w->b, t);
}

static void
walk_list(struct walk *w, xmlNode *el)
{
	struct ks_node *l = ks_node_new(KS_NODE_LIST);
	const char *start;
	long v;

	if (ks_elem_is(el, "ol")) {
		l->ordered = true;
		l->start = 1;
		if ((start = ks_elem_attr(el, "start")) != NULL) {
			v = strtol(start, NULL, 10);
			l->start = v < 0 ? 0 : v > 999999999 ? 999999999 :
			    (int)v;
		}
	}
	ks_node_append(ks_builder_block_parent(&w->b), l);
	walk_in(w, el, l);
}

/* A block element where blocks may go. */
static void
walk_flow_block(struct walk *w, xmlNode *el, enum ks_elem k)
{
	struct ks_builder *b = &w->b;
	int depth = ks_builder_block_depth(b);
	struct ks_node *n;

	ks_builder_close(b);
	switch (k) {
	case KS_ELEM_HEADING:
		n = ks_node_new(KS_NODE_HEADING);
		n->level = el->name[1] - '0';
		ks_node_append(ks_builder_block_parent(b), n);
		ks_builder_hold(b, n, true);
		walk_children(w, el);
		break;
	case KS_ELEM_QUOTE:
		if (ks_builder_room(b, depth, 3)) {
			n = ks_node_new(KS_NODE_QUOTE);
			ks_node_append(ks_builder_block_parent(b), n);
			walk_in(w, el, n);
		} else
			walk_children(w, el);
		break;
	case KS_ELEM_LIST:
		if (ks_builder_room(b, depth, 4))
			walk_list(w, el);
		else
			walk_children(w, el);
		break;
	case KS_ELEM_ITEM:
		if (b->cont->type == KS_NODE_LIST) {
			n = ks_node_new(KS_NODE_ITEM);
			ks_node_append(b->cont, n);
			walk_in(w, el, n);
		} else
			walk_children(w, el);
		break;
	case KS_ELEM_PRE:
		walk_pre(w, el);
		break;
	case KS_ELEM_RULE:
		ks_node_append(ks_builder_block_parent(b),
		    ks_node_new(KS_NODE_RULE));
		break;
	case KS_ELEM_TABLE:
		if (ks_builder_room(b, depth, 4))
			walk_table(w, el);
		else
			walk_children(w, el);
		break;
	default:
		walk_children(w, el);
		break;
	}
	ks_builder_close(b);
}

/* A block element inside a heading, a cell, or stray in a table: its
 * content joins the holder. */
static void
walk_flat_block(struct walk *w, xmlNode *el, enum ks_elem k)
{
	if (k == KS_ELEM_PRE) {
		walk_pre(w, el);
	} else if (k == KS_ELEM_CELL) {
		ks_builder_space(&w->b);
		walk_children(w, el);
		ks_builder_space(&w->b);
	} else {
		ks_builder_soft_break(&w->b);
		walk_children(w, el);
		ks_builder_soft_break(&w->b);
	}
}

static void
walk_element(struct walk *w, xmlNode *el)
{
	enum ks_elem k = ks_elem_kind(el);

	if (ks_elem_dropped(el))
		return;
	switch (k) {
	case KS_ELEM_INLINE:
		walk_children(w, el);
		return;
	case KS_ELEM_BR:
		ks_builder_br(&w->b);
		return;
	case KS_ELEM_EMPH:
		walk_inline(w, el, KS_NODE_EMPH, NULL, NULL);
		return;
	case KS_ELEM_STRONG:
		walk_inline(w, el, KS_NODE_STRONG, NULL, NULL);
		return;
	case KS_ELEM_LINK:
		walk_link(w, el);
		return;
	case KS_ELEM_IMAGE:
		put_image(w, el);
		return;
	case KS_ELEM_CODE:
		put_code(w, el);
		return;
	default:
		break;
	}
	if (w->b.cont->type == KS_NODE_TABLE && (k == KS_ELEM_TSECTION ||
	    k == KS_ELEM_ROW || k == KS_ELEM_CELL || k == KS_ELEM_CAPTION))
		walk_table_part(w, el, k);
	else if (w->b.locked || w->b.cont->type == KS_NODE_TABLE)
		walk_flat_block(w, el, k);
	else
		walk_flow_block(w, el, k);
}

static void
walk_node(struct walk *w, xmlNode *n)
{
	struct ks_buf t = KS_BUF_INIT;

	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		if (n->content != NULL)
			ks_builder_text(&w->b, (const char *)n->content,
			    strlen((const char *)n->content));
		return;
	}
	if (n->type != XML_ELEMENT_NODE)
		return;
	if (w->depth >= MAX_RECURSION) {
		if (!ks_elem_dropped(n)) {
			ks_elem_text(n, &t, false);
			ks_builder_text(&w->b, ks_buf_cstr(&t), t.len);
			ks_buf_free(&t);
		}
		return;
	}
	w->depth++;
	walk_element(w, n);
	w->depth--;
}

static bool
comment_has(const xmlNode *n, const char *mark)
{
	return n->type == XML_COMMENT_NODE && n->content != NULL &&
	    strstr((const char *)n->content, mark) != NULL;
}

/*
 * Everything between the comments <!-- EM_StockImg_Start --> and
 * <!-- EM_StockImg_End --> is eastmoney's stock chart. Without an end
 * among the siblings nothing is skipped: it could be the whole article.
 */
static void
walk_children(struct walk *w, xmlNode *el)
{
	xmlNode *c, *end;
	bool no_end = false;

	for (c = el->children; c != NULL; c = c->next) {
		if (c->type != XML_COMMENT_NODE) {
			walk_node(w, c);
			continue;
		}
		if (no_end || !comment_has(c, "EM_StockImg_Start"))
			continue;
		for (end = c->next; end != NULL &&
		    !comment_has(end, "EM_StockImg_End"); end = end->next)
			continue;
		if (end != NULL)
			c = end;
		else
			no_end = true;
	}
}

struct ks_node *
ks_clean_dom(xmlNode *root, const char *path)
{
	struct ks_node *doc = ks_node_new(KS_NODE_DOCUMENT);
	struct walk w;

	ks_builder_init(&w.b, doc, path);
	w.depth = 0;
	if (root != NULL && (root->type == XML_DOCUMENT_NODE ||
	    root->type == XML_HTML_DOCUMENT_NODE))
		walk_children(&w, root);
	else if (root != NULL)
		walk_node(&w, root);
	ks_builder_finish(&w.b);
	return doc;
}
