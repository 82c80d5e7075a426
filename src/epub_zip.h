/* Packing an EPUB book into its zip with libzip: epub_zip.c is the only
 * file that includes <zip.h>. The writer (w_epub.c) gathers and orders
 * the chapters; this packs them with the parts made from the whole book. */
#ifndef KS_EPUB_ZIP_H
#define KS_EPUB_ZIP_H

#include <stdbool.h>
#include <stdint.h>

#include "epub_parts.h"
#include "epub_store.h"

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
#define KS_EPUB_DEFLATE_LEVEL	6

/* A chapter's file as it is packed. */
struct ks_epub_file {
	struct ks_epub_chapter	 m;
	struct ks_epub_blob	 body;	/* the rendered body, wrapped in the
					 * head and tail of m when packed */
	bool			 deflated;	/* body: the whole file, deflated */
	uint32_t		 crc;		/* then: the file's CRC-32 */
	size_t			 size;		/* and its size */
};

/*
 * Packs book into a temporary file beside output (or in TMPDIR when
 * output is "-", then copied to standard output) and renames it over
 * output once complete. files are the chapters' files in reading order,
 * book->nchapters of them; the images with a file in media are packed
 * too; blobs are read through store; now is every entry's time.
 * Returns 0, or -1 after reporting; then no temporary file is left.
 */
int	ks_epub_zip_write(const char *output, const struct ks_epub_book *book,
	    const struct ks_epub_file *const *files,
	    const struct ks_epub_media *media,
	    const struct ks_epub_store *store, int64_t now);

#endif
