/* The body reader for markup: Markdown (md4c, raw HTML kept) and HTML
 * (libxml2's HTML parser) both end as one libxml2 HTML document. The only
 * file that includes libxml2's HTML parser and md4c. */
#ifndef KS_HTML_H
#define KS_HTML_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/tree.h>

#include "buf.h"

/* Elements nested deeper than this are flattened before parsing (their
 * text joins the nearest kept ancestor): libxml2 2.9.14 silently drops
 * content deeper than 256 levels. */
#define KS_HTML_MAX_DEPTH 200

/*
 * Renders CommonMark text (valid UTF-8) to HTML in out, raw HTML kept,
 * GFM tables, strikethrough and autolinks on. When the body starts with an
 * HTML tag, indented code blocks are off (corpus 009). Returns 0, or -1
 * when md4c fails (out then holds what was rendered).
 */
int	 ks_markdown_to_html(const char *md, size_t len, struct ks_buf *out);

/*
 * Does text (no front matter) look like an HTML document or fragment
 * rather than plain text? True when the first non-blank character opens a
 * tag or doctype/comment, or when block-level tags (<p>, <div>, <br>,
 * <h1>-<h6>, <table>, <ul>, <img>) make up a fair part of it.
 */
bool	 ks_html_detect(const char *text, size_t len);

/*
 * Parses HTML (valid UTF-8) with libxml2 as UTF-8, recovering from errors,
 * no network, no error output, after flattening nesting deeper than
 * KS_HTML_MAX_DEPTH. Returns the document (free with xmlFreeDoc), or NULL
 * when libxml2 gives nothing.
 */
xmlDoc	*ks_html_parse(const char *html, size_t len);

#endif
