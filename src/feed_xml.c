/* xmlTextWriter with our cleaning, indentation and error policy, for the
 * XML feed writers (see feed_xml.h). Markup goes through libxml2; text is
 * escaped here, straight into the output, the way libxml2 would escape it
 * (a feed is mostly its entries' escaped HTML, and libxml2's way copies
 * it three times: to escape, to convert to UTF-8, to its buffer). */
#include "feed_xml.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>

#include "diag.h"
#include "escape.h"
#include "xalloc.h"

struct ks_fxml {
	xmlBufferPtr	 buf;	/* what libxml2 wrote since the last move */
	xmlTextWriterPtr w;
	struct ks_buf	 out;	/* what was written before, in order */
	bool		 document;	/* a whole document, not a fragment */
	bool		 bad;		/* a call failed */
};

#define X(s) ((const xmlChar *)(s))

static void
check(struct ks_fxml *w, int rc)
{
	if (rc < 0)
		w->bad = true;
}

/* Moves libxml2's bytes so far behind ours, so that what comes next may
 * be appended to w->out directly. */
static void
move(struct ks_fxml *w)
{
	check(w, xmlTextWriterFlush(w->w));
	ks_buf_put(&w->out, xmlBufferContent(w->buf),
	    (size_t)xmlBufferLength(w->buf));
	xmlBufferEmpty(w->buf);
}

struct ks_fxml *
ks_fxml_new(bool document)
{
	struct ks_fxml *w = ks_xcalloc(1, sizeof(*w));

	if ((w->buf = xmlBufferCreate()) == NULL ||
	    (w->w = xmlNewTextWriterMemory(w->buf, 0)) == NULL)
		abort();	/* out of memory: the ks_xmalloc policy */
	w->document = document;
	/*
	 * Fragments get a declaration too, dropped at once: without the
	 * document's encoding libxml2 writes every non-ASCII character of
	 * an attribute as a character reference.
	 */
	check(w, xmlTextWriterStartDocument(w->w, NULL, "UTF-8", NULL));
	check(w, xmlTextWriterFlush(w->w));
	if (!document)
		xmlBufferEmpty(w->buf);
	return w;
}

int
ks_fxml_take(struct ks_fxml *w, struct ks_buf *out)
{
	move(w);
	if (w->bad) {
		ks_error(NULL, 0, "libxml2 could not write a feed");
		return -1;
	}
	ks_buf_put(out, ks_buf_cstr(&w->out), w->out.len);
	ks_buf_clear(&w->out);
	return 0;
}

int
ks_fxml_finish(struct ks_fxml *w, struct ks_buf *out)
{
	int rc;

	if (w->document)
		check(w, xmlTextWriterEndDocument(w->w));
	rc = ks_fxml_take(w, out);
	ks_fxml_free(w);
	return rc;
}

void
ks_fxml_free(struct ks_fxml *w)
{
	if (w == NULL)
		return;
	xmlFreeTextWriter(w->w);
	xmlBufferFree(w->buf);
	ks_buf_free(&w->out);
	free(w);
}

void
ks_fxml_indent(struct ks_fxml *w, int depth)
{
	static const char spaces[] = "\n                ";
	int n = 1 + 2 * depth;

	/* White space between elements: element-only content ignores it. */
	if (n > (int)sizeof(spaces) - 1)
		n = (int)sizeof(spaces) - 1;
	check(w, xmlTextWriterWriteRawLen(w->w, X(spaces), n));
}

void
ks_fxml_start(struct ks_fxml *w, int depth, const char *name)
{
	/* The root follows the declaration's line break. */
	if (depth > 0)
		ks_fxml_indent(w, depth);
	check(w, xmlTextWriterStartElement(w->w, X(name)));
}

void
ks_fxml_attr(struct ks_fxml *w, const char *name, const char *value)
{
	char *clean;

	if (value == NULL)
		return;
	clean = ks_xml_clean(value);
	check(w, xmlTextWriterWriteAttribute(w->w, X(name), X(clean)));
	free(clean);
}

void
ks_fxml_end(struct ks_fxml *w, int depth, bool indent)
{
	if (indent)
		ks_fxml_indent(w, depth);
	check(w, xmlTextWriterEndElement(w->w));
}

void
ks_fxml_text_clean(struct ks_fxml *w, const char *text)
{
	/* An empty write closes the start tag, as text would. */
	check(w, xmlTextWriterWriteRawLen(w->w, X(""), 0));
	move(w);
	ks_escape_xml_writer_text(&w->out, text);
}

void
ks_fxml_text(struct ks_fxml *w, const char *text)
{
	char *clean = ks_xml_clean(text);

	ks_fxml_text_clean(w, clean);
	free(clean);
}

void
ks_fxml_element(struct ks_fxml *w, int depth, const char *name,
    const char *text)
{
	if (text == NULL)
		return;
	ks_fxml_start(w, depth, name);
	ks_fxml_text(w, text);
	ks_fxml_end(w, depth, false);
}
