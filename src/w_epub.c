/* The EPUB 3 writer. Each article's chapter is made on the reading
 * thread, deflated when it can be (epub_chapter.c), and kept
 * (epub_store.c: in memory, then in a spill file once the book grows
 * large); at the end the chapters are put in chronological order and
 * epub_zip.c packs the book with libzip straight into a temporary file
 * next to the output, renamed over it once complete. The XML of the book
 * is epub_parts.c's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "derive.h"
#include "diag.h"
#include "epub_chapter.h"
#include "epub_parts.h"
#include "epub_store.h"
#include "epub_zip.h"
#include "render.h"
#include "text.h"
#include "writer.h"
#include "wutil.h"
#include "xalloc.h"

enum group_by {
	GROUP_NONE,
	GROUP_MONTH,
	GROUP_CATEGORY,
};

/* A chapter and its file: one allocation, and one for its strings
 * (strings), as a long book keeps a hundred thousand. */
struct chapter {
	struct ks_epub_file	 f;
	size_t			 seq;	/* input order, then date order */
	size_t			 group;	/* the section's first position */
	char			*strings;	/* f.m's strings */
};

/* A section of the contents and where its first chapter is. */
struct section {
	char	*name;
	size_t	 first;
};

struct epub {
	const struct ks_settings *s;
	char			*output;
	enum ks_images		 images;
	enum group_by		 group_by;
	char			*lang;		/* the book's, or NULL yet */
	struct chapter		**ch;
	size_t			 nch, capch;
	struct section		*sections;
	size_t			 nsections;
	bool			 lang_fixed;	/* by --lang */
	int64_t			 newest;
	struct ks_epub_store	 store;
	struct ks_epub_media	 media;
};


static void
epub_free(void *state)
{
	struct epub *ep = state;

	if (ep == NULL)
		return;
	for (size_t i = 0; i < ep->nch; i++) {
		free(ep->ch[i]->strings);
		ks_epub_blob_free(&ep->ch[i]->f.body);
		free(ep->ch[i]);
	}
	free(ep->ch);
	ks_epub_media_free(&ep->media);
	for (size_t i = 0; i < ep->nsections; i++)
		free(ep->sections[i].name);
	free(ep->sections);
	ks_epub_store_close(&ep->store);
	free(ep->lang);
	free(ep->output);
	free(ep);
}

static void *
epub_begin(const struct ks_settings *s, const char *output)
{
	struct epub *ep;
	enum group_by g = GROUP_NONE;

	if (s->group_by != NULL && strcmp(s->group_by, "month") == 0)
		g = GROUP_MONTH;
	else if (s->group_by != NULL && strcmp(s->group_by, "category") == 0)
		g = GROUP_CATEGORY;
	else if (s->group_by != NULL && s->group_by[0] != '\0') {
		ks_error(NULL, 0, "--group-by takes month or category, not '%s'",
		    s->group_by);
		return NULL;
	}
	ep = ks_xcalloc(1, sizeof(*ep));
	ep->s = s;
	ep->output = ks_xstrdup(output);
	ep->group_by = g;
	ep->store.fd = -1;
	ep->newest = INT64_MIN;
	ep->images = ks_epub_book_images(s);
	/* main() has refused a --lang that is not a tag. */
	ep->lang = ks_lang_tag(s->lang);
	ep->lang_fixed = ep->lang != NULL;
	ks_epub_media_start(&ep->media, &ep->store, s,
	    ep->images == KS_IMAGES_EMBED);
	return ep;
}

static void *
epub_prepare(const void *state, const struct ks_settings *s,
    const struct ks_article *a)
{
	(void)state;	/* needs the article alone */
	return ks_epub_prepare(s, a, KS_EPUB_DEFLATE_LEVEL);
}

static void
epub_free_part(void *part)
{
	ks_epub_prepared_free(part);
}

