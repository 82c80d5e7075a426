/* The text parts of the EPUB: every XML document of the book is written
 * here, by hand, with the escapers of escape.h (all values are plain
 * text of the model, so text and attribute escaping is all they need). */
#include "epub_parts.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "escape.h"
#include "utf8.h"

#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"

/* The words a book needs, per language. */
struct words {
	const char	*prefix;	/* matches "zh", "zh-CN", ... */
	const char	*contents;
	const char	*guide;
	const char	*cover;
	const char	*title_page;
	const char	*start;
	const char	*source;	/* before the publication's name */
	const char	*original;	/* the link to the original */
	const char	*undated;
	const char	*uncategorised;
	const char	*one;		/* "%zu" articles */
	const char	*many;
	int		 cjk_dates;	/* 1: 2022年4月8日, 2: 2022년 4월 8일 */
};

/* Traditional Chinese first: "zh" alone would match its tags too. */
static const struct words words[] = {
	{ "zh-hant", "目錄", "導覽", "封面", "書名頁", "正文", "來源：",
	    "原文連結", "未註明日期", "未分類", "共 %zu 篇文章",
	    "共 %zu 篇文章", 1 },
	{ "zh-tw", "目錄", "導覽", "封面", "書名頁", "正文", "來源：",
	    "原文連結", "未註明日期", "未分類", "共 %zu 篇文章",
	    "共 %zu 篇文章", 1 },
	{ "zh-hk", "目錄", "導覽", "封面", "書名頁", "正文", "來源：",
	    "原文連結", "未註明日期", "未分類", "共 %zu 篇文章",
	    "共 %zu 篇文章", 1 },
	{ "zh", "目录", "导航", "封面", "扉页", "正文", "来源：", "原文链接",
	    "未注明日期", "未分类", "共 %zu 篇文章", "共 %zu 篇文章", 1 },
	{ "ja", "目次", "ガイド", "表紙", "扉", "本文", "出典：", "元の記事",
	    "日付なし", "未分類", "%zu 本の記事", "%zu 本の記事", 1 },
	{ "ko", "목차", "안내", "표지", "속표지", "본문", "출처: ", "원문",
	    "날짜 없음", "미분류", "기사 %zu편", "기사 %zu편", 2 },
	{ "", "Contents", "Guide", "Cover", "Title page", "Start", "Source: ",
	    "Original article", "Undated", "Uncategorised", "%zu article",
	    "%zu articles", 0 },
};

static const char *const months[] = { "January", "February", "March",
	"April", "May", "June", "July", "August", "September", "October",
	"November", "December" };

/* The words for lang: the first entry whose prefix is lang or a prefix of
 * it ending at a subtag boundary, case-insensitively. */
static const struct words *
words_for(const char *lang)
{
	size_t n = sizeof(words) / sizeof(words[0]);

	for (size_t i = 0; lang != NULL && i + 1 < n; i++) {
		size_t k = strlen(words[i].prefix);

		if (strncasecmp(lang, words[i].prefix, k) == 0 &&
		    (lang[k] == '\0' || lang[k] == '-'))
			return &words[i];
	}
	return &words[n - 1];
}

static void
text(struct ks_buf *out, const char *s)
{
	ks_escape_html_text(out, s ? s : "");
}

static void
attr(struct ks_buf *out, const char *s)
{
	ks_escape_html_attr(out, s ? s : "");
}

/* Year, month and day of d in its own offset. */
static void
local_day(const struct ks_date *d, int *y, int *m, int *day)
{
	char buf[32];

	ks_date_format_rfc3339(d, buf);
	if (sscanf(buf, "%d-%d-%d", y, m, day) != 3 || *m < 1 || *m > 12)
		*y = 1970, *m = 1, *day = 1;
}

