/* The inlines of the CommonMark renderer: text escaped only where a
 * parser would misread it, code spans, links, images, hard breaks, and
 * emphasis whose delimiter runs are checked against the characters really
 * written on both sides of them, and mended with numeric references where
 * CommonMark's flanking rules (CJK punctuation) would not let them parse. */
#include "md_inline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"
#include "xalloc.h"

/* An open emphasis, the delimiter character it was given, and the units
 * around its opener: the one before it, and the literal one after it
 * (NO_POS if none), which a later rewrite may turn into punctuation. */
struct emph {
	const struct ks_node	*node;
	char			 c;
	int			 k;		/* its run's length: 1 or 2 */
	bool			 merged;	/* its opener merged into a
						 * closer run */
	size_t			 p_pos, q_pos;
	unsigned		 p_cp;
	long			 p_enc;
};

#define NO_POS ((size_t)-1)

enum pend {
	PEND_NONE,
	PEND_OPEN,
	PEND_CLOSE,
};

/*
 * The inlines of one holder, written unit by unit: a character, an
 * escape, a code span, a delimiter run, a link's "[" or "](...)". For the
 * last unit we keep where it starts, its last character and, when it is a
 * literal character, its code point, so that it can still be rewritten as
 * a numeric reference once the next unit shows a delimiter run needs it.
 */
struct ks_md_il {
	struct ks_md		*m;
	struct ks_buf		*b;
	enum ks_md_mode		 mode;
	size_t			 last_pos;
	unsigned		 last_cp;
	long			 last_enc;	/* literal code point, or -1 */
	char			 last_delim;	/* '*' or '_' for a run */
	enum pend		 pend;		/* a run waiting for its next */
	char			 pend_c;
	bool			 pend_conflict;	/* opener: same char is open */
	bool			 pend_mod3;	/* ... but the rule of 3
						 * keeps an intraword run
						 * from closing it */
	bool			 pend_force;	/* opener: punctuation
						 * after it; closer: no
						 * letter after it */
	unsigned		 pend_prev;	/* the character before it */
	size_t			 pend_prev_pos;	/* opener: that unit's start */
	long			 pend_prev_enc;
	size_t			 pend_pos;	/* where the run starts */
	size_t			 loose_pos;	/* the last bare * _ or ~ */
	size_t			 close_prev_pos; /* the unit before the last */
	long			 close_prev_enc; /* closer, as pend_prev_* */
	const struct ks_node	*link;		/* the open link, or NULL */
	size_t			 link_base;	/* em entries outside it */
	struct emph		*em;		/* open emphasis, the
						 * innermost last */
	size_t			 nem, capem;
};

/* ---- Small helpers ---- */

static const struct ks_node *
next_visible(const struct ks_md *m, const struct ks_node *n)
{
	for (n = n->next; n != NULL; n = n->next)
		if (ks_md_visible(m, n))
			return n;
	return NULL;
}

/* ---- Inlines: units, delimiter runs and their flanking ---- */

static void
shift(size_t *pos, size_t at, bool insert, size_t by)
{
	if (*pos != NO_POS && (*pos > at || (insert && *pos == at)))
		*pos += by;
}

/* Replaces old bytes at at by s[0..n), and moves every position we keep
 * after it along. */
static void
splice(struct ks_md_il *il, size_t at, size_t old, const char *s, size_t n)
{
	size_t by = n - old;

	ks_buf_grow(il->b, n > old ? n - old : 0);
	memmove(il->b->ptr + at + n, il->b->ptr + at + old,
	    il->b->len - at - old + 1);
	memcpy(il->b->ptr + at, s, n);
	il->b->len += by;
	shift(&il->last_pos, at, old == 0, by);
	shift(&il->pend_prev_pos, at, old == 0, by);
	shift(&il->pend_pos, at, old == 0, by);
	shift(&il->close_prev_pos, at, old == 0, by);
	shift(&il->loose_pos, at, old == 0, by);
	for (size_t i = 0; i < il->nem; i++) {
		shift(&il->em[i].p_pos, at, old == 0, by);
		shift(&il->em[i].q_pos, at, old == 0, by);
	}
}

