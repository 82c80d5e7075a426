/* Private to the cleaner: the steps of ks_clean_tree that read the end of
 * the body (clean_tail.c). Nothing outside src/clean_*.c includes this. */
#ifndef KS_CLEAN_TAIL_H
#define KS_CLEAN_TAIL_H

#include <stdbool.h>

#include "article.h"

/* Drops navigation footers: paragraphs of "返回首页"-style links and
 * separators, such links ending a paragraph, and "返回顶部" lines. */
void	ks_clean_nav(struct ks_node *doc);

/* Moves an original-link line near the end of the body ("<http://…>",
 * "原文链接：http://…") into a->link when it is unknown; a line that
 * repeats a->link goes too, one naming another URL stays. */
void	ks_clean_original_link(struct ks_article *a);

/* Moves source credits near the end of the body ("（文章来源：X）",
 * "本文由: X整理发布", "…。（来源：X）" glued to the text) into a->source
 * when it is unknown. A credit holding a link keeps its paragraph. */
void	ks_clean_credits(struct ks_article *a);

/* Does n hold something a reader sees: non-blank text, code, an image or
 * a rule? */
bool	ks_clean_has_content(struct ks_node *n);

#endif