static void
put_date(struct ks_buf *out, const struct ks_date *d, const char *lang)
{
	const struct words *w = words_for(lang);
	int y, m, day;

	local_day(d, &y, &m, &day);
	if (w->cjk_dates == 1)
		ks_buf_printf(out, "%d年%d月%d日", y, m, day);
	else if (w->cjk_dates == 2)
		ks_buf_printf(out, "%d년 %d월 %d일", y, m, day);
	else
		ks_buf_printf(out, "%d %s %d", day, months[m - 1], y);
}

void
ks_epub_month_label(struct ks_buf *out, const struct ks_date *d,
    const char *lang)
{
	const struct words *w = words_for(lang);
	int y, m, day;

	local_day(d, &y, &m, &day);
	if (w->cjk_dates == 1)
		ks_buf_printf(out, "%d年%d月", y, m);
	else if (w->cjk_dates == 2)
		ks_buf_printf(out, "%d년 %d월", y, m);
	else
		ks_buf_printf(out, "%s %d", months[m - 1], y);
}

const char *
ks_epub_undated_label(const char *lang)
{
	return words_for(lang)->undated;
}

const char *
ks_epub_uncategorised_label(const char *lang)
{
	return words_for(lang)->uncategorised;
}

const char *
ks_epub_sniff_image(const unsigned char *p, size_t len, const char **ext)
{
	if (len >= 8 && memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0) {
		*ext = "png";
		return "image/png";
	}
	if (len >= 3 && p[0] == 0xFF && p[1] == 0xD8 && p[2] == 0xFF) {
		*ext = "jpg";
		return "image/jpeg";
	}
	if (len >= 6 && (memcmp(p, "GIF87a", 6) == 0 ||
	    memcmp(p, "GIF89a", 6) == 0)) {
		*ext = "gif";
		return "image/gif";
	}
	if (len >= 12 && memcmp(p, "RIFF", 4) == 0 &&
	    memcmp(p + 8, "WEBP", 4) == 0) {
		*ext = "webp";
		return "image/webp";
	}
	return NULL;
}

/* <?xml?>, the doctype and <html> up to </head>: the start of every
 * XHTML document of the book. */
static void
xhtml_start(struct ks_buf *out, const char *lang, const char *title)
{
	ks_buf_puts(out, XML_DECL "<!DOCTYPE html>\n"
	    "<html xmlns=\"http://www.w3.org/1999/xhtml\" "
	    "xmlns:epub=\"http://www.idpf.org/2007/ops\" xml:lang=\"");
	attr(out, lang);
	ks_buf_puts(out, "\" lang=\"");
	attr(out, lang);
	ks_buf_puts(out, "\">\n<head>\n<meta charset=\"UTF-8\" />\n<title>");
	text(out, title);
	ks_buf_puts(out, "</title>\n<link rel=\"stylesheet\" type=\"text/css\" "
	    "href=\"style.css\" />\n</head>\n");
}

void
ks_epub_container(struct ks_buf *out)
{
	ks_buf_puts(out, XML_DECL
	    "<container version=\"1.0\" "
	    "xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n"
	    "<rootfiles>\n<rootfile full-path=\"EPUB/package.opf\" "
	    "media-type=\"application/oebps-package+xml\" />\n"
	    "</rootfiles>\n</container>\n");
}

static void
item(struct ks_buf *out, const char *id, const char *href, const char *type,
    const char *properties)
{
	ks_buf_printf(out, "<item id=\"%s\" href=\"%s\" media-type=\"%s\"",
	    id, href, type);
	if (properties != NULL)
		ks_buf_printf(out, " properties=\"%s\"", properties);
	ks_buf_puts(out, " />\n");
}

/*
 * Reserves at once what a part listing every chapter will take: per
 * chapter about per_chapter bytes of markup, its title and its file name.
 * Grown by reallocation instead, the NCX of 100 000 chapters (18 MB) left
 * a chain of freed blocks that mimalloc kept: the book's peak RSS was
 * 175 MB, and is 125 MB reserved.
 */