/*
 * Rewrites the literal character at pos as a numeric reference, "&#N;",
 * which a parser sees as punctuation on both sides. Its neighbours were
 * judged by the character it was: a "*" "_" or "~" left bare before it
 * gets its backslash now, and an opener whose next character it was may
 * need the same done before it ("*a*" becoming "*&#97;*").
 */
static void
respell(struct ks_md_il *il, size_t pos, long cp)
{
	char ref[16];
	size_t old = 1, n;

	if (il->loose_pos != NO_POS && il->loose_pos + 1 == pos) {
		splice(il, il->loose_pos, 0, "\\", 1);
		il->loose_pos = NO_POS;
		pos++;
	}
	while (pos + old < il->b->len &&
	    ((unsigned char)il->b->ptr[pos + old] & 0xC0) == 0x80)
		old++;
	n = (size_t)snprintf(ref, sizeof(ref), "&#%ld;", cp);
	splice(il, pos, old, ref, n);
	for (size_t i = il->nem; i > il->link_base; i--) {
		struct emph *e = &il->em[i - 1];

		if (e->q_pos != pos)
			continue;
		e->q_pos = NO_POS;
		if (e->c == '*' && e->p_enc >= 0 && !ks_md_is_ws(e->p_cp) &&
		    !ks_md_sure_punct(e->p_cp)) {
			e->p_cp = ';';
			respell(il, e->p_pos, e->p_enc);
		}
	}
}

/* Could some parser take a run between p and q for right-flanking? */
static bool
maybe_right_flanking(unsigned p, unsigned q)
{
	return !ks_md_is_ws(p) && (!ks_md_sure_punct(p) || ks_md_is_ws(q) ||
	    ks_md_maybe_punct(q));
}

/*
 * Settles the waiting delimiter run now that the next unit starts with
 * next (enc: its code point if it is a literal character, else -1).
 * An opener must be left-flanking: never white space after it (that
 * character becomes a reference), and punctuation after it needs white
 * space or punctuation before it (the character before becomes one:
 * "&#27491;" ends with ";"). A closer must be right-flanking in the mirror
 * way. "_" must also not be intraword, so its outer side must be white
 * space or punctuation. Returns whether the next unit must be written as
 * a reference.
 */
static bool
settle(struct ks_md_il *il, unsigned next, long enc)
{
	unsigned p = il->pend_prev;
	bool ref = false, ok;
	enum pend kind = il->pend;

	il->pend = PEND_NONE;
	if (kind == PEND_OPEN) {
		if (enc >= 0 && (ks_md_is_ws(next) ||
		    (il->pend_force && !ks_md_sure_punct(next)))) {
			ref = true;
			next = '&';
		}
		if (il->pend_c == '*')
			ok = !ks_md_maybe_punct(next) || ks_md_is_ws(p) ||
			    ks_md_sure_punct(p);
		else
			ok = ks_md_is_ws(p) || ks_md_sure_punct(p);
		/* An opener that can also close would close the open run of
		 * its character instead; "&#N;" before it helps when a letter
		 * follows it. */
		if (ok && il->pend_conflict && maybe_right_flanking(p, next) &&
		    ks_md_is_word(next) &&
		    !(il->pend_mod3 && ks_md_is_word(p)))
			ok = false;
		if (!ok && il->pend_prev_enc >= 0) {
			il->em[il->nem - 1].p_cp = ';';
			il->em[il->nem - 1].p_enc = -1;
			respell(il, il->pend_prev_pos, il->pend_prev_enc);
		}
		if (!ref && enc >= 0)
			il->em[il->nem - 1].q_pos = il->b->len;
	} else if (kind == PEND_CLOSE) {
		/* A merged opener's run counts for the rule of 3: its
		 * closer must not be able to open. */
		if (il->pend_c == '*' && !il->pend_force)
			ok = !ks_md_maybe_punct(p) || ks_md_is_ws(next) ||
			    ks_md_sure_punct(next);
		else
			ok = ks_md_is_ws(next) || ks_md_sure_punct(next);
		ref = !ok && enc >= 0;
	}
	return ref;
}

/* Writes one unit whose first and last characters, as a parser sees
 * them, are first and last; enc as for settle(); delim is the character
 * of a delimiter run, else 0. */
