/* The EPUB 3 writer, the only file that includes <zip.h>. Each article's
 * chapter is made on the reading thread, deflated when it can be
 * (epub_chapter.c), and kept (epub_store.c: in memory, then in a spill
 * file once the book grows large); at the end the chapters are put in
 * chronological order and libzip packs the book straight into a temporary
 * file next to the output, renamed over it once complete. The XML of the
 * book is epub_parts.c's. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zip.h>

#include "derive.h"
#include "diag.h"
#include "epub_chapter.h"
#include "epub_parts.h"
#include "epub_store.h"
#include "output.h"
#include "render.h"
#include "writer.h"
#include "wutil.h"
#include "xalloc.h"

/*
 * Deflate level of every entry but mimetype, measured on 10 000 bench
 * articles (book size) and on 480 of them (callgrind, whole run, --to
 * epub -j 1). With zlib: level 6 gave 27.2 MB in 1 352 M instructions,
 * 3 gave 28.3 MB in 1 226 M. With libdeflate, which now packs the
 * chapters (deflate.c): 4 gives 27.4 MB in 1 112 M, 6 gives 27.1 MB in
 * 1 154 M, 9 gives 27.0 MB in 1 218 M. So 6: smaller than zlib's 6, and
 * cheaper than zlib's 3. Chapters are deflated on the reading threads
 * (epub_chapter.c); the few other entries by libzip, at zlib's 6.
 */
#define DEFLATE_LEVEL	6

enum group_by {
	GROUP_NONE,
	GROUP_MONTH,
	GROUP_CATEGORY,
};

struct chapter;
struct epub;

/* A part of the book made from its whole table of chapters. */
typedef void (*book_part_fn)(struct ks_buf *, const struct ks_epub_book *);

/*
 * One entry of the zip whose bytes libzip pulls while it compresses:
 * head + blob + tail, the head made only while the entry is open. A
 * chapter's head is its title and byline; a generated part (the package,
 * the contents), whose size grows with the book, is all head, so only
 * one of them is in memory at a time.
 */
struct part {
	struct epub			*ep;
	const struct chapter		*chapter;	/* or NULL */
	const struct ks_epub_book	*book;		/* for gen */
	book_part_fn			 gen;		/* or NULL */
	const struct ks_epub_blob	*blob;		/* NULL for gen */
	struct ks_buf			 head;
	int				 open;
	zip_uint64_t			 pos;
	/* The entry's size once known: libzip asks it more than once, and
	 * a generated part is only made again when read. */
	zip_uint64_t			 size;
	bool				 sized;
	zip_error_t			 err;
	bool				 owned;		/* by the source */
};

/* A chapter and the zip source of its file: one allocation, and one for
 * its strings (strings), as a long book keeps a hundred thousand. */
struct chapter {
	struct ks_epub_chapter	 m;
	struct ks_epub_blob	 body;
	size_t			 seq;	/* input order, then date order */
	size_t			 group;	/* the section's first position */
	char			*strings;	/* m's strings */
	bool			 deflated;	/* body: the whole file, deflated */
	uint32_t		 crc;		/* then: the file's CRC-32 */
	size_t			 size;		/* and its size */
	struct epub		*ep;		/* for its zip source */
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
	/* The state of the chapter libzip is reading: one at a time, so
	 * one for the book rather than one a chapter. */
	struct part		 pull;
};


