/* The blocks of the CommonMark renderer. They are walked with ks_iter and
 * a stack of open containers (quotes, lists, items) whose line prefixes
 * add up; each paragraph, heading or cell is handed to md_inline.c, which
 * writes its line into a scratch buffer. */
#include "md_render.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "md_inline.h"
#include "xalloc.h"

/* An open container and what its children need to know. */
struct frame {
	const struct ks_node	*node;
	size_t			 prefix_len;	/* the prefix before it */
	int			 blocks;	/* blocks begun inside */
	const struct ks_node	*last;		/* the last of them */
	char			 last_mark;	/* its marker, if a list */
	int			 number;	/* LIST: next item's number */
	char			 mark;		/* LIST: - * or . ) */
	bool			 tight;		/* LIST, ITEM: no blank lines */
};

struct md {
	struct ks_md		 k;		/* shared with the inlines */
	struct ks_buf		*out;
	bool			 line_open;	/* a marker began the line */
	struct frame		*fr;
	size_t			 nfr, capfr;
};

/* ---- Tree queries both halves use ---- */

/* Does n show anything: text, code, a rule, or an image not dropped? */
bool
ks_md_visible(const struct ks_md *m, const struct ks_node *n)
{
	struct ks_iter it;

	ks_iter_init(&it, (struct ks_node *)n);
	while (ks_iter_next(&it) != KS_EVENT_DONE) {
		const struct ks_node *c = it.cur;

		switch (c->type) {
		case KS_NODE_TEXT:
		case KS_NODE_CODE:
			if (c->text != NULL && c->text[0] != '\0')
				return true;
			break;
		case KS_NODE_CODE_BLOCK:
		case KS_NODE_RULE:
			return true;
		case KS_NODE_IMAGE:
			if (m->images != KS_IMAGES_DROP)
				return true;
			break;
		default:
			break;
		}
	}
	return false;
}

/* Moves the walk past the subtree it has just entered. */
void
ks_md_skip(struct ks_iter *it)
{
	struct ks_node *n = it->cur;
	enum ks_event ev;

	if (ks_node_is_leaf(n))
		return;
	do
		ev = ks_iter_next(it);
	while (ev != KS_EVENT_DONE && !(ev == KS_EVENT_EXIT && it->cur == n));
}

/* The longest run of c in s. */
size_t
ks_md_longest_run(const char *s, char c)
{
	size_t best = 0, run = 0;

	for (; *s != '\0'; s++) {
		run = *s == c ? run + 1 : 0;
		if (run > best)
			best = run;
	}
	return best;
}

/* ---- Blocks ---- */

static struct frame *
top(struct md *m)
{
	return &m->fr[m->nfr - 1];
}

static void
push_frame(struct md *m, const struct ks_node *n)
{
	struct frame *f;

	if (m->nfr == m->capfr) {
		m->capfr = m->capfr ? m->capfr * 2 : 16;
		m->fr = ks_xrealloc(m->fr, m->capfr * sizeof(*m->fr));
	}
	f = &m->fr[m->nfr++];
	memset(f, 0, sizeof(*f));
	f->node = n;
	f->prefix_len = m->k.prefix.len;
}

static void
pop_frame(struct md *m)
{
	ks_buf_truncate(&m->k.prefix, top(m)->prefix_len);
	m->nfr--;
}

/* The prefix without its trailing spaces, and a line end: a blank line
 * that stays inside the open quotes. */
static void
blank_line(struct md *m)
{
	size_t n = m->k.prefix.len;

	while (n > 0 && m->k.prefix.ptr[n - 1] == ' ')
		n--;
	ks_buf_put(m->out, m->k.prefix.ptr, n);
	ks_buf_putc(m->out, '\n');
}

/* Drops the spaces that end the output (after an empty item's marker). */
static void
trim_line(struct md *m)
{
	while (m->out->len > 0 && m->out->ptr[m->out->len - 1] == ' ')
		ks_buf_truncate(m->out, m->out->len - 1);
}

/* A block begins in the innermost container: a blank line separates it
 * from the one before, except inside the items of a tight list. */
static void
begin_block(struct md *m, const struct ks_node *n)
{
	struct frame *f = top(m);

	if (f->blocks > 0 && !(f->node->type == KS_NODE_ITEM && f->tight))
		blank_line(m);
	f->blocks++;
	f->last = n;
	f->last_mark = 0;
}

/* Starts a line: the prefix, unless a marker already began it. Returns
 * whether one did. */