static void
reserve_for_chapters(struct ks_buf *out, const struct ks_epub_book *b,
    size_t per_chapter)
{
	size_t n = 4096;

	for (size_t i = 0; i < b->nchapters; i++)
		n += per_chapter + strlen(b->chapters[i]->title) +
		    strlen(b->chapters[i]->file);
	ks_buf_grow(out, n);
}

void
ks_epub_package(struct ks_buf *out, const struct ks_epub_book *b)
{
	reserve_for_chapters(out, b, 128);
	ks_buf_puts(out, XML_DECL "<package xmlns=\"http://www.idpf.org/2007/opf\""
	    " version=\"3.0\" unique-identifier=\"pub-id\" xml:lang=\"");
	attr(out, b->lang);
	ks_buf_puts(out, "\">\n<metadata "
	    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
	    "<dc:identifier id=\"pub-id\">");
	text(out, b->id);
	ks_buf_puts(out, "</dc:identifier>\n<dc:title>");
	text(out, b->title);
	ks_buf_puts(out, "</dc:title>\n<dc:language>");
	text(out, b->lang);
	ks_buf_puts(out, "</dc:language>\n<dc:creator>");
	text(out, b->author);
	ks_buf_puts(out, "</dc:creator>\n");
	if (b->subtitle != NULL) {
		ks_buf_puts(out, "<dc:description>");
		text(out, b->subtitle);
		ks_buf_puts(out, "</dc:description>\n");
	}
	ks_buf_printf(out, "<dc:date>%s</dc:date>\n"
	    "<meta property=\"dcterms:modified\">%s</meta>\n"
	    /* EPUB 2 readers (and Kindle) find the cover by this. */
	    "<meta name=\"cover\" content=\"cover-image\" />\n",
	    b->date, b->modified);
	if (b->vertical)
		ks_buf_puts(out, "<meta name=\"primary-writing-mode\" "
		    "content=\"vertical-rl\" />\n");
	ks_buf_puts(out, "</metadata>\n<manifest>\n");
	item(out, "nav", "nav.xhtml", "application/xhtml+xml", "nav");
	item(out, "ncx", "toc.ncx", "application/x-dtbncx+xml", NULL);
	item(out, "css", "style.css", "text/css", NULL);
	item(out, "cover-image", "cover.svg", "image/svg+xml", "cover-image");
	item(out, "cover", "cover.xhtml", "application/xhtml+xml", NULL);
	item(out, "titlepage", "title.xhtml", "application/xhtml+xml", NULL);
	for (size_t i = 0; i < b->nchapters; i++) {
		char id[32];

		snprintf(id, sizeof(id), "c%04zu", i + 1);
		item(out, id, b->chapters[i]->file, "application/xhtml+xml",
		    NULL);
	}
	for (size_t i = 0; i < b->nimages; i++) {
		char id[32];

		snprintf(id, sizeof(id), "i%04zu", i + 1);
		item(out, id, b->images[i].file, b->images[i].media_type, NULL);
	}
	ks_buf_printf(out, "</manifest>\n<spine toc=\"ncx\"%s>\n"
	    "<itemref idref=\"cover\" />\n<itemref idref=\"titlepage\" />\n"
	    "<itemref idref=\"nav\" />\n", b->vertical ?
	    " page-progression-direction=\"rtl\"" : "");
	for (size_t i = 0; i < b->nchapters; i++)
		ks_buf_printf(out, "<itemref idref=\"c%04zu\" />\n", i + 1);
	ks_buf_puts(out, "</spine>\n</package>\n");
}

/* The contents as nested lists: in a grouped book each section is an
 * entry linking to its first chapter, with its chapters beneath. */
