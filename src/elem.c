/* The cleaner's knowledge of HTML elements: which kind each one is, which
 * ones are junk, and how the attributes the tree keeps are read. All the
 * tables of names live here, in one place. */
#include "elem.h"

#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "xalloc.h"

/* A share widget is short; a longer element is article text whatever its
 * class says. */
#define WIDGET_MAX_TEXT 256

/* Sorted by name for bsearch; what is not here is KS_ELEM_INLINE. */
static const struct kind {
	const char	*name;
	enum ks_elem	 kind;
} kinds[] = {
	{ "a", KS_ELEM_LINK },		{ "address", KS_ELEM_BLOCK },
	{ "applet", KS_ELEM_DROP },	{ "area", KS_ELEM_DROP },
	{ "article", KS_ELEM_BLOCK },	{ "aside", KS_ELEM_BLOCK },
	{ "audio", KS_ELEM_DROP },	{ "b", KS_ELEM_STRONG },
	{ "base", KS_ELEM_DROP },	{ "blockquote", KS_ELEM_QUOTE },
	{ "body", KS_ELEM_BLOCK },	{ "br", KS_ELEM_BR },
	{ "button", KS_ELEM_DROP },	{ "canvas", KS_ELEM_DROP },
	{ "caption", KS_ELEM_CAPTION },	{ "center", KS_ELEM_BLOCK },
	{ "cite", KS_ELEM_EMPH },	{ "code", KS_ELEM_CODE },
	{ "dd", KS_ELEM_BLOCK },	{ "details", KS_ELEM_BLOCK },
	{ "dfn", KS_ELEM_EMPH },	{ "dir", KS_ELEM_LIST },
	{ "div", KS_ELEM_BLOCK },	{ "dl", KS_ELEM_BLOCK },
	{ "dt", KS_ELEM_BLOCK },	{ "em", KS_ELEM_EMPH },
	{ "embed", KS_ELEM_DROP },	{ "fieldset", KS_ELEM_BLOCK },
	{ "figcaption", KS_ELEM_BLOCK },	{ "figure", KS_ELEM_BLOCK },
	{ "footer", KS_ELEM_BLOCK },	{ "form", KS_ELEM_DROP },
	{ "frame", KS_ELEM_DROP },	{ "frameset", KS_ELEM_DROP },
	{ "h1", KS_ELEM_HEADING },	{ "h2", KS_ELEM_HEADING },
	{ "h3", KS_ELEM_HEADING },	{ "h4", KS_ELEM_HEADING },
	{ "h5", KS_ELEM_HEADING },	{ "h6", KS_ELEM_HEADING },
	{ "head", KS_ELEM_DROP },	{ "header", KS_ELEM_BLOCK },
	{ "hgroup", KS_ELEM_BLOCK },	{ "hr", KS_ELEM_RULE },
	{ "html", KS_ELEM_BLOCK },	{ "i", KS_ELEM_EMPH },
	{ "iframe", KS_ELEM_DROP },	{ "img", KS_ELEM_IMAGE },
	{ "input", KS_ELEM_DROP },	{ "kbd", KS_ELEM_CODE },
	{ "legend", KS_ELEM_BLOCK },	{ "li", KS_ELEM_ITEM },
	{ "link", KS_ELEM_DROP },	{ "listing", KS_ELEM_PRE },
	{ "main", KS_ELEM_BLOCK },	{ "map", KS_ELEM_DROP },
	{ "menu", KS_ELEM_LIST },	{ "meta", KS_ELEM_DROP },
	{ "nav", KS_ELEM_DROP },	{ "noembed", KS_ELEM_DROP },
	{ "noframes", KS_ELEM_DROP },	{ "noscript", KS_ELEM_DROP },
	{ "object", KS_ELEM_DROP },	{ "ol", KS_ELEM_LIST },
	{ "optgroup", KS_ELEM_DROP },	{ "option", KS_ELEM_DROP },
	{ "p", KS_ELEM_BLOCK },		{ "param", KS_ELEM_DROP },
	{ "pre", KS_ELEM_PRE },		{ "samp", KS_ELEM_CODE },
	{ "script", KS_ELEM_DROP },	{ "section", KS_ELEM_BLOCK },
	{ "select", KS_ELEM_DROP },	{ "source", KS_ELEM_DROP },
	{ "strong", KS_ELEM_STRONG },	{ "style", KS_ELEM_DROP },
	{ "summary", KS_ELEM_BLOCK },	{ "svg", KS_ELEM_DROP },
	{ "table", KS_ELEM_TABLE },	{ "tbody", KS_ELEM_TSECTION },
	{ "td", KS_ELEM_CELL },		{ "template", KS_ELEM_DROP },
	{ "textarea", KS_ELEM_DROP },	{ "tfoot", KS_ELEM_TSECTION },
	{ "th", KS_ELEM_CELL },		{ "thead", KS_ELEM_TSECTION },
	{ "title", KS_ELEM_DROP },	{ "tr", KS_ELEM_ROW },
	{ "track", KS_ELEM_DROP },	{ "tt", KS_ELEM_CODE },
	{ "ul", KS_ELEM_LIST },		{ "var", KS_ELEM_EMPH },
	{ "video", KS_ELEM_DROP },	{ "xmp", KS_ELEM_PRE },
};

