/* The EPUB writer's pending bytes (a spill file past a limit) and its
 * embedded images: data: URLs decoded, remote ones fetched, every one
 * checked by its bytes to be an image readers show. */
#include "epub_store.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "fetch.h"
#include "output.h"
#include "xalloc.h"

static void
spill_open(struct ks_epub_store *st)
{
	st->tried = true;
	if ((st->fd = ks_output_anon_temp("ksconv-epub")) < 0)
		ks_warn(ks_output_temp_dir(), 0, "cannot create a spill file "
		    "(%s); the book is kept in memory", strerror(errno));
}

void
ks_epub_store_keep(struct ks_epub_store *st, struct ks_epub_blob *b,
    char *data, size_t len)
{
	size_t done = 0;

	b->mem = NULL;
	b->off = 0;
	b->len = len;
	if (!st->tried && st->mem_bytes + len > KS_EPUB_SPILL_AFTER)
		spill_open(st);
	while (st->fd >= 0 && done < len) {
		ssize_t n = pwrite(st->fd, data + done, len - done,
		    st->end + (off_t)done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		done += (size_t)n;
	}
	if (st->fd >= 0 && done == len) {
		b->off = st->end;
		st->end += (off_t)len;
		free(data);
		return;
	}
	/* No spill file, or a full disk: memory it is. */
	b->mem = data;
	st->mem_bytes += len;
}

ssize_t
ks_epub_store_read(const struct ks_epub_store *st,
    const struct ks_epub_blob *b, size_t off, char *dst, size_t n)
{
	ssize_t r;

	if (off >= b->len)
		return 0;
	if (n > b->len - off)
		n = b->len - off;
	if (b->mem != NULL) {
		memcpy(dst, b->mem + off, n);
		return (ssize_t)n;
	}
	do
		r = pread(st->fd, dst, n, b->off + (off_t)off);
	while (r < 0 && errno == EINTR);
	if (r == 0) {
		errno = EIO;	/* the spill file is shorter than written */
		return -1;
	}
	return r;
}

void
ks_epub_blob_free(struct ks_epub_blob *b)
{
	free(b->mem);
	b->mem = NULL;
}

void
ks_epub_store_close(struct ks_epub_store *st)
{
	if (st->fd >= 0)
		close(st->fd);
	st->fd = -1;
}

/* Where fetched images are kept between runs. The caller frees. */
static char *
cache_dir(const struct ks_settings *s)
{
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	struct ks_buf b = KS_BUF_INIT;

	if (s->image_cache != NULL)
		return ks_xstrdup(s->image_cache);
	if (xdg != NULL && xdg[0] == '/')
		ks_buf_printf(&b, "%s/ksconv/images", xdg);
	else if (home != NULL && home[0] == '/')
		ks_buf_printf(&b, "%s/.cache/ksconv/images", home);
	else
		return NULL;
	return ks_buf_detach(&b);
}

void
ks_epub_media_start(struct ks_epub_media *m, struct ks_epub_store *st,
    const struct ks_settings *s, bool remote)
{
	memset(m, 0, sizeof(*m));
	m->store = st;
	m->remote = remote;
	if (s->fetch_images && !remote)
		ks_warn(NULL, 0, "--fetch-images works with --images embed only");
	if (s->fetch_images && remote) {
		char *dir = cache_dir(s);

		m->fetch = ks_fetch_new(dir);
		free(dir);
	}
}

void
ks_epub_media_free(struct ks_epub_media *m)
{
	for (size_t i = 0; i < m->len; i++) {
		free(m->v[i].url);
		ks_epub_blob_free(&m->v[i].data);
	}
	free(m->v);
	ks_fetch_free(m->fetch);
	memset(m, 0, sizeof(*m));
}

static int
b64_value(int c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+' || c == '-')
		return 62;
	if (c == '/' || c == '_')
		return 63;
	return -1;
}

/* Appends the bytes of a base64 data: URL to out. Returns 0 or -1. */
static int
data_url_bytes(const char *url, struct ks_buf *out)
{
	const char *comma = strchr(url, ',');
	unsigned acc = 0;
	int bits = 0;

	if (comma == NULL || comma - url < 7 ||
	    strncmp(comma - 7, ";base64", 7) != 0)
		return -1;
	for (const char *p = comma + 1; *p && *p != '='; p++) {
		int v = b64_value((unsigned char)*p);

		if (v < 0) {
			if (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')
				continue;
			return -1;
		}
		acc = (acc << 6) | (unsigned)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			ks_buf_putc(out, (char)((acc >> bits) & 0xFF));
		}
	}
	return out->len > 0 ? 0 : -1;
}

/* A URL short enough for a message. The caller frees. */
static char *
short_url(const char *url)
{
	struct ks_buf b = KS_BUF_INIT;

	ks_buf_put(&b, url, strnlen(url, 80));
	if (strlen(url) > 80)
		ks_buf_puts(&b, "...");
	return ks_buf_detach(&b);
}

/* Why these bytes cannot be a picture of the book, or NULL when they can
 * (then *type and *ext are set). */
static const char *
unfit(const struct ks_buf *data, const char **type, const char **ext)
{
	*type = ks_epub_sniff_image((const unsigned char *)data->ptr,
	    data->len, ext);
	if (*type == NULL)
		return "not a PNG, JPEG or GIF image";
	/* EPUB 3.2 readers need not show WebP, and EPUBCheck 4 rejects it
	 * without a fallback. */
	if (strcmp(*type, "image/webp") == 0)
		return "a WebP image, which not every reader shows";
	return NULL;
}

char *
ks_epub_media_src(void *ctx, const char *url)
{
	struct ks_epub_media *m = ctx;
	struct ks_buf data = KS_BUF_INIT;
	const char *why = NULL, *ext = NULL, *type = NULL;
	struct ks_epub_embedded *e;
	bool fetched = false;
	size_t len;

	for (size_t i = 0; i < m->len; i++)
		if (strcmp(m->v[i].url, url) == 0)
			return m->v[i].m.file[0] ?
			    ks_xstrdup(m->v[i].m.file) : NULL;
	if (strncmp(url, "data:", 5) == 0) {
		if (data_url_bytes(url, &data) != 0)
			why = "not a base64 data URL";
	} else if (!m->remote) {
		return NULL;
	} else if (m->fetch == NULL) {
		m->not_fetched++;
		return NULL;
	} else if (ks_fetch_get(m->fetch, url, KS_FETCH_MAX_BYTES, &data,
	    &why) == 0) {
		fetched = true;
	}
	if (why == NULL)
		why = unfit(&data, &type, &ext);
	if (m->len == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 16;
		m->v = ks_xrealloc(m->v, m->cap * sizeof(*m->v));
	}
	e = &m->v[m->len++];
	memset(e, 0, sizeof(*e));
	e->url = ks_xstrdup(url);
	if (why != NULL) {
		char *u = short_url(url);

		ks_warn(m->path, 0, "image %s not embedded: %s; linked instead",
		    u, why);
		free(u);
		ks_buf_free(&data);
		return NULL;
	}
	if (fetched)
		ks_fetch_keep(m->fetch, url, data.ptr, data.len);
	snprintf(e->m.file, sizeof(e->m.file), "images/img-%04zu.%s",
	    ++m->embedded, ext);
	e->m.media_type = type;
	len = data.len;
	ks_epub_store_keep(m->store, &e->data, ks_buf_detach(&data), len);
	return ks_xstrdup(e->m.file);
}
