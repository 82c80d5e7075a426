/* Packs an EPUB book into its zip with libzip, the only file that
 * includes <zip.h>. libzip writes everything in zip_close, pulling each
 * entry from a zip source: a chapter's file (deflated on a reading thread,
 * or its body wrapped here in its head and tail), an image, or a part made
 * from the whole book (package, nav, NCX) only while libzip reads it.
 * The entries' order and times make the bytes reproducible. */
#include "epub_zip.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zip.h>

#include "diag.h"
#include "output.h"
#include "xalloc.h"

struct pack;

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
	struct pack			*pack;
	const struct ks_epub_file	*file;		/* a chapter's, or NULL */
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

/* A chapter's zip source: its file, and the packing it belongs to. */
struct chapter_src {
	struct pack			*pack;
	const struct ks_epub_file	*file;
};

/* One packing of a book. */
struct pack {
	const struct ks_epub_store	*store;		/* the blobs' */
	const struct ks_epub_media	*media;
	struct chapter_src		*chapters;	/* in reading order */
	/* The state of the chapter libzip is reading: one at a time, so
	 * one for the book rather than one a chapter. */
	struct part			 pull;
};

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
	return p->file != NULL && !p->file->deflated;
}

static void
part_head(struct part *p)
{
	if (p->head.len > 0)
		return;
	if (wrapped(p))
		ks_epub_chapter_head(&p->head, &p->file->m);
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
			r = ks_epub_store_read(p->pack->store, p->blob, at - hl,
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
		if (p->file != NULL && p->file->deflated) {
			/* Data of the entry's own method: libzip copies it
			 * as it is and takes the CRC from here. */
			st->valid |= ZIP_STAT_COMP_SIZE |
			    ZIP_STAT_COMP_METHOD | ZIP_STAT_CRC;
			st->comp_size = st->size;
			st->size = p->file->size;
			st->comp_method = ZIP_CM_DEFLATE;
			st->crc = p->file->crc;
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
	    ZIP_CM_DEFLATE, store ? 0 : KS_EPUB_DEFLATE_LEVEL) != 0 ||
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
 * A chapter's zip source (ud is its chapter_src). libzip opens, reads
 * and closes one entry after another, so the reading state is the
 * packing's pk->pull; a chapter asked its size while another is open
 * gets a passing state of its own.
 */
static zip_int64_t
chapter_cb(void *ud, void *data, zip_uint64_t len, zip_source_cmd_t cmd)
{
	const struct chapter_src *cs = ud;
	const struct ks_epub_file *c = cs->file;
	struct part *p = &cs->pack->pull, passing;
	zip_int64_t rc;

	switch (cmd) {
	case ZIP_SOURCE_OPEN:
		ks_buf_free(&p->head);
		p->file = c;
		p->blob = &c->body;
		p->open = 0;
		p->sized = false;
		break;
	case ZIP_SOURCE_STAT:
		if (p->file == c)
			break;
		memset(&passing, 0, sizeof(passing));
		passing.pack = cs->pack;
		passing.file = c;
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
		p->file = NULL;
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
add_chapter(zip_t *za, struct chapter_src *cs, time_t mtime)
{
	struct ks_buf path = KS_BUF_INIT;
	zip_source_t *src;
	int rc;

	ks_buf_printf(&path, "EPUB/%s", cs->file->m.file);
	src = zip_source_function(za, chapter_cb, cs);
	rc = add_entry(za, ks_buf_cstr(&path), src, false, mtime);
	ks_buf_free(&path);
	return rc;
}

static int
add_image(struct pack *pk, zip_t *za, const struct ks_epub_embedded *e,
    time_t mtime)
{
	struct part *p = ks_xcalloc(1, sizeof(*p));

	p->pack = pk;
	p->blob = &e->data;
	p->owned = true;
	return add_part(za, e->m.file, p, mtime);
}

/* Adds a part generated from the book only while libzip writes it. */
static int
add_generated(struct pack *pk, zip_t *za, const char *name,
    book_part_fn gen, const struct ks_epub_book *book, time_t mtime)
{
	struct part *p = ks_xcalloc(1, sizeof(*p));

	p->pack = pk;
	p->gen = gen;
	p->book = book;
	p->owned = true;
	return add_pulled(za, name, p, mtime);
}

/* Every entry, in the one order that makes the bytes reproducible. */
static int
add_all(struct pack *pk, zip_t *za, const struct ks_epub_book *book, time_t t)
{
	struct ks_buf b = KS_BUF_INIT;
	int rc = -1;

	ks_buf_puts(&b, "application/epub+zip");
	if (add_text(za, "mimetype", &b, true, t) != 0)
		goto out;
	ks_epub_container(&b);
	if (add_text(za, "META-INF/container.xml", &b, false, t) != 0)
		goto out;
	if (add_generated(pk, za, "EPUB/package.opf", ks_epub_package, book,
	    t) != 0 ||
	    add_generated(pk, za, "EPUB/nav.xhtml", ks_epub_nav, book,
	    t) != 0 ||
	    add_generated(pk, za, "EPUB/toc.ncx", ks_epub_ncx, book, t) != 0)
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
	for (size_t i = 0; i < book->nchapters; i++)
		if (add_chapter(za, &pk->chapters[i], t) != 0)
			goto out;
	for (size_t i = 0; i < pk->media->len; i++) {
		const struct ks_epub_embedded *e = &pk->media->v[i];

		if (e->m.file[0] != '\0' && add_image(pk, za, e, t) != 0)
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

/* ks_epub_zip_write with the packing pk set up. */
static int
write_book(struct pack *pk, const char *out, const struct ks_epub_book *book,
    int64_t now)
{
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
		ks_error(name, 0, "cannot create a temporary file%s%s: %s",
		    to_stdout ? " in " : "", to_stdout ?
		    ks_output_temp_dir() : "", strerror(errno));
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
	if (add_all(pk, za, book, zip_mtime(now)) != 0) {
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

int
ks_epub_zip_write(const char *out, const struct ks_epub_book *book,
    const struct ks_epub_file *const *files,
    const struct ks_epub_media *media,
    const struct ks_epub_store *store, int64_t now)
{
	struct pack pk;
	int rc;

	memset(&pk, 0, sizeof(pk));
	pk.store = store;
	pk.media = media;
	pk.chapters = ks_xcalloc(book->nchapters + 1, sizeof(*pk.chapters));
	for (size_t i = 0; i < book->nchapters; i++) {
		pk.chapters[i].pack = &pk;
		pk.chapters[i].file = files[i];
	}
	pk.pull.pack = &pk;
	zip_error_init(&pk.pull.err);
	rc = write_book(&pk, out, book, now);
	ks_buf_free(&pk.pull.head);
	zip_error_fini(&pk.pull.err);
	free(pk.chapters);
	return rc;
}