static bool
start_line(struct md *m)
{
	bool was = m->line_open;

	if (!was)
		ks_buf_put(m->out, m->k.prefix.ptr, m->k.prefix.len);
	m->line_open = false;
	return was;
}

static void
flush_scratch(struct md *m)
{
	ks_buf_put(m->out, m->k.scratch.ptr, m->k.scratch.len);
	ks_buf_putc(m->out, '\n');
}

static void
put_paragraph(struct md *m, const struct ks_node *n)
{
	begin_block(m, n);
	start_line(m);
	ks_md_inlines_begin(&m->k, KS_MD_PARA);
	ks_md_inlines_put(&m->k, n);
	ks_md_inlines_end(&m->k);
	flush_scratch(m);
}

static bool
has_break(const struct ks_node *n)
{
	struct ks_iter it;

	ks_iter_init(&it, (struct ks_node *)n);
	while (ks_iter_next(&it) != KS_EVENT_DONE)
		if (it.cur->type == KS_NODE_LINEBREAK)
			return true;
	return false;
}

/* An ATX heading; a setext one when it holds a line break (levels 1-2
 * only: deeper ones get a space instead). A "#" run ending the line
 * after a space would be read as a closing sequence: it is escaped. */
static void
put_heading(struct md *m, const struct ks_node *n)
{
	int level = n->level < 1 ? 1 : n->level > 6 ? 6 : n->level;
	bool setext = level <= 2 && has_break(n);
	struct ks_buf *s = &m->k.scratch;
	size_t k;

	begin_block(m, n);
	start_line(m);
	if (!setext) {
		for (int i = 0; i < level; i++)
			ks_buf_putc(m->out, '#');
		ks_buf_putc(m->out, ' ');
	}
	ks_md_inlines_begin(&m->k, setext ? KS_MD_PARA : KS_MD_HEADING);
	ks_md_inlines_put(&m->k, n);
	ks_md_inlines_end(&m->k);
	if (!setext) {
		for (k = s->len; k > 0 && s->ptr[k - 1] == '#'; k--)
			;
		if (k < s->len && (k == 0 || s->ptr[k - 1] == ' ')) {
			ks_buf_putc(s, '#');
			memmove(s->ptr + k + 1, s->ptr + k, s->len - k - 1);
			s->ptr[k] = '\\';
		}
	}
	flush_scratch(m);
	if (setext) {
		start_line(m);
		ks_buf_puts(m->out, level == 1 ? "===" : "---");
		ks_buf_putc(m->out, '\n');
	}
}

/* A fenced code block: backticks, or tildes when the info string holds a
 * backtick; the fence longer than any run of its character inside. */
static void
put_code_block(struct md *m, const struct ks_node *n)
{
	const char *code = n->text != NULL ? n->text : "";
	const char *info = n->info != NULL ? n->info : "";
	char fc = strchr(info, '`') != NULL ? '~' : '`';
	size_t fence = ks_md_longest_run(code, fc) + 1;
	const char *p, *e;

	if (fence < 3)
		fence = 3;
	begin_block(m, n);
	start_line(m);
	for (size_t i = 0; i < fence; i++)
		ks_buf_putc(m->out, fc);
	ks_md_put_info(m->out, info);
	ks_buf_putc(m->out, '\n');
	for (p = code; *p != '\0'; p = *e != '\0' ? e + 1 : e) {
		e = p + strcspn(p, "\n");
		if (e > p && e[-1] == '\r')
			e--;
		if (e == p)
			blank_line(m);
		else {
			start_line(m);
			ks_buf_put(m->out, p, (size_t)(e - p));
			ks_buf_putc(m->out, '\n');
		}
		if (*e == '\r')
			e++;
	}
	start_line(m);
	for (size_t i = 0; i < fence; i++)
		ks_buf_putc(m->out, fc);
	ks_buf_putc(m->out, '\n');
}

/* "---" after a blank line; "___" right after an item's marker, where
 * "- ---" would be one thematic break instead of an item holding one. */
static void
put_rule(struct md *m, const struct ks_node *n)
{
	begin_block(m, n);
	ks_buf_puts(m->out, start_line(m) ? "___\n" : "---\n");
}

/* ---- Tables ---- */

/* Does a pipe in the subtree sit where "\|" would not be unescaped
 * (code spans, URLs, titles)? */
