/* The body tree builder: paragraphs open lazily when content arrives, open
 * inline elements are recreated in each paragraph they span, and a space is
 * only tentative until the next character shows whether it stays. */
#include "builder.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cleaner.h"
#include "diag.h"
#include "utf8.h"
#include "xalloc.h"

/* Stands for an image as "last character": neither space nor CJK. */
#define OBJECT_CHAR 0xFFFC

static bool
is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

#define ONES	UINT64_C(0x0101010101010101)
#define HIGHS	UINT64_C(0x8080808080808080)

/* The end of the word at s[i]: the first space byte at or after i, or len.
 * Eight bytes at a time while none is below 0x21 (spaces all are). */
static size_t
word_end(const char *s, size_t i, size_t len)
{
	uint64_t w;

	while (len - i >= 8) {
		memcpy(&w, s + i, 8);
		if (((w - 0x21 * ONES) & ~w & HIGHS) != 0)
			break;
		i += 8;
	}
	while (i < len && !is_space((unsigned char)s[i]))
		i++;
	return i;
}

static int
depth_of(const struct ks_node *n)
{
	int d = 0;

	for (; n->parent != NULL; n = n->parent)
		d++;
	return d;
}

void
ks_builder_init(struct ks_builder *b, struct ks_node *doc, const char *path)
{
	memset(b, 0, sizeof(*b));
	b->path = path;
	b->cont = doc;
}

void
ks_builder_finish(struct ks_builder *b)
{
	ks_builder_close(b);
	ks_buf_free(&b->tb);
	free(b->inl);
	b->inl = NULL;
	b->ninl = b->inlcap = b->nlink = 0;
}

bool
ks_builder_room(struct ks_builder *b, int depth, int need)
{
	if (depth + need <= KS_TREE_MAX_DEPTH)
		return true;
	if (!b->warned)
		ks_warn(b->path, 0, "nesting deeper than %d levels flattened",
		    KS_TREE_MAX_DEPTH);
	b->warned = true;
	return false;
}

static bool
is_live(const struct ks_builder *b, const struct ks_node *n)
{
	size_t i;

	for (i = 0; i < b->ninl; i++)
		if (b->inl[i].live == n)
			return true;
	return false;
}

void
ks_builder_free_block(struct ks_builder *b, struct ks_node *n)
{
	struct ks_node *p = n->parent;

	ks_node_free(n);
	if (p != NULL && p == b->list_item && p->first == NULL) {
		ks_node_free(p);
		b->list_item = NULL;
	}
}

/* Does the subtree show anything: an image, code, or text that is not all
 * white space (NBSP included)? */
static bool
visible(struct ks_node *n)
{
	struct ks_iter it;
	const char *s;
	size_t pos, len;
	int cp;

	ks_iter_init(&it, n);
	while (ks_iter_next(&it) != KS_EVENT_DONE) {
		if (it.cur->type == KS_NODE_IMAGE ||
		    (it.cur->type == KS_NODE_CODE && it.cur->text[0] != '\0'))
			return true;
		if (it.cur->type != KS_NODE_TEXT)
			continue;
		s = it.cur->text;
		len = strlen(s);
		for (pos = 0; pos < len;) {
			cp = ks_utf8_decode(s, len, &pos);
			if (cp < 0 || !ks_utf8_is_space((unsigned)cp))
				return true;
		}
	}
	return false;
}

struct ks_node *
ks_builder_block_parent(struct ks_builder *b)
{
	if (b->cont->type != KS_NODE_LIST)
		return b->cont;
	if (b->list_item == NULL || b->cont->last != b->list_item) {
		b->list_item = ks_node_new(KS_NODE_ITEM);
		ks_node_append(b->cont, b->list_item);
	}
	return b->list_item;
}

int
ks_builder_block_depth(const struct ks_builder *b)
{
	return depth_of(b->cont) + (b->cont->type == KS_NODE_LIST);
}

void
ks_builder_hold(struct ks_builder *b, struct ks_node *h, bool locked)
{
	b->hold = h;
	b->hold_depth = depth_of(h);
	b->locked = locked;
	b->last = 0;
}

/* Opens an implicit paragraph, or an implicit cell for stray content in a
 * table, when inline content arrives and no holder is open. */
static void
ensure_hold(struct ks_builder *b)
{
	struct ks_node *h;

	if (b->hold != NULL)
		return;
	if (b->cont->type == KS_NODE_TABLE) {
		if (b->row == NULL) {
			b->row = ks_node_new(KS_NODE_TABLE_ROW);
			ks_node_append(b->cont, b->row);
		}
		h = ks_node_new(KS_NODE_TABLE_CELL);
		h->header = b->thead;
		ks_node_append(b->row, h);
		ks_builder_hold(b, h, true);
	} else {
		h = ks_node_new(KS_NODE_PARAGRAPH);
		ks_node_append(ks_builder_block_parent(b), h);
		ks_builder_hold(b, h, false);
	}
}