static void
put_unit(struct ks_md_il *il, const char *s, size_t len, unsigned first,
    unsigned last, long enc, char delim)
{
	char ref[16];

	if (il->pend != PEND_NONE && settle(il, first, enc)) {
		snprintf(ref, sizeof(ref), "&#%ld;", enc);
		s = ref;
		len = strlen(ref);
		last = ';';
		enc = -1;
	}
	il->last_pos = il->b->len;
	ks_buf_put(il->b, s, len);
	il->last_cp = last;
	il->last_enc = enc;
	il->last_delim = delim;
}

static void
put_syntax(struct ks_md_il *il, const char *s, size_t len)
{
	put_unit(il, s, len, (unsigned char)s[0], (unsigned char)s[len - 1],
	    -1, 0);
}

/* Bytes put_text() writes as they are wherever they stand, but for a
 * line start: all but line ends and the ASCII it may escape or must
 * judge by its neighbours. Bytes past ASCII are all plain. */
static const unsigned char plain_byte[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 1, 0, 1, 1,	/* 0x00 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,	/* 0x10 */
	1, 0, 1, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 1, 1,	/* 0x20 !&* */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,	/* 0x30 < */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,	/* 0x40 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 0,	/* 0x50 [\]_ */
	0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,	/* 0x60 ` */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0, 1,	/* 0x70 |~ */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,	/* 0x80 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,	/* 0x90 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,	/* 0xA0 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,	/* 0xB0 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,	/* 0xC0 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,	/* 0xD0 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,	/* 0xE0 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,	/* 0xF0 */
};

/*
 * Where the last character of s[start..end) starts, and in *cp what it
 * is, as decoding from start reads it (start and end are character
 * boundaries). A byte that is no continuation byte always starts a
 * character, so at most three continuation bytes are stepped over; a
 * stray byte reads as U+FFFD.
 */
static size_t
last_char_at(const char *s, size_t start, size_t end, unsigned *cp)
{
	size_t at = end - 1, pos;
	int c;

	while (at > start && end - at < 4 &&
	    ((unsigned char)s[at] & 0xC0) == 0x80)
		at--;
	pos = at;
	c = ks_utf8_decode(s, end, &pos);
	if (c < 0 || pos != end) {
		*cp = 0xFFFD;
		return end - 1;
	}
	*cp = (unsigned)c;
	return at;
}

/* Writes the plain bytes s[start..end) with one append, leaving the state
 * put_unit() would have left after writing them one by one. */
static void
put_plain(struct ks_md_il *il, const char *s, size_t start, size_t end)
{
	unsigned cp;
	size_t last = last_char_at(s, start, end, &cp);

	il->last_pos = il->b->len + (last - start);
	ks_buf_put(il->b, s + start, end - start);
	il->last_cp = cp;
	il->last_enc = (long)cp;
	il->last_delim = 0;
}

/* The character at s[*pos] as put_text() sees it: a line end is a space. */
static unsigned
text_char(const char *s, size_t len, size_t *pos)
{
	unsigned cp = ks_utf8_next(s, len, pos);

	return cp == '\n' || cp == '\r' ? ' ' : cp;
}

/*
 * Writes text as literal characters: only what could open or close
 * something is escaped, judged by the neighbours inside this text (an
 * edge counts as "anything"). link_next: a link follows, so a final "!"
 * would make it an image. Once no run waits and the line has begun, runs
 * of plain bytes go out whole; the rest is judged a character at a time.
 */