static bool
has_raw_pipe(const struct ks_node *n)
{
	struct ks_iter it;

	ks_iter_init(&it, (struct ks_node *)n);
	while (ks_iter_next(&it) != KS_EVENT_DONE) {
		const struct ks_node *c = it.cur;

		if ((c->type == KS_NODE_CODE && strchr(c->text, '|')) ||
		    (c->url != NULL && strchr(c->url, '|')) ||
		    (c->title != NULL && strchr(c->title, '|')))
			return true;
	}
	return false;
}

/*
 * Can the table be a GFM pipe table that reads back the same: a first
 * row of header cells, others of body cells, all rows as wide, and
 * nothing a pipe table cannot hold (line breaks, a pipe in code or URLs)?
 */
static bool
simple_table(const struct ks_node *t)
{
	size_t width = 0, cells;
	const struct ks_node *r, *c;

	if (t->first == NULL)
		return false;
	for (r = t->first; r != NULL; r = r->next) {
		if (r->type != KS_NODE_TABLE_ROW)
			return false;
		cells = 0;
		for (c = r->first; c != NULL; c = c->next, cells++)
			if (c->type != KS_NODE_TABLE_CELL ||
			    c->header != (r == t->first) || has_break(c) ||
			    has_raw_pipe(c))
				return false;
		if (r == t->first)
			width = cells;
		if (cells == 0 || cells != width)
			return false;
	}
	return true;
}

static void
put_pipe_table(struct md *m, const struct ks_node *t)
{
	static const char *const delim[] = {
		[KS_ALIGN_NONE] = " --- |", [KS_ALIGN_LEFT] = " :-- |",
		[KS_ALIGN_CENTER] = " :-: |", [KS_ALIGN_RIGHT] = " --: |",
	};

	begin_block(m, t);
	for (const struct ks_node *r = t->first; r != NULL; r = r->next) {
		start_line(m);
		ks_buf_putc(m->out, '|');
		for (const struct ks_node *c = r->first; c; c = c->next) {
			ks_md_inlines_begin(&m->k, KS_MD_CELL);
			ks_md_inlines_put(&m->k, c);
			ks_md_inlines_end(&m->k);
			ks_buf_putc(m->out, ' ');
			ks_buf_put(m->out, m->k.scratch.ptr, m->k.scratch.len);
			ks_buf_puts(m->out, m->k.scratch.len ? " |" : "|");
		}
		ks_buf_putc(m->out, '\n');
		if (r != t->first)
			continue;
		start_line(m);
		ks_buf_putc(m->out, '|');
		for (const struct ks_node *c = r->first; c; c = c->next)
			ks_buf_puts(m->out, delim[c->align <= KS_ALIGN_RIGHT ?
			    c->align : KS_ALIGN_NONE]);
		ks_buf_putc(m->out, '\n');
	}
}

/* A table a pipe table cannot hold: one paragraph per row, its cells
 * joined by " · ". */
static void
put_flat_table(struct md *m, const struct ks_node *t)
{
	bool first;

	for (const struct ks_node *r = t->first; r != NULL; r = r->next) {
		if (!ks_md_visible(&m->k, r))
			continue;
		begin_block(m, r);
		start_line(m);
		ks_md_inlines_begin(&m->k, KS_MD_PARA);
		first = true;
		for (const struct ks_node *c = r->first; c; c = c->next) {
			if (!ks_md_visible(&m->k, c))
				continue;
			if (!first)
				ks_md_inlines_text(&m->k, " · ");
			ks_md_inlines_put(&m->k, c);
			first = false;
		}
		ks_md_inlines_end(&m->k);
		flush_scratch(m);
	}
}

/* ---- Containers ---- */

/*
 * A list is tight (no blank lines) when each item holds one block, or a
 * paragraph and then a list that may interrupt it (bullets, or numbers
 * from 1). Tight or loose reads back as the same tree; tight reads best.
 */
static bool
list_tight(const struct md *m, const struct ks_node *list)
{
	for (const struct ks_node *it = list->first; it; it = it->next) {
		const struct ks_node *v[3];
		size_t n = 0;

		for (const struct ks_node *c = it->first; c && n < 3;
		    c = c->next)
			if (ks_md_visible(&m->k, c))
				v[n++] = c;
		if (n <= 1)
			continue;
		if (n == 2 && v[0]->type == KS_NODE_PARAGRAPH &&
		    v[1]->type == KS_NODE_LIST &&
		    (!v[1]->ordered || v[1]->start == 1))
			continue;
		return false;
	}
	return true;
}