/* Renders the body with the media hook, which embeds images. */
static void
render_body(struct epub *ep, const struct ks_article *a, struct ks_buf *out)
{
	struct ks_render_opts o = { .xhtml = true, .images = ep->images,
		.heading_shift = 1 };

	if (ep->images == KS_IMAGES_EMBED || ep->images == KS_IMAGES_LINK) {
		o.images = KS_IMAGES_LINK;
		o.image_src = ks_epub_media_src;
		o.image_ctx = &ep->media;
	}
	ep->media.path = a->path;
	ks_render_html(out, a->body, &o);
	ep->media.path = NULL;
}

static int
epub_add(void *state, const struct ks_article *a, void *part)
{
	struct epub *ep = state;
	struct ks_epub_prepared *pp = part;
	struct ks_buf serial = KS_BUF_INIT, *body = &serial;
	struct chapter *c = ks_xcalloc(1, sizeof(*c));
	struct ks_epub_chapter *m = &c->f.m;
	size_t len;

	ks_epub_chapter_meta(m, a, ep->s);
	c->strings = ks_epub_pack_strings((char **[]){ &m->title, &m->lang,
	    &m->author, &m->source, &m->link, &m->category }, 6);
	if (a->date.known && a->date.utc > ep->newest)
		ep->newest = a->date.utc;
	/* The book speaks its first article's known language. */
	if (!ep->lang_fixed && ep->lang == NULL && m->lang != NULL &&
	    strcmp(m->lang, "und") != 0)
		ep->lang = ks_xstrdup(m->lang);
	if (pp != NULL) {
		body = &pp->data;
		c->f.deflated = pp->deflated;
		c->f.crc = pp->crc;
		c->f.size = pp->size;
	} else {
		render_body(ep, a, &serial);
	}
	len = body->len;
	ks_epub_store_keep(&ep->store, &c->f.body, ks_buf_detach(body), len);
	if (pp != NULL)
		ks_epub_prepared_free(pp);
	c->seq = ep->nch;
	if (ep->nch == ep->capch) {
		ep->capch = ep->capch ? ep->capch * 2 : 64;
		ep->ch = ks_xrealloc(ep->ch, ep->capch * sizeof(*ep->ch));
	}
	ep->ch[ep->nch++] = c;
	return 0;
}

