/* The body reader for plain text: a magazine's "key:value" header, a title
 * line, paragraphs (blank-line separated and hard-wrapped, or one a line),
 * and the publisher and date lines that close many copied articles. */
#include "plaintext.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "utf8.h"
#include "xalloc.h"

#define KEY_MAX_CHARS		16
#define TITLE_MAX_CHARS		80
#define PUBLISHER_MAX_CHARS	30

struct line {
	const char	*s;	/* leading white space skipped */
	size_t		 len;	/* trailing white space and CR cut */
	size_t		 lineno;
};

enum key_kind {
	KEY_OTHER,
	KEY_TITLE,
	KEY_AUTHOR,
	KEY_DATE,
	KEY_SOURCE,
};

static const struct {
	const char	*name;
	enum key_kind	 kind;
} known_keys[] = {
	{ "title", KEY_TITLE },
	{ "标题", KEY_TITLE },
	{ "標題", KEY_TITLE },
	{ "author", KEY_AUTHOR },
	{ "作者", KEY_AUTHOR },
	{ "date", KEY_DATE },
	{ "日期", KEY_DATE },
	{ "发布时间", KEY_DATE },
	{ "发布日期", KEY_DATE },
	{ "source", KEY_SOURCE },
	{ "来源", KEY_SOURCE },
	{ "來源", KEY_SOURCE },
};

/* Lines that credit a source or an editor: never a publisher's name (the
 * tree cleaner moves them to metadata). Matched after an opening bracket.
 * "编辑" needs its space: "编辑部" is a publisher. */
static const char *const credit_prefixes[] = {
	"本文由", "文章来源", "来源", "转载", "原文", "责任编辑", "编辑 ",
	"作者 ", "记者 ", "图片来源", "出处", "source", "via ", "by ",
	"copyright", "©",
};

static size_t
count_chars(const char *s, size_t len)
{
	size_t pos = 0, n = 0;

	while (pos < len) {
		ks_utf8_next(s, len, &pos);
		n++;
	}
	return n;
}

/* Bytes of leading white space (Unicode spaces too: U+3000 indents). */
static size_t
skip_space(const char *s, size_t len)
{
	size_t pos = 0, at;

	while (pos < len) {
		at = pos;
		if (!ks_utf8_is_space(ks_utf8_next(s, len, &pos)))
			return at;
	}
	return len;
}

/* Length of s without its trailing white space. */
static size_t
trim_end(const char *s, size_t len)
{
	size_t pos = 0, end = 0;

	while (pos < len)
		if (!ks_utf8_is_space(ks_utf8_next(s, len, &pos)))
			end = pos;
	return end;
}

static unsigned
last_cp(const char *s, size_t len)
{
	size_t start = len, pos;

	if (len == 0)
		return 0;
	while (start > 0 && len - start < 3 &&
	    ((unsigned char)s[start - 1] & 0xC0) == 0x80)
		start--;
	if (start > 0)
		start--;
	pos = start;
	return ks_utf8_next(s, len, &pos);
}

/* The punctuation that marks running text rather than a label or a name. */
static bool
is_sentence_punct(unsigned cp)
{
	switch (cp) {
	case 0x3002:	/* 。 */
	case 0xFF0C:	/* ， */
	case ',':
	case 0xFF01:	/* ！ */
	case '!':
	case 0xFF1F:	/* ？ */
	case '?':
	case 0xFF1B:	/* ； */
	case ';':
	case 0x201C:	/* “ */
	case 0x201D:	/* ” */
	case '"':
		return true;
	default:
		return false;
	}
}

static bool
has_cp(const char *s, size_t len, bool (*pred)(unsigned))
{
	size_t pos = 0;

	while (pos < len)
		if (pred(ks_utf8_next(s, len, &pos)))
			return true;
	return false;
}

static bool
is_letter(unsigned cp)
{
	if (cp < 0x80)
		return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
	return cp >= 0xC0 && !ks_utf8_is_space(cp) &&
	    !(cp >= 0x2000 && cp <= 0x2BFF) &&
	    !(cp >= 0x3000 && cp <= 0x303F) &&
	    !(cp >= 0xFF00 && cp <= 0xFF0F) && cp != 0xFFFD;
}