static void
epub_free(void *state)
{
	struct epub *ep = state;

	if (ep == NULL)
		return;
	for (size_t i = 0; i < ep->nch; i++) {
		free(ep->ch[i]->strings);
		ks_epub_blob_free(&ep->ch[i]->body);
		free(ep->ch[i]);
	}
	free(ep->ch);
	ks_buf_free(&ep->pull.head);
	zip_error_fini(&ep->pull.err);
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
	ep->pull.ep = ep;
	zip_error_init(&ep->pull.err);
	ep->newest = INT64_MIN;
	ep->images = ks_epub_book_images(s);
	if (s->lang != NULL && (ep->lang = ks_epub_book_lang(s->lang)) == NULL)
		ks_warn(NULL, 0, "--lang '%s' is not a language tag; the book "
		    "takes its articles' language", s->lang);
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
	return ks_epub_prepare(s, a, DEFLATE_LEVEL);
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
	struct ks_epub_chapter *m = &c->m;
	size_t len;

	ks_epub_chapter_meta(m, a, ep->s);
	c->strings = ks_epub_pack_strings((char **[]){ &m->title, &m->lang,
	    &m->author, &m->source, &m->link, &m->category }, 6);
	c->ep = ep;
	if (a->date.known && a->date.utc > ep->newest)
		ep->newest = a->date.utc;
	/* The book speaks its first article's known language. */
	if (!ep->lang_fixed && ep->lang == NULL && m->lang != NULL &&
	    strcmp(m->lang, "und") != 0)
		ep->lang = ks_xstrdup(m->lang);
	if (pp != NULL) {
		body = &pp->data;
		c->deflated = pp->deflated;
		c->crc = pp->crc;
		c->size = pp->size;
	} else {
		render_body(ep, a, &serial);
	}
	len = body->len;
	ks_epub_store_keep(&ep->store, &c->body, ks_buf_detach(body), len);
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

	if (a->m.date.known != b->m.date.known)
		return a->m.date.known ? -1 : 1;
	if (a->m.date.known && a->m.date.utc != b->m.date.utc)
		return a->m.date.utc < b->m.date.utc ? -1 : 1;
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
		if (ep->group_by == GROUP_MONTH && c->m.date.known)
			ks_epub_month_label(&b, &c->m.date, lang);
		else if (ep->group_by == GROUP_MONTH)
			ks_buf_puts(&b, ks_epub_undated_label(lang));
		else if (c->m.category != NULL)
			ks_buf_puts(&b, c->m.category);
		else {
			ks_buf_puts(&b, ks_epub_uncategorised_label(lang));
			first = ep->nch;
		}
		s = section(ep, ks_buf_cstr(&b), first);
		/* The name outlives moves of the array: it is its own. */
		c->m.group = s->name;
		c->group = s->first;
		ks_buf_free(&b);
	}
	if (ep->group_by != GROUP_NONE && ep->nch > 1)
		qsort(ep->ch, ep->nch, sizeof(*ep->ch), by_group);
	for (size_t i = 0; i < ep->nch; i++)
		snprintf(ep->ch[i]->m.file, sizeof(ep->ch[i]->m.file),
		    "chap-%04zu.xhtml", i + 1);
}

static void
utc_stamp(int64_t t, char *buf)
{
	struct ks_date d = { .utc = t, .known = true, .has_time = true,
		.has_zone = true };

	ks_date_format_utc(&d, buf);
}

/*
 * The time_t to give libzip for the instant t. libzip writes DOS times
 * in the local zone of the machine; handing it the instant whose local
 * time reads as t in UTC makes the bytes the same in every zone.
 */
static time_t
zip_mtime(int64_t t)
{
	struct tm tm;
	time_t tt;

	if (t < 315532800)		/* DOS times start in 1980 */
		t = 315532800;
	if (t > 4354819199)		/* ... and end in 2107 */
		t = 4354819199;
	tt = (time_t)t;
	gmtime_r(&tt, &tm);
	tm.tm_isdst = -1;
	return mktime(&tm);
}

/* Is the blob a chapter body, between its head and tail? Else it is the
 * whole entry: an image, or a chapter deflated on a reading thread. */
static bool
wrapped(const struct part *p)
{
	return p->chapter != NULL && !p->chapter->deflated;
}

static void
part_head(struct part *p)
{
	if (p->head.len > 0)
		return;
	if (wrapped(p))
		ks_epub_chapter_head(&p->head, &p->chapter->m);
	else if (p->gen != NULL)
		p->gen(&p->head, p->book);
}

/* The bytes libzip reads: the file's, or its deflated data. */
static zip_uint64_t
part_size(struct part *p)
{
	if (!p->sized) {
		part_head(p);
		p->size = p->head.len + (p->blob ? p->blob->len : 0) +
		    (wrapped(p) ? strlen(ks_epub_chapter_tail()) : 0);
		p->sized = true;
	}
	return p->size;
}

/* Copies up to n bytes of the entry from p->pos. Returns the count, or
 * -1 when the spill file cannot be read. */