/* Oldest first, undated last, input order among equals. */
static int
by_date(const void *x, const void *y)
{
	const struct chapter *a = *(const struct chapter *const *)x;
	const struct chapter *b = *(const struct chapter *const *)y;

	if (a->f.m.date.known != b->f.m.date.known)
		return a->f.m.date.known ? -1 : 1;
	if (a->f.m.date.known && a->f.m.date.utc != b->f.m.date.utc)
		return a->f.m.date.utc < b->f.m.date.utc ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* Sections in the order their first chapter comes, chapters in date
 * order within each; seq is the date order by then. */
static int
by_group(const void *x, const void *y)
{
	const struct chapter *a = *(const struct chapter *const *)x;
	const struct chapter *b = *(const struct chapter *const *)y;

	if (a->group != b->group)
		return a->group < b->group ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/*
 * The section called name, made at position first when new. Linear in the
 * sections, which are months or categories: a few hundred at most.
 */
static const struct section *
section(struct epub *ep, const char *name, size_t first)
{
	for (size_t i = 0; i < ep->nsections; i++)
		if (strcmp(ep->sections[i].name, name) == 0)
			return &ep->sections[i];
	ep->sections = ks_xrealloc(ep->sections, (ep->nsections + 1) *
	    sizeof(*ep->sections));
	ep->sections[ep->nsections].name = ks_xstrdup(name);
	ep->sections[ep->nsections].first = first;
	return &ep->sections[ep->nsections++];
}

/* Puts the chapters in reading order and names their files. */
static void
order_chapters(struct epub *ep, const char *lang)
{
	/* qsort's pointer must not be NULL, even for no element. */
	if (ep->nch > 1)
		qsort(ep->ch, ep->nch, sizeof(*ep->ch), by_date);
	for (size_t i = 0; i < ep->nch && ep->group_by != GROUP_NONE; i++) {
		struct chapter *c = ep->ch[i];
		struct ks_buf b = KS_BUF_INIT;
		const struct section *s;
		/* Past every real position: uncategorised goes last. */
		size_t first = i;

		c->seq = i;
		if (ep->group_by == GROUP_MONTH && c->f.m.date.known)
			ks_epub_month_label(&b, &c->f.m.date, lang);
		else if (ep->group_by == GROUP_MONTH)
			ks_buf_puts(&b, ks_epub_undated_label(lang));
		else if (c->f.m.category != NULL)
			ks_buf_puts(&b, c->f.m.category);
		else {
			ks_buf_puts(&b, ks_epub_uncategorised_label(lang));
			first = ep->nch;
		}
		s = section(ep, ks_buf_cstr(&b), first);
		/* The name outlives moves of the array: it is its own. */
		c->f.m.group = s->name;
		c->group = s->first;
		ks_buf_free(&b);
	}
	if (ep->group_by != GROUP_NONE && ep->nch > 1)
		qsort(ep->ch, ep->nch, sizeof(*ep->ch), by_group);
	for (size_t i = 0; i < ep->nch; i++)
		snprintf(ep->ch[i]->f.m.file, sizeof(ep->ch[i]->f.m.file),
		    "chap-%04zu.xhtml", i + 1);
}

static void
utc_stamp(int64_t t, char *buf)
{
	struct ks_date d = { .utc = t, .known = true, .has_time = true,
		.has_zone = true };

	ks_date_format_utc(&d, buf);
}


static int
epub_finish(void *state)
{
	struct epub *ep = state;
	struct ks_epub_book book;
	struct ks_epub_chapter **chapters;
	const struct ks_epub_file **files;
	struct ks_epub_image *images;
	char *id;
	int64_t now = ks_wu_now(ep->s, ep->newest);
	size_t n = 0;
	int rc;

	if (ep->lang == NULL)
		ep->lang = ks_xstrdup("und");
	for (size_t i = 0; i < ep->nch; i++)
		if (ep->ch[i]->f.m.lang == NULL)
			ep->ch[i]->f.m.lang = ep->lang;
	if (ep->media.not_fetched > 0)
		ks_warn(NULL, 0, "%zu remote image%s left as links in the "
		    "book (--fetch-images downloads them)",
		    ep->media.not_fetched, ep->media.not_fetched == 1 ? "" : "s");
	order_chapters(ep, ep->lang);
	id = strncmp(ep->s->id, "urn:uuid:", 9) == 0 ? ks_xstrdup(ep->s->id) :
	    ks_derive_uuid(NULL, ep->s->id);
	images = ks_xcalloc(ep->media.embedded + 1, sizeof(*images));
	for (size_t i = 0; i < ep->media.len; i++)
		if (ep->media.v[i].m.file[0] != '\0')
			images[n++] = ep->media.v[i].m;
	memset(&book, 0, sizeof(book));
	book.id = id;
	book.title = ep->s->title;
	book.subtitle = ep->s->subtitle;
	book.author = ep->s->author;
	book.lang = ep->lang;
	utc_stamp(ep->newest == INT64_MIN ? now : ep->newest, book.date);
	utc_stamp(now, book.modified);
	book.vertical = ep->s->vertical;
	book.grouped = ep->group_by != GROUP_NONE;
	chapters = ks_xcalloc(ep->nch + 1, sizeof(*chapters));
	files = ks_xcalloc(ep->nch + 1, sizeof(*files));
	for (size_t i = 0; i < ep->nch; i++) {
		chapters[i] = &ep->ch[i]->f.m;
		files[i] = &ep->ch[i]->f;
	}
	book.chapters = chapters;
	book.nchapters = ep->nch;
	book.images = images;
	book.nimages = n;
	rc = ks_epub_zip_write(ep->output, &book, files, &ep->media,
	    &ep->store, now);
	free(files);
	free(chapters);
	free(images);
	free(id);
	return rc;
}

const struct ks_writer_class ks_writer_epub = {
	.name = "epub",
	.default_name = "anthology.epub",
	.summary = "an EPUB 3 book of all articles, oldest first",
	.folder = false,
	.to_stdout = false,
	.begin = epub_begin,
	.prepare = epub_prepare,
	.free_part = epub_free_part,
	.add = epub_add,
	.finish = epub_finish,
	.free = epub_free,
};