/* Creates the open inlines not yet in the holder; returns where inline
 * content goes. Inlines past the depth cap are left out: their content
 * joins the deepest one that fits. */
static struct ks_node *
materialize(struct ks_builder *b)
{
	struct ks_builder_inline *e;
	struct ks_node *p;
	size_t i;

	ensure_hold(b);
	p = b->hold;
	for (i = 0; i < b->ninl; i++) {
		e = &b->inl[i];
		if (e->live == NULL) {
			if (!ks_builder_room(b, b->hold_depth + (int)i, 2))
				break;
			e->live = ks_node_new(e->type);
			e->live->url = ks_xstrdup(e->url);
			e->live->title = ks_xstrdup(e->title);
			ks_node_append(p, e->live);
		}
		p = e->live;
	}
	return p;
}

static void
flush_text(struct ks_builder *b)
{
	struct ks_node *p, *t;
	size_t n;

	if (b->tb.len == 0)
		return;
	p = materialize(b);
	t = p->last;
	if (t != NULL && t->type == KS_NODE_TEXT) {
		n = strlen(t->text);
		t->text = ks_xrealloc(t->text, n + b->tb.len + 1);
		memcpy(t->text + n, b->tb.ptr, b->tb.len + 1);
	} else {
		t = ks_node_new_text(KS_NODE_TEXT, b->tb.ptr, b->tb.len);
		ks_node_append(p, t);
	}
	if (b->sp && b->sp_node == NULL)
		b->sp_node = t;
	ks_buf_clear(&b->tb);
}

/* Takes back the tentative space: it was trailing, or a line break
 * between CJK characters. Nothing but white space came after it, so it
 * still ends tb or its text node. */
static void
remove_space(struct ks_builder *b)
{
	struct ks_node *t = b->sp_node, *p;
	size_t n;

	b->sp = false;
	b->sp_node = NULL;
	if (t == NULL) {
		if (b->tb.len > 0 && b->tb.ptr[b->tb.len - 1] == ' ')
			ks_buf_truncate(&b->tb, b->tb.len - 1);
		return;
	}
	n = strlen(t->text);
	if (n == 0 || t->text[n - 1] != ' ')
		return;
	t->text[n - 1] = '\0';
	if (n > 1)
		return;
	p = t->parent;
	ks_node_free(t);
	if (p != b->hold && p->first == NULL && !is_live(b, p))
		ks_node_free(p);
}

void
ks_builder_close(struct ks_builder *b)
{
	struct ks_node *h = b->hold;
	size_t i;

	b->brs = 0;
	if (h == NULL)
		return;
	flush_text(b);
	if (b->sp)
		remove_space(b);
	for (i = 0; i < b->ninl; i++)
		b->inl[i].live = NULL;
	b->hold = NULL;
	b->locked = false;
	b->last = 0;
	if (h->type != KS_NODE_TABLE_CELL && !visible(h))
		ks_builder_free_block(b, h);
}

/* Emits the <br>s seen since the last content: two or more end a
 * paragraph (scraped pages separate paragraphs so), one is a line break,
 * and none survive at the start of a holder. */
static void
flush_brs(struct ks_builder *b)
{
	int n = b->brs;

	b->brs = 0;
	if (n == 0 || b->hold == NULL || b->last == 0)
		return;
	if (n >= 2 && !b->locked) {
		ks_builder_close(b);
		return;
	}
	flush_text(b);
	if (b->sp)
		remove_space(b);
	ks_node_append(materialize(b), ks_node_new(KS_NODE_LINEBREAK));
	b->last = 0;
}

/* Before content starting with cp: pending breaks, a holder, and the fate
 * of a tentative space. */
static void
before_content(struct ks_builder *b, unsigned cp)
{
	flush_brs(b);
	ensure_hold(b);
	if (!b->sp)
		return;
	if (b->sp_cjk && ks_utf8_is_cjk(cp))
		remove_space(b);
	b->sp = false;
	b->sp_node = NULL;
}

/* A run of white space: one tentative space, unless at the start of a
 * holder or line, after a break, or after another space. */
static void
put_space(struct ks_builder *b, bool newline)
{
	if (b->sp || b->hold == NULL || b->last == 0 || b->brs > 0)
		return;
	ks_buf_putc(&b->tb, ' ');
	b->sp = true;
	b->sp_node = NULL;
	b->sp_cjk = newline && ks_utf8_is_cjk(b->last);
	b->last = ' ';
}

