/* The escapers, table-driven: one table says what each byte becomes in
 * text and in attributes; characters XML forbids become U+FFFD. */
#include "escape.h"

#include <string.h>

#include "utf8.h"
#include "xalloc.h"

enum { TEXT = 1, ATTR = 2, CHECK = 4 };

/* Which contexts escape the byte; 0 means copy. */
static const unsigned char escape_in[256] = {
	['&'] = TEXT | ATTR,
	['<'] = TEXT | ATTR,
	['>'] = TEXT | ATTR,
	['"'] = ATTR,
};

static const char *const entity[256] = {
	['&'] = "&amp;",
	['<'] = "&lt;",
	['>'] = "&gt;",
	['"'] = "&quot;",
};

/*
 * The bytes that end a copied run: escape_in's, and (CHECK) the C0
 * controls, NUL among them, and the first byte of every non-ASCII
 * character, which must be looked at in every context.
 */
static const unsigned char stop_at[256] = {
	4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,	/* 0x00 */
	4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,	/* 0x10 */
	0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0,	/* 0x20 " & */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 3, 0,	/* 0x30 < > */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,	/* 0x40 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,	/* 0x50 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,	/* 0x60 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,	/* 0x70 */
	4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,	/* 0x80 */
	4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,	/* 0x90 */
	4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,	/* 0xA0 */
	4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,	/* 0xB0 */
	4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,	/* 0xC0 */
	4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,	/* 0xD0 */
	4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,	/* 0xE0 */
	4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,	/* 0xF0 */
};

/* Is this code point one XML 1.0 forbids? (Input is valid UTF-8 with
 * C0 controls already replaced, but the model may be fed anything.) */
static int
xml_forbidden(int cp)
{
	return cp < 0 || (cp < 0x20 && cp != '\t' && cp != '\n' &&
	    cp != '\r') || cp == 0xFFFE || cp == 0xFFFF ||
	    (cp >= 0xD800 && cp <= 0xDFFF);
}

/*
 * Copies runs with one append each: only an entity or a replacement ends
 * a run, and Han characters are stepped over without decoding, so CJK
 * text costs a few instructions a character (escaping was a tenth of a
 * one-pass run when each character was decoded and appended alone).
 */
static void
escape(struct ks_buf *out, const char *s, int context)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t len = strlen(s), i = 0, run = 0, start;
	int mask = context | CHECK;
	const char *with;

	for (;;) {
		/* Ends at the NUL, a CHECK byte, if not before. */
		while (!(stop_at[u[i]] & mask))
			i++;
		if (i >= len)
			break;
		start = i;
		if (escape_in[u[i]] & context) {
			with = entity[u[i++]];
		} else if (u[i] < 0x80) {
			if (!xml_forbidden(u[i++]))
				continue;	/* tab, newline, carriage return */
			with = "\xEF\xBF\xBD";
		} else if (ks_utf8_plain3(u, i, len)) {
			i += 3;
			continue;
		} else {
			if (!xml_forbidden(ks_utf8_decode_multi(s, len, &i)))
				continue;
			with = "\xEF\xBF\xBD";
		}
		ks_buf_put(out, s + run, start - run);
		ks_buf_puts(out, with);
		run = i;
	}
	ks_buf_put(out, s + run, len - run);
}

void
ks_escape_html_text(struct ks_buf *out, const char *s)
{
	escape(out, s, TEXT);
}

void
ks_escape_html_attr(struct ks_buf *out, const char *s)
{
	escape(out, s, ATTR);
}

/* What xmlEncodeSpecialChars writes for each byte; NULL copies it, and
 * the NUL maps to "" so that the scan stops there without a test. */
static const char *const writer_entity[256] = {
	['\0'] = "",
	['<'] = "&lt;",
	['>'] = "&gt;",
	['&'] = "&amp;",
	['"'] = "&quot;",
	['\r'] = "&#13;",
};

void
ks_escape_xml_writer_text(struct ks_buf *out, const char *s)
{
	const char *run = s, *with;

	for (;;) {
		while ((with = writer_entity[(unsigned char)*s]) == NULL)
			s++;
		ks_buf_put(out, run, (size_t)(s - run));
		if (*s == '\0')
			return;
		ks_buf_puts(out, with);
		run = ++s;
	}
}

char *
ks_xml_clean(const char *s)
{
	struct ks_buf b = KS_BUF_INIT;

	escape(&b, s ? s : "", 0);
	return ks_buf_detach(&b);
}
