/* A thin layer over libxml2's xmlTextWriter for the Atom and RSS writers:
 * every string is cleaned of what XML forbids before it is written (libxml2
 * escapes markup but passes C0 controls and U+FFFF through), indentation
 * is ours so rendered fragments and whole documents line up, and errors
 * accumulate so the writers read straight through. */
#ifndef KS_FEED_XML_H
#define KS_FEED_XML_H

#include <stdbool.h>

#include "buf.h"

struct ks_fxml;

/* A writer into memory of a whole document (starting with the XML
 * declaration) or, when document is false, of a fragment to be inserted
 * into one. Aborts on out-of-memory like ks_xmalloc. */
struct ks_fxml *ks_fxml_new(bool document);
/* Appends what was written so far to out and forgets it, so a document
 * can be handed on in pieces (the elements still open stay open).
 * Returns 0, or -1 after reporting when any call failed. */
int	ks_fxml_take(struct ks_fxml *w, struct ks_buf *out);
/* Ends the document (closing what is open), appends the rest of its
 * bytes to out and frees w. Returns 0, or -1 after reporting when any
 * call failed. */
int	ks_fxml_finish(struct ks_fxml *w, struct ks_buf *out);
/* Frees w without output. NULL is fine. */
void	ks_fxml_free(struct ks_fxml *w);

/* A line break and depth levels of indentation, before an element. */
void	ks_fxml_indent(struct ks_fxml *w, int depth);
/* <name ...: opens an element on a new line at depth. */
void	ks_fxml_start(struct ks_fxml *w, int depth, const char *name);
/* name="value" on the element just started; NULL value writes nothing. */
void	ks_fxml_attr(struct ks_fxml *w, const char *name, const char *value);
/* Closes the innermost element; on a new line at depth when indent. */
void	ks_fxml_end(struct ks_fxml *w, int depth, bool indent);
/* Escaped character data. */
void	ks_fxml_text(struct ks_fxml *w, const char *text);
/* Escaped character data of text that holds nothing XML forbids (the
 * renderer's HTML, whose escapers replaced it all): one pass instead of
 * a cleaning copy first. */
void	ks_fxml_text_clean(struct ks_fxml *w, const char *text);
/* <name>text</name> on a new line at depth; NULL text writes nothing. */
void	ks_fxml_element(struct ks_fxml *w, int depth, const char *name,
	    const char *text);

#endif
