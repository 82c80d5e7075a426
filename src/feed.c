/* The part of the Atom, RSS and JSON Feed writers that is not syntax:
 * entries in input order, dated and sorted newest first at the end, cut
 * to --limit, split by category, written atomically (see feed.h). */
#include "feed.h"

#include <stdlib.h>
#include <string.h>

#include "derive.h"
#include "diag.h"
#include "output.h"
#include "render.h"
#include "xalloc.h"

/* One warning per run, however many feed writers run (they all lack the
 * same links for the same reason). */
static bool warned_no_base;

struct ks_date
ks_feed_date(int64_t utc)
{
	struct ks_date d;

	memset(&d, 0, sizeof(d));
	d.utc = utc;
	d.known = d.has_time = d.has_zone = true;
	return d;
}

int
ks_feed_init(struct ks_feed *f, const struct ks_settings *s,
    const char *output, const char *format, const char *ext,
    void (*free_part)(void *))
{
	memset(f, 0, sizeof(*f));
	if (s->split_by == KS_SPLIT_CATEGORY && strcmp(output, "-") == 0) {
		ks_error(NULL, 0, "--split-by category writes one %s feed per "
		    "category: give -o FILE or -o DIR", format);
		return -1;
	}
	if (s->base_url == NULL && !warned_no_base) {
		ks_warn(NULL, 0, "without --base-url entries and the feed have "
		    "no links");
		warned_no_base = true;
	}
	f->s = s;
	f->format = format;
	f->ext = ext;
	f->output = ks_xstrdup(output);
	f->lang = ks_feed_lang(s->lang);
	f->free_part = free_part;
	return 0;
}

void
ks_feed_terms(const struct ks_article *a, struct ks_strs *out)
{
	for (size_t i = 0; i < a->categories.len; i++)
		ks_strs_push_unique(out, a->categories.v[i]);
	for (size_t i = 0; i < a->tags.len; i++)
		ks_strs_push_unique(out, a->tags.v[i]);
}

char *
ks_feed_lang(const char *tag)
{
	char *t;
	size_t run = 0, subtags = 0;

	if (tag == NULL)
		return NULL;
	t = ks_xstrdup(tag);
	/* RFC 4287's pattern: [A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*. Locales
	 * write zh_CN for zh-CN; anything else is left out, not guessed. */
	for (char *p = t; ; p++) {
		char c = *p == '_' ? '-' : *p;

		*p = c;
		if (c == '-' || c == '\0') {
			if (run == 0)
				goto bad;
			if (c == '\0')
				return t;
			run = 0;
			subtags++;
			continue;
		}
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (subtags > 0 && c >= '0' && c <= '9')) || ++run > 8)
			goto bad;
	}
bad:
	free(t);
	return NULL;
}

char *
ks_feed_content_html(const struct ks_settings *s, const struct ks_article *a)
{
	struct ks_buf html = KS_BUF_INIT;
	struct ks_render_opts o;

	memset(&o, 0, sizeof(o));
	/* Feeds keep remote images (DESIGN §2); embedding is the EPUB's. */
	o.images = s->images == KS_IMAGES_LINK || s->images == KS_IMAGES_DROP ?
	    s->images : KS_IMAGES_KEEP;
	ks_render_html(&html, a->body, &o);
	return ks_buf_detach(&html);
}

struct ks_feed_entry *
ks_feed_add(struct ks_feed *f, const struct ks_article *a, char **link)
{
	struct ks_feed_entry *e = ks_xcalloc(1, sizeof(*e));

	e->index = f->len;
	e->path = ks_xstrdup(a->path);
	e->published = a->date;
	e->undated = !a->date.known;
	e->updated = a->updated.known ? a->updated : a->date;
	if (f->s->split_by == KS_SPLIT_CATEGORY)
		for (size_t i = 0; i < a->categories.len; i++)
			ks_strs_push_unique(&e->categories, a->categories.v[i]);
	if (f->len == 0 && f->lang == NULL)
		f->lang = ks_feed_lang(a->lang);
	/* Every article takes a slug, linked or not, so the numbering of
	 * repeated titles matches the html writer's. */
	*link = ks_wu_entry_link(a, f->s, ks_wu_slug(&f->slugs, NULL, a->title));
	if (f->len == f->cap) {
		f->cap = f->cap ? f->cap + f->cap / 2 : 64;
		f->v = ks_xrealloc(f->v, f->cap * sizeof(*f->v));
	}
	f->v[f->len++] = e;
	return e;
}