/* Share and social widgets, by a case-insensitive part of their class or
 * id ("bdsharebuttonbox" is Baidu's, caught by "share"). */
static const char *const widget_marks[] = { "share", "social-", "jiathis" };

/* Image sources that only hold the place of a lazily loaded one. */
static const char *const placeholders[] = {
	"blank.gif", "spacer", "placeholder", "loading.gif", "lazy.gif",
	"grey.gif", "pixel.gif",
};

/* Lazy-loading attributes, in order of preference. */
static const char *const lazy_attrs[] = {
	"data-src", "data-original", "data-lazy-src",
};

bool
ks_elem_is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

bool
ks_elem_blank(const char *s)
{
	if (s == NULL)
		return true;
	while (ks_elem_is_space((unsigned char)*s))
		s++;
	return *s == '\0';
}

/* Case-insensitive substring test; needle is lowercase. */
static bool
contains_ci(const char *hay, const char *needle)
{
	size_t i, n = strlen(needle);

	for (; *hay != '\0'; hay++) {
		for (i = 0; i < n && ks_ascii_lower((unsigned char)hay[i]) == needle[i]; i++)
			continue;
		if (i == n)
			return true;
	}
	return false;
}

/* Case-insensitive prefix test; prefix is lowercase. */
static bool
starts_ci(const char *s, const char *prefix)
{
	for (; *prefix != '\0'; s++, prefix++)
		if (ks_ascii_lower((unsigned char)*s) != *prefix)
			return false;
	return true;
}

const char *
ks_elem_attr(const xmlNode *el, const char *name)
{
	const xmlAttr *a;

	for (a = el->properties; a != NULL; a = a->next) {
		if (a->name == NULL ||
		    xmlStrcasecmp(a->name, (const xmlChar *)name) != 0)
			continue;
		if (a->children != NULL && a->children->content != NULL)
			return (const char *)a->children->content;
		return "";
	}
	return NULL;
}

bool
ks_elem_is(const xmlNode *el, const char *name)
{
	return xmlStrcasecmp(el->name, (const xmlChar *)name) == 0;
}

/* strcmp's order; the first byte settles most steps without a call, and
 * every element of every page is looked up twice. */
static int
kind_cmp(const void *key, const void *elem)
{
	const unsigned char *a = key;
	const unsigned char *b =
	    (const unsigned char *)((const struct kind *)elem)->name;

	if (a[0] != b[0])
		return a[0] < b[0] ? -1 : 1;
	return strcmp(key, (const char *)b);
}

enum ks_elem
ks_elem_kind_of(const char *name)
{
	const struct kind *k;

	k = bsearch(name, kinds, sizeof(kinds) / sizeof(kinds[0]),
	    sizeof(kinds[0]), kind_cmp);
	return k ? k->kind : KS_ELEM_INLINE;
}