static void
nav_list(struct ks_buf *out, const struct ks_epub_book *b)
{
	const char *group = NULL;

	ks_buf_puts(out, "<ol>\n");
	if (b->nchapters == 0) {
		/* An empty <ol> is invalid: the title page stands in. */
		ks_buf_puts(out, "<li><a href=\"title.xhtml\">");
		text(out, b->title);
		ks_buf_puts(out, "</a></li>\n");
	}
	for (size_t i = 0; i < b->nchapters; i++) {
		const struct ks_epub_chapter *c = b->chapters[i];

		if (b->grouped && (i == 0 || c->group != group)) {
			if (i > 0)
				ks_buf_puts(out, "</ol>\n</li>\n");
			group = c->group;
			ks_buf_printf(out, "<li><a href=\"%s\">", c->file);
			text(out, group);
			ks_buf_puts(out, "</a>\n<ol>\n");
		}
		ks_buf_printf(out, "<li><a href=\"%s\">", c->file);
		text(out, c->title);
		ks_buf_puts(out, "</a></li>\n");
	}
	if (b->grouped && b->nchapters > 0)
		ks_buf_puts(out, "</ol>\n</li>\n");
	ks_buf_puts(out, "</ol>\n");
}

void
ks_epub_nav(struct ks_buf *out, const struct ks_epub_book *b)
{
	const struct words *w = words_for(b->lang);

	reserve_for_chapters(out, b, 64);
	xhtml_start(out, b->lang, w->contents);
	ks_buf_puts(out, "<body>\n<nav epub:type=\"toc\" id=\"toc\">\n<h1>");
	text(out, w->contents);
	ks_buf_puts(out, "</h1>\n");
	nav_list(out, b);
	ks_buf_puts(out, "</nav>\n<nav epub:type=\"landmarks\" id=\"landmarks\" "
	    "hidden=\"hidden\">\n<h2>");
	text(out, w->guide);
	ks_buf_puts(out, "</h2>\n<ol>\n<li><a epub:type=\"cover\" "
	    "href=\"cover.xhtml\">");
	text(out, w->cover);
	ks_buf_puts(out, "</a></li>\n<li><a epub:type=\"titlepage\" "
	    "href=\"title.xhtml\">");
	text(out, w->title_page);
	ks_buf_puts(out, "</a></li>\n<li><a epub:type=\"toc\" "
	    "href=\"nav.xhtml#toc\">");
	text(out, w->contents);
	ks_buf_puts(out, "</a></li>\n");
	if (b->nchapters > 0) {
		ks_buf_printf(out, "<li><a epub:type=\"bodymatter\" "
		    "href=\"%s\">", b->chapters[0]->file);
		text(out, w->start);
		ks_buf_puts(out, "</a></li>\n");
	}
	ks_buf_puts(out, "</ol>\n</nav>\n</body>\n</html>\n");
}

static void
nav_point(struct ks_buf *out, size_t *id, size_t order, const char *label,
    const char *file)
{
	ks_buf_printf(out, "<navPoint id=\"np%zu\" playOrder=\"%zu\">"
	    "<navLabel><text>", ++*id, order);
	text(out, label);
	ks_buf_printf(out, "</text></navLabel><content src=\"%s\" />", file);
}

