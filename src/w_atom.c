/* The Atom writer (RFC 4287): each entry is rendered through libxml2's
 * xmlTextWriter on a reading thread (prepare), completed with what
 * depends on the articles before it (add) and spilled; the feed is
 * assembled newest first at the end (dates go in then: an undated entry
 * takes "now"). */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "feed.h"
#include "feed_xml.h"
#include "version.h"
#include "writer.h"
#include "xalloc.h"

#define ATOM_NS "http://www.w3.org/2005/Atom"

/* Depths of the document: feed, entry, the entry's children. */
enum { D_FEED, D_ENTRY, D_CHILD };

/* An entry as prepare() leaves it for add(). */
struct atom_part {
	char		*lang;		/* the article's language tag, or NULL */
	struct ks_buf	 xml;		/* the entry's children but its dates */
	size_t		 link_at;	/* where in xml its link goes */
};

static void
atom_free_part(void *p)
{
	struct atom_part *part = p;

	if (part == NULL)
		return;
	free(part->lang);
	ks_buf_free(&part->xml);
	free(part);
}

static void
put_person(struct ks_fxml *w, int depth, const char *name)
{
	ks_fxml_start(w, depth, "author");
	ks_fxml_element(w, depth + 1, "name", name);
	ks_fxml_end(w, depth, true);
}

static void
put_link(struct ks_fxml *w, int depth, const char *rel, const char *type,
    const char *href)
{
	ks_fxml_start(w, depth, "link");
	ks_fxml_attr(w, "rel", rel);
	ks_fxml_attr(w, "type", type);
	ks_fxml_attr(w, "href", href);
	ks_fxml_end(w, depth, false);
}

/* A text construct (title, summary, content) with its type. */
static void
put_text(struct ks_fxml *w, const char *name, const char *type,
    const char *text)
{
	ks_fxml_start(w, D_CHILD, name);
	ks_fxml_attr(w, "type", type);
	ks_fxml_text(w, text);
	ks_fxml_end(w, D_CHILD, false);
}

/* The entry's id, title, authors and categories. */
static void
put_head(struct ks_fxml *w, const struct ks_settings *s,
    const struct ks_article *a)
{
	struct ks_strs terms = KS_STRS_INIT;

	ks_fxml_element(w, D_CHILD, "id", a->id);
	put_text(w, "title", "text", a->title);
	if (a->authors.len > 0) {
		for (size_t i = 0; i < a->authors.len; i++)
			put_person(w, D_CHILD, a->authors.v[i]);
	} else {
		char *author = ks_wu_author(a, s);

		put_person(w, D_CHILD, author);
		free(author);
	}
	ks_feed_terms(a, &terms);
	for (size_t i = 0; i < terms.len; i++) {
		ks_fxml_start(w, D_CHILD, "category");
		ks_fxml_attr(w, "term", terms.v[i]);
		ks_fxml_end(w, D_CHILD, false);
	}
	ks_strs_free(&terms);
}

/* The summary and the content, which depends on whether there is a
 * link: RFC 4287 4.1.2 wants one of them. */
static void
put_body(struct ks_fxml *w, const struct ks_settings *s,
    const struct ks_article *a)
{
	bool has_summary = a->summary != NULL && a->summary[0] != '\0';

	if (has_summary)
		put_text(w, "summary", "text", a->summary);
	if (!s->no_content && a->body != NULL) {
		char *html = ks_feed_content_html(s, a);

		ks_fxml_start(w, D_CHILD, "content");
		ks_fxml_attr(w, "type", "html");
		ks_fxml_text_clean(w, html);
		ks_fxml_end(w, D_CHILD, false);
		free(html);
	} else if (!ks_feed_has_link(s, a)) {
		/* With neither content nor link, the summary is the content. */
		put_text(w, "content", "text", has_summary ? a->summary :
		    a->title);
	}
}

/* Everything of the entry that needs only a and s, on a reading thread.
 * Returns the part, or NULL after reporting. */
static void *
atom_prepare(const void *state, const struct ks_settings *s,
    const struct ks_article *a)
{
	struct atom_part *part = ks_xcalloc(1, sizeof(*part));
	struct ks_fxml *w = ks_fxml_new(false);

	(void)state;	/* needs the article alone */
	part->lang = ks_feed_lang(a->lang);
	put_head(w, s, a);
	if (ks_fxml_take(w, &part->xml) != 0) {
		ks_fxml_free(w);
		atom_free_part(part);
		return NULL;
	}
	part->link_at = part->xml.len;
	put_body(w, s, a);
	if (ks_fxml_finish(w, &part->xml) != 0) {
		atom_free_part(part);
		return NULL;
	}
	return part;
}

/* The entry's alternate link, into out. Returns 0 or -1 after
 * reporting. */
static int
render_link(const char *link, struct ks_buf *out)
{
	struct ks_fxml *w = ks_fxml_new(false);

	put_link(w, D_CHILD, "alternate", "text/html", link);
	return ks_fxml_finish(w, out);
}

