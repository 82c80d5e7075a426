/* The JSON Feed 1.1 writer (https://jsonfeed.org/version/1.1): each item
 * is serialized on a reading thread (prepare), as jansson would write it
 * nested in the feed, but for its url (add: it depends on the articles
 * before) and date_published (known at the end, when "now" dates the
 * undated), which are spliced in; the feed is put together newest first
 * from the spilled items. Values go through jansson; only the objects'
 * layout, keys in their order, is written here. */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "buf.h"
#include "diag.h"
#include "escape.h"
#include "feed.h"
#include "writer.h"
#include "xalloc.h"

/* jansson's layout: two spaces per level, keys in insertion order. */
#define JSON_FLAGS	(JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY)

/* Depths of the document: the feed object, its members (the items
 * array among them), an item. */
enum { D_FEED, D_ITEMS, D_ITEM };

/* An item as prepare() leaves it for add(): "{", its members and "}",
 * with the places of the two that come later (their commas written). */
struct json_part {
	struct ks_buf	 text;
	size_t		 url_at;
	size_t		 date_at;
};

/* The members of an object being written at depth (its members one
 * deeper), with the commas between them. */
struct json_obj {
	struct ks_buf	*out;
	int		 depth;
	size_t		 n;		/* members so far */
	bool		 bad;		/* jansson failed */
};

