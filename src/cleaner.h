/* The cleaner: builds the article's body tree from libxml2's DOM keeping
 * only what a reader should see, then cleans that tree and moves credits,
 * the original link and navigation junk out of it. */
#ifndef KS_CLEANER_H
#define KS_CLEANER_H

#include <libxml/tree.h>

#include "article.h"

/* Node nesting deeper than this is flattened while building the tree. */
#define KS_TREE_MAX_DEPTH 64

/*
 * Builds a KS_NODE_DOCUMENT from the <body> (or root) of doc: maps known
 * elements to node kinds, unwraps unknown ones, drops script, style,
 * iframe, object, embed, form, template, comments, hidden elements
 * (display:none, visibility:hidden, the hidden attribute), stock-ticker
 * and share widgets. Takes lazy-image data-src (and data-original) as src.
 * URLs are copied as written (ks_clean_tree cleans them). Whitespace is
 * collapsed as HTML renders it; <pre> keeps it. Blocks inside inlines are
 * split out so paragraphs only hold inlines. Never fails; the caller owns
 * the returned tree.
 */
struct ks_node	*ks_clean_dom(xmlNode *root, const char *path);

/*
 * Cleans a's body in place and fills metadata from it:
 * - a trailing line that is only the original URL (an autolink) becomes
 *   a->link when it is unknown, and leaves the body;
 * - source credits ("（文章来源：中国新闻网）", "文章来源:", "来源：",
 *   "本文由: X整理发布", ...) set a->source and leave the body;
 * - navigation footers ("返回首页", "返回…新闻" links) leave the body;
 * - links and images get ks_url_clean'ed against a->link: an unusable link
 *   becomes its text, an unusable image its alt text (a warning names path);
 * - empty paragraphs, empty links and empty inlines go; adjacent text
 *   nodes merge.
 * Metadata URLs (a->image, a->link) are cleaned the same way.
 */
void		 ks_clean_tree(struct ks_article *a);

#endif