static zip_int64_t
part_read(struct part *p, char *dst, zip_uint64_t n)
{
	const char *tail = wrapped(p) ? ks_epub_chapter_tail() : "";
	size_t hl = p->head.len, bl = p->blob ? p->blob->len : 0;
	size_t tl = strlen(tail);
	zip_uint64_t done = 0;

	while (done < n && p->pos < hl + bl + tl) {
		size_t at = (size_t)p->pos, want = (size_t)(n - done), k;
		ssize_t r;

		if (at < hl) {
			k = hl - at < want ? hl - at : want;
			memcpy(dst + done, p->head.ptr + at, k);
		} else if (at < hl + bl) {
			r = ks_epub_store_read(&p->ep->store, p->blob, at - hl,
			    dst + done, want);
			if (r < 0) {
				zip_error_set(&p->err, ZIP_ER_READ, errno);
				return -1;
			}
			k = (size_t)r;
		} else {
			k = hl + bl + tl - at < want ? hl + bl + tl - at : want;
			memcpy(dst + done, tail + (at - hl - bl), k);
		}
		done += k;
		p->pos += k;
	}
	return (zip_int64_t)done;
}

static zip_int64_t
part_cb(void *ud, void *data, zip_uint64_t len, zip_source_cmd_t cmd)
{
	struct part *p = ud;
	zip_stat_t *st;

	switch (cmd) {
	case ZIP_SOURCE_OPEN:
		part_head(p);
		p->open = 1;
		p->pos = 0;
		return 0;
	case ZIP_SOURCE_READ:
		return part_read(p, data, len);
	case ZIP_SOURCE_CLOSE:
		/* One chapter's head at a time, however long the book. */
		ks_buf_free(&p->head);
		p->open = 0;
		return 0;
	case ZIP_SOURCE_STAT:
		if ((st = ZIP_SOURCE_GET_ARGS(zip_stat_t, data, len,
		    &p->err)) == NULL)
			return -1;
		zip_stat_init(st);
		st->valid = ZIP_STAT_SIZE;
		st->size = part_size(p);
		if (p->chapter != NULL && p->chapter->deflated) {
			/* Data of the entry's own method: libzip copies it
			 * as it is and takes the CRC from here. */
			st->valid |= ZIP_STAT_COMP_SIZE |
			    ZIP_STAT_COMP_METHOD | ZIP_STAT_CRC;
			st->comp_size = st->size;
			st->size = p->chapter->size;
			st->comp_method = ZIP_CM_DEFLATE;
			st->crc = p->chapter->crc;
		}
		if (!p->open)
			ks_buf_free(&p->head);
		return sizeof(*st);
	case ZIP_SOURCE_ERROR:
		return zip_error_to_data(&p->err, data, len);
	case ZIP_SOURCE_FREE:
		ks_buf_free(&p->head);
		zip_error_fini(&p->err);
		if (p->owned)
			free(p);
		return 0;
	case ZIP_SOURCE_SUPPORTS:
		return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN,
		    ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT,
		    ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
	default:
		zip_error_set(&p->err, ZIP_ER_OPNOTSUPP, 0);
		return -1;
	}
}

/* Adds name with src's bytes; store = no compression. Returns 0 or -1
 * (src is freed either way). */
static int
add_entry(zip_t *za, const char *name, zip_source_t *src, bool store,
    time_t mtime)
{
	zip_int64_t i;

	if (src == NULL)
		return -1;
	if ((i = zip_file_add(za, name, src, 0)) < 0) {
		zip_source_free(src);
		return -1;
	}
	if (zip_set_file_compression(za, (zip_uint64_t)i, store ? ZIP_CM_STORE :
	    ZIP_CM_DEFLATE, store ? 0 : DEFLATE_LEVEL) != 0 ||
	    zip_file_set_mtime(za, (zip_uint64_t)i, mtime, 0) != 0 ||
	    zip_file_set_external_attributes(za, (zip_uint64_t)i, 0,
	    ZIP_OPSYS_UNIX, 0100644u << 16) != 0)
		return -1;
	return 0;
}

/* Adds one generated text part. */
static int
add_text(zip_t *za, const char *name, struct ks_buf *b, bool store,
    time_t mtime)
{
	size_t len = b->len;
	char *data = ks_buf_detach(b);
	zip_source_t *src = zip_source_buffer(za, data, len, 1);

	if (src == NULL)
		free(data);
	return add_entry(za, name, src, store, mtime);
}

/* Adds the entry name pulling p's bytes (an owned p is freed either
 * way). */
static int
add_pulled(zip_t *za, const char *name, struct part *p, time_t mtime)
{
	zip_source_t *src;

	zip_error_init(&p->err);
	if ((src = zip_source_function(za, part_cb, p)) == NULL) {
		zip_error_fini(&p->err);
		if (p->owned)
			free(p);
	}
	return add_entry(za, name, src, false, mtime);
}