static void
put_text(struct ks_md_il *il, const char *s, bool link_next)
{
	size_t len = strlen(s), pos = 0, at, marker = (size_t)-1, n, end;
	size_t limit;
	unsigned cp, next, prev;
	bool esc, line_start;
	char one[2];

	while (pos < len) {
		if (il->pend == PEND_NONE && il->last_cp != '\n') {
			/* A list marker's "." or ")" is no plain byte here. */
			limit = marker >= pos && marker < len ? marker : len;
			for (end = pos; end < limit &&
			    plain_byte[(unsigned char)s[end]]; end++)
				continue;
			if (end > pos) {
				put_plain(il, s, pos, end);
				pos = end;
				continue;
			}
		}
		/* What was written: a character may have become "&#N;". */
		prev = il->last_cp;
		at = pos;
		cp = text_char(s, len, &pos);
		line_start = il->last_cp == '\n' && il->pend == PEND_NONE;
		/* Leading spaces would be stripped, or make indented code. */
		if (line_start && (cp == ' ' || cp == '\t'))
			continue;
		line_start = line_start && il->mode == KS_MD_PARA;
		if (line_start && (n = ks_md_list_marker_at(s + at)) > 0)
			marker = at + n;
		next = KS_MD_EDGE;
		if (pos < len) {
			size_t p2 = pos;

			next = text_char(s, len, &p2);
		}
		esc = false;
		switch (cp) {
		case '\\': case '`': case '[': case ']': case '<': case '|':
			esc = true;
			break;
		case '*': case '~':
			esc = !(ks_md_is_ws(prev) && ks_md_is_ws(next));
			break;
		case '_':
			esc = !(ks_md_is_ws(prev) && ks_md_is_ws(next)) &&
			    !(ks_md_is_word(prev) && ks_md_is_word(next));
			break;
		case '&':
			esc = ks_md_entity_follows(s + pos);
			break;
		case '!':
			esc = pos == len && link_next;
			break;
		default:
			break;
		}
		if ((line_start && ks_md_starts_block(s + at)) || at == marker)
			esc = true;
		if (esc) {
			one[0] = '\\';
			one[1] = (char)cp;
			put_unit(il, one, 2, '\\', cp, -1, 0);
		} else if (cp == ' ' && s[at] != ' ') {
			put_unit(il, " ", 1, ' ', ' ', ' ', 0);
		} else {
			put_unit(il, s + at, pos - at, cp, cp, (long)cp, 0);
			if (cp == '*' || cp == '_' || cp == '~')
				il->loose_pos = il->last_pos;
		}
	}
}

/* A code span: a fence longer than any backtick run inside, and spaces
 * inside it when the code starts or ends with a backtick, or with spaces
 * on both sides (one of each would be stripped). */
static void
put_code(struct ks_md_il *il, const char *code)
{
	struct ks_buf b = KS_BUF_INIT;
	size_t fence = ks_md_longest_run(code, '`') + 1, len = strlen(code);
	bool pad = code[0] == '`' || code[len - 1] == '`' ||
	    (code[0] == ' ' && code[len - 1] == ' ' &&
	    strspn(code, " ") < len);

	for (size_t i = 0; i < fence; i++)
		ks_buf_putc(&b, '`');
	if (pad)
		ks_buf_putc(&b, ' ');
	for (const char *p = code; *p != '\0'; p++)
		ks_buf_putc(&b, *p == '\n' || *p == '\r' ? ' ' : *p);
	if (pad)
		ks_buf_putc(&b, ' ');
	for (size_t i = 0; i < fence; i++)
		ks_buf_putc(&b, '`');
	put_syntax(il, b.ptr, b.len);
	ks_buf_free(&b);
}

/* An image as an image, as a link to it, or (inside a link, where a
 * link cannot go) as its alt text. */
static void
put_image(struct ks_md_il *il, const struct ks_node *n, bool link_next)
{
	struct ks_buf b = KS_BUF_INIT;
	struct ks_md_il alt;
	const char *text = n->text != NULL ? n->text : "";

	if (il->m->images == KS_IMAGES_DROP)
		return;
	if (il->m->images == KS_IMAGES_LINK) {
		if (text[0] == '\0')
			text = "image";
		if (il->link != NULL) {
			put_text(il, text, link_next);
			return;
		}
	}
	/* The alt text is parsed as inlines too: escape it alike. */
	memset(&alt, 0, sizeof(alt));
	alt.m = il->m;
	alt.b = &b;
	alt.mode = KS_MD_CELL;
	alt.last_cp = '[';
	alt.loose_pos = NO_POS;
	ks_buf_puts(&b, il->m->images == KS_IMAGES_LINK ? "[" : "![");
	put_text(&alt, text, false);
	ks_buf_putc(&b, ']');
	ks_md_put_destination(&b, n->url != NULL ? n->url : "", n->title);
	put_syntax(il, b.ptr, b.len);
	ks_buf_free(&b);
}

/* A hard break: backslash, new line, the containers' prefix. An ATX
 * heading cannot hold one: there it becomes a space. */