void
ks_epub_ncx(struct ks_buf *out, const struct ks_epub_book *b)
{
	const char *group = NULL;
	size_t id = 0;

	reserve_for_chapters(out, b, 160);
	ks_buf_puts(out, XML_DECL "<ncx xmlns=\"http://www.daisy.org/z3986/2005/"
	    "ncx/\" version=\"2005-1\" xml:lang=\"");
	attr(out, b->lang);
	ks_buf_puts(out, "\">\n<head>\n<meta name=\"dtb:uid\" content=\"");
	attr(out, b->id);
	ks_buf_printf(out, "\" />\n<meta name=\"dtb:depth\" content=\"%d\" />\n"
	    "<meta name=\"dtb:totalPageCount\" content=\"0\" />\n"
	    "<meta name=\"dtb:maxPageNumber\" content=\"0\" />\n</head>\n"
	    "<docTitle><text>", b->grouped ? 2 : 1);
	text(out, b->title);
	ks_buf_puts(out, "</text></docTitle>\n<navMap>\n");
	if (b->nchapters == 0) {
		nav_point(out, &id, 1, b->title, "title.xhtml");
		ks_buf_puts(out, "</navPoint>\n");
	}
	/* A section and its first chapter are one target: one playOrder. */
	for (size_t i = 0; i < b->nchapters; i++) {
		const struct ks_epub_chapter *c = b->chapters[i];

		if (b->grouped && (i == 0 || c->group != group)) {
			if (i > 0)
				ks_buf_puts(out, "</navPoint>\n");
			group = c->group;
			nav_point(out, &id, i + 1, group, c->file);
			ks_buf_putc(out, '\n');
		}
		nav_point(out, &id, i + 1, c->title, c->file);
		ks_buf_puts(out, "</navPoint>\n");
	}
	if (b->grouped && b->nchapters > 0)
		ks_buf_puts(out, "</navPoint>\n");
	ks_buf_puts(out, "</navMap>\n</ncx>\n");
}

void
ks_epub_css(struct ks_buf *out, bool vertical)
{
	ks_buf_puts(out,
	    "@charset \"UTF-8\";\n"
	    "/* Latin first, then CJK fallbacks, so each script finds a face"
	    " of its own. */\n"
	    "body {\n\tmargin: 0 0.5em;\n\tline-height: 1.6;\n"
	    "\tfont-family: Georgia, \"Times New Roman\", \"Noto Serif\","
	    " \"Noto Serif CJK SC\", \"Source Han Serif SC\", \"Songti SC\","
	    " SimSun, serif;\n\ttext-align: justify;\n}\n"
	    ":lang(zh), :lang(ja), :lang(ko) {\n\tline-height: 1.8;\n}\n"
	    ":lang(zh) {\n\tfont-family: \"Noto Serif CJK SC\", \"Source Han"
	    " Serif SC\", \"Songti SC\", STSong, SimSun, serif;\n}\n"
	    ":lang(zh-Hant), :lang(zh-TW), :lang(zh-HK) {\n\tfont-family:"
	    " \"Noto Serif CJK TC\", \"Source Han Serif TC\", \"Songti TC\","
	    " PMingLiU, serif;\n}\n"
	    ":lang(ja) {\n\tfont-family: \"Noto Serif CJK JP\", \"Source Han"
	    " Serif JP\", \"Hiragino Mincho ProN\", \"Yu Mincho\", serif;\n}\n"
	    ":lang(ko) {\n\tfont-family: \"Noto Serif CJK KR\", \"Source Han"
	    " Serif KR\", \"AppleMyungjo\", Batang, serif;\n}\n"
	    "p {\n\tmargin: 0 0 0.8em;\n}\n"
	    /* Chinese books indent paragraphs by two characters and do not
	     * space them. */
	    ":lang(zh) p, :lang(ja) p {\n\ttext-indent: 2em;\n\tmargin: 0;\n}\n"
	    "h1, h2, h3, h4, h5, h6 {\n\tline-height: 1.3;\n\ttext-align: left;\n"
	    "\tfont-family: \"Helvetica Neue\", Arial, \"Noto Sans CJK SC\","
	    " \"Source Han Sans SC\", \"PingFang SC\", \"Microsoft YaHei\","
	    " sans-serif;\n\tpage-break-after: avoid;\n}\n"
	    "h1 {\n\tfont-size: 1.5em;\n\tmargin: 1em 0 0.5em;\n}\n"
	    "h2 {\n\tfont-size: 1.25em;\n\tmargin: 1.2em 0 0.4em;\n}\n"
	    "h3, h4, h5, h6 {\n\tfont-size: 1.05em;\n\tmargin: 1em 0 0.3em;\n}\n"
	    "p.byline, p.byline:lang(zh), p.byline:lang(ja) {\n"
	    "\ttext-indent: 0;\n\tfont-size: 0.85em;\n\tcolor: #555;\n"
	    "\tmargin: 0 0 1.5em;\n}\n"
	    "li p, blockquote p, td p, th p {\n\ttext-indent: 0;\n}\n"
	    "blockquote {\n\tmargin: 1em 1.5em;\n\tcolor: #333;\n}\n"
	    "pre {\n\twhite-space: pre-wrap;\n\tfont-size: 0.85em;\n"
	    "\tline-height: 1.4;\n}\n"
	    "code {\n\tfont-family: \"DejaVu Sans Mono\", Menlo, Consolas,"
	    " monospace;\n}\n"
	    "table {\n\tborder-collapse: collapse;\n\tmargin: 1em 0;\n}\n"
	    "th, td {\n\tborder: 1px solid #999;\n\tpadding: 0.2em 0.4em;\n}\n"
	    "img {\n\tmax-width: 100%;\n\tmax-height: 100%;\n\theight: auto;\n}\n"
	    "a {\n\tcolor: inherit;\n}\n"
	    ".titlepage {\n\ttext-align: center;\n\tmargin-top: 20%;\n}\n"
	    ".titlepage p {\n\ttext-indent: 0;\n\tmargin: 0.5em 0;\n}\n"
	    ".titlepage h1 {\n\ttext-align: center;\n\tfont-size: 2em;\n}\n"
	    ".cover {\n\ttext-align: center;\n\tmargin: 0;\n\tpadding: 0;\n}\n"
	    ".cover img {\n\theight: 100%;\n}\n"
	    "nav ol {\n\tlist-style-type: none;\n}\n");
	if (vertical)
		ks_buf_puts(out,
		    "/* Vertical writing: lines run top to bottom, pages right to"
		    " left. */\nhtml {\n\t-epub-writing-mode: vertical-rl;\n"
		    "\t-webkit-writing-mode: vertical-rl;\n"
		    "\twriting-mode: vertical-rl;\n}\n"
		    ".titlepage {\n\tmargin-top: 0;\n\tmargin-right: 20%;\n}\n");
}

