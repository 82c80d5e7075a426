/* The RSS 2.0 writer: each item is rendered through libxml2's
 * xmlTextWriter when its article arrives; the channel is assembled newest
 * first at the end (pubDate goes in then: an undated item takes "now"). */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "escape.h"
#include "feed.h"
#include "feed_xml.h"
#include "version.h"
#include "writer.h"
#include "xalloc.h"

/* Depths of the document: rss, channel, item, the item's children. */
enum { D_RSS, D_CHANNEL, D_ITEM, D_CHILD };

struct rss_state {
	struct ks_feed	feed;
};

static void *
rss_begin(const struct ks_settings *s, const char *output)
{
	struct rss_state *st = ks_xcalloc(1, sizeof(*st));

	if (ks_feed_init(&st->feed, s, output, "rss", ".rss", free) != 0) {
		free(st);
		return NULL;
	}
	return st;
}

static int
rss_add(void *state, const struct ks_article *a, void *prepared)
{
	struct rss_state *st = state;
	const struct ks_settings *s = st->feed.s;
	struct ks_feed_entry *e;
	struct ks_fxml *w = ks_fxml_new(false);
	struct ks_strs terms = KS_STRS_INIT;
	struct ks_buf out = KS_BUF_INIT;
	char *link, *author;
	int rc = -1;

	(void)prepared;	/* no prepare() */
	e = ks_feed_add(&st->feed, a, &link);
	ks_fxml_element(w, D_CHILD, "title", a->title);
	ks_fxml_element(w, D_CHILD, "link", link);
	ks_fxml_start(w, D_CHILD, "guid");
	if (link != NULL && strcmp(link, a->id) == 0) {
		ks_fxml_attr(w, "isPermaLink", "true");
	} else {
		/* urn:uuid ids are no address a reader may open. */
		ks_fxml_attr(w, "isPermaLink", "false");
	}
	ks_fxml_text(w, a->id);
	ks_fxml_end(w, D_CHILD, false);
	author = ks_wu_author(a, s);
	ks_fxml_element(w, D_CHILD, "dc:creator", author);
	free(author);
	ks_feed_terms(a, &terms);
	for (size_t i = 0; i < terms.len; i++)
		ks_fxml_element(w, D_CHILD, "category", terms.v[i]);
	if (a->summary != NULL && a->summary[0] != '\0') {
		struct ks_buf html = KS_BUF_INIT;

		/* Readers take description as HTML: the plain summary is
		 * escaped once for HTML, then once more by the XML writer. */
		ks_escape_html_text(&html, a->summary);
		ks_fxml_element(w, D_CHILD, "description", ks_buf_cstr(&html));
		ks_buf_free(&html);
	}
	if (!s->no_content && a->body != NULL) {
		char *html = ks_feed_content_html(s, a);

		ks_fxml_element(w, D_CHILD, "content:encoded",
		    html);
		free(html);
	}
	if (ks_fxml_finish(w, &out) != 0)
		goto out;
	e->part = ks_buf_detach(&out);
	rc = 0;
out:
	ks_strs_free(&terms);
	free(link);
	return rc;
}

static int
rss_render(const struct ks_feed *f, const struct ks_feed_view *view,
    struct ks_buf *out)
{
	const struct ks_settings *s = f->s;
	struct ks_fxml *w = ks_fxml_new(true);
	struct ks_date now = ks_feed_date(f->now);
	struct ks_buf generator = KS_BUF_INIT;
	char date[40];
	int rc;

	ks_fxml_start(w, D_RSS, "rss");
	ks_fxml_attr(w, "version", "2.0");
	ks_fxml_attr(w, "xmlns:atom", "http://www.w3.org/2005/Atom");
	ks_fxml_attr(w, "xmlns:content",
	    "http://purl.org/rss/1.0/modules/content/");
	ks_fxml_attr(w, "xmlns:dc", "http://purl.org/dc/elements/1.1/");
	ks_fxml_start(w, D_CHANNEL, "channel");
	ks_fxml_element(w, D_ITEM, "title", view->title);
	/* RSS requires a link; without a base URL the feed's id is the one
	 * absolute URI it has (and ksconv warned). */
	ks_fxml_element(w, D_ITEM, "link", s->base_url != NULL ? s->base_url :
	    view->id);
	ks_fxml_element(w, D_ITEM, "description", s->subtitle != NULL ?
	    s->subtitle : view->title);
	ks_fxml_element(w, D_ITEM, "language", f->lang);
	ks_fxml_element(w, D_ITEM, "lastBuildDate",
	    ks_date_format_rfc822(&now, date));
	ks_fxml_element(w, D_ITEM, "category", view->category);
	ks_buf_printf(&generator, "ksconv %s", KS_VERSION);
	ks_fxml_element(w, D_ITEM, "generator", ks_buf_cstr(&generator));
	ks_buf_free(&generator);
	if (view->self != NULL) {
		ks_fxml_start(w, D_ITEM, "atom:link");
		ks_fxml_attr(w, "href", view->self);
		ks_fxml_attr(w, "rel", "self");
		ks_fxml_attr(w, "type", "application/rss+xml");
		ks_fxml_end(w, D_ITEM, false);
	}
	for (size_t i = 0; i < view->len; i++) {
		const struct ks_feed_entry *e = view->v[i];

		ks_fxml_start(w, D_ITEM, "item");
		ks_fxml_element(w, D_CHILD, "pubDate",
		    ks_date_format_rfc822(&e->published, date));
		ks_fxml_raw(w, e->part);
		ks_fxml_end(w, D_ITEM, true);
	}
	ks_fxml_end(w, D_CHANNEL, true);
	ks_fxml_end(w, D_RSS, true);
	rc = ks_fxml_finish(w, out);
	return rc;
}

static int
rss_finish(void *state)
{
	struct rss_state *st = state;

	return ks_feed_write(&st->feed, rss_render);
}

static void
rss_free(void *state)
{
	struct rss_state *st = state;

	ks_feed_free(&st->feed);
	free(st);
}

const struct ks_writer_class ks_writer_rss = {
	.name = "rss",
	.default_name = "feed.rss",
	.summary = "an RSS 2.0 feed, newest first",
	.folder = false,
	.to_stdout = true,
	.begin = rss_begin,
	.add = rss_add,
	.finish = rss_finish,
	.free = rss_free,
};