static void
put_break(struct ks_md_il *il)
{
	if (il->mode == KS_MD_HEADING) {
		put_unit(il, " ", 1, ' ', ' ', ' ', 0);
		return;
	}
	put_unit(il, "\\", 1, '\\', '\\', -1, 0);
	ks_buf_putc(il->b, '\n');
	ks_buf_put(il->b, il->m->prefix.ptr, il->m->prefix.len);
	il->last_cp = '\n';
}

static bool
is_emph(const struct ks_node *n)
{
	return n != NULL && (n->type == KS_NODE_EMPH ||
	    n->type == KS_NODE_STRONG);
}

static bool
char_open(const struct ks_md_il *il, char c)
{
	for (size_t i = il->link_base; i < il->nem; i++)
		if (il->em[i].c == c)
			return true;
	return false;
}

static const struct ks_node *
prev_visible(const struct ks_md *m, const struct ks_node *n)
{
	for (n = n->prev; n != NULL; n = n->prev)
		if (ks_md_visible(m, n))
			return n;
	return NULL;
}

/* The first character n writes, as a parser sees it. */
static unsigned
first_char(const struct ks_node *n)
{
	struct ks_iter it;
	size_t pos = 0;
	int c;

	ks_iter_init(&it, (struct ks_node *)n);
	while (ks_iter_next(&it) != KS_EVENT_DONE) {
		switch (it.cur->type) {
		case KS_NODE_TEXT:
			if (it.cur->text[0] == '\0')
				break;
			c = ks_utf8_decode(it.cur->text, strlen(it.cur->text),
			    &pos);
			return c < 0 ? 0xFFFD : (unsigned)c;
		case KS_NODE_EMPH:
		case KS_NODE_STRONG:
			if (it.cur != n)
				return '*';
			break;
		case KS_NODE_LINK:
			return '[';
		case KS_NODE_CODE:
			return '`';
		case KS_NODE_IMAGE:
			return '!';
		case KS_NODE_LINEBREAK:
			return '\\';
		default:
			break;
		}
	}
	return KS_MD_EDGE;
}

/* The last character n writes, as a parser sees it. */
static unsigned
last_char(const struct ks_node *n)
{
	struct ks_iter it;
	enum ks_event ev;
	unsigned last = KS_MD_EDGE;
	const char *t;
	size_t k;

	ks_iter_init(&it, (struct ks_node *)n);
	while ((ev = ks_iter_next(&it)) != KS_EVENT_DONE) {
		switch (it.cur->type) {
		case KS_NODE_TEXT:
			t = it.cur->text;
			if ((k = strlen(t)) == 0)
				break;
			/* Back to the start of the last character. */
			k--;
			while (k > 0 && ((unsigned char)t[k] & 0xC0) == 0x80)
				k--;
			last = (unsigned)ks_utf8_decode(t, strlen(t), &k);
			break;
		case KS_NODE_CODE:
			last = '`';
			break;
		case KS_NODE_IMAGE:
			last = ')';
			break;
		case KS_NODE_LINEBREAK:
			last = '\n';
			break;
		case KS_NODE_LINK:
			if (ev == KS_EVENT_EXIT)
				last = ')';
			break;
		case KS_NODE_EMPH:
		case KS_NODE_STRONG:
			if (ev == KS_EVENT_EXIT && it.cur != n)
				last = '*';
			break;
		default:
			break;
		}
	}
	return last;
}

/* Would every open run of c be kept by the rule of 3 from matching an
 * intraword run of length k? */
static bool
mod3_safe(const struct ks_md_il *il, char c, int k)
{
	for (size_t i = il->link_base; i < il->nem; i++)
		if (il->em[i].c == c && (il->em[i].k + k) % 3 != 0)
			return false;
	return true;
}

static char
other(char c)
{
	return c == '*' ? '_' : '*';
}

/*
 * The delimiter character of emphasis n. Runs that touch (a parent's
 * opener and its first child's, a last child's closer and its parent's, a
 * closer and the next sibling's opener) must differ, or they merge into
 * one run; so "*" and "_" alternate along each chain of adjacent emphasis
 * siblings, and a free chain starts with the character no open emphasis
 * uses. For an opener before punctuation a character that is open around
 * it is worse than a merge: such a run can also close, and would close
 * that one. It then merges with the sibling's closer into one run with
 * punctuation on both sides (*merge: the caller makes it so), which
 * closes the sibling and opens n; or, at the end of a chain, the last
 * closer merges with the parent's, which only closes.
 */