/* A colon or bracket makes a line a label, a credit or an aside. */
static bool
is_name_breaker(unsigned cp)
{
	switch (cp) {
	case ':':
	case 0xFF1A:	/* ： */
	case '(':
	case ')':
	case 0xFF08:	/* （ */
	case 0xFF09:	/* ） */
	case '[':
	case ']':
	case 0x3010:	/* 【 */
	case 0x3011:	/* 】 */
	case '/':
	case '@':
		return true;
	default:
		return is_sentence_punct(cp);
	}
}

static bool
is_closing(unsigned cp)
{
	switch (cp) {
	case 0x201D:	/* ” */
	case 0x2019:	/* ’ */
	case 0x300D:	/* 」 */
	case 0x300F:	/* 』 */
	case 0x300B:	/* 》 */
	case 0xFF09:	/* ） */
	case ')':
	case '"':
	case '\'':
		return true;
	default:
		return false;
	}
}

static bool
is_sentence_end(unsigned cp)
{
	switch (cp) {
	case 0x3002:	/* 。 */
	case 0xFF01:	/* ！ */
	case 0xFF1F:	/* ？ */
	case 0xFF1B:	/* ； */
	case 0xFF1A:	/* ： */
	case 0x2026:	/* … */
	case '!':
	case '?':
	case '.':
	case ';':
	case ':':
	case ',':
	case 0xFF0C:	/* ， */
		return true;
	default:
		return false;
	}
}

/* Does the line end a sentence, looking through closing quotes? */
static bool
ends_sentence(const char *s, size_t len)
{
	unsigned cp;

	while (len > 0) {
		cp = last_cp(s, len);
		if (!is_closing(cp))
			return is_sentence_end(cp);
		while (len > 0 && ((unsigned char)s[len - 1] & 0xC0) == 0x80)
			len--;
		if (len > 0)
			len--;
	}
	return false;
}

static bool
starts_with_ci(const char *s, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);

	if (n > len)
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char a = (unsigned char)s[i], b = (unsigned char)prefix[i];

		if (a >= 'A' && a <= 'Z')
			a += 'a' - 'A';
		if (a != b)
			return false;
	}
	return true;
}

static bool
is_credit(const char *s, size_t len)
{
	size_t pos = 0;
	unsigned cp;

	cp = ks_utf8_next(s, len, &pos);
	if (cp == '(' || cp == 0xFF08 || cp == '[' || cp == 0x3010) {
		s += pos;
		len -= pos;
	}
	for (size_t i = 0; i < sizeof(credit_prefixes) /
	    sizeof(credit_prefixes[0]); i++)
		if (starts_with_ci(s, len, credit_prefixes[i]))
			return true;
	return false;
}

/*
 * Splits a "key:value" line at its first ASCII or full-width colon.
 * Returns false when it is not one: an empty value, a key that is empty,
 * too long, all digits ("10:30"), or holds sentence punctuation, or a URL
 * ("http://...").
 */
static bool
split_header(const struct line *l, struct line *key, struct line *val)
{
	const char *colon = NULL;
	size_t pos = 0, at, clen = 0;
	unsigned cp;

	while (pos < l->len) {
		at = pos;
		cp = ks_utf8_next(l->s, l->len, &pos);
		if (cp == ':' || cp == 0xFF1A) {
			colon = l->s + at;
			clen = pos - at;
			break;
		}
	}
	if (colon == NULL)
		return false;
	key->s = l->s;
	key->len = trim_end(l->s, (size_t)(colon - l->s));
	val->s = colon + clen;
	val->len = l->len - (size_t)(val->s - l->s);
	at = skip_space(val->s, val->len);
	val->s += at;
	val->len -= at;
	return key->len > 0 && val->len > 0 &&
	    count_chars(key->s, key->len) <= KEY_MAX_CHARS &&
	    !has_cp(key->s, key->len, is_sentence_punct) &&
	    has_cp(key->s, key->len, is_letter) &&
	    !(val->len >= 2 && val->s[0] == '/' && val->s[1] == '/');
}

/* A copy of the key in which the spaces that align CJK labels ("周 期")
 * are gone and other runs of white space are one space. The caller frees. */
static char *
clean_key(const struct line *key)
{
	struct ks_buf b = KS_BUF_INIT;
	size_t pos = 0, at;
	unsigned cp, prev = 0;
	bool pending = false;

	while (pos < key->len) {
		at = pos;
		cp = ks_utf8_next(key->s, key->len, &pos);
		if (ks_utf8_is_space(cp)) {
			pending = true;
			continue;
		}
		if (pending && !(ks_utf8_is_cjk(prev) && ks_utf8_is_cjk(cp)))
			ks_buf_putc(&b, ' ');
		pending = false;
		ks_buf_put(&b, key->s + at, pos - at);
		prev = cp;
	}
	return ks_buf_detach(&b);
}