static void
enter_list(struct md *m, const struct ks_node *n)
{
	struct frame *f = top(m);
	char mark = n->ordered ? '.' : '-';
	bool tight = list_tight(m, n);

	/* Two lists in a row would merge: the second takes other marks. */
	if (f->last != NULL && f->last->type == KS_NODE_LIST &&
	    f->last->ordered == n->ordered && f->last_mark == mark)
		mark = n->ordered ? ')' : '*';
	begin_block(m, n);
	f->last_mark = mark;
	push_frame(m, n);
	f = top(m);
	f->mark = mark;
	f->tight = tight;
	f->number = n->start < 0 ? 0 : n->start > 99999999 ? 99999999 :
	    n->start;
}

static void
enter_item(struct md *m, const struct ks_node *n)
{
	struct frame *f = top(m);
	const struct ks_node *c;
	char marker[16];
	int len;
	bool tight = f->tight;

	if (f->blocks > 0 && !f->tight)
		blank_line(m);
	f->blocks++;
	if (f->node->ordered)
		len = snprintf(marker, sizeof(marker), "%d%c ", f->number++,
		    f->mark);
	else
		len = snprintf(marker, sizeof(marker), "%c ", f->mark);
	start_line(m);
	ks_buf_puts(m->out, marker);
	m->line_open = true;
	/* md4c 0.4 ends the item after "- # Heading" and a blank line: a
	 * heading starts on the line after the marker. */
	for (c = n->first; c != NULL && !ks_md_visible(&m->k, c); c = c->next)
		;
	if (c != NULL && c->type == KS_NODE_HEADING) {
		trim_line(m);
		ks_buf_putc(m->out, '\n');
		m->line_open = false;
	}
	push_frame(m, n);
	top(m)->tight = tight;
	for (int i = 0; i < len; i++)
		ks_buf_putc(&m->k.prefix, ' ');
}

static void
enter_quote(struct md *m, const struct ks_node *n)
{
	begin_block(m, n);
	if (m->line_open)
		ks_buf_puts(m->out, "> ");
	push_frame(m, n);
	ks_buf_puts(&m->k.prefix, "> ");
}

/* Leaves a container; an item or quote that wrote nothing still ends its
 * line. */
static void
leave(struct md *m, const struct ks_node *n)
{
	if (top(m)->node != n)
		return;
	if (n->type != KS_NODE_LIST && top(m)->blocks == 0) {
		if (m->line_open) {
			trim_line(m);
			ks_buf_putc(m->out, '\n');
			m->line_open = false;
		} else {
			blank_line(m);
		}
	}
	pop_frame(m);
}

void
ks_md_render(struct ks_buf *out, const struct ks_node *body,
    enum ks_images images)
{
	struct md m;
	struct ks_iter it;
	enum ks_event ev;

	memset(&m, 0, sizeof(m));
	m.out = out;
	m.k.images = images;
	push_frame(&m, body);
	ks_iter_init(&it, (struct ks_node *)body);
	while ((ev = ks_iter_next(&it)) != KS_EVENT_DONE) {
		const struct ks_node *n = it.cur;

		if (n == body)
			continue;
		if (ev == KS_EVENT_EXIT) {
			leave(&m, n);
			continue;
		}
		/* Children of a list are items; items hold blocks. */
		if (!ks_md_visible(&m.k, n) || ks_node_is_inline(n) ||
		    (top(&m)->node->type == KS_NODE_LIST) !=
		    (n->type == KS_NODE_ITEM)) {
			ks_md_skip(&it);
			continue;
		}
		switch (n->type) {
		case KS_NODE_PARAGRAPH:
			put_paragraph(&m, n);
			ks_md_skip(&it);
			break;
		case KS_NODE_HEADING:
			put_heading(&m, n);
			ks_md_skip(&it);
			break;
		case KS_NODE_CODE_BLOCK:
			put_code_block(&m, n);
			break;
		case KS_NODE_RULE:
			put_rule(&m, n);
			break;
		case KS_NODE_TABLE:
			if (simple_table(n))
				put_pipe_table(&m, n);
			else
				put_flat_table(&m, n);
			ks_md_skip(&it);
			break;
		case KS_NODE_QUOTE:
			enter_quote(&m, n);
			break;
		case KS_NODE_LIST:
			enter_list(&m, n);
			break;
		case KS_NODE_ITEM:
			enter_item(&m, n);
			break;
		default:
			ks_md_skip(&it);
			break;
		}
	}
	ks_buf_free(&m.k.prefix);
	ks_buf_free(&m.k.scratch);
	ks_md_inlines_free(&m.k);
	free(m.fr);
}
