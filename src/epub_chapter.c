/* An EPUB chapter made from its article alone, on a reading thread: its
 * metadata, its body, and when it can be, its whole file deflated (the
 * book's costliest step, spread over the threads this way). No zip here:
 * that is epub_zip.c's. */
#include "epub_chapter.h"

#include <stdlib.h>
#include <string.h>

#include "deflate.h"
#include "render.h"
#include "text.h"
#include "url.h"
#include "wutil.h"
#include "xalloc.h"

/* A link the book may carry: absolute http(s), cleaned; else NULL. */
static char *
chapter_link(const char *url)
{
	char *out = NULL;

	if (url == NULL || ks_url_clean(url, NULL, KS_URL_LINK, &out) !=
	    KS_URL_OK)
		return NULL;
	if (!ks_url_is_http(out)) {
		free(out);
		return NULL;
	}
	return out;
}

enum ks_images
ks_epub_book_images(const struct ks_settings *s)
{
	return s->images == KS_IMAGES_DEFAULT || s->images == KS_IMAGES_KEEP ?
	    KS_IMAGES_LINK : s->images;
}

/* The render hook of prepare(): notes that an image needs the book's
 * media table (a data: image is embedded, and numbered in book order). */
static char *
note_embedded(void *ctx, const char *url)
{
	bool *needs_media = ctx;

	if (strncmp(url, "data:", 5) == 0)
		*needs_media = true;
	return NULL;
}

void
ks_epub_prepared_free(struct ks_epub_prepared *pp)
{
	ks_buf_free(&pp->data);
	free(pp);
}

void
ks_epub_chapter_meta(struct ks_epub_chapter *m, const struct ks_article *a,
    const struct ks_settings *s)
{
	m->title = ks_xstrdup(a->title ? a->title : "");
	m->lang = ks_lang_tag(a->lang);
	m->author = ks_wu_author(a, s);
	/* An author that is only the source is shown as the source. */
	if (m->author[0] == '\0' || (a->source != NULL &&
	    strcmp(m->author, a->source) == 0)) {
		free(m->author);
		m->author = NULL;
	}
	if (a->source != NULL && (m->author == NULL ||
	    strstr(m->author, a->source) == NULL))
		m->source = ks_xstrdup(a->source);
	m->link = chapter_link(a->link);
	if (a->categories.len > 0)
		m->category = ks_xstrdup(a->categories.v[0]);
	m->date = a->date;
}

void
ks_epub_chapter_meta_free(struct ks_epub_chapter *m)
{
	free(m->title);
	free(m->lang);
	free(m->author);
	free(m->source);
	free(m->link);
	free(m->category);
}

/*
 * Deflates the whole chapter file (head, body, tail) into pp, as libzip
 * would at the end, but here on a reading thread. Not when the chapter's
 * language is the book's, known only then. Returns 0 or -1.
 */
static int
deflate_chapter(struct ks_epub_prepared *pp, const struct ks_article *a,
    const struct ks_settings *s, int level)
{
	struct ks_epub_chapter m;
	struct ks_buf file = KS_BUF_INIT, packed = KS_BUF_INIT;
	int rc = -1;

	memset(&m, 0, sizeof(m));
	ks_epub_chapter_meta(&m, a, s);
	if (m.lang == NULL)
		goto out;
	ks_epub_chapter_head(&file, &m);
	ks_buf_put(&file, pp->data.ptr, pp->data.len);
	ks_buf_puts(&file, ks_epub_chapter_tail());
	if (ks_deflate_raw(file.ptr, file.len, level, &packed,
	    &pp->crc) != 0)
		goto out;
	ks_buf_free(&pp->data);
	pp->data = packed;
	memset(&packed, 0, sizeof(packed));
	pp->size = file.len;
	pp->deflated = true;
	rc = 0;
out:
	ks_buf_free(&packed);
	ks_buf_free(&file);
	ks_epub_chapter_meta_free(&m);
	return rc;
}

/* In link mode the media hook leaves every image but data: ones as it
 * is, so rendering without it gives the same bytes. */
struct ks_epub_prepared *
ks_epub_prepare(const struct ks_settings *s, const struct ks_article *a,
    int level)
{
	struct ks_render_opts o = { .xhtml = true,
		.images = ks_epub_book_images(s), .heading_shift = 1 };
	struct ks_epub_prepared *pp;
	bool needs_media = false;

	if (o.images == KS_IMAGES_EMBED)
		return NULL;
	if (o.images == KS_IMAGES_LINK) {
		o.image_src = note_embedded;
		o.image_ctx = &needs_media;
	}
	pp = ks_xcalloc(1, sizeof(*pp));
	ks_render_html(&pp->data, a->body, &o);
	if (needs_media) {
		ks_epub_prepared_free(pp);
		return NULL;
	}
	/* Failing, it leaves the body for libzip to deflate. */
	(void)deflate_chapter(pp, a, s, level);
	return pp;
}

char *
ks_epub_pack_strings(char **v[], size_t n)
{
	size_t len = 0;
	char *block, *p;

	for (size_t i = 0; i < n; i++)
		if (*v[i] != NULL)
			len += strlen(*v[i]) + 1;
	p = block = ks_xmalloc(len ? len : 1);
	for (size_t i = 0; i < n; i++) {
		if (*v[i] == NULL)
			continue;
		len = strlen(*v[i]) + 1;
		memcpy(p, *v[i], len);
		free(*v[i]);
		*v[i] = p;
		p += len;
	}
	return block;
}
