/* The Atom writer (RFC 4287): each entry is rendered through libxml2's
 * xmlTextWriter when its article arrives; the feed is assembled newest
 * first at the end (dates go in then: an undated entry takes "now"). */
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

struct atom_part {
	char	*lang;	/* xml:lang of the entry when not the feed's */
	char	*xml;	/* the entry's children but its dates */
};

struct atom_state {
	struct ks_feed	feed;
};

static void
atom_free_part(void *p)
{
	struct atom_part *part = p;

	free(part->lang);
	free(part->xml);
	free(part);
}

static void *
atom_begin(const struct ks_settings *s, const char *output)
{
	struct atom_state *st = ks_xcalloc(1, sizeof(*st));

	if (ks_feed_init(&st->feed, s, output, "atom", ".atom",
	    atom_free_part) != 0) {
		free(st);
		return NULL;
	}
	return st;
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

static int
atom_add(void *state, const struct ks_article *a, void *prepared)
{
	struct atom_state *st = state;
	const struct ks_settings *s = st->feed.s;
	struct ks_feed_entry *e;
	struct atom_part *part = ks_xcalloc(1, sizeof(*part));
	struct ks_fxml *w = ks_fxml_new(false);
	struct ks_strs terms = KS_STRS_INIT;
	struct ks_buf out = KS_BUF_INIT;
	bool has_summary = a->summary != NULL && a->summary[0] != '\0';
	char *link;
	int rc = -1;

	(void)prepared;	/* no prepare() */
	e = ks_feed_add(&st->feed, a, &link);
	e->part = part;
	part->lang = ks_feed_lang(a->lang);
	if (part->lang != NULL && st->feed.lang != NULL &&
	    strcmp(part->lang, st->feed.lang) == 0) {
		free(part->lang);
		part->lang = NULL;
	}
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
	if (link != NULL)
		put_link(w, D_CHILD, "alternate", "text/html", link);
	if (has_summary)
		put_text(w, "summary", "text", a->summary);
	if (!s->no_content && a->body != NULL) {
		char *html = ks_feed_content_html(s, a);

		put_text(w, "content", "html", html);
		free(html);
	} else if (link == NULL) {
		/* RFC 4287 4.1.2: an entry without content needs an
		 * alternate link; with neither, the summary is the content. */
		put_text(w, "content", "text", has_summary ? a->summary :
		    a->title);
	}
	if (ks_fxml_finish(w, &out) != 0)
		goto out;
	part->xml = ks_buf_detach(&out);
	rc = 0;
out:
	ks_strs_free(&terms);
	free(link);
	return rc;
}

static int
atom_render(const struct ks_feed *f, const struct ks_feed_view *view,
    struct ks_buf *out)
{
	const struct ks_settings *s = f->s;
	struct ks_fxml *w = ks_fxml_new(true);
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
	for (size_t i = 0; i < view->len; i++) {
		const struct ks_feed_entry *e = view->v[i];
		const struct atom_part *part = e->part;

		ks_fxml_start(w, D_ENTRY, "entry");
		ks_fxml_attr(w, "xml:lang", part->lang);
		ks_fxml_element(w, D_CHILD, "published",
		    ks_date_format_rfc3339(&e->published, date));
		ks_fxml_element(w, D_CHILD, "updated",
		    ks_date_format_rfc3339(&e->updated, date));
		ks_fxml_raw(w, part->xml);
		ks_fxml_end(w, D_ENTRY, true);
	}
	ks_fxml_end(w, D_FEED, true);
	return ks_fxml_finish(w, out);
}

static int
atom_finish(void *state)
{
	struct atom_state *st = state;

	return ks_feed_write(&st->feed, atom_render);
}

static void
atom_free(void *state)
{
	struct atom_state *st = state;

	ks_feed_free(&st->feed);
	free(st);
}

const struct ks_writer_class ks_writer_atom = {
	.name = "atom",
	.default_name = "feed.atom",
	.summary = "an Atom 1.0 feed (RFC 4287), newest first",
	.folder = false,
	.to_stdout = true,
	.begin = atom_begin,
	.add = atom_add,
	.finish = atom_finish,
	.free = atom_free,
};
