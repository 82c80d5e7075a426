/* What an HTML element is to the cleaner: its kind, whether it is junk
 * (hidden, a widget), and the attributes the body tree keeps. Used by the
 * cleaner's DOM walk (clean_dom.c), and by html.c to drop junk that is too
 * deep to keep. */
#ifndef KS_ELEM_H
#define KS_ELEM_H

#include <stdbool.h>

#include <libxml/tree.h>

#include "buf.h"
#include "node.h"

enum ks_elem {
	KS_ELEM_INLINE,		/* unknown or presentational: unwrapped */
	KS_ELEM_BLOCK,		/* div, p, section, ...: a block boundary */
	KS_ELEM_DROP,		/* dropped with everything inside */
	KS_ELEM_HEADING,
	KS_ELEM_QUOTE,
	KS_ELEM_LIST,
	KS_ELEM_ITEM,
	KS_ELEM_PRE,
	KS_ELEM_RULE,
	KS_ELEM_TABLE,
	KS_ELEM_CAPTION,
	KS_ELEM_TSECTION,	/* thead, tbody, tfoot */
	KS_ELEM_ROW,
	KS_ELEM_CELL,
	KS_ELEM_EMPH,
	KS_ELEM_STRONG,
	KS_ELEM_CODE,
	KS_ELEM_LINK,
	KS_ELEM_IMAGE,
	KS_ELEM_BR,
};

/* The kind of an element node by its name; KS_ELEM_INLINE when unknown. */
enum ks_elem	 ks_elem_kind(const xmlNode *el);
/* The same for a lowercase element name. */
enum ks_elem	 ks_elem_kind_of(const char *name);

/* Is el named name (lowercase)? */
bool		 ks_elem_is(const xmlNode *el, const char *name);

/*
 * An attribute's value, borrowed from the DOM: "" for an attribute without
 * a value, NULL when it is absent.
 */
const char	*ks_elem_attr(const xmlNode *el, const char *name);

/*
 * Is el dropped with its content: a KS_ELEM_DROP kind, hidden (hidden
 * attribute, aria-hidden, display:none or visibility:hidden in its style),
 * or a stock-ticker or share widget?
 */
bool		 ks_elem_dropped(const xmlNode *el);

/*
 * The real source of an <img>: a lazy-loading attribute (data-src,
 * data-original, data-lazy-src) when src is missing or a placeholder, and
 * data-src always. NULL when there is none. Borrowed from the DOM.
 */
const char	*ks_elem_image_src(const xmlNode *el);

/* Is the image a stock chart (eastmoney's kline pictures)? */
bool		 ks_elem_chart_image(const char *src);

/* Is url a javascript: or vbscript: URL, as a browser reads it? */
bool		 ks_elem_script_url(const char *url);

/* The attribute with white space collapsed and trimmed, "" when absent;
 * the caller frees it. */
char		*ks_elem_attr_text(const xmlNode *el, const char *name);

/* "xxx" from a "language-xxx" or "lang-xxx" class, or NULL; the caller
 * frees it. */
char		*ks_elem_language(const xmlNode *el);

/* A cell's alignment from align= or a text-align in its style. */
enum ks_align	 ks_elem_align(const xmlNode *el);

/*
 * Appends the text under el, skipping dropped elements: verbatim for pre
 * (a <br> is a newline), else with white space runs as one space (a <br>
 * is a space). Iterative, so any depth is safe.
 */
void		 ks_elem_text(const xmlNode *el, struct ks_buf *out, bool pre);

/* HTML white space: space, tab, newline, carriage return, form feed. */
bool		 ks_elem_is_space(int c);

/* Is s NULL or only HTML white space? */
bool		 ks_elem_blank(const char *s);

#endif
