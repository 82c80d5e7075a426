/* The JSON Feed 1.1 writer (https://jsonfeed.org/version/1.1), through
 * jansson: each item is built when its article arrives; the feed is put
 * together newest first at the end, when "now" dates the undated. */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "buf.h"
#include "diag.h"
#include "escape.h"
#include "feed.h"
#include "writer.h"
#include "xalloc.h"

struct jsonfeed_state {
	struct ks_feed	feed;
};

static void
jsonfeed_free_part(void *part)
{
	json_decref(part);
}

/*
 * A JSON string of s, or NULL for NULL. Text goes through the same
 * cleaning as the XML feeds, so every format carries the same characters
 * and jansson never meets invalid UTF-8 (it refuses it).
 */
static json_t *
jstr(const char *s)
{
	char *clean;
	json_t *v;

	if (s == NULL)
		return NULL;
	clean = ks_xml_clean(s);
	v = json_string(clean);
	free(clean);
	return v;
}

/* Sets key to s when s is not NULL (keys keep their insertion order). */
static void
set_str(json_t *o, const char *key, const char *s)
{
	if (s != NULL)
		json_object_set_new(o, key, jstr(s));
}

static json_t *
person(const char *name)
{
	json_t *p = json_object();

	set_str(p, "name", name);
	return p;
}

static void *
jsonfeed_begin(const struct ks_settings *s, const char *output)
{
	struct jsonfeed_state *st = ks_xcalloc(1, sizeof(*st));

	if (ks_feed_init(&st->feed, s, output, "json", ".json",
	    jsonfeed_free_part) != 0) {
		free(st);
		return NULL;
	}
	return st;
}

static int
jsonfeed_add(void *state, const struct ks_article *a, void *prepared)
{
	struct jsonfeed_state *st = state;
	const struct ks_settings *s = st->feed.s;
	struct ks_feed_entry *e;
	struct ks_strs terms = KS_STRS_INIT;
	json_t *item = json_object(), *authors = json_array(), *tags;
	bool has_summary = a->summary != NULL && a->summary[0] != '\0';
	char *link, *lang, date[32];

	(void)prepared;	/* no prepare() */
	e = ks_feed_add(&st->feed, a, &link);
	e->part = item;
	set_str(item, "id", a->id);
	set_str(item, "url", link);
	set_str(item, "title", a->title);
	if (!s->no_content && a->body != NULL) {
		char *html = ks_feed_content_html(s, a);

		set_str(item, "content_html", html);
		free(html);
	} else {
		/* 1.1 requires content_html or content_text. */
		set_str(item, "content_text", has_summary ? a->summary :
		    a->title);
	}
	if (has_summary)
		set_str(item, "summary", a->summary);
	set_str(item, "image", a->image);
	/* A placeholder keeps the key's place; the date comes at the end. */
	json_object_set_new(item, "date_published", json_null());
	if (a->updated.known)
		set_str(item, "date_modified",
		    ks_date_format_rfc3339(&a->updated, date));
	if (a->authors.len > 0) {
		for (size_t i = 0; i < a->authors.len; i++)
			json_array_append_new(authors, person(a->authors.v[i]));
	} else {
		char *author = ks_wu_author(a, s);

		json_array_append_new(authors, person(author));
		free(author);
	}
	json_object_set_new(item, "authors", authors);
	ks_feed_terms(a, &terms);
	if (terms.len > 0) {
		tags = json_array();
		for (size_t i = 0; i < terms.len; i++)
			json_array_append_new(tags, jstr(terms.v[i]));
		json_object_set_new(item, "tags", tags);
	}
	lang = ks_feed_lang(a->lang);
	set_str(item, "language", lang);
	free(lang);
	ks_strs_free(&terms);
	free(link);
	return 0;
}

static int
jsonfeed_render(const struct ks_feed *f, const struct ks_feed_view *view,
    struct ks_buf *out)
{
	const struct ks_settings *s = f->s;
	json_t *root = json_object(), *authors = json_array();
	json_t *items = json_array();
	char *text, date[32];
	int rc = -1;

	set_str(root, "version", "https://jsonfeed.org/version/1.1");
	set_str(root, "title", view->title);
	set_str(root, "home_page_url", s->base_url);
	set_str(root, "feed_url", view->self);
	set_str(root, "description", s->subtitle);
	set_str(root, "language", f->lang);
	json_array_append_new(authors, person(s->author));
	json_object_set_new(root, "authors", authors);
	for (size_t i = 0; i < view->len; i++) {
		const struct ks_feed_entry *e = view->v[i];

		set_str(e->part, "date_published",
		    ks_date_format_rfc3339(&e->published, date));
		json_array_append(items, e->part);
	}
	json_object_set_new(root, "items", items);
	text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	if (text == NULL) {
		ks_error(view->path, 0, "jansson could not write the feed");
		goto out;
	}
	ks_buf_puts(out, text);
	ks_buf_putc(out, '\n');
	free(text);
	rc = 0;
out:
	json_decref(root);
	return rc;
}

static int
jsonfeed_finish(void *state)
{
	struct jsonfeed_state *st = state;

	return ks_feed_write(&st->feed, jsonfeed_render);
}

static void
jsonfeed_free(void *state)
{
	struct jsonfeed_state *st = state;

	ks_feed_free(&st->feed);
	free(st);
}

const struct ks_writer_class ks_writer_json = {
	.name = "json",
	.default_name = "feed.json",
	.summary = "a JSON Feed 1.1, newest first",
	.folder = false,
	.to_stdout = true,
	.begin = jsonfeed_begin,
	.add = jsonfeed_add,
	.finish = jsonfeed_finish,
	.free = jsonfeed_free,
};
