/* The body tree as HTML or XHTML. Each node kind has exactly one way out,
 * so nothing the tree does not hold can be emitted. */
#include "render.h"

#include <stdlib.h>
#include <string.h>

#include "escape.h"

struct render {
	struct ks_buf			*out;
	const struct ks_render_opts	*o;
	int				 in_link;	/* open <a> elements */
};

static const char *const align_style[] = {
	[KS_ALIGN_NONE] = NULL,
	[KS_ALIGN_LEFT] = "text-align: left",
	[KS_ALIGN_CENTER] = "text-align: center",
	[KS_ALIGN_RIGHT] = "text-align: right",
};

static void
attr(struct render *r, const char *name, const char *value)
{
	if (value == NULL)
		return;
	ks_buf_putc(r->out, ' ');
	ks_buf_puts(r->out, name);
	ks_buf_puts(r->out, "=\"");
	ks_escape_html_attr(r->out, value);
	ks_buf_putc(r->out, '"');
}

static void
void_end(struct render *r)
{
	ks_buf_puts(r->out, r->o->xhtml ? " />" : ">");
}

/* A code block's language becomes a class only when it is a plain word. */
static int
plain_word(const char *s)
{
	if (s == NULL || *s == '\0' || strlen(s) > 32)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || *s == '-' || *s == '_' ||
		    *s == '+'))
			return 0;
	return 1;
}

static void
image(struct render *r, const struct ks_node *n)
{
	const char *alt = n->text ? n->text : "";
	char *src = NULL;
	enum ks_images mode = r->o->images;

	if (r->o->image_src != NULL) {
		src = r->o->image_src(r->o->image_ctx, n->url);
		mode = src != NULL ? KS_IMAGES_KEEP : KS_IMAGES_LINK;
	}
	switch (mode) {
	case KS_IMAGES_DROP:
		break;
	case KS_IMAGES_LINK:
		/* Inside a link, the link already leads somewhere. */
		if (r->in_link > 0) {
			ks_escape_html_text(r->out, alt);
			break;
		}
		ks_buf_puts(r->out, "<a");
		attr(r, "href", n->url);
		attr(r, "title", n->title);
		ks_buf_putc(r->out, '>');
		ks_escape_html_text(r->out, alt[0] ? alt : "image");
		ks_buf_puts(r->out, "</a>");
		break;
	default:
		ks_buf_puts(r->out, "<img");
		attr(r, "src", src ? src : n->url);
		attr(r, "alt", alt);
		attr(r, "title", n->title);
		void_end(r);
		break;
	}
	free(src);
}

static void
heading_tag(struct render *r, const struct ks_node *n, int closing)
{
	int level = n->level + r->o->heading_shift;

	if (level < 1)
		level = 1;
	if (level > 6)
		level = 6;
	/* Not printf: a heading is opened and closed in every chapter. */
	ks_buf_puts(r->out, closing ? "</h" : "<h");
	ks_buf_putc(r->out, (char)('0' + level));
	ks_buf_putc(r->out, '>');
}

static int
is_header_row(const struct ks_node *row)
{
	return row->first != NULL && row->first->header;
}

/* A <tbody> is open at the end unless every row is a header row. */
static int
has_body_rows(const struct ks_node *table)
{
	for (const struct ks_node *row = table->first; row; row = row->next)
		if (!is_header_row(row))
			return 1;
	return 0;
}