enum ks_elem
ks_elem_kind(const xmlNode *el)
{
	char name[16];
	size_t i;

	if (el->name == NULL)
		return KS_ELEM_INLINE;
	for (i = 0; el->name[i] != '\0'; i++) {
		if (i + 1 == sizeof(name))
			return KS_ELEM_INLINE;
		name[i] = (char)ks_ascii_lower(el->name[i]);
	}
	name[i] = '\0';
	return ks_elem_kind_of(name);
}

/* The style without white space, lowercased; the caller frees it. */
static char *
squeeze(const char *style)
{
	struct ks_buf b = KS_BUF_INIT;

	for (; *style != '\0'; style++)
		if (!ks_elem_is_space((unsigned char)*style))
			ks_buf_putc(&b, (char)ks_ascii_lower((unsigned char)*style));
	return ks_buf_detach(&b);
}

static bool
hidden(const xmlNode *el)
{
	const char *v;
	char *s;
	bool h;

	if (ks_elem_attr(el, "hidden") != NULL)
		return true;
	if ((v = ks_elem_attr(el, "aria-hidden")) != NULL &&
	    starts_ci(v, "true"))
		return true;
	if ((v = ks_elem_attr(el, "style")) == NULL)
		return false;
	s = squeeze(v);
	h = strstr(s, "display:none") != NULL ||
	    strstr(s, "visibility:hidden") != NULL;
	free(s);
	return h;
}

/* Is there more than max bytes of text under el? Stops counting early. */
static bool
text_exceeds(const xmlNode *el, size_t max)
{
	const xmlNode *n = el->children;
	size_t total = 0;

	while (n != NULL) {
		if (n->type == XML_TEXT_NODE && n->content != NULL &&
		    (total += strlen((const char *)n->content)) > max)
			return true;
		if (n->type == XML_ELEMENT_NODE && n->children != NULL) {
			n = n->children;
			continue;
		}
		while (n != el && n->next == NULL)
			n = n->parent;
		n = n == el ? NULL : n->next;
	}
	return false;
}

static bool
widget(const xmlNode *el)
{
	const char *cls = ks_elem_attr(el, "class");
	const char *id = ks_elem_attr(el, "id");
	size_t i;

	if (cls != NULL && strstr(cls, "EmImageRemark") != NULL)
		return true;	/* eastmoney's stock chart link */
	for (i = 0; i < sizeof(widget_marks) / sizeof(widget_marks[0]); i++)
		if ((cls != NULL && contains_ci(cls, widget_marks[i])) ||
		    (id != NULL && contains_ci(id, widget_marks[i])))
			return !text_exceeds(el, WIDGET_MAX_TEXT);
	return false;
}

bool
ks_elem_dropped(const xmlNode *el)
{
	return ks_elem_kind(el) == KS_ELEM_DROP || hidden(el) || widget(el);
}

bool
ks_elem_script_url(const char *url)
{
	char s[12];
	size_t n = 0;

	/* Browsers skip leading space and tabs or newlines inside. */
	for (; *url != '\0' && n < sizeof(s) - 1; url++)
		if ((unsigned char)*url > ' ')
			s[n++] = (char)ks_ascii_lower((unsigned char)*url);
	s[n] = '\0';
	return strncmp(s, "javascript:", 11) == 0 ||
	    strncmp(s, "vbscript:", 9) == 0;
}

bool
ks_elem_chart_image(const char *src)
{
	static const char host[] = "webquoteklinepic.eastmoney.com";
	const char *p = strstr(src, "//");

	if (p == NULL)
		return false;
	p += 2;
	return starts_ci(p, host) &&
	    strchr(":/?#", p[sizeof(host) - 1]) != NULL;
}

static bool
placeholder(const char *src)
{
	size_t i;

	if (starts_ci(src, "data:"))
		return true;
	for (i = 0; i < sizeof(placeholders) / sizeof(placeholders[0]); i++)
		if (contains_ci(src, placeholders[i]))
			return true;
	return false;
}