/* Display width of a code point in ems: CJK is square, Latin narrower. */
static double
char_width(int cp)
{
	if (cp == ' ')
		return 0.3;
	if (cp >= 0 && ks_utf8_is_cjk((unsigned)cp))
		return 1.0;
	if (cp >= 0x1100 && ((cp >= 0xAC00 && cp <= 0xD7A3) ||
	    (cp >= 0xFF00 && cp <= 0xFF60) || cp >= 0x20000))
		return 1.0;
	return cp >= 'A' && cp <= 'Z' ? 0.68 : 0.55;
}

/* Closing punctuation never starts a line. */
static bool
no_line_start(int cp)
{
	static const int closing[] = { 0xFF0C, 0x3002, 0x3001, 0xFF01, 0xFF1F,
		0xFF1A, 0xFF1B, 0xFF09, 0x300D, 0x300F, 0x201D, 0x2019, 0x300B,
		0x3009, 0x3011, ',', '.', '!', '?', ':', ';', ')' };

	for (size_t i = 0; i < sizeof(closing) / sizeof(closing[0]); i++)
		if (cp == closing[i])
			return true;
	return false;
}

#define COVER_MAX_LINES 7

/*
 * Breaks s into at most COVER_MAX_LINES lines of at most max_em ems: CJK
 * between any two characters, Latin at spaces (or anywhere in a word
 * wider than a line). line[i] is [start, end) in s. Returns the count.
 */
