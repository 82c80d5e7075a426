/* The TOML that Hugo writes between "+++" fences, read into the same
 * fields as YAML front matter. Debian has no C TOML library; this reads
 * the subset in toml.h and refuses the rest with the line it stopped on. */
#include "toml.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "xalloc.h"

/* Arrays and inline tables nested deeper than this, and keys of more
 * parts, are refused: recursion stays bounded whatever the input. */
#define MAX_DEPTH	64

/* A set of strings: the keys and tables defined so far, so that a
 * duplicate is found in constant time however long the front matter. */
struct kset {
	char	**v;
	size_t	  cap;	/* a power of two, or 0 */
	size_t	  len;
};

struct tparse {
	const char	 *s;		/* the cursor */
	const char	 *end;
	const char	 *path;
	size_t		  line;		/* the cursor's line */
	struct ks_fields *out;
	char		 *table;	/* the current [table], or NULL */
	struct kset	  values;	/* keys that hold a value */
	struct kset	  tables;	/* keys that hold keys */
	struct kset	  headers;	/* tables named in a [header] */
};

static uint64_t
hash(const char *s)
{
	uint64_t h;

	h = 14695981039346656037u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

static bool
kset_has(const struct kset *k, const char *s)
{
	size_t i;

	if (k->cap == 0)
		return false;
	for (i = hash(s) & (k->cap - 1); k->v[i]; i = (i + 1) & (k->cap - 1))
		if (strcmp(k->v[i], s) == 0)
			return true;
	return false;
}

static void
kset_put(struct kset *k, char *s)
{
	size_t i;

	for (i = hash(s) & (k->cap - 1); k->v[i]; i = (i + 1) & (k->cap - 1))
		continue;
	k->v[i] = s;
}

static void
kset_add(struct kset *k, const char *s)
{
	struct kset n;

	if (kset_has(k, s))
		return;
	if (2 * (k->len + 1) > k->cap) {
		n.cap = k->cap ? 2 * k->cap : 16;
		n.v = ks_xcalloc(n.cap, sizeof(*n.v));
		for (size_t i = 0; i < k->cap; i++)
			if (k->v[i])
				kset_put(&n, k->v[i]);
		free(k->v);
		k->v = n.v;
		k->cap = n.cap;
	}
	kset_put(k, ks_xstrdup(s));
	k->len++;
}

static void
kset_free(struct kset *k)
{
	for (size_t i = 0; i < k->cap; i++)
		free(k->v[i]);
	free(k->v);
}

/* Reports "TOML: ..." at line and returns -1. */
static int
fail_at(const struct tparse *t, size_t line, const char *fmt, ...)
{
	struct ks_buf msg = KS_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	ks_buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	ks_error(t->path, line, "TOML: %s", ks_buf_cstr(&msg));
	ks_buf_free(&msg);
	return -1;
}

#define fail(t, ...) fail_at((t), (t)->line, __VA_ARGS__)

static bool
at(const struct tparse *t, const char *lit)
{
	size_t n;

	n = strlen(lit);
	return (size_t)(t->end - t->s) >= n && memcmp(t->s, lit, n) == 0;
}

static void
skip_ws(struct tparse *t)
{
	while (t->s < t->end && (*t->s == ' ' || *t->s == '\t'))
		t->s++;
}

/* Consumes a line break ("\n" or "\r\n") at the cursor, if any. */
static bool
skip_newline(struct tparse *t)
{
	if (at(t, "\n"))
		t->s++;
	else if (at(t, "\r\n"))
		t->s += 2;
	else
		return false;
	t->line++;
	return true;
}

static void
skip_comment(struct tparse *t)
{
	if (t->s < t->end && *t->s == '#')
		while (t->s < t->end && *t->s != '\n')
			t->s++;
}

/* Blanks, line breaks and comments, as allowed between array items. */
static void
skip_space(struct tparse *t)
{
	for (;;) {
		skip_ws(t);
		skip_comment(t);
		if (!skip_newline(t))
			return;
	}
}

/* Whether the cursor is where a value may end. */
static bool
at_delim(const struct tparse *t)
{
	return t->s >= t->end || strchr(" \t\r\n,]}#", *t->s) != NULL;
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Reads the escape sequence at the cursor (at its backslash) into v.
 * Returns 0, or -1 after reporting an unknown or invalid escape. */
static int
escape(struct tparse *t, struct ks_buf *v)
{
	static const char from[] = "btnfre\"\\", to[] = "\b\t\n\f\r\x1B\"\\";
	unsigned long cp;
	const char *e;
	int n, d;
	char c;

	t->s++;
	if (t->s >= t->end)
		return fail(t, "unterminated string");
	c = *t->s++;
	if (c != '\0' && (e = strchr(from, c)) != NULL) {
		ks_buf_putc(v, to[e - from]);
		return 0;
	}
	if (c == 'u' || c == 'U') {
		n = c == 'u' ? 4 : 8;
		cp = 0;
		for (int i = 0; i < n; i++) {
			if (t->s >= t->end || (d = hexval(*t->s)) < 0)
				return fail(t, "\\%c needs %d hex digits", c,
				    n);
			cp = cp * 16 + (unsigned long)d;
			t->s++;
		}
		if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return fail(t, "\\%c escape of U+%lX is not a "
			    "character", c, cp);
		ks_buf_put_utf8(v, (unsigned)cp);
		return 0;
	}
	if ((unsigned char)c < 0x20 || c == 0x7F)
		return fail(t, "invalid escape in a string");
	return fail(t, "invalid escape \\%c in a string", c);
}

/* A one-line string, basic ("...") or literal ('...'), cursor on the
 * quote. Returns 0, or -1 after reporting a string left open. */
static int
string_line(struct tparse *t, struct ks_buf *v)
{
	char q;

	q = *t->s++;
	while (t->s < t->end && *t->s != q && *t->s != '\n') {
		if (q == '"' && *t->s == '\\') {
			if (escape(t, v) != 0)
				return -1;
		} else
			ks_buf_putc(v, *t->s++);
	}
	if (t->s >= t->end || *t->s != q)
		return fail(t, "unterminated string");
	t->s++;
	return 0;
}

/* A multi-line string, """...""" or '''...''', cursor on the quotes: the
 * line break right after the opening quotes is dropped, "\r\n" becomes
 * "\n", and in basic strings a backslash at the end of a line swallows
 * the line break and the blanks after it.
 * Returns 0, or -1 after reporting a string left open or a bad escape. */
static int
string_multi(struct tparse *t, struct ks_buf *v)
{
	size_t open, n;
	const char *p;
	char q;

	q = *t->s;
	open = t->line;
	t->s += 3;
	skip_newline(t);
	while (t->s < t->end) {
		if (*t->s == q) {
			for (n = 0; t->s + n < t->end && t->s[n] == q; n++)
				continue;
			if (n >= 3) {
				/* Up to two quotes may end the content. */
				if (n > 5)
					return fail(t, "too many quotes "
					    "after a multi-line string");
				ks_buf_put(v, t->s, n - 3);
				t->s += n;
				return 0;
			}
			ks_buf_put(v, t->s, n);
			t->s += n;
		} else if (skip_newline(t))
			ks_buf_putc(v, '\n');
		else if (q == '"' && *t->s == '\\') {
			for (p = t->s + 1; p < t->end && (*p == ' ' ||
			    *p == '\t' || *p == '\r'); p++)
				continue;
			if (p < t->end && *p == '\n') {
				t->s = p;
				for (;;) {
					if (skip_newline(t))
						continue;
					if (t->s < t->end && (*t->s == ' ' ||
					    *t->s == '\t')) {
						t->s++;
						continue;
					}
					break;
				}
			} else if (escape(t, v) != 0)
				return -1;
		} else
			ks_buf_putc(v, *t->s++);
	}
	return fail_at(t, open, "unterminated multi-line string");
}

/* Whether p[0..n) are n ASCII digits; their value goes to *val. */
static bool
num(const char *p, int n, int *val)
{
	*val = 0;
	for (int i = 0; i < n; i++) {
		if (p[i] < '0' || p[i] > '9')
			return false;
		*val = *val * 10 + (p[i] - '0');
	}
	return true;
}

/* Whether s[0..n) is an HH:MM:SS[.frac] time; *used is its length. */
static bool
is_time(const char *s, size_t n, size_t *used)
{
	int h, m, sec;
	size_t i;

	if (n < 8 || !num(s, 2, &h) || s[2] != ':' || !num(s + 3, 2, &m) ||
	    s[5] != ':' || !num(s + 6, 2, &sec) || h > 23 || m > 59 ||
	    sec > 60)
		return false;
	i = 8;
	if (i < n && s[i] == '.') {
		if (++i >= n || s[i] < '0' || s[i] > '9')
			return false;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
	}
	*used = i;
	return true;
}

/* Whether s[0..n) is an offset or local date-time, a local date or a
 * local time, as TOML writes them. */
static bool
is_datetime(const char *s, size_t n)
{
	int y, mo, d, h, m;
	size_t used;

	if (n >= 10 && num(s, 4, &y) && s[4] == '-' && num(s + 5, 2, &mo) &&
	    s[7] == '-' && num(s + 8, 2, &d)) {
		if (mo < 1 || mo > 12 || d < 1 || d > 31)
			return false;
		if (n == 10)
			return true;
		if (strchr("Tt ", s[10]) == NULL ||
		    !is_time(s + 11, n - 11, &used))
			return false;
		s += 11 + used;
		n -= 11 + used;
		if (n == 0)
			return true;
		if (n == 1 && (*s == 'Z' || *s == 'z'))
			return true;
		return n == 6 && (*s == '+' || *s == '-') &&
		    num(s + 1, 2, &h) && s[3] == ':' && num(s + 4, 2, &m) &&
		    h <= 23 && m <= 59;
	}
	return is_time(s, n, &used) && used == n;
}

/* Digits of a base, with single underscores between them; *p advances.
 * Returns false unless there is at least one digit. */
static bool
digit_run(const char **p, const char *e, int base)
{
	bool any;

	any = false;
	while (*p < e) {
		int d = hexval(**p);

		if (d >= 0 && d < base) {
			any = true;
			(*p)++;
		} else if (**p == '_' && any && *p + 1 < e &&
		    hexval((*p)[1]) >= 0 && hexval((*p)[1]) < base)
			(*p)++;
		else
			break;
	}
	return any;
}

/* Whether s[0..n) is a TOML integer or float. */
static bool
is_number(const char *s, size_t n)
{
	const char *p, *e, *q;
	int base;

	p = s;
	e = s + n;
	if (p < e && (*p == '+' || *p == '-'))
		p++;
	if ((e - p == 3) && (memcmp(p, "inf", 3) == 0 ||
	    memcmp(p, "nan", 3) == 0))
		return true;
	if (p == s && e - p > 2 && p[0] == '0' && strchr("xob", p[1])) {
		base = p[1] == 'x' ? 16 : p[1] == 'o' ? 8 : 2;
		p += 2;
		return digit_run(&p, e, base) && p == e;
	}
	q = p;
	if (!digit_run(&p, e, 10))
		return false;
	if (*q == '0' && p - q > 1)
		return false;	/* no leading zeros */
	if (p < e && *p == '.') {
		p++;
		if (!digit_run(&p, e, 10))
			return false;
	}
	if (p < e && (*p == 'e' || *p == 'E')) {
		p++;
		if (p < e && (*p == '+' || *p == '-'))
			p++;
		if (!digit_run(&p, e, 10))
			return false;
	}
	return p == e;
}

/* Whether c may appear in a number, boolean or date-time. */
static bool
token_char(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z') || strchr("_+-.:", c) != NULL;
}

/*
 * Reads one value that is not an array or inline table into v: a string's
 * contents, or the text of a boolean, number or date-time as written.
 * Returns 0, or -1 after reporting a value that is none of these.
 */
static int
scalar(struct tparse *t, struct ks_buf *v)
{
	const char *start;
	size_t n;

	if (at(t, "\"\"\"") || at(t, "'''"))
		return string_multi(t, v);
	if (at(t, "\"") || at(t, "'"))
		return string_line(t, v);
	start = t->s;
	while (t->s < t->end && token_char(*t->s))
		t->s++;
	/* A date and a time may be separated by one space. */
	if (t->s - start == 10 && t->end - t->s > 3 && t->s[0] == ' ' &&
	    t->s[1] >= '0' && t->s[1] <= '9' && t->s[3] == ':' &&
	    is_datetime(start, 10)) {
		t->s++;
		while (t->s < t->end && token_char(*t->s))
			t->s++;
	}
	n = (size_t)(t->s - start);
	if (n == 0)
		return fail(t, "expected a value");
	if (!at_delim(t) || !((n == 4 && memcmp(start, "true", 4) == 0) ||
	    (n == 5 && memcmp(start, "false", 5) == 0) ||
	    is_datetime(start, n) || is_number(start, n))) {
		while (!at_delim(t))
			t->s++;
		n = (size_t)(t->s - start);
		return fail(t, "invalid value \"%.*s\"", n > 40 ? 40 : (int)n,
		    start);
	}
	ks_buf_put(v, start, n);
	return 0;
}

/*
 * Reads the key at the cursor (bare, quoted, or dotted: a."b".c) into key
 * as its parts joined by dots.
 * Returns 0, or -1 after reporting a missing or malformed key.
 */
static int
key(struct tparse *t, struct ks_buf *key)
{
	const char *start;

	for (;;) {
		if (at(t, "\"\"\"") || at(t, "'''"))
			return fail(t, "a key cannot be a multi-line string");
		if (at(t, "\"") || at(t, "'")) {
			if (string_line(t, key) != 0)
				return -1;
		} else {
			start = t->s;
			while (t->s < t->end && (token_char(*t->s) &&
			    *t->s != '.' && *t->s != ':' && *t->s != '+'))
				t->s++;
			if (t->s == start)
				return fail(t, "expected a key");
			ks_buf_put(key, start, (size_t)(t->s - start));
		}
		skip_ws(t);
		if (!at(t, "."))
			return 0;
		t->s++;
		skip_ws(t);
		ks_buf_putc(key, '.');
	}
}

/* Joins prefix (may be NULL) and k with a dot; the caller frees it. */
static char *
join(const char *prefix, const char *k)
{
	struct ks_buf b = KS_BUF_INIT;

	if (prefix) {
		ks_buf_puts(&b, prefix);
		ks_buf_putc(&b, '.');
	}
	ks_buf_puts(&b, k);
	return ks_buf_detach(&b);
}

/*
 * Checks that full (a dotted key) has at most MAX_DEPTH parts and that no
 * prefix of it holds a value, and records each prefix as a table.
 * Returns 0, or -1 after reporting the problem.
 */
static int
prefixes(struct tparse *t, const char *full, size_t line)
{
	size_t parts;
	char *p;
	int rc;

	parts = 1;
	for (const char *c = full; *c; c++)
		parts += *c == '.';
	if (parts > MAX_DEPTH)
		return fail_at(t, line, "key %s has more than %d parts", full,
		    MAX_DEPTH);
	rc = 0;
	p = ks_xstrdup(full);
	for (char *c = p; *c && rc == 0; c++) {
		if (*c != '.')
			continue;
		*c = '\0';
		if (kset_has(&t->values, p))
			rc = fail_at(t, line, "key %s already holds a value", p);
		else
			kset_add(&t->tables, p);
		*c = '.';
	}
	free(p);
	return rc;
}

/*
 * Records that full (a dotted key) is a table (as_table) or holds a value.
 * Returns 0, or -1 after reporting a duplicate, a value used as a table,
 * or a key of more than MAX_DEPTH parts.
 */
static int
define(struct tparse *t, const char *full, bool as_table, size_t line)
{
	if (kset_has(&t->values, full) ||
	    (!as_table && kset_has(&t->tables, full)))
		return fail_at(t, line, "duplicate key %s", full);
	if (as_table && kset_has(&t->headers, full))
		return fail_at(t, line, "table [%s] defined twice", full);
	if (prefixes(t, full, line) != 0)
		return -1;
	if (as_table) {
		kset_add(&t->tables, full);
		kset_add(&t->headers, full);
	} else
		kset_add(&t->values, full);
	return 0;
}

/*
 * Reads an array, cursor on its "[", appending its values (nested arrays
 * flattened) to values.
 * Returns 0, or -1 after reporting a bad item, an inline table inside it,
 * nesting deeper than MAX_DEPTH, or an array left open.
 */
static int
array(struct tparse *t, struct ks_strs *values, int level, size_t open)
{
	struct ks_buf v = KS_BUF_INIT;
	int rc;

	if (level > MAX_DEPTH)
		return fail(t, "arrays nested deeper than %d levels",
		    MAX_DEPTH);
	rc = -1;
	t->s++;
	for (;;) {
		skip_space(t);
		if (t->s >= t->end) {
			fail_at(t, open, "unterminated array");
			goto out;
		}
		if (*t->s == ']')
			break;
		if (*t->s == '[') {
			if (array(t, values, level + 1, t->line) != 0)
				goto out;
		} else if (*t->s == '{') {
			fail(t, "inline tables inside arrays are not "
			    "supported");
			goto out;
		} else {
			ks_buf_clear(&v);
			if (scalar(t, &v) != 0)
				goto out;
			ks_strs_push(values, ks_buf_cstr(&v));
		}
		skip_space(t);
		if (t->s < t->end && *t->s == ',')
			t->s++;
		else if (t->s >= t->end || *t->s != ']') {
			if (t->s >= t->end)
				fail_at(t, open, "unterminated array");
			else
				fail(t, "expected ',' or ']' in an array");
			goto out;
		}
	}
	t->s++;
	rc = 0;
out:
	ks_buf_free(&v);
	return rc;
}

static int keyval(struct tparse *, const char *, int);

/*
 * Reads an inline table { k = v, ... }, cursor on its "{", as fields
 * "full.k"; an empty one gives a field full with no value.
 * Returns 0, or -1 after reporting bad syntax, a duplicate, or nesting
 * deeper than MAX_DEPTH.
 */
static int
inline_table(struct tparse *t, const char *full, int level, size_t line)
{
	if (level > MAX_DEPTH)
		return fail(t, "inline tables nested deeper than %d levels",
		    MAX_DEPTH);
	if (kset_has(&t->values, full) || kset_has(&t->tables, full))
		return fail_at(t, line, "duplicate key %s", full);
	if (prefixes(t, full, line) != 0)
		return -1;
	t->s++;
	skip_ws(t);
	if (at(t, "}"))
		ks_fields_add(t->out, full, false, line);
	while (!at(t, "}")) {
		if (keyval(t, full, level) != 0)
			return -1;
		skip_ws(t);
		if (at(t, ","))
			t->s++;
		else if (!at(t, "}"))
			return fail(t, "expected ',' or '}' in an inline table "
			    "(on one line)");
		skip_ws(t);
	}
	t->s++;
	/* The table is closed: no key may be added to it later. */
	kset_add(&t->values, full);
	return 0;
}

/*
 * Reads "key = value" at the cursor, the key taken under prefix (NULL at
 * the top), and appends its field(s).
 * Returns 0, or -1 after reporting bad syntax or a duplicate key.
 */
static int
keyval(struct tparse *t, const char *prefix, int level)
{
	struct ks_buf k = KS_BUF_INIT, v = KS_BUF_INIT;
	struct ks_field *f;
	char *full;
	size_t line;
	int rc;

	rc = -1;
	full = NULL;
	line = t->line;
	if (key(t, &k) != 0)
		goto out;
	if (!at(t, "=")) {
		fail(t, "expected '=' after the key %s", ks_buf_cstr(&k));
		goto out;
	}
	t->s++;
	skip_ws(t);
	full = join(prefix, ks_buf_cstr(&k));
	if (at(t, "{")) {
		if (inline_table(t, full, level + 1, line) != 0)
			goto out;
	} else if (at(t, "[")) {
		if (define(t, full, false, line) != 0)
			goto out;
		f = ks_fields_add(t->out, full, true, line);
		if (array(t, &f->values, level + 1, line) != 0)
			goto out;
	} else {
		if (scalar(t, &v) != 0 || define(t, full, false, line) != 0)
			goto out;
		f = ks_fields_add(t->out, full, false, line);
		ks_strs_push(&f->values, ks_buf_cstr(&v));
	}
	rc = 0;
out:
	free(full);
	ks_buf_free(&k);
	ks_buf_free(&v);
	return rc;
}

/* Reads a [table] header, cursor on its "[", and makes it current.
 * Returns 0, or -1 after reporting [[...]], bad syntax or a duplicate. */
static int
header(struct tparse *t)
{
	struct ks_buf k = KS_BUF_INIT;
	int rc;

	rc = -1;
	t->s++;
	if (at(t, "[")) {
		fail(t, "arrays of tables are not supported");
		goto out;
	}
	skip_ws(t);
	if (key(t, &k) != 0)
		goto out;
	if (!at(t, "]")) {
		fail(t, "expected ']' after the table name");
		goto out;
	}
	t->s++;
	if (define(t, ks_buf_cstr(&k), true, t->line) != 0)
		goto out;
	free(t->table);
	t->table = ks_buf_detach(&k);
	rc = 0;
out:
	ks_buf_free(&k);
	return rc;
}

int
ks_toml_parse_fields(const char *text, size_t len, const char *path,
    size_t first_line, struct ks_fields *out)
{
	struct tparse t;
	int rc;

	rc = -1;
	memset(&t, 0, sizeof(t));
	t.s = text;
	t.end = text + len;
	t.path = path;
	t.line = first_line ? first_line : 1;
	t.out = out;
	for (;;) {
		skip_ws(&t);
		if (t.s >= t.end)
			break;
		if (*t.s == '[') {
			if (header(&t) != 0)
				goto out;
		} else if (*t.s != '#' && *t.s != '\n' && !at(&t, "\r\n")) {
			if (keyval(&t, t.table, 0) != 0)
				goto out;
		}
		skip_ws(&t);
		skip_comment(&t);
		if (t.s < t.end && !skip_newline(&t)) {
			fail(&t, "expected the end of the line");
			goto out;
		}
	}
	rc = 0;
out:
	free(t.table);
	kset_free(&t.values);
	kset_free(&t.tables);
	kset_free(&t.headers);
	return rc;
}
