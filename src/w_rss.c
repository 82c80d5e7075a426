/* The RSS 2.0 writer: each item is rendered through libxml2's
 * xmlTextWriter on a reading thread (prepare), completed with its link
 * (add, which knows the articles before it) and spilled; the channel is
 * assembled newest first at the end (pubDate goes in then: an undated
 * item takes "now"). */
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

/* An item as prepare() leaves it for add(). */
struct rss_part {
	struct ks_buf	 xml;		/* the item's children but pubDate */
	size_t		 link_at;	/* where in xml its link and guid go */
};

static void
rss_free_part(void *p)
{
	struct rss_part *part = p;

	if (part == NULL)
		return;
	ks_buf_free(&part->xml);
	free(part);
}

/* The item's author, categories, summary and content. */
static void
put_body(struct ks_fxml *w, const struct ks_settings *s,
    const struct ks_article *a)
{
	struct ks_strs terms = KS_STRS_INIT;
	char *author = ks_wu_author(a, s);

	ks_fxml_element(w, D_CHILD, "dc:creator", author);
	free(author);
	ks_feed_terms(a, &terms);
	for (size_t i = 0; i < terms.len; i++)
		ks_fxml_element(w, D_CHILD, "category", terms.v[i]);
	ks_strs_free(&terms);
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

		ks_fxml_start(w, D_CHILD, "content:encoded");
		ks_fxml_text_clean(w, html);
		ks_fxml_end(w, D_CHILD, false);
		free(html);
	}
}

/* Everything of the item that needs only a and s, on a reading thread.
 * Returns the part, or NULL after reporting. */
static void *
rss_prepare(const void *state, const struct ks_settings *s,
    const struct ks_article *a)
{
	struct rss_part *part = ks_xcalloc(1, sizeof(*part));
	struct ks_fxml *w = ks_fxml_new(false);

	(void)state;	/* needs the article alone */
	ks_fxml_element(w, D_CHILD, "title", a->title);
	if (ks_fxml_take(w, &part->xml) != 0) {
		ks_fxml_free(w);
		rss_free_part(part);
		return NULL;
	}
	part->link_at = part->xml.len;
	put_body(w, s, a);
	if (ks_fxml_finish(w, &part->xml) != 0) {
		rss_free_part(part);
		return NULL;
	}
	return part;
}

/* The item's link (when it has one) and guid, into out. Returns 0 or -1
 * after reporting. */
static int
render_link(const struct ks_article *a, const char *link, struct ks_buf *out)
{
	struct ks_fxml *w = ks_fxml_new(false);

	ks_fxml_element(w, D_CHILD, "link", link);
	ks_fxml_start(w, D_CHILD, "guid");
	/* urn:uuid ids are no address a reader may open. */
	ks_fxml_attr(w, "isPermaLink", link != NULL &&
	    strcmp(link, a->id) == 0 ? "true" : "false");
	ks_fxml_text(w, a->id);
	ks_fxml_end(w, D_CHILD, false);
	return ks_fxml_finish(w, out);
}

/* Completes the item with its link (the page names count repeated
 * titles, so it depends on the articles before) and spills it. */
static int
rss_add(void *state, const struct ks_article *a, void *prepared)
{
	struct ks_feed *f = state;
	struct rss_part *part = prepared;
	struct ks_buf xml = KS_BUF_INIT;
	char *link;
	int rc;

	if (part == NULL)
		return ks_feed_fail(f);	/* prepare reported it */
	ks_feed_add(f, a, &link);
	ks_feed_puts(f, "\n    <item>");
	if (render_link(a, link, &xml) != 0)
		rc = ks_feed_fail(f);
	else
		rc = ks_feed_end_spliced(f, &part->xml, part->link_at, &xml,
		    "\n    </item>");
	ks_buf_free(&xml);
	free(link);
	rss_free_part(part);
	return rc;
}

/* The channel's own elements, before the items. */
static void
put_channel_head(struct ks_fxml *w, const struct ks_feed *f,
    const struct ks_feed_view *view)
{
	const struct ks_settings *s = f->s;
	struct ks_date now = ks_feed_date(f->now);
	struct ks_buf generator = KS_BUF_INIT;
	char date[40];

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
}

static int
rss_render(const struct ks_feed *f, const struct ks_feed_view *view,
    struct ks_feed_out *out)
{
	struct ks_fxml *w = ks_fxml_new(true);
	struct ks_buf b = KS_BUF_INIT;
	char date[40];
	int rc = -1;

	put_channel_head(w, f, view);
	if (ks_fxml_take(w, &b) != 0) {
		ks_fxml_free(w);
		goto out;
	}
	ks_feed_out_put(out, ks_buf_cstr(&b), b.len);
	for (size_t i = 0; i < view->len; i++) {
		const struct ks_feed_entry *e = view->v[i];

		/* An RFC 822 date has nothing to escape. */
		ks_buf_clear(&b);
		ks_buf_printf(&b, "\n      <pubDate>%s</pubDate>",
		    ks_date_format_rfc822(&e->published, date));
		ks_feed_out_entry(out, e, ks_buf_cstr(&b));
	}
	ks_buf_clear(&b);
	ks_fxml_end(w, D_CHANNEL, true);
	ks_fxml_end(w, D_RSS, true);
	if (ks_fxml_finish(w, &b) != 0)
		goto out;
	ks_feed_out_put(out, ks_buf_cstr(&b), b.len);
	rc = 0;
out:
	ks_buf_free(&b);
	return rc;
}

static void *
rss_begin(const struct ks_settings *s, const char *output)
{
	return ks_feed_begin(s, output, "rss", ".rss", rss_render);
}

const struct ks_writer_class ks_writer_rss = {
	.name = "rss",
	.default_name = "feed.rss",
	.summary = "an RSS 2.0 feed, newest first",
	.folder = false,
	.to_stdout = true,
	.begin = rss_begin,
	.prepare = rss_prepare,
	.free_part = rss_free_part,
	.add = rss_add,
	.finish = ks_feed_finish,
	.free = ks_feed_free,
};
