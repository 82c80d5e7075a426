/* The debugging writer: each article's metadata and body tree in a stable
 * text form, one text node whole on one line. Golden tests compare it. */
#include <stdlib.h>

#include "buf.h"
#include "output.h"
#include "writer.h"
#include "xalloc.h"

struct tree_state {
	char		*output;
	struct ks_buf	 out;
};

/* A quoted string with \, ", and control characters escaped. */
static void
put_quoted(struct ks_buf *b, const char *s)
{
	ks_buf_putc(b, '"');
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\') {
			ks_buf_putc(b, '\\');
			ks_buf_putc(b, (char)c);
		} else if (c == '\n') {
			ks_buf_puts(b, "\\n");
		} else if (c == '\t') {
			ks_buf_puts(b, "\\t");
		} else if (c < 0x20) {
			ks_buf_printf(b, "\\x%02x", c);
		} else {
			ks_buf_putc(b, (char)c);
		}
	}
	ks_buf_putc(b, '"');
}

static void
put_field(struct ks_buf *b, const char *name, const char *value)
{
	if (value == NULL)
		return;
	ks_buf_printf(b, "%s: ", name);
	put_quoted(b, value);
	ks_buf_putc(b, '\n');
}

static void
put_list(struct ks_buf *b, const char *name, const struct ks_strs *l)
{
	if (l->len == 0)
		return;
	ks_buf_printf(b, "%s:", name);
	for (size_t i = 0; i < l->len; i++) {
		ks_buf_putc(b, ' ');
		put_quoted(b, l->v[i]);
	}
	ks_buf_putc(b, '\n');
}

static void
put_date(struct ks_buf *b, const char *name, const struct ks_date *d)
{
	char utc[32], local[32];

	if (!d->known)
		return;
	ks_buf_printf(b, "%s: %s (%s%s%s)\n", name, ks_date_format_utc(d, utc),
	    ks_date_format_rfc3339(d, local), d->has_zone ? "" : ", no zone",
	    d->has_time ? "" : ", no time");
}

static void
put_node(struct ks_buf *b, const struct ks_node *n, int depth)
{
	ks_buf_printf(b, "%*s%s", depth * 2, "", ks_node_type_name(n->type));
	if (n->type == KS_NODE_HEADING)
		ks_buf_printf(b, " level=%d", n->level);
	if (n->type == KS_NODE_LIST)
		ks_buf_printf(b, n->ordered ? " ordered start=%d" : " bullet",
		    n->start);
	if (n->type == KS_NODE_TABLE_CELL) {
		static const char *const align[] = { "", " left", " center",
			" right" };
		ks_buf_printf(b, "%s%s", n->header ? " header" : "",
		    align[n->align]);
	}
	if (n->url != NULL) {
		ks_buf_puts(b, " url=");
		put_quoted(b, n->url);
	}
	if (n->title != NULL) {
		ks_buf_puts(b, " title=");
		put_quoted(b, n->title);
	}
	if (n->info != NULL) {
		ks_buf_puts(b, " info=");
		put_quoted(b, n->info);
	}
	if (n->text != NULL) {
		ks_buf_puts(b, n->type == KS_NODE_IMAGE ? " alt=" : " ");
		put_quoted(b, n->text);
	}
	ks_buf_putc(b, '\n');
}

static void
put_body(struct ks_buf *b, struct ks_node *body)
{
	struct ks_iter it;
	enum ks_event ev;
	int depth = 0;

	ks_iter_init(&it, body);
	while ((ev = ks_iter_next(&it)) != KS_EVENT_DONE) {
		if (ev == KS_EVENT_EXIT) {
			depth--;
			continue;
		}
		put_node(b, it.cur, depth);
		if (!ks_node_is_leaf(it.cur))
			depth++;
	}
}

static void *
tree_begin(const struct ks_settings *s, const char *output)
{
	struct tree_state *st;

	(void)s;
	st = ks_xcalloc(1, sizeof(*st));
	st->output = ks_xstrdup(output);
	return st;
}

static int
tree_add(void *state, const struct ks_article *a, void *prepared)
{
	struct tree_state *st = state;
	struct ks_buf *b = &st->out;

	(void)prepared;	/* no prepare() */
	ks_buf_puts(b, "article ");
	put_quoted(b, a->path);
	ks_buf_putc(b, '\n');
	put_field(b, "id", a->id);
	put_field(b, "title", a->title);
	if (a->title_derived)
		ks_buf_puts(b, "title-derived: yes\n");
	put_date(b, "date", &a->date);
	put_date(b, "updated", &a->updated);
	put_list(b, "authors", &a->authors);
	put_field(b, "source", a->source);
	put_list(b, "categories", &a->categories);
	put_list(b, "tags", &a->tags);
	put_field(b, "link", a->link);
	put_field(b, "image", a->image);
	ks_buf_printf(b, "lang: %s%s\n", a->lang ? a->lang : "und",
	    a->lang_detected ? " (detected)" : "");
	put_field(b, "summary", a->summary);
	for (size_t i = 0; i < a->extra.len; i++) {
		struct ks_buf name = KS_BUF_INIT;

		ks_buf_printf(&name, "extra %s", a->extra.v[i].key);
		put_list(b, ks_buf_cstr(&name), &a->extra.v[i].values);
		ks_buf_free(&name);
	}
	if (a->body != NULL)
		put_body(b, a->body);
	ks_buf_putc(b, '\n');
	return 0;
}

static int
tree_finish(void *state)
{
	struct tree_state *st = state;

	return ks_output_write(st->output, ks_buf_cstr(&st->out), st->out.len);
}

static void
tree_free(void *state)
{
	struct tree_state *st = state;

	free(st->output);
	ks_buf_free(&st->out);
	free(st);
}

const struct ks_writer_class ks_writer_tree = {
	.name = "tree",
	.default_name = "tree.txt",
	.summary = "each article's metadata and body tree, for debugging",
	.folder = false,
	.to_stdout = true,
	.begin = tree_begin,
	.add = tree_add,
	.finish = tree_finish,
	.free = tree_free,
};