/* Adds the chapter or image p in EPUB/name. */
static int
add_part(zip_t *za, const char *name, struct part *p, time_t mtime)
{
	struct ks_buf path = KS_BUF_INIT;
	int rc;

	ks_buf_printf(&path, "EPUB/%s", name);
	rc = add_pulled(za, ks_buf_cstr(&path), p, mtime);
	ks_buf_free(&path);
	return rc;
}

/*
 * A chapter's zip source (ud is the chapter). libzip opens, reads and
 * closes one entry after another, so the reading state is the book's
 * ep->pull; a chapter asked its size while another is open gets a
 * passing state of its own.
 */
static zip_int64_t
chapter_cb(void *ud, void *data, zip_uint64_t len, zip_source_cmd_t cmd)
{
	struct chapter *c = ud;
	struct part *p = &c->ep->pull, passing;
	zip_int64_t rc;

	switch (cmd) {
	case ZIP_SOURCE_OPEN:
		ks_buf_free(&p->head);
		p->chapter = c;
		p->blob = &c->body;
		p->open = 0;
		p->sized = false;
		break;
	case ZIP_SOURCE_STAT:
		if (p->chapter == c)
			break;
		memset(&passing, 0, sizeof(passing));
		passing.ep = c->ep;
		passing.chapter = c;
		passing.blob = &c->body;
		zip_error_init(&passing.err);
		if ((rc = part_cb(&passing, data, len, cmd)) < 0)
			zip_error_set(&p->err, zip_error_code_zip(&passing.err),
			    zip_error_code_system(&passing.err));
		ks_buf_free(&passing.head);
		zip_error_fini(&passing.err);
		return rc;
	case ZIP_SOURCE_CLOSE:
		rc = part_cb(p, data, len, cmd);
		p->chapter = NULL;
		return rc;
	case ZIP_SOURCE_FREE:
		return 0;	/* the chapter is the writer's */
	case ZIP_SOURCE_SUPPORTS:
		return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN,
		    ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT,
		    ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
	default:
		break;
	}
	return part_cb(p, data, len, cmd);
}

static int
add_chapter(zip_t *za, struct chapter *c, time_t mtime)
{
	struct ks_buf path = KS_BUF_INIT;
	zip_source_t *src;
	int rc;

	ks_buf_printf(&path, "EPUB/%s", c->m.file);
	src = zip_source_function(za, chapter_cb, c);
	rc = add_entry(za, ks_buf_cstr(&path), src, false, mtime);
	ks_buf_free(&path);
	return rc;
}

static int
add_image(struct epub *ep, zip_t *za, const struct ks_epub_embedded *e,
    time_t mtime)
{
	struct part *p = ks_xcalloc(1, sizeof(*p));

	p->ep = ep;
	p->blob = &e->data;
	p->owned = true;
	return add_part(za, e->m.file, p, mtime);
}

/* Adds a part generated from the book only while libzip writes it. */
static int
add_generated(struct epub *ep, zip_t *za, const char *name,
    book_part_fn gen, const struct ks_epub_book *book, time_t mtime)
{
	struct part *p = ks_xcalloc(1, sizeof(*p));

	p->ep = ep;
	p->gen = gen;
	p->book = book;
	p->owned = true;
	return add_pulled(za, name, p, mtime);
}

/* Every entry, in the one order that makes the bytes reproducible. */
static int
add_all(struct epub *ep, zip_t *za, struct ks_epub_book *book, time_t t)
{
	struct ks_buf b = KS_BUF_INIT;
	int rc = -1;

	ks_buf_puts(&b, "application/epub+zip");
	if (add_text(za, "mimetype", &b, true, t) != 0)
		goto out;
	ks_epub_container(&b);
	if (add_text(za, "META-INF/container.xml", &b, false, t) != 0)
		goto out;
	if (add_generated(ep, za, "EPUB/package.opf", ks_epub_package, book,
	    t) != 0 ||
	    add_generated(ep, za, "EPUB/nav.xhtml", ks_epub_nav, book,
	    t) != 0 ||
	    add_generated(ep, za, "EPUB/toc.ncx", ks_epub_ncx, book, t) != 0)
		goto out;
	ks_epub_css(&b, book->vertical);
	if (add_text(za, "EPUB/style.css", &b, false, t) != 0)
		goto out;
	ks_epub_cover_svg(&b, book);
	if (add_text(za, "EPUB/cover.svg", &b, false, t) != 0)
		goto out;
	ks_epub_cover_page(&b, book);
	if (add_text(za, "EPUB/cover.xhtml", &b, false, t) != 0)
		goto out;
	ks_epub_title_page(&b, book);
	if (add_text(za, "EPUB/title.xhtml", &b, false, t) != 0)
		goto out;
	for (size_t i = 0; i < ep->nch; i++)
		if (add_chapter(za, ep->ch[i], t) != 0)
			goto out;
	for (size_t i = 0; i < ep->media.len; i++) {
		const struct ks_epub_embedded *e = &ep->media.v[i];

		if (e->m.file[0] != '\0' && add_image(ep, za, e, t) != 0)
			goto out;
	}
	rc = 0;
out:
	ks_buf_free(&b);
	return rc;
}