static size_t
break_lines(const char *s, double max_em, size_t line[][2])
{
	size_t len = strlen(s), pos = 0, n = 0, start = 0, last_space = 0;
	double w = 0, w_at_space = 0;

	while (pos < len && n < COVER_MAX_LINES) {
		size_t at = pos;
		int cp = ks_utf8_decode(s, len, &pos);
		double cw = char_width(cp);

		if (at == start && cp == ' ') {
			start = pos;
			continue;
		}
		if (cp == ' ') {
			last_space = at;
			w_at_space = w;
		}
		if (w + cw > max_em && at > start && !no_line_start(cp)) {
			bool latin = !ks_utf8_is_cjk((unsigned)(cp < 0 ? 0 : cp));

			if (latin && cp != ' ' && last_space > start) {
				/* Back to the last space of this line. */
				line[n][0] = start;
				line[n][1] = last_space;
				n++;
				start = last_space + 1;
				w = w - w_at_space - 0.3 + cw;
			} else {
				line[n][0] = start;
				line[n][1] = at;
				n++;
				start = cp == ' ' ? pos : at;
				w = cp == ' ' ? 0 : cw;
			}
			last_space = 0;
			continue;
		}
		w += cw;
	}
	if (n < COVER_MAX_LINES && start < len) {
		line[n][0] = start;
		line[n][1] = len;
		n++;
	}
	return n;
}

void
ks_epub_cover_svg(struct ks_buf *out, const struct ks_epub_book *b)
{
	static const char *const font = "'Noto Serif CJK SC', 'Source Han "
	    "Serif SC', 'Songti SC', SimSun, Georgia, serif";
	size_t line[COVER_MAX_LINES][2], n, len = strlen(b->title);
	int size = len <= 24 ? 56 : 46, y;

	n = break_lines(b->title, 480.0 / size, line);
	ks_buf_puts(out, XML_DECL "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "version=\"1.1\" width=\"600\" height=\"800\" "
	    "viewBox=\"0 0 600 800\" xml:lang=\"");
	attr(out, b->lang);
	ks_buf_puts(out, "\">\n<title>");
	text(out, b->title);
	ks_buf_puts(out, "</title>\n<rect width=\"600\" height=\"800\" "
	    "fill=\"#8c2a22\" />\n<rect x=\"28\" y=\"28\" width=\"544\" "
	    "height=\"744\" fill=\"none\" stroke=\"#f3e3c3\" "
	    "stroke-width=\"2\" />\n");
	y = 360 - (int)n * size * 13 / 20 + size;
	for (size_t i = 0; i < n; i++, y += size * 13 / 10) {
		struct ks_buf t = KS_BUF_INIT;

		ks_buf_put(&t, b->title + line[i][0], line[i][1] - line[i][0]);
		if (i + 1 == n && line[i][1] < len)
			ks_buf_puts(&t, "…");
		ks_buf_printf(out, "<text x=\"300\" y=\"%d\" font-size=\"%d\" "
		    "font-family=\"%s\" fill=\"#fdf6e3\" "
		    "text-anchor=\"middle\">", y, size, font);
		text(out, ks_buf_cstr(&t));
		ks_buf_puts(out, "</text>\n");
		ks_buf_free(&t);
	}
	if (strcmp(b->author, b->title) != 0) {
		ks_buf_printf(out, "<text x=\"300\" y=\"700\" font-size=\"26\" "
		    "font-family=\"%s\" fill=\"#f3e3c3\" "
		    "text-anchor=\"middle\">", font);
		text(out, b->author);
		ks_buf_puts(out, "</text>\n");
	}
	ks_buf_puts(out, "</svg>\n");
}

void
ks_epub_cover_page(struct ks_buf *out, const struct ks_epub_book *b)
{
	const struct words *w = words_for(b->lang);

	xhtml_start(out, b->lang, w->cover);
	ks_buf_puts(out, "<body epub:type=\"cover\">\n<div class=\"cover\">"
	    "<img src=\"cover.svg\" alt=\"");
	attr(out, b->title);
	ks_buf_puts(out, "\" /></div>\n</body>\n</html>\n");
}