void
ks_builder_space(struct ks_builder *b)
{
	put_space(b, false);
}

void
ks_builder_br(struct ks_builder *b)
{
	b->brs++;
}

static unsigned
decode_at(const char *s, size_t len, size_t pos)
{
	int cp = ks_utf8_decode(s, len, &pos);

	return cp < 0 ? 0xFFFD : (unsigned)cp;
}

/* Where the last character of s[0..len) starts. */
static size_t
last_char(const char *s, size_t len)
{
	size_t k = len - 1;

	while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
		k--;
	return k;
}

void
ks_builder_text(struct ks_builder *b, const char *s, size_t len)
{
	size_t i = 0, start;
	bool nl;

	while (i < len) {
		if (is_space((unsigned char)s[i])) {
			for (nl = false; i < len &&
			    is_space((unsigned char)s[i]); i++)
				nl |= s[i] == '\n' || s[i] == '\r';
			put_space(b, nl);
			continue;
		}
		start = i;
		i = word_end(s, i, len);
		before_content(b, decode_at(s + start, i - start, 0));
		ks_buf_put(&b->tb, s + start, i - start);
		b->last = decode_at(s + start, i - start,
		    last_char(s + start, i - start));
	}
}

void
ks_builder_soft_break(struct ks_builder *b)
{
	if (b->hold == NULL || b->last == 0)
		return;
	if (b->hold->type == KS_NODE_TABLE_CELL) {
		if (b->brs == 0)
			b->brs = 1;
	} else
		put_space(b, false);
}

void
ks_builder_push(struct ks_builder *b, enum ks_node_type type,
    const char *url, const char *title)
{
	struct ks_builder_inline *e;

	flush_text(b);
	if (b->ninl == b->inlcap) {
		b->inlcap = b->inlcap ? b->inlcap * 2 : 16;
		b->inl = ks_xrealloc(b->inl, b->inlcap * sizeof(*b->inl));
	}
	e = &b->inl[b->ninl++];
	e->type = type;
	e->url = url;
	e->title = title;
	e->live = NULL;
	if (type == KS_NODE_LINK)
		b->nlink++;
}

/* Joins the text node n to a text node before it, if any. */
static void
merge_prev(struct ks_builder *b, struct ks_node *n)
{
	struct ks_node *p = n == NULL ? NULL : n->prev;
	size_t pl, nl;

	if (p == NULL || p->type != KS_NODE_TEXT || n->type != KS_NODE_TEXT)
		return;
	pl = strlen(p->text);
	nl = strlen(n->text);
	p->text = ks_xrealloc(p->text, pl + nl + 1);
	memcpy(p->text + pl, n->text, nl + 1);
	if (b->sp_node == n)
		b->sp_node = p;
	ks_node_free(n);
}

void
ks_builder_pop(struct ks_builder *b)
{
	struct ks_builder_inline *e;
	struct ks_node *first, *last;

	flush_text(b);
	e = &b->inl[--b->ninl];
	if (e->type == KS_NODE_LINK)
		b->nlink--;
	if (e->live == NULL)
		return;
	if (e->live->first == NULL) {
		ks_node_free(e->live);
	} else if (!visible(e->live)) {
		first = e->live->first;
		last = e->live->last;
		ks_node_unwrap(e->live);
		merge_prev(b, last->next);
		merge_prev(b, first);
	}
}

/* A leaf inline whose content starts with first and ends with last. */
static void
put_leaf(struct ks_builder *b, struct ks_node *n, unsigned first,
    unsigned last)
{
	before_content(b, first);
	flush_text(b);
	ks_node_append(materialize(b), n);
	b->last = last;
}

void
ks_builder_image(struct ks_builder *b, struct ks_node *img)
{
	put_leaf(b, img, OBJECT_CHAR, OBJECT_CHAR);
}

void
ks_builder_code(struct ks_builder *b, const char *s, size_t len)
{
	struct ks_node *n;
	bool trailing;

	if (len > 0 && s[0] == ' ') {
		put_space(b, false);
		s++;
		len--;
	}
	if (len == 0)
		return;
	trailing = s[len - 1] == ' ';
	if (trailing)
		len--;
	if (len > 0) {
		n = ks_node_new_text(KS_NODE_CODE, s, len);
		put_leaf(b, n, decode_at(s, len, 0),
		    decode_at(s, len, last_char(s, len)));
	}
	if (trailing)
		put_space(b, false);
}