/* Completes the entry with what depends on the articles before: its
 * xml:lang (against the feed's, the first article's) and its link (the
 * page names count repeated titles), and spills it. */
static int
atom_add(void *state, const struct ks_article *a, void *prepared)
{
	struct ks_feed *f = state;
	struct atom_part *part = prepared;
	struct ks_buf xml = KS_BUF_INIT;
	char *link;
	int rc;

	if (part == NULL)
		return ks_feed_fail(f);	/* prepare reported it */
	ks_feed_add(f, a, &link);
	ks_feed_puts(f, "\n  <entry");
	if (part->lang != NULL &&
	    (f->lang == NULL || strcmp(part->lang, f->lang) != 0)) {
		/* A tag ks_feed_lang let through has nothing to escape. */
		ks_feed_puts(f, " xml:lang=\"");
		ks_feed_puts(f, part->lang);
		ks_feed_puts(f, "\"");
	}
	ks_feed_puts(f, ">");
	if (link != NULL && render_link(link, &xml) != 0)
		rc = ks_feed_fail(f);
	else
		rc = ks_feed_end_spliced(f, &part->xml, part->link_at,
		    link != NULL ? &xml : NULL, "\n  </entry>");
	ks_buf_free(&xml);
	free(link);
	atom_free_part(part);
	return rc;
}

/* The feed's own elements, before the entries. */
static void
put_feed_head(struct ks_fxml *w, const struct ks_feed *f,
    const struct ks_feed_view *view)
{
	const struct ks_settings *s = f->s;
	char date[32];

	ks_fxml_start(w, D_FEED, "feed");
	ks_fxml_attr(w, "xmlns", ATOM_NS);
	ks_fxml_attr(w, "xml:lang", f->lang);
	ks_fxml_element(w, D_ENTRY, "id", view->id);
	ks_fxml_start(w, D_ENTRY, "title");
	ks_fxml_attr(w, "type", "text");
	ks_fxml_text(w, view->title);
	ks_fxml_end(w, D_ENTRY, false);
	if (s->subtitle != NULL) {
		ks_fxml_start(w, D_ENTRY, "subtitle");
		ks_fxml_attr(w, "type", "text");
		ks_fxml_text(w, s->subtitle);
		ks_fxml_end(w, D_ENTRY, false);
	}
	ks_fxml_element(w, D_ENTRY, "updated",
	    ks_date_format_rfc3339(&view->updated, date));
	put_person(w, D_ENTRY, s->author);
	ks_fxml_start(w, D_ENTRY, "generator");
	ks_fxml_attr(w, "version", KS_VERSION);
	ks_fxml_text(w, "ksconv");
	ks_fxml_end(w, D_ENTRY, false);
	if (view->category != NULL) {
		ks_fxml_start(w, D_ENTRY, "category");
		ks_fxml_attr(w, "term", view->category);
		ks_fxml_end(w, D_ENTRY, false);
	}
	if (view->self != NULL)
		put_link(w, D_ENTRY, "self", "application/atom+xml", view->self);
	if (s->base_url != NULL)
		put_link(w, D_ENTRY, "alternate", "text/html", s->base_url);
}

static int
atom_render(const struct ks_feed *f, const struct ks_feed_view *view,
    struct ks_feed_out *out)
{
	struct ks_fxml *w = ks_fxml_new(true);
	struct ks_buf b = KS_BUF_INIT;
	char date[32];
	int rc = -1;

	put_feed_head(w, f, view);
	if (ks_fxml_take(w, &b) != 0) {
		ks_fxml_free(w);
		goto out;
	}
	ks_feed_out_put(out, ks_buf_cstr(&b), b.len);
	for (size_t i = 0; i < view->len; i++) {
		const struct ks_feed_entry *e = view->v[i];

		/* Dates are digits and signs: nothing to escape. */
		ks_buf_clear(&b);
		ks_buf_printf(&b, "\n    <published>%s</published>",
		    ks_date_format_rfc3339(&e->published, date));
		ks_buf_printf(&b, "\n    <updated>%s</updated>",
		    ks_date_format_rfc3339(&e->updated, date));
		ks_feed_out_entry(out, e, ks_buf_cstr(&b));
	}
	ks_buf_clear(&b);
	ks_fxml_end(w, D_FEED, true);
	if (ks_fxml_finish(w, &b) != 0)
		goto out;
	ks_feed_out_put(out, ks_buf_cstr(&b), b.len);
	rc = 0;
out:
	ks_buf_free(&b);
	return rc;
}

static void *
atom_begin(const struct ks_settings *s, const char *output)
{
	return ks_feed_begin(s, output, "atom", ".atom", atom_render);
}

const struct ks_writer_class ks_writer_atom = {
	.name = "atom",
	.default_name = "feed.atom",
	.summary = "an Atom 1.0 feed (RFC 4287), newest first",
	.folder = false,
	.to_stdout = true,
	.begin = atom_begin,
	.prepare = atom_prepare,
	.free_part = atom_free_part,
	.add = atom_add,
	.finish = ks_feed_finish,
	.free = ks_feed_free,
};