static enum key_kind
key_kind(const char *key)
{
	size_t len = strlen(key);

	for (size_t i = 0; i < sizeof(known_keys) / sizeof(known_keys[0]); i++)
		if (strlen(known_keys[i].name) == len &&
		    starts_with_ci(key, len, known_keys[i].name))
			return known_keys[i].kind;
	return KEY_OTHER;
}

/* Sets the model field the key names, when it is still unset; anything
 * else (or a value the field already has) is kept in a->extra. */
static void
apply_header(struct ks_article *a, const struct line *l)
{
	struct line key, val;
	struct ks_field *f;
	struct ks_date d;
	char *k, *v;

	if (!split_header(l, &key, &val))
		return;
	k = clean_key(&key);
	v = ks_xstrndup(val.s, val.len);
	switch (key_kind(k)) {
	case KEY_TITLE:
		if (a->title == NULL) {
			a->title = v;
			v = NULL;
		}
		break;
	case KEY_AUTHOR:
		ks_strs_push_unique(&a->authors, v);
		free(v);
		v = NULL;
		break;
	case KEY_DATE:
		if (a->date.known)
			break;
		if (ks_date_parse(v, 0, &d) == 0)
			a->date = d;
		else
			ks_warn(a->path, l->lineno, "cannot read the date \"%s\"",
			    v);
		if (a->date.known) {
			free(v);
			v = NULL;
		}
		break;
	case KEY_SOURCE:
		if (a->source == NULL) {
			a->source = v;
			v = NULL;
		}
		break;
	case KEY_OTHER:
		break;
	}
	if (v != NULL) {
		f = ks_fields_add(&a->extra, k, false, l->lineno);
		ks_strs_push_owned(&f->values, v);
	}
	free(k);
}

/*
 * The header block: the "key:value" lines from the first line on. A lone
 * "Words: more words" line before a blank line is more likely a title than
 * a one-field header, unless its key names a field we know.
 */
static size_t
header_end(const struct line *lines, size_t n)
{
	struct line key, val;
	size_t i = 0;
	char *k;
	bool known;

	while (i < n && lines[i].len > 0 && split_header(&lines[i], &key, &val))
		i++;
	if (i == 1 && (n == 1 || lines[1].len == 0)) {
		split_header(&lines[0], &key, &val);
		k = clean_key(&key);
		known = key_kind(k) != KEY_OTHER;
		free(k);
		if (!known)
			return 0;
	}
	return i;
}

static bool
is_title_line(const struct line *l)
{
	return count_chars(l->s, l->len) <= TITLE_MAX_CHARS &&
	    has_cp(l->s, l->len, is_letter) && !ends_sentence(l->s, l->len);
}

/* Does the line read entirely as a date? An all-digit line is a number,
 * not Unix seconds, at the end of a text. */
static bool
date_line(const struct line *l, struct ks_date *d)
{
	char *s;
	size_t i;
	int rc;

	for (i = 0; i < l->len; i++)
		if (l->s[i] < '0' || l->s[i] > '9')
			break;
	if (i == l->len)
		return false;
	s = ks_xstrndup(l->s, l->len);
	rc = ks_date_parse(s, 0, d);
	free(s);
	return rc == 0;
}