static char
emph_char(const struct ks_md_il *il, const struct ks_node *n, bool *merge)
{
	const struct ks_md *m = il->m;
	const struct ks_node *prev = prev_visible(m, n), *s, *parent = NULL;
	bool punct_first = !ks_md_is_word(first_char(n));
	char pc = 0, c;
	size_t len = 0;

	*merge = false;
	if (il->nem > il->link_base && il->em[il->nem - 1].node == n->parent) {
		parent = n->parent;
		pc = il->em[il->nem - 1].c;
	}
	if (is_emph(prev) && il->last_delim != 0) {
		c = other(il->last_delim);
		if (punct_first && char_open(il, c)) {
			*merge = true;
			c = il->last_delim;
		}
		return c;
	}
	if (parent != NULL && prev == NULL)
		return other(pc);
	for (s = n; is_emph(s); s = next_visible(m, s))
		len++;
	if (parent != NULL && s == NULL && !(len % 2 || punct_first))
		return pc;
	if (parent != NULL && s == NULL) {
		/*
		 * A lone last child between letters ("**粗体_斜体_**") would
		 * need "&#N;" before a "_". A "*" needs none: the rule of 3
		 * keeps the intraword opener from closing the parent (kinds
		 * differ), and the two closers merge into a run that only
		 * closes, letter before it, punctuation or space after it.
		 */
		if (pc == '*' && len == 1 && !punct_first &&
		    ks_md_is_word(il->last_cp) &&
		    ks_md_is_word(last_char(n)) && parent->type != n->type &&
		    mod3_safe(il, '*', n->type == KS_NODE_STRONG ? 2 : 1))
			return '*';
		return other(pc);
	}
	return char_open(il, '*') && !char_open(il, '_') ? '_' : '*';
}

static void
open_emph(struct ks_md_il *il, const struct ks_node *n)
{
	bool merge;
	char c = emph_char(il, n, &merge);
	unsigned prev_cp;
	size_t prev_pos;
	long prev_enc;

	if (il->pend != PEND_NONE)
		settle(il, (unsigned char)c, -1);
	if (merge && il->close_prev_enc >= 0)
		respell(il, il->close_prev_pos, il->close_prev_enc);
	il->pend_force = merge;
	prev_cp = il->last_cp;
	prev_pos = il->last_pos;
	prev_enc = il->last_enc;
	il->pend_conflict = char_open(il, c);
	il->pend_mod3 = mod3_safe(il, c, n->type == KS_NODE_STRONG ? 2 : 1);
	put_unit(il, n->type == KS_NODE_STRONG ? (c == '*' ? "**" : "__") :
	    (c == '*' ? "*" : "_"), n->type == KS_NODE_STRONG ? 2 : 1,
	    (unsigned char)c, (unsigned char)c, -1, c);
	il->pend = PEND_OPEN;
	il->pend_c = c;
	il->pend_prev = prev_cp;
	il->pend_prev_pos = prev_pos;
	il->pend_prev_enc = prev_enc;
	il->pend_pos = il->last_pos;
	if (il->nem == il->capem) {
		il->capem = il->capem ? il->capem * 2 : 16;
		il->em = ks_xrealloc(il->em, il->capem * sizeof(*il->em));
	}
	il->em[il->nem].node = n;
	il->em[il->nem].c = c;
	il->em[il->nem].p_pos = prev_pos;
	il->em[il->nem].p_cp = prev_cp;
	il->em[il->nem].p_enc = prev_enc;
	il->em[il->nem].k = n->type == KS_NODE_STRONG ? 2 : 1;
	il->em[il->nem].merged = merge;
	il->em[il->nem++].q_pos = NO_POS;
}

/* Closes the innermost emphasis: white space just inside it becomes a
 * reference, and the next unit settles the rest. */