static void
jsonfeed_free_part(void *p)
{
	struct json_part *part = p;

	if (part == NULL)
		return;
	ks_buf_free(&part->text);
	free(part);
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

static json_t *
person(const char *name)
{
	json_t *p = json_object();

	json_object_set_new(p, "name", jstr(name));
	return p;
}

static void
indent(struct ks_buf *out, int depth)
{
	ks_buf_putc(out, '\n');
	for (int i = 0; i < depth; i++)
		ks_buf_puts(out, "  ");
}

struct nested {
	struct ks_buf	*out;
	int		 depth;
};

/* jansson's output, each line break followed by the nesting's indent. */
static int
put_nested(const char *text, size_t len, void *data)
{
	const struct nested *n = data;
	const char *nl;

	while ((nl = memchr(text, '\n', len)) != NULL) {
		ks_buf_put(n->out, text, (size_t)(nl - text));
		indent(n->out, n->depth);
		len -= (size_t)(nl + 1 - text);
		text = nl + 1;
	}
	ks_buf_put(n->out, text, len);
	return 0;
}

/* "key": value, on its own line at depth, as json_dumps would write it
 * there. Returns 0, or -1 when jansson fails (it cannot, on valid
 * UTF-8). */
static int
put_member(struct ks_buf *out, int depth, const char *key, const json_t *v)
{
	struct nested n = { out, depth };

	/* Our keys are plain ASCII: nothing to escape. */
	indent(out, depth);
	ks_buf_printf(out, "\"%s\": ", key);
	return json_dump_callback(v, put_nested, &n, JSON_FLAGS);
}

/* The comma before a member, unless it is the first. */
static void
obj_sep(struct json_obj *o)
{
	if (o->n++ > 0)
		ks_buf_putc(o->out, ',');
}

/* Adds key: v, and takes v. NULL v writes nothing. */
static void
obj_set(struct json_obj *o, const char *key, json_t *v)
{
	if (v == NULL)
		return;
	obj_sep(o);
	if (put_member(o->out, o->depth + 1, key, v) != 0)
		o->bad = true;
	json_decref(v);
}

/* A member written later: returns where it goes. */
static size_t
obj_slot(struct json_obj *o)
{
	obj_sep(o);
	return o->out->len;
}

/* The item's content: the HTML, else (1.1 requires one) the text. */
static void
set_content(struct json_obj *o, const struct ks_settings *s,
    const struct ks_article *a, bool has_summary)
{
	char *html;

	if (s->no_content || a->body == NULL) {
		obj_set(o, "content_text", jstr(has_summary ? a->summary :
		    a->title));
		return;
	}
	/* The renderer's escapers leave valid UTF-8 without what XML
	 * forbids: the cleaning copy and jansson's check would find
	 * nothing. */
	html = ks_feed_content_html(s, a);
	obj_set(o, "content_html", json_stringn_nocheck(html, strlen(html)));
	free(html);
}

static void
set_people(struct json_obj *o, const struct ks_settings *s,
    const struct ks_article *a)
{
	json_t *authors = json_array();

	if (a->authors.len > 0) {
		for (size_t i = 0; i < a->authors.len; i++)
			json_array_append_new(authors, person(a->authors.v[i]));
	} else {
		char *author = ks_wu_author(a, s);

		json_array_append_new(authors, person(author));
		free(author);
	}
	obj_set(o, "authors", authors);
}

static void
set_tags(struct json_obj *o, const struct ks_article *a)
{
	struct ks_strs terms = KS_STRS_INIT;
	json_t *tags;

	ks_feed_terms(a, &terms);
	if (terms.len > 0) {
		tags = json_array();
		for (size_t i = 0; i < terms.len; i++)
			json_array_append_new(tags, jstr(terms.v[i]));
		obj_set(o, "tags", tags);
	}
	ks_strs_free(&terms);
}

/* The item but its url and date_published, on a reading thread, in the
 * order of the members. Returns the part, or NULL after reporting. */
static void *
jsonfeed_prepare(const void *state, const struct ks_settings *s,
    const struct ks_article *a)
{
	struct json_part *part = ks_xcalloc(1, sizeof(*part));
	struct json_obj o = { &part->text, D_ITEM, 0, false };
	bool has_summary = a->summary != NULL && a->summary[0] != '\0';
	char *lang, date[32];

	(void)state;	/* needs the article alone */
	ks_buf_putc(&part->text, '{');
	obj_set(&o, "id", jstr(a->id));
	if (ks_feed_has_link(s, a))
		part->url_at = obj_slot(&o);
	else
		part->url_at = part->text.len;
	obj_set(&o, "title", jstr(a->title));
	set_content(&o, s, a, has_summary);
	if (has_summary)
		obj_set(&o, "summary", jstr(a->summary));
	obj_set(&o, "image", jstr(a->image));
	part->date_at = obj_slot(&o);
	if (a->updated.known)
		obj_set(&o, "date_modified",
		    jstr(ks_date_format_rfc3339(&a->updated, date)));
	set_people(&o, s, a);
	set_tags(&o, a);
	lang = ks_feed_lang(a->lang);
	obj_set(&o, "language", jstr(lang));
	free(lang);
	indent(&part->text, D_ITEM);
	ks_buf_putc(&part->text, '}');
	if (o.bad) {
		ks_error(a->path, 0, "jansson could not write the feed item");
		jsonfeed_free_part(part);
		return NULL;
	}
	return part;
}

/* Completes the item with its url and spills it. */
static int
jsonfeed_add(void *state, const struct ks_article *a, void *prepared)
{
	struct ks_feed *f = state;
	struct json_part *part = prepared;
	const char *text;
	struct ks_buf url = KS_BUF_INIT;
	char *link;
	int rc = -1;

	if (part == NULL)
		return ks_feed_fail(f);	/* prepare reported it */
	text = ks_buf_cstr(&part->text);
	ks_feed_add(f, a, &link);
	if (link != NULL) {
		json_t *v = jstr(link);

		if (put_member(&url, D_ITEM + 1, "url", v) != 0) {
			ks_error(a->path, 0, "jansson could not write a url");
			json_decref(v);
			ks_feed_fail(f);
			goto out;
		}
		json_decref(v);
	}
	ks_feed_put(f, text, part->url_at);
	ks_feed_put(f, ks_buf_cstr(&url), url.len);
	ks_feed_put(f, text + part->url_at, part->date_at - part->url_at);
	ks_feed_cut(f);
	ks_feed_put(f, text + part->date_at, part->text.len - part->date_at);
	rc = ks_feed_end(f);
out:
	ks_buf_free(&url);
	free(link);
	jsonfeed_free_part(part);
	return rc;
}

/* The feed object's members before its items; "items" comes last. */
static int
put_feed_head(const struct ks_feed *f, const struct ks_feed_view *view,
    struct ks_buf *out)
{
	const struct ks_settings *s = f->s;
	struct json_obj o = { out, D_FEED, 0, false };
	json_t *authors = json_array();

	ks_buf_putc(out, '{');
	obj_set(&o, "version", jstr("https://jsonfeed.org/version/1.1"));
	obj_set(&o, "title", jstr(view->title));
	obj_set(&o, "home_page_url", jstr(s->base_url));
	obj_set(&o, "feed_url", jstr(view->self));
	obj_set(&o, "description", jstr(s->subtitle));
	obj_set(&o, "language", jstr(f->lang));
	json_array_append_new(authors, person(s->author));
	obj_set(&o, "authors", authors);
	obj_sep(&o);
	indent(out, D_FEED + 1);
	ks_buf_puts(out, "\"items\": ");
	if (o.bad) {
		ks_error(view->path, 0, "jansson could not write the feed");
		return -1;
	}
	return 0;
}

static int
jsonfeed_render(const struct ks_feed *f, const struct ks_feed_view *view,
    struct ks_feed_out *out)
{
	struct ks_buf b = KS_BUF_INIT;
	char date[32];
	int rc = -1;

	if (put_feed_head(f, view, &b) != 0)
		goto out;
	/* An empty array is "[]", as jansson writes it. */
	ks_buf_putc(&b, '[');
	for (size_t i = 0; i < view->len; i++) {
		const struct ks_feed_entry *e = view->v[i];

		if (i > 0)
			ks_buf_putc(&b, ',');
		indent(&b, D_ITEMS + 1);
		ks_feed_out_put(out, ks_buf_cstr(&b), b.len);
		/* A date has nothing to escape. */
		ks_buf_clear(&b);
		indent(&b, D_ITEM + 1);
		ks_buf_printf(&b, "\"date_published\": \"%s\"",
		    ks_date_format_rfc3339(&e->published, date));
		ks_feed_out_entry(out, e, ks_buf_cstr(&b));
		ks_buf_clear(&b);
	}
	if (view->len > 0)
		indent(&b, D_ITEMS);
	ks_buf_puts(&b, "]\n}\n");
	ks_feed_out_put(out, ks_buf_cstr(&b), b.len);
	rc = 0;
out:
	ks_buf_free(&b);
	return rc;
}

static void *
jsonfeed_begin(const struct ks_settings *s, const char *output)
{
	return ks_feed_begin(s, output, "json", ".json", jsonfeed_render);
}

const struct ks_writer_class ks_writer_json = {
	.name = "json",
	.default_name = "feed.json",
	.summary = "a JSON Feed 1.1, newest first",
	.folder = false,
	.to_stdout = true,
	.begin = jsonfeed_begin,
	.prepare = jsonfeed_prepare,
	.free_part = jsonfeed_free_part,
	.add = jsonfeed_add,
	.finish = ks_feed_finish,
	.free = ks_feed_free,
};
