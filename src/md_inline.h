/* The CommonMark renderer's parts as they use each other: escaping
 * (md_escape.c), inlines (md_inline.c) and blocks (md_render.c). Private
 * to those files. */
#ifndef KS_MD_INLINE_H
#define KS_MD_INLINE_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "node.h"
#include "settings.h"

/* Characters as CommonMark's flanking rules see them (md_escape.c). */

/* Stands for "something else comes here", at the edge of a text node: it
 * is neither white space, nor a letter, nor surely punctuation. */
#define KS_MD_EDGE 0xFFFFFFFFu

/* Unicode white space as CommonMark defines it (Zs, tab, line ends). */
bool	ks_md_is_ws(unsigned cp);
/* Punctuation to every parser: ASCII, and the P* of the common blocks. */
bool	ks_md_sure_punct(unsigned cp);
/* A letter or digit to every parser. */
bool	ks_md_is_word(unsigned cp);
/* Punctuation to some parser: neither white space nor surely a letter. */
bool	ks_md_maybe_punct(unsigned cp);

/* Escapers (md_escape.c). */

/* Does s (just after an "&") spell an entity or numeric reference? */
bool	ks_md_entity_follows(const char *s);
/* At the start of a line, would s begin block syntax (a heading, quote,
 * bullet, thematic break or setext underline)? */
bool	ks_md_starts_block(const char *s);
/* The offset of the "." or ")" of an ordered list marker starting s, or
 * 0 when s does not start with one. */
size_t	ks_md_list_marker_at(const char *s);
/* Appends "(url "title")" (title may be NULL), escaped. */
void	ks_md_put_destination(struct ks_buf *b, const char *url,
	    const char *title);
/* Appends a code block's info string, escaped. */
void	ks_md_put_info(struct ks_buf *b, const char *info);

enum ks_md_mode {
	KS_MD_PARA,	/* lines may start with block syntax: escape it */
	KS_MD_HEADING,	/* an ATX heading: one line, no hard breaks */
	KS_MD_CELL,	/* a pipe table cell */
};

struct ks_md_il;

/* What blocks and inlines share while one body is rendered. */
struct ks_md {
	enum ks_images		 images;
	struct ks_buf		 prefix;	/* starts every line inside
						 * the open containers */
	struct ks_buf		 scratch;	/* one holder's inlines */
	struct ks_md_il		*il;		/* their state (md_inline.c) */
};

/* Starts a holder's inlines (a paragraph, heading or cell) afresh in
 * m->scratch; hard breaks continue with m->prefix. */
void	ks_md_inlines_begin(struct ks_md *m, enum ks_md_mode mode);
/* Writes the inlines inside h. */
void	ks_md_inlines_put(struct ks_md *m, const struct ks_node *h);
/* Writes text as a text node's is written. */
void	ks_md_inlines_text(struct ks_md *m, const char *text);
/* Ends the line: m->scratch holds the holder's Markdown. */
void	ks_md_inlines_end(struct ks_md *m);
/* Frees the inline state. */
void	ks_md_inlines_free(struct ks_md *m);

/* Does n show anything: text, code, a rule, or an image not dropped? */
bool	ks_md_visible(const struct ks_md *m, const struct ks_node *n);
/* Moves a walk past the subtree it has just entered. */
void	ks_md_skip(struct ks_iter *it);
/* The longest run of c in s. */
size_t	ks_md_longest_run(const char *s, char c);

#endif
