/* The cleaned body of an article: a tree of our own closed set of node
 * kinds. Anything the cleaner cannot map to a kind never enters the tree,
 * so no writer can emit a <script>: it has no way to be represented. */
#ifndef KS_NODE_H
#define KS_NODE_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

enum ks_node_type {
	/* blocks */
	KS_NODE_DOCUMENT,	/* the root; children: blocks */
	KS_NODE_PARAGRAPH,	/* children: inlines */
	KS_NODE_HEADING,	/* level 1-6; children: inlines */
	KS_NODE_QUOTE,		/* children: blocks */
	KS_NODE_LIST,		/* ordered, start; children: items */
	KS_NODE_ITEM,		/* children: blocks */
	KS_NODE_CODE_BLOCK,	/* text = the code, info = language or NULL */
	KS_NODE_RULE,
	KS_NODE_TABLE,		/* children: rows */
	KS_NODE_TABLE_ROW,	/* children: cells */
	KS_NODE_TABLE_CELL,	/* header, align; children: inlines */
	/* inlines */
	KS_NODE_TEXT,		/* text */
	KS_NODE_EMPH,
	KS_NODE_STRONG,
	KS_NODE_CODE,		/* text */
	KS_NODE_LINK,		/* url, title (or NULL); children: inlines */
	KS_NODE_IMAGE,		/* url, title (or NULL), text = alt ("" if none) */
	KS_NODE_LINEBREAK,
};

#define KS_NODE_FIRST_INLINE KS_NODE_TEXT

enum ks_align {
	KS_ALIGN_NONE,
	KS_ALIGN_LEFT,
	KS_ALIGN_CENTER,
	KS_ALIGN_RIGHT,
};

struct ks_node {
	enum ks_node_type	 type;
	struct ks_node		*parent;
	struct ks_node		*first;
	struct ks_node		*last;
	struct ks_node		*prev;
	struct ks_node		*next;
	char			*text;	/* TEXT, CODE, CODE_BLOCK, IMAGE alt */
	char			*url;	/* LINK, IMAGE: absolute, cleaned */
	char			*title;	/* LINK, IMAGE; NULL when none */
	char			*info;	/* CODE_BLOCK language; NULL when none */
	int			 level;	/* HEADING 1-6 */
	int			 start;	/* ordered LIST first number */
	bool			 ordered;	/* LIST */
	bool			 header;	/* TABLE_CELL in a header row */
	enum ks_align		 align;	/* TABLE_CELL */
};

/* The caller owns the new node (free it with ks_node_free, or hand it to a
 * parent with ks_node_append). */
struct ks_node	*ks_node_new(enum ks_node_type type);
/* A node with text (copied from s[0..len)): TEXT, CODE, CODE_BLOCK. */
struct ks_node	*ks_node_new_text(enum ks_node_type type, const char *s,
		    size_t len);

bool		 ks_node_is_block(const struct ks_node *n);
bool		 ks_node_is_inline(const struct ks_node *n);
/* "paragraph", "heading", ... as the tree writer prints them. */
const char	*ks_node_type_name(enum ks_node_type type);

/* Tree surgery. child must be unlinked (no parent, no siblings). */
void		 ks_node_append(struct ks_node *parent, struct ks_node *child);
void		 ks_node_prepend(struct ks_node *parent, struct ks_node *child);
void		 ks_node_insert_before(struct ks_node *sibling, struct ks_node *n);
void		 ks_node_insert_after(struct ks_node *sibling, struct ks_node *n);
/* Detaches n from its parent and siblings; n keeps its children. */
void		 ks_node_unlink(struct ks_node *n);
/* Replaces n by its children, then frees n. */
void		 ks_node_unwrap(struct ks_node *n);
/* Frees n and everything beneath it, without recursion. Unlinks it first. */
void		 ks_node_free(struct ks_node *n);

/* Appends the plain text of n's subtree: text and code as they are (not
 * alt text), a space for a line break, a blank line between blocks. */
void		 ks_node_plain_text(const struct ks_node *n, struct ks_buf *out);

/*
 * An enter/exit walk, cmark-style: each node with children (or that may
 * have them) is seen twice, on KS_EVENT_ENTER and KS_EVENT_EXIT; leaves
 * (TEXT, CODE, CODE_BLOCK, IMAGE, RULE, LINEBREAK) once, on ENTER.
 * The current node may be modified but not freed or unlinked during the walk.
 */
enum ks_event {
	KS_EVENT_DONE,
	KS_EVENT_ENTER,
	KS_EVENT_EXIT,
};

struct ks_iter {
	struct ks_node	*root;
	struct ks_node	*cur;
	enum ks_event	 ev;
};

void		 ks_iter_init(struct ks_iter *it, struct ks_node *root);
enum ks_event	 ks_iter_next(struct ks_iter *it);
/* Is this a leaf kind (seen only on ENTER)? */
bool		 ks_node_is_leaf(const struct ks_node *n);

#endif
