/* Builds a body tree from a stream of blocks and inline content with the
 * rules HTML rendering follows: white space collapses (and vanishes in a
 * line break between CJK characters), inline elements span paragraphs,
 * empty blocks and inlines go, depth is capped. The DOM walk of
 * clean_dom.c drives it. */
#ifndef KS_BUILDER_H
#define KS_BUILDER_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "node.h"

/* One open inline element (emphasis, strong, link). It enters the tree only
 * once content reaches it, and once more in each paragraph it spans. */
struct ks_builder_inline {
	enum ks_node_type	 type;
	const char		*url;	/* LINK; borrowed */
	const char		*title;	/* LINK; borrowed, may be NULL */
	struct ks_node		*live;	/* its node in the holder, or NULL */
};

/* The walker reads and sets cont, row, thead and list_item; the rest is
 * the builder's own. */
struct ks_builder {
	const char		*path;	/* for the one depth warning */
	struct ks_node		*cont;	/* where blocks go */
	struct ks_node		*hold;	/* where inlines go; NULL when closed */
	int			 hold_depth;
	bool			 locked;	/* hold is a heading or cell:
						 * blocks flatten into it */
	struct ks_node		*list_item;	/* implicit item of a LIST */
	struct ks_node		*row;	/* open row of a TABLE cont */
	bool			 thead;	/* in a <thead> */
	struct ks_builder_inline *inl;
	size_t			 ninl, inlcap;
	size_t			 nlink;	/* links among inl */
	struct ks_buf		 tb;	/* text not yet in a node */
	unsigned		 last;	/* last character emitted; 0 at the
					 * start of a holder or line */
	int			 brs;	/* <br>s seen, not yet emitted */
	bool			 sp;	/* a tentative space ends the text */
	bool			 sp_cjk;	/* ... a line break after CJK */
	struct ks_node		*sp_node;	/* ... in it; NULL: in tb */
	bool			 warned;
};

/* Starts building into doc (a KS_NODE_DOCUMENT); path names the article in
 * warnings. */
void	 ks_builder_init(struct ks_builder *b, struct ks_node *doc,
	    const char *path);
/* Closes what is open and frees the builder's memory (not the tree). */
void	 ks_builder_finish(struct ks_builder *b);

/*
 * Can a structure needing need more levels (its text included) go below a
 * node at depth? Warns once per article when it cannot; the caller then
 * flattens.
 */
bool	 ks_builder_room(struct ks_builder *b, int depth, int need);
/* Where a new block goes: cont, or an implicit item when cont is a list. */
struct ks_node *ks_builder_block_parent(struct ks_builder *b);
/* The depth a block appended at ks_builder_block_parent would have, less
 * one. */
int	 ks_builder_block_depth(const struct ks_builder *b);
/* Frees a block that came out empty (and an implicit item it emptied). */
void	 ks_builder_free_block(struct ks_builder *b, struct ks_node *n);

/* Makes h (already in the tree) the holder; locked for headings and
 * cells, whose nested blocks flatten into them. */
void	 ks_builder_hold(struct ks_builder *b, struct ks_node *h, bool locked);
/* Closes the holder: trailing space and breaks go, and so does a holder
 * (not a cell) with nothing visible in it. */
void	 ks_builder_close(struct ks_builder *b);
/* Where a block would be inside a locked holder: a line break in a cell,
 * a space elsewhere. */
void	 ks_builder_soft_break(struct ks_builder *b);

/* Text as HTML renders it: runs of white space are one space. */
void	 ks_builder_text(struct ks_builder *b, const char *s, size_t len);
/* One collapsible space. */
void	 ks_builder_space(struct ks_builder *b);
/* A <br>: one is a line break, two or more in a row end the paragraph. */
void	 ks_builder_br(struct ks_builder *b);
/* Inline code (its white space already collapsed); edge spaces go outside
 * it. */
void	 ks_builder_code(struct ks_builder *b, const char *s, size_t len);
/* An image node (the builder takes it). */
void	 ks_builder_image(struct ks_builder *b, struct ks_node *img);

/* Opens an inline element of type (EMPH, STRONG, LINK). */
void	 ks_builder_push(struct ks_builder *b, enum ks_node_type type,
	    const char *url, const char *title);
/* Closes the innermost: it goes if empty, gives way to its content if
 * that is only white space. */
void	 ks_builder_pop(struct ks_builder *b);

#endif