/* Newest first; undated entries last; ties keep input order. */
static int
cmp_entries(const void *pa, const void *pb)
{
	const struct ks_feed_entry *a = *(struct ks_feed_entry *const *)pa;
	const struct ks_feed_entry *b = *(struct ks_feed_entry *const *)pb;

	if (a->undated != b->undated)
		return a->undated ? 1 : -1;
	if (!a->undated && a->published.utc != b->published.utc)
		return a->published.utc > b->published.utc ? -1 : 1;
	return a->index < b->index ? -1 : a->index > b->index;
}

/* Dates what is undated with the feed's "now" and sorts. */
static void
order(struct ks_feed *f)
{
	int64_t newest = INT64_MIN;
	char when[32];

	for (size_t i = 0; i < f->len; i++) {
		const struct ks_feed_entry *e = f->v[i];

		if (e->published.known && e->published.utc > newest)
			newest = e->published.utc;
		if (e->updated.known && e->updated.utc > newest)
			newest = e->updated.utc;
	}
	f->now = ks_wu_now(f->s, newest);
	for (size_t i = 0; i < f->len; i++) {
		struct ks_feed_entry *e = f->v[i];

		if (!e->undated)
			continue;
		e->published = ks_feed_date(f->now);
		if (!e->updated.known)
			e->updated = e->published;
		ks_warn(e->path, 0, "no date; the %s feed uses %s", f->format,
		    ks_date_format_utc(&e->published, when));
	}
	if (f->len > 1)
		qsort(f->v, f->len, sizeof(*f->v), cmp_entries);
}

/* This feed file's URL under the base URL, or NULL without one. The
 * file name is percent-encoded: split feeds are named after categories. */
static char *
self_url(const struct ks_feed *f, const char *path)
{
	struct ks_buf b = KS_BUF_INIT;
	const char *base = f->s->base_url, *name;
	size_t n;

	if (base == NULL)
		return NULL;
	n = strlen(base);
	ks_buf_puts(&b, base);
	if (n == 0 || base[n - 1] != '/')
		ks_buf_putc(&b, '/');
	if (strcmp(path, "-") == 0) {
		ks_buf_printf(&b, "feed%s", f->ext);
		return ks_buf_detach(&b);
	}
	name = strrchr(path, '/');
	for (name = name != NULL ? name + 1 : path; *name != '\0'; name++) {
		unsigned char c = (unsigned char)*name;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr("-._~", c) != NULL)
			ks_buf_putc(&b, (char)c);
		else
			ks_buf_printf(&b, "%%%02X", c);
	}
	return ks_buf_detach(&b);
}

/* Renders and writes one feed. Returns 0 or -1 after reporting. */
static int
write_view(struct ks_feed *f, struct ks_feed_view *view,
    ks_feed_render_fn render)
{
	struct ks_buf out = KS_BUF_INIT;
	int rc = -1;

	view->self = self_url(f, view->path);
	view->updated = ks_feed_date(f->now);
	if (view->len > 0) {
		/* The newest update among the entries, not the run's time. */
		view->updated = view->v[0]->updated;
		for (size_t i = 1; i < view->len; i++)
			if (view->v[i]->updated.utc > view->updated.utc)
				view->updated = view->v[i]->updated;
	}
	if (render(f, view, &out) != 0)
		goto out;
	if (ks_output_write(view->path, ks_buf_cstr(&out), out.len) != 0)
		goto out;
	rc = 0;
out:
	free(view->self);
	view->self = NULL;
	ks_buf_free(&out);
	return rc;
}