static void
close_emph(struct ks_md_il *il, const struct ks_node *n)
{
	char c = il->em[il->nem - 1].c;
	bool merged = il->em[il->nem - 1].merged;

	if (il->pend != PEND_NONE)
		settle(il, (unsigned char)c, -1);
	il->nem--;
	if (ks_md_is_ws(il->last_cp) && il->last_enc >= 0) {
		respell(il, il->last_pos, il->last_enc);
		il->last_cp = ';';
		il->last_enc = -1;
	}
	il->pend_prev = il->last_cp;
	il->close_prev_pos = il->last_pos;
	il->close_prev_enc = ks_md_sure_punct(il->last_cp) ? -1 : il->last_enc;
	put_unit(il, n->type == KS_NODE_STRONG ? (c == '*' ? "**" : "__") :
	    (c == '*' ? "*" : "_"), n->type == KS_NODE_STRONG ? 2 : 1,
	    (unsigned char)c, (unsigned char)c, -1, c);
	il->pend = PEND_CLOSE;
	il->pend_c = c;
	il->pend_force = merged;
}

/* Would a "!" just before n turn what n writes into an image? */
static bool
link_follows(const struct ks_md_il *il, const struct ks_node *n)
{
	const struct ks_node *next = next_visible(il->m, n);

	return next != NULL && (next->type == KS_NODE_LINK ||
	    (next->type == KS_NODE_IMAGE && il->m->images == KS_IMAGES_LINK &&
	    il->link == NULL));
}

/* Writes the inlines of holder h (or of any inline container). */
static void
put_inlines(struct ks_md_il *il, const struct ks_node *h)
{
	struct ks_iter it;
	enum ks_event ev;
	struct ks_buf b = KS_BUF_INIT;

	ks_iter_init(&it, (struct ks_node *)h);
	while ((ev = ks_iter_next(&it)) != KS_EVENT_DONE) {
		const struct ks_node *n = it.cur;

		if (n == h)
			continue;
		if (ev == KS_EVENT_EXIT) {
			if (is_emph(n))
				close_emph(il, n);
			else if (n == il->link) {
				ks_buf_clear(&b);
				ks_buf_putc(&b, ']');
				ks_md_put_destination(&b, n->url ? n->url : "",
				    n->title);
				put_syntax(il, b.ptr, b.len);
				il->link = NULL;
				il->link_base = 0;
			}
			continue;
		}
		switch (n->type) {
		case KS_NODE_TEXT:
			put_text(il, n->text, link_follows(il, n));
			break;
		case KS_NODE_CODE:
			if (n->text[0] != '\0')
				put_code(il, n->text);
			break;
		case KS_NODE_IMAGE:
			put_image(il, n, link_follows(il, n));
			break;
		case KS_NODE_LINEBREAK:
			put_break(il);
			break;
		case KS_NODE_EMPH:
		case KS_NODE_STRONG:
			if (!ks_md_visible(il->m, n))
				ks_md_skip(&it);
			else
				open_emph(il, n);
			break;
		case KS_NODE_LINK:
			if (!ks_md_visible(il->m, n))
				ks_md_skip(&it);
			else if (il->link == NULL) {
				/* Links cannot nest: an inner one is
				 * only its text. */
				put_syntax(il, "[", 1);
				il->link = n;
				il->link_base = il->nem;
			}
			break;
		default:
			/* Blocks have no place among inlines. */
			ks_md_skip(&it);
			break;
		}
	}
	ks_buf_free(&b);
}

void
ks_md_inlines_begin(struct ks_md *m, enum ks_md_mode mode)
{
	struct ks_md_il *il = m->il;
	struct emph *em;
	size_t capem;

	if (il == NULL)
		il = m->il = ks_xcalloc(1, sizeof(*il));
	em = il->em;
	capem = il->capem;
	memset(il, 0, sizeof(*il));
	il->em = em;
	il->capem = capem;
	il->m = m;
	il->b = &m->scratch;
	il->mode = mode;
	il->last_cp = '\n';
	il->last_enc = -1;
	il->loose_pos = NO_POS;
	ks_buf_clear(il->b);
}

void
ks_md_inlines_put(struct ks_md *m, const struct ks_node *h)
{
	put_inlines(m->il, h);
}

void
ks_md_inlines_text(struct ks_md *m, const char *text)
{
	put_text(m->il, text, false);
}

/* A run still waiting meets the end of the line. */
void
ks_md_inlines_end(struct ks_md *m)
{
	if (m->il->pend != PEND_NONE)
		settle(m->il, '\n', -1);
}

void
ks_md_inlines_free(struct ks_md *m)
{
	if (m->il != NULL)
		free(m->il->em);
	free(m->il);
	m->il = NULL;
}
