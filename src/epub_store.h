/* What the EPUB writer keeps between an article's arrival and the packing
 * of the book: rendered chapter bodies and embedded images, in memory
 * until they pass a limit and then in an unlinked spill file (DESIGN §1,
 * Memory); and the images embedded from data: URLs or fetched with
 * --fetch-images. No zip here: that is epub_zip.c's alone. */
#ifndef KS_EPUB_STORE_H
#define KS_EPUB_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "epub_parts.h"
#include "settings.h"

/* Rendered bytes kept in memory before the rest goes to a spill file:
 * enough for a small book to never touch the disk (chapters are
 * deflated by then, 2 MB is some 400 articles), little next to the 1 KB
 * an article of metadata a large book holds. */
#define KS_EPUB_SPILL_AFTER	((size_t)2 << 20)

/* Bytes in memory (mem) or in the spill file at off. */
struct ks_epub_blob {
	char	*mem;
	off_t	 off;
	size_t	 len;
};

struct ks_epub_store {
	size_t	 mem_bytes;
	int	 fd;		/* the spill file, or -1 */
	bool	 tried;		/* to open it */
	off_t	 end;
};

#define KS_EPUB_STORE_INIT { 0, -1, false, 0 }

/* Keeps data[0..len) (malloc'ed; taken over) as *b. A spill file that
 * cannot be made or written only means memory. */
void	ks_epub_store_keep(struct ks_epub_store *st, struct ks_epub_blob *b,
	    char *data, size_t len);
/* Copies up to n bytes of b from off into dst. Returns the count (0 at
 * the end), or -1 with errno set when the spill file cannot be read. */
ssize_t	ks_epub_store_read(const struct ks_epub_store *st,
	    const struct ks_epub_blob *b, size_t off, char *dst, size_t n);
void	ks_epub_blob_free(struct ks_epub_blob *b);
/* Closes the spill file (the blobs' memory is their owners'). */
void	ks_epub_store_close(struct ks_epub_store *st);

/* An image met by the render hook: embedded (m.file set) or not (""). */
struct ks_epub_embedded {
	char			*url;
	struct ks_epub_image	 m;
	struct ks_epub_blob	 data;
};

struct ks_epub_media {
	struct ks_epub_store	*store;
	struct ks_epub_embedded	*v;		/* each URL once */
	size_t			 len, cap;
	size_t			 embedded;	/* those with a file */
	bool			 remote;	/* --images embed */
	struct ks_fetch		*fetch;		/* --fetch-images, or NULL */
	size_t			 not_fetched;	/* remote ones left as links */
	const char		*path;		/* the article, for messages */
};

/* Starts the media of one book. remote: embed remote images too (then
 * fetched when s->fetch_images asks for it). */
void	ks_epub_media_start(struct ks_epub_media *m, struct ks_epub_store *st,
	    const struct ks_settings *s, bool remote);
void	ks_epub_media_free(struct ks_epub_media *m);

/*
 * The render hook (ctx is the ks_epub_media): the book's file for the
 * image at url (the caller frees), or NULL to leave it a link. A data:
 * image is inside the article already, not remote, so it is embedded
 * whenever images are not dropped (a link would hold the whole image as
 * base64 text, which few readers follow); a remote one only with
 * --images embed --fetch-images. Each URL is looked at once per book;
 * what cannot be embedded is warned about once.
 */
char	*ks_epub_media_src(void *ctx, const char *url);

#endif