const char *
ks_elem_image_src(const xmlNode *el)
{
	const char *src = ks_elem_attr(el, "src"), *lazy = NULL, *v;
	size_t i;

	for (i = 0; i < sizeof(lazy_attrs) / sizeof(lazy_attrs[0]); i++) {
		v = ks_elem_attr(el, lazy_attrs[i]);
		if (!ks_elem_blank(v)) {
			lazy = v;
			break;
		}
	}
	/* i == 0: data-src, which lazy loaders always mean. */
	if (lazy != NULL && (ks_elem_blank(src) || i == 0 || placeholder(src)))
		return lazy;
	return ks_elem_blank(src) ? NULL : src;
}

char *
ks_elem_attr_text(const xmlNode *el, const char *name)
{
	struct ks_buf b = KS_BUF_INIT;
	const char *v = ks_elem_attr(el, name);

	for (; v != NULL && *v != '\0'; v++) {
		if (!ks_elem_is_space((unsigned char)*v))
			ks_buf_putc(&b, *v);
		else if (b.len > 0 && b.ptr[b.len - 1] != ' ')
			ks_buf_putc(&b, ' ');
	}
	if (b.len > 0 && b.ptr[b.len - 1] == ' ')
		ks_buf_truncate(&b, b.len - 1);
	return ks_buf_detach(&b);
}

char *
ks_elem_language(const xmlNode *el)
{
	const char *c = ks_elem_attr(el, "class"), *e;

	while (c != NULL && *c != '\0') {
		while (ks_elem_is_space((unsigned char)*c))
			c++;
		for (e = c; *e != '\0' && !ks_elem_is_space((unsigned char)*e);)
			e++;
		if (starts_ci(c, "language-") && e - c > 9)
			return ks_xstrndup(c + 9, (size_t)(e - c - 9));
		if (starts_ci(c, "lang-") && e - c > 5)
			return ks_xstrndup(c + 5, (size_t)(e - c - 5));
		c = e;
	}
	return NULL;
}

static enum ks_align
align_word(const char *v)
{
	while (ks_elem_is_space((unsigned char)*v))
		v++;
	if (starts_ci(v, "left"))
		return KS_ALIGN_LEFT;
	if (starts_ci(v, "center") || starts_ci(v, "middle"))
		return KS_ALIGN_CENTER;
	if (starts_ci(v, "right"))
		return KS_ALIGN_RIGHT;
	return KS_ALIGN_NONE;
}

enum ks_align
ks_elem_align(const xmlNode *el)
{
	const char *v = ks_elem_attr(el, "align");
	enum ks_align a = KS_ALIGN_NONE;
	char *s, *p;

	if (v != NULL)
		return align_word(v);
	if ((v = ks_elem_attr(el, "style")) == NULL)
		return KS_ALIGN_NONE;
	s = squeeze(v);
	if ((p = strstr(s, "text-align:")) != NULL)
		a = align_word(p + 11);
	free(s);
	return a;
}

void
ks_elem_text(const xmlNode *el, struct ks_buf *out, bool pre)
{
	const xmlNode *n = el->children;
	const char *s;

	while (n != NULL) {
		if ((n->type == XML_TEXT_NODE ||
		    n->type == XML_CDATA_SECTION_NODE) && n->content != NULL) {
			for (s = (const char *)n->content; *s != '\0'; s++) {
				if (pre || !ks_elem_is_space((unsigned char)*s))
					ks_buf_putc(out, *s);
				else if (out->len == 0 ||
				    out->ptr[out->len - 1] != ' ')
					ks_buf_putc(out, ' ');
			}
		} else if (n->type == XML_ELEMENT_NODE && !ks_elem_dropped(n)) {
			if (ks_elem_kind(n) == KS_ELEM_BR)
				ks_buf_putc(out, pre ? '\n' : ' ');
			else if (n->children != NULL) {
				n = n->children;
				continue;
			}
		}
		while (n != el && n->next == NULL)
			n = n->parent;
		n = n == el ? NULL : n->next;
	}
}