static int64_t
floor_div(int64_t a, int64_t b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/* Is d the date a already has: the same instant, or, for a bare day, the
 * same day where the known date was written? */
static bool
same_date(const struct ks_date *known, const struct ks_date *d)
{
	int64_t local;

	if (known->utc == d->utc)
		return true;
	if (d->has_time)
		return false;
	local = known->utc + (int64_t)known->offset * 60;
	return floor_div(local, 86400) == floor_div(d->utc, 86400);
}

static bool
is_publisher_line(const struct line *l)
{
	return count_chars(l->s, l->len) <= PUBLISHER_MAX_CHARS &&
	    has_cp(l->s, l->len, is_letter) &&
	    !has_cp(l->s, l->len, is_name_breaker) && !is_credit(l->s, l->len);
}

/*
 * Takes the closing date line, and the publisher's name right above it,
 * out of lines[b..*e) into a. A date or name that disagrees with what a
 * already has stays in the text: it is not ours to drop.
 */
static void
take_trailer(struct ks_article *a, const struct line *lines, size_t b,
    size_t *e)
{
	struct ks_date d;
	size_t j = *e - 1, p;
	char *name;

	if (*e - b < 2 || !date_line(&lines[j], &d))
		return;
	if (!a->date.known)
		a->date = d;
	else if (!same_date(&a->date, &d))
		return;
	*e = j;
	while (*e > b && lines[*e - 1].len == 0)
		(*e)--;
	if (*e - b < 2)
		return;
	p = *e - 1;
	if (!is_publisher_line(&lines[p]))
		return;
	name = ks_xstrndup(lines[p].s, lines[p].len);
	if (a->authors.len == 0)
		ks_strs_push(&a->authors, name);
	if (ks_strs_contains(&a->authors, name))
		*e = p;
	free(name);
}

/* Appends a wrapped line to a paragraph: a space between Latin words,
 * nothing where either side is CJK (a space there is a visible gap). */
static void
join_line(struct ks_buf *para, const struct line *l)
{
	size_t pos = 0;

	if (para->len > 0 && !ks_utf8_is_cjk(last_cp(para->ptr, para->len)) &&
	    !ks_utf8_is_cjk(ks_utf8_next(l->s, l->len, &pos)))
		ks_buf_putc(para, ' ');
	ks_buf_put(para, l->s, l->len);
}

static void
add_paragraph(struct ks_node *doc, struct ks_buf *para)
{
	struct ks_node *p;

	if (para->len == 0)
		return;
	p = ks_node_new(KS_NODE_PARAGRAPH);
	ks_node_append(p, ks_node_new_text(KS_NODE_TEXT, para->ptr, para->len));
	ks_node_append(doc, p);
	ks_buf_clear(para);
}

static void
add_paragraphs(struct ks_node *doc, const struct line *lines, size_t b,
    size_t e)
{
	struct ks_buf para = KS_BUF_INIT;
	bool blank_separated = false;

	for (size_t i = b; i < e; i++)
		if (lines[i].len == 0)
			blank_separated = true;
	for (size_t i = b; i < e; i++) {
		if (lines[i].len == 0 || !blank_separated)
			add_paragraph(doc, &para);
		if (lines[i].len > 0)
			join_line(&para, &lines[i]);
	}
	add_paragraph(doc, &para);
	ks_buf_free(&para);
}

/* Splits text into lines without their surrounding white space. The
 * caller frees the array. */
static struct line *
split_lines(const char *text, size_t len, size_t first_line, size_t *np)
{
	struct line *lines;
	const char *p = text, *end = text + len, *nl;
	size_t n = 1, i = 0, skip;

	for (size_t k = 0; k < len; k++)
		if (text[k] == '\n')
			n++;
	lines = ks_xcalloc(n, sizeof(*lines));
	if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	while (i < n) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		skip = skip_space(p, (size_t)(nl - p));
		lines[i].s = p + skip;
		lines[i].len = trim_end(p + skip, (size_t)(nl - p) - skip);
		lines[i].lineno = first_line + i;
		i++;
		p = nl < end ? nl + 1 : end;
	}
	*np = n;
	return lines;
}

void
ks_plaintext_read(struct ks_article *a, const char *text, size_t len,
    size_t first_line)
{
	struct line *lines;
	size_t n, b, e, h;

	if (a->body == NULL)
		a->body = ks_node_new(KS_NODE_DOCUMENT);
	lines = split_lines(text, len, first_line, &n);
	b = 0;
	e = n;
	while (b < e && lines[b].len == 0)
		b++;
	h = b + header_end(lines + b, e - b);
	for (; b < h; b++)
		apply_header(a, &lines[b]);
	while (b < e && lines[b].len == 0)
		b++;
	while (e > b && lines[e - 1].len == 0)
		e--;

	/* A title line needs a blank line and more text after it; a first
	 * line that repeats the known title is that title, not body text. */
	if (b < e && a->title != NULL && strlen(a->title) == lines[b].len &&
	    memcmp(a->title, lines[b].s, lines[b].len) == 0)
		b++;
	else if (b + 2 < e && a->title == NULL && lines[b + 1].len == 0 &&
	    is_title_line(&lines[b])) {
		a->title = ks_xstrndup(lines[b].s, lines[b].len);
		b++;
	}
	while (b < e && lines[b].len == 0)
		b++;

	if (b < e)
		take_trailer(a, lines, b, &e);
	add_paragraphs(a->body, lines, b, e);
	free(lines);
}
