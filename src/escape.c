/* The escapers, table-driven: one table says what each byte becomes in
 * text and in attributes; characters XML forbids become U+FFFD. */
#include "escape.h"

#include <string.h>

#include "utf8.h"
#include "xalloc.h"

enum { TEXT = 1, ATTR = 2 };

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

/* Is this code point one XML 1.0 forbids? (Input is valid UTF-8 with
 * C0 controls already replaced, but the model may be fed anything.) */
static int
xml_forbidden(int cp)
{
	return cp < 0 || (cp < 0x20 && cp != '\t' && cp != '\n' &&
	    cp != '\r') || cp == 0xFFFE || cp == 0xFFFF ||
	    (cp >= 0xD800 && cp <= 0xDFFF);
}

static void
escape(struct ks_buf *out, const char *s, int context)
{
	size_t len = strlen(s), i = 0, run = 0;

	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		size_t start = i;
		int cp;

		if (c >= 0x20 && c < 0x80 && !(escape_in[c] & context)) {
			i++;
			continue;
		}
		ks_buf_put(out, s + run, start - run);
		if (c < 0x80 && (escape_in[c] & context)) {
			ks_buf_puts(out, entity[c]);
			i++;
		} else {
			cp = ks_utf8_decode(s, len, &i);
			if (xml_forbidden(cp))
				ks_buf_puts(out, "\xEF\xBF\xBD");
			else
				ks_buf_put(out, s + start, i - start);
		}
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

void
ks_escape_xml_writer_text(struct ks_buf *out, const char *s)
{
	static const char special[] = "<>&\"\r";
	static const char *const entity[] = {
		"&lt;", "&gt;", "&amp;", "&quot;", "&#13;",
	};
	size_t n;

	for (;;) {
		n = strcspn(s, special);
		ks_buf_put(out, s, n);
		s += n;
		if (*s == '\0')
			break;
		ks_buf_puts(out, entity[strchr(special, *s) - special]);
		s++;
	}
}

char *
ks_xml_clean(const char *s)
{
	struct ks_buf b = KS_BUF_INIT;

	escape(&b, s ? s : "", 0);
	return ks_buf_detach(&b);
}
