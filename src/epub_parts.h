/* The text parts of an EPUB 3 book: package document, navigation
 * document, NCX, cover, title page, stylesheet and each chapter's frame.
 * Pure functions of the book's metadata; packing them into a zip is
 * epub_zip.c's job, and only it includes <zip.h>. */
#ifndef KS_EPUB_PARTS_H
#define KS_EPUB_PARTS_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "date.h"

/* What the book keeps of one article once its body is rendered. */
struct ks_epub_chapter {
	char		*title;		/* plain text */
	char		*lang;		/* a well-formed BCP 47 tag */
	char		*author;	/* the byline's author, or NULL */
	char		*source;	/* NULL when none or the author's */
	char		*link;		/* the original, absolute http(s), or NULL */
	char		*category;	/* the first category, or NULL */
	struct ks_date	 date;
	const char	*group;		/* its section of the contents, or NULL */
	char		 file[40];	/* "chap-0001.xhtml" */
};

/* An embedded image. */
struct ks_epub_image {
	char		 file[48];	/* "images/img-0001.png" */
	const char	*media_type;	/* static: "image/png", ... */
};

struct ks_epub_book {
	const char	*id;		/* urn:uuid:... */
	const char	*title;
	const char	*subtitle;	/* or NULL */
	const char	*author;
	const char	*lang;		/* well-formed BCP 47 */
	char		 date[32];	/* dc:date, YYYY-MM-DDThh:mm:ssZ */
	char		 modified[32];	/* dcterms:modified, same form */
	bool		 vertical;	/* vertical-rl, pages right to left */
	bool		 grouped;	/* the contents has sections */
	struct ks_epub_chapter **chapters;	/* in reading order */
	size_t		 nchapters;
	const struct ks_epub_image *images;
	size_t		 nimages;
};

void	ks_epub_container(struct ks_buf *out);
void	ks_epub_package(struct ks_buf *out, const struct ks_epub_book *b);
void	ks_epub_nav(struct ks_buf *out, const struct ks_epub_book *b);
void	ks_epub_ncx(struct ks_buf *out, const struct ks_epub_book *b);
void	ks_epub_css(struct ks_buf *out, bool vertical);
void	ks_epub_cover_svg(struct ks_buf *out, const struct ks_epub_book *b);
void	ks_epub_cover_page(struct ks_buf *out, const struct ks_epub_book *b);
void	ks_epub_title_page(struct ks_buf *out, const struct ks_epub_book *b);

/* A chapter is head + the rendered body + tail. */
void	ks_epub_chapter_head(struct ks_buf *out,
	    const struct ks_epub_chapter *c);
const char *ks_epub_chapter_tail(void);

/* The section label of a month ("2021年12月", "December 2021") or of the
 * undated and uncategorised articles, in the language lang. */
void	ks_epub_month_label(struct ks_buf *out, const struct ks_date *d,
	    const char *lang);
const char *ks_epub_undated_label(const char *lang);
const char *ks_epub_uncategorised_label(const char *lang);

/*
 * The media type of an image by its first bytes: PNG, JPEG, GIF or WebP
 * (the image types EPUB readers must show; SVG, which can hold scripts,
 * is never sniffed as one). Sets *ext to the file extension. NULL when
 * the bytes are none of them.
 */
const char *ks_epub_sniff_image(const unsigned char *p, size_t len,
	    const char **ext);

#endif