/* "DIR/feed-SLUG.atom" next to "DIR/feed.atom". The caller frees. */
static char *
split_path(const struct ks_feed *f, const char *slug)
{
	struct ks_buf b = KS_BUF_INIT;
	const char *name = strrchr(f->output, '/');
	size_t dirlen = name != NULL ? (size_t)(name + 1 - f->output) : 0;
	size_t stem, extlen = strlen(f->ext);

	name = f->output + dirlen;
	stem = strlen(name);
	if (stem > extlen && strcmp(name + stem - extlen, f->ext) == 0)
		stem -= extlen;
	else if (strrchr(name, '.') != NULL && strrchr(name, '.') != name)
		stem = (size_t)(strrchr(name, '.') - name);
	ks_buf_put(&b, f->output, dirlen);
	ks_buf_put(&b, name, stem);
	ks_buf_printf(&b, "-%s%s", slug, f->ext);
	return ks_buf_detach(&b);
}

/* One feed per category, in the order categories first appear in the
 * input, each with its own stable id and the newest --limit entries. */
static int
write_split(struct ks_feed *f, ks_feed_render_fn render)
{
	struct ks_strs cats = KS_STRS_INIT;
	struct ks_wu_slugs slugs = { NULL, 0, 0 };
	struct ks_feed_entry **sorted = f->v;
	struct ks_feed_entry **sel;
	int rc = 0;

	/* sel first holds the entries in input order to list categories. */
	sel = ks_xmalloc((f->len + 1) * sizeof(*sel));
	for (size_t i = 0; i < f->len; i++)
		sel[sorted[i]->index] = sorted[i];
	for (size_t i = 0; i < f->len; i++)
		for (size_t j = 0; j < sel[i]->categories.len; j++)
			ks_strs_push_unique(&cats, sel[i]->categories.v[j]);
	for (size_t c = 0; c < cats.len; c++) {
		struct ks_feed_view view;
		struct ks_buf title = KS_BUF_INIT;
		char *path, *id;

		memset(&view, 0, sizeof(view));
		view.v = sel;
		for (size_t i = 0; i < f->len; i++) {
			if (f->s->limit > 0 && view.len == f->s->limit)
				break;
			if (ks_strs_contains(&sorted[i]->categories, cats.v[c]))
				view.v[view.len++] = sorted[i];
		}
		path = split_path(f, ks_wu_slug(&slugs, NULL, cats.v[c]));
		id = ks_derive_uuid(f->s->id, cats.v[c]);
		ks_buf_printf(&title, "%s: %s", f->s->title, cats.v[c]);
		view.path = path;
		view.id = id;
		view.title = ks_buf_cstr(&title);
		view.category = cats.v[c];
		if (write_view(f, &view, render) != 0)
			rc = -1;
		free(path);
		free(id);
		ks_buf_free(&title);
		if (rc != 0)
			break;
	}
	free(sel);
	ks_strs_free(&cats);
	ks_wu_slugs_free(&slugs);
	return rc;
}

int
ks_feed_write(struct ks_feed *f, ks_feed_render_fn render)
{
	struct ks_feed_view view;

	order(f);
	memset(&view, 0, sizeof(view));
	view.path = f->output;
	view.id = f->s->id;
	view.title = f->s->title;
	view.v = f->v;
	view.len = f->len;
	if (f->s->limit > 0 && view.len > f->s->limit)
		view.len = f->s->limit;
	if (write_view(f, &view, render) != 0)
		return -1;
	if (f->s->split_by == KS_SPLIT_CATEGORY)
		return write_split(f, render);
	return 0;
}

void
ks_feed_free(struct ks_feed *f)
{
	for (size_t i = 0; i < f->len; i++) {
		struct ks_feed_entry *e = f->v[i];

		if (f->free_part != NULL && e->part != NULL)
			f->free_part(e->part);
		free(e->path);
		ks_strs_free(&e->categories);
		free(e);
	}
	free(f->v);
	free(f->output);
	free(f->lang);
	ks_wu_slugs_free(&f->slugs);
	memset(f, 0, sizeof(*f));
}