/* The oldest and newest dated chapters, or NULL. */
static void
date_range(const struct ks_epub_book *b, const struct ks_date **first,
    const struct ks_date **last)
{
	*first = *last = NULL;
	for (size_t i = 0; i < b->nchapters; i++) {
		const struct ks_date *d = &b->chapters[i]->date;

		if (!d->known)
			continue;
		if (*first == NULL || d->utc < (*first)->utc)
			*first = d;
		if (*last == NULL || d->utc > (*last)->utc)
			*last = d;
	}
}

void
ks_epub_title_page(struct ks_buf *out, const struct ks_epub_book *b)
{
	const struct words *w = words_for(b->lang);
	const struct ks_date *first, *last;

	xhtml_start(out, b->lang, b->title);
	ks_buf_puts(out, "<body epub:type=\"frontmatter\">\n"
	    "<section class=\"titlepage\">\n<h1>");
	text(out, b->title);
	ks_buf_puts(out, "</h1>\n");
	if (b->subtitle != NULL) {
		ks_buf_puts(out, "<p class=\"subtitle\">");
		text(out, b->subtitle);
		ks_buf_puts(out, "</p>\n");
	}
	/* The default author is the title: once is enough. */
	if (strcmp(b->author, b->title) != 0) {
		ks_buf_puts(out, "<p class=\"author\">");
		text(out, b->author);
		ks_buf_puts(out, "</p>\n");
	}
	date_range(b, &first, &last);
	if (first != NULL) {
		struct ks_buf a = KS_BUF_INIT, z = KS_BUF_INIT;

		put_date(&a, first, b->lang);
		put_date(&z, last, b->lang);
		ks_buf_puts(out, "<p class=\"dates\">");
		text(out, ks_buf_cstr(&a));
		if (strcmp(ks_buf_cstr(&a), ks_buf_cstr(&z)) != 0) {
			ks_buf_puts(out, " – ");
			text(out, ks_buf_cstr(&z));
		}
		ks_buf_puts(out, "</p>\n");
		ks_buf_free(&a);
		ks_buf_free(&z);
	}
	ks_buf_puts(out, "<p class=\"count\">");
	ks_buf_printf(out, b->nchapters == 1 ? w->one : w->many, b->nchapters);
	ks_buf_puts(out, "</p>\n</section>\n</body>\n</html>\n");
}

void
ks_epub_chapter_head(struct ks_buf *out, const struct ks_epub_chapter *c)
{
	const struct words *w = words_for(c->lang);
	bool sep = false;
	xhtml_start(out, c->lang, c->title);
	ks_buf_puts(out, "<body>\n<section epub:type=\"chapter\" "
	    "id=\"chapter\">\n<h1>");
	text(out, c->title);
	ks_buf_puts(out, "</h1>\n<p class=\"byline\">");
	if (c->author != NULL) {
		ks_buf_puts(out, "<span class=\"author\">");
		text(out, c->author);
		ks_buf_puts(out, "</span>");
		sep = true;
	}
	if (c->date.known) {
		char iso[32];

		/* A day without a time is a valid date string on its own. */
		ks_date_format_rfc3339(&c->date, iso);
		if (!c->date.has_time)
			iso[10] = '\0';
		ks_buf_printf(out, "%s<time datetime=\"%s\">", sep ? " · " : "",
		    iso);
		put_date(out, &c->date, c->lang);
		ks_buf_puts(out, "</time>");
		sep = true;
	}
	if (c->source != NULL) {
		ks_buf_printf(out, "%s<span class=\"source\">%s", sep ? " · " : "",
		    w->source);
		text(out, c->source);
		ks_buf_puts(out, "</span>");
		sep = true;
	}
	if (c->link != NULL) {
		ks_buf_printf(out, "%s<a href=\"", sep ? " · " : "");
		attr(out, c->link);
		ks_buf_puts(out, "\">");
		text(out, w->original);
		ks_buf_puts(out, "</a>");
	}
	ks_buf_puts(out, "</p>\n");
}

const char *
ks_epub_chapter_tail(void)
{
	return "</section>\n</body>\n</html>\n";
}