/* Copies the finished book at tmp to standard output. */
static int
copy_out(const char *tmp)
{
	char chunk[65536];
	FILE *fp = fopen(tmp, "rb");
	size_t n;
	int rc = 0;

	if (fp == NULL)
		return -1;
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		if (fwrite(chunk, 1, n, stdout) != n)
			rc = -1;
	if (ferror(fp) || fflush(stdout) != 0)
		rc = -1;
	fclose(fp);
	return rc;
}

/* Flushes the file at path to disk. Returns 0 or -1 (errno). */
static int
sync_file(const char *path)
{
	int fd = open(path, O_RDONLY), rc;

	if (fd < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

/*
 * Packs the book into a temporary file beside the output (or in TMPDIR
 * for standard output) and renames it over the output once complete.
 * Returns 0, or -1 after reporting; then no temporary file is left.
 */
static int
write_book(struct epub *ep, struct ks_epub_book *book, int64_t now)
{
	const char *out = ep->output;
	bool to_stdout = strcmp(out, "-") == 0;
	const char *name = to_stdout ? "<stdout>" : out;
	struct ks_buf tmp = KS_BUF_INIT;
	zip_t *za = NULL;
	int fd, zerr = 0, rc = -1;

	if (to_stdout)
		ks_buf_printf(&tmp, "%s/ksconv-XXXXXX", ks_output_temp_dir());
	else
		ks_buf_printf(&tmp, "%s.tmp-XXXXXX", out);
	/* libzip gives its own temporary file this file's mode. */
	if ((fd = ks_output_open_temp(tmp.ptr, KS_OUTPUT_MODE)) < 0) {
		ks_error(name, 0, "cannot create a temporary file: %s",
		    strerror(errno));
		ks_buf_free(&tmp);
		return -1;
	}
	close(fd);
	if ((za = zip_open(tmp.ptr, ZIP_TRUNCATE, &zerr)) == NULL) {
		zip_error_t e;

		zip_error_init_with_code(&e, zerr);
		ks_error(name, 0, "cannot start the book: %s",
		    zip_error_strerror(&e));
		zip_error_fini(&e);
		goto out;
	}
	if (add_all(ep, za, book, zip_mtime(now)) != 0) {
		ks_error(name, 0, "cannot pack the book: %s", zip_strerror(za));
		zip_discard(za);
		goto out;
	}
	if (zip_close(za) != 0) {
		ks_error(name, 0, "cannot write: %s", zip_strerror(za));
		zip_discard(za);
		goto out;
	}
	if (sync_file(tmp.ptr) != 0) {
		ks_error(name, 0, "cannot write: %s", strerror(errno));
		goto out;
	}
	if (to_stdout ? copy_out(tmp.ptr) != 0 : rename(tmp.ptr, out) != 0) {
		ks_error(name, 0, "cannot %s: %s", to_stdout ? "write" :
		    "replace", strerror(errno));
		goto out;
	}
	rc = 0;
out:
	if (rc != 0 || to_stdout)
		unlink(tmp.ptr);
	ks_buf_free(&tmp);
	return rc;
}

static int
epub_finish(void *state)
{
	struct epub *ep = state;
	struct ks_epub_book book;
	struct ks_epub_chapter **chapters;
	struct ks_epub_image *images;
	char *id;
	int64_t now = ks_wu_now(ep->s, ep->newest);
	size_t n = 0;
	int rc;

	if (ep->lang == NULL)
		ep->lang = ks_xstrdup("und");
	for (size_t i = 0; i < ep->nch; i++)
		if (ep->ch[i]->m.lang == NULL)
			ep->ch[i]->m.lang = ep->lang;
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
	for (size_t i = 0; i < ep->nch; i++)
		chapters[i] = &ep->ch[i]->m;
	book.chapters = chapters;
	book.nchapters = ep->nch;
	book.images = images;
	book.nimages = n;
	rc = write_book(ep, &book, now);
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