static void
enter(struct render *r, const struct ks_node *n)
{
	switch (n->type) {
	case KS_NODE_DOCUMENT:
		break;
	case KS_NODE_PARAGRAPH:
		ks_buf_puts(r->out, "<p>");
		break;
	case KS_NODE_HEADING:
		heading_tag(r, n, 0);
		break;
	case KS_NODE_QUOTE:
		ks_buf_puts(r->out, "<blockquote>\n");
		break;
	case KS_NODE_LIST:
		if (!n->ordered)
			ks_buf_puts(r->out, "<ul>\n");
		else if (n->start != 1)
			ks_buf_printf(r->out, "<ol start=\"%d\">\n", n->start);
		else
			ks_buf_puts(r->out, "<ol>\n");
		break;
	case KS_NODE_ITEM:
		ks_buf_puts(r->out, "<li>");
		break;
	case KS_NODE_CODE_BLOCK:
		ks_buf_puts(r->out, "<pre><code");
		if (plain_word(n->info))
			ks_buf_printf(r->out, " class=\"language-%s\"", n->info);
		ks_buf_putc(r->out, '>');
		ks_escape_html_text(r->out, n->text);
		ks_buf_puts(r->out, "</code></pre>\n");
		break;
	case KS_NODE_RULE:
		ks_buf_puts(r->out, "<hr");
		void_end(r);
		ks_buf_putc(r->out, '\n');
		break;
	case KS_NODE_TABLE:
		ks_buf_puts(r->out, "<table>\n");
		break;
	case KS_NODE_TABLE_ROW:
		if (is_header_row(n) && (n->prev == NULL || is_header_row(n->prev)))
			ks_buf_puts(r->out, n->prev ? "" : "<thead>\n");
		else if (n->prev == NULL || is_header_row(n->prev))
			ks_buf_puts(r->out, n->prev ? "</thead>\n<tbody>\n" :
			    "<tbody>\n");
		ks_buf_puts(r->out, "<tr>");
		break;
	case KS_NODE_TABLE_CELL:
		ks_buf_puts(r->out, n->header ? "<th" : "<td");
		attr(r, "style", align_style[n->align]);
		ks_buf_putc(r->out, '>');
		break;
	case KS_NODE_TEXT:
		ks_escape_html_text(r->out, n->text);
		break;
	case KS_NODE_EMPH:
		ks_buf_puts(r->out, "<em>");
		break;
	case KS_NODE_STRONG:
		ks_buf_puts(r->out, "<strong>");
		break;
	case KS_NODE_CODE:
		ks_buf_puts(r->out, "<code>");
		ks_escape_html_text(r->out, n->text);
		ks_buf_puts(r->out, "</code>");
		break;
	case KS_NODE_LINK:
		/* A link in a link is not HTML: the inner one is its text. */
		if (r->in_link++ > 0)
			break;
		ks_buf_puts(r->out, "<a");
		attr(r, "href", n->url);
		attr(r, "title", n->title);
		ks_buf_putc(r->out, '>');
		break;
	case KS_NODE_IMAGE:
		image(r, n);
		break;
	case KS_NODE_LINEBREAK:
		ks_buf_puts(r->out, "<br");
		void_end(r);
		break;
	}
}

static void
leave(struct render *r, const struct ks_node *n)
{
	switch (n->type) {
	case KS_NODE_PARAGRAPH:
		ks_buf_puts(r->out, "</p>\n");
		break;
	case KS_NODE_HEADING:
		heading_tag(r, n, 1);
		ks_buf_putc(r->out, '\n');
		break;
	case KS_NODE_QUOTE:
		ks_buf_puts(r->out, "</blockquote>\n");
		break;
	case KS_NODE_LIST:
		ks_buf_puts(r->out, n->ordered ? "</ol>\n" : "</ul>\n");
		break;
	case KS_NODE_ITEM:
		ks_buf_puts(r->out, "</li>\n");
		break;
	case KS_NODE_TABLE:
		if (n->first != NULL)
			ks_buf_puts(r->out, has_body_rows(n) ?
			    "</tbody>\n" : "</thead>\n");
		ks_buf_puts(r->out, "</table>\n");
		break;
	case KS_NODE_TABLE_ROW:
		ks_buf_puts(r->out, "</tr>\n");
		break;
	case KS_NODE_TABLE_CELL:
		ks_buf_puts(r->out, n->header ? "</th>" : "</td>");
		break;
	case KS_NODE_EMPH:
		ks_buf_puts(r->out, "</em>");
		break;
	case KS_NODE_STRONG:
		ks_buf_puts(r->out, "</strong>");
		break;
	case KS_NODE_LINK:
		if (--r->in_link == 0)
			ks_buf_puts(r->out, "</a>");
		break;
	default:
		break;
	}
}

void
ks_render_html(struct ks_buf *out, const struct ks_node *body,
    const struct ks_render_opts *o)
{
	struct render r = { out, o, 0 };
	struct ks_iter it;
	enum ks_event ev;

	if (body == NULL)
		return;
	ks_iter_init(&it, (struct ks_node *)body);
	while ((ev = ks_iter_next(&it)) != KS_EVENT_DONE) {
		if (ev == KS_EVENT_ENTER)
			enter(&r, it.cur);
		else
			leave(&r, it.cur);
	}
}
