/* The body tree as CommonMark, for the Markdown writer: text that cmark,
 * md4c and pandoc all read back as the same tree. */
#ifndef KS_MD_RENDER_H
#define KS_MD_RENDER_H

#include "buf.h"
#include "node.h"
#include "settings.h"

/*
 * Appends body (a KS_NODE_DOCUMENT) to out as CommonMark: ATX headings
 * (setext for a level 1-2 heading with a line break), fenced code, GFM pipe
 * tables where a table is simple (one paragraph per row where it is not),
 * no raw HTML, no hard wrapping. Only what a parser would misread is
 * escaped; emphasis that CommonMark's flanking rules would not parse
 * (next to CJK punctuation) gets a neighbouring character written as a
 * numeric reference. Images: KEEP (DEFAULT, EMBED) as images, LINK as
 * links to them, DROP left out. Every block ends with a newline.
 */
void	ks_md_render(struct ks_buf *out, const struct ks_node *body,
	    enum ks_images images);

#endif
