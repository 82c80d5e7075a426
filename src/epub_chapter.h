/* An EPUB chapter made from its article alone: what the EPUB writer does
 * on the reading threads (prepare), and the metadata it keeps. */
#ifndef KS_EPUB_CHAPTER_H
#define KS_EPUB_CHAPTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "article.h"
#include "buf.h"
#include "epub_parts.h"
#include "settings.h"

/* What the book does with images: remote ones stay links unless --images
 * embed says otherwise. */
enum ks_images ks_epub_book_images(const struct ks_settings *s);

/* Fills m's strings (each its own) and date from the article. */
void	ks_epub_chapter_meta(struct ks_epub_chapter *m,
	    const struct ks_article *a, const struct ks_settings *s);
void	ks_epub_chapter_meta_free(struct ks_epub_chapter *m);

/* Moves the strings of v (NULLs stay NULL) into one block, which it
 * returns: the caller frees it. A long book keeps a hundred thousand
 * chapters' metadata, and one allocation costs less than six. */
char	*ks_epub_pack_strings(char **v[], size_t n);

/* A chapter made on a reading thread: the rendered body, or the whole
 * file (head, body, tail) deflated, with its CRC-32 and size. */
struct ks_epub_prepared {
	struct ks_buf	 data;
	bool		 deflated;
	uint32_t	 crc;
	size_t		 size;
};

/*
 * The chapter of a, deflated at level when its language is its own (the
 * book's is known only at the end); NULL when an image of it may be
 * embedded (--images embed, or a data: image), which only the writer can
 * number, in book order.
 */
struct ks_epub_prepared *ks_epub_prepare(const struct ks_settings *s,
	    const struct ks_article *a, int level);
void	ks_epub_prepared_free(struct ks_epub_prepared *pp);

#endif
