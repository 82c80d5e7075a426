/* The html writer: a static site one can publish at --base-url as it is,
 * index.html (newest first) plus articles/SLUG.html per article, with the
 * same slugs the feeds link to when an article has no original link. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "escape.h"
#include "output.h"
#include "render.h"
#include "strs.h"
#include "version.h"
#include "writer.h"
#include "wutil.h"
#include "xalloc.h"

/*
 * Only elements libxml2 2.9's HTML parser knows (it reports <article>,
 * <nav>, <time> ... as "invalid tag"), so every page passes
 * `xmllint --html` silently; ARIA roles carry the landmarks instead and
 * the date is machine-readable in the head and a title attribute.
 * One stylesheet for every page, embedded so that each page stands alone.
 */
static const char css[] =
	":root { color-scheme: light dark; --fg: #1f1f1f; --muted: #666; "
	"--bg: #fdfcf8; --rule: #ddd8cc; --link: #8a3b12; }\n"
	"@media (prefers-color-scheme: dark) { :root { --fg: #e6e3dc; "
	"--muted: #a09c93; --bg: #1b1a18; --rule: #3a3832; --link: #f0a878; } }\n"
	"html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }\n"
	"body { margin: 0 auto; max-width: 40em; padding: 1.5em 1.25em 3em; "
	"color: var(--fg); background: var(--bg); font-size: 1.125rem; "
	"line-height: 1.7; overflow-wrap: break-word; font-family: Georgia, "
	"\"Noto Serif\", \"Noto Serif CJK SC\", \"Source Han Serif SC\", "
	"\"Songti SC\", \"SimSun\", serif; }\n"
	"body:lang(zh) { line-height: 1.8; font-family: "
	"Georgia, \"Noto Serif CJK SC\", \"Source Han Serif SC\", "
	"\"Songti SC\", \"SimSun\", serif; }\n"
	"body:lang(zh-Hant), body:lang(zh-TW), body:lang(zh-HK) { "
	"font-family: Georgia, \"Noto Serif CJK TC\", \"Source Han Serif TC\", "
	"\"Songti TC\", \"PMingLiU\", serif; }\n"
	"body:lang(ja) { line-height: 1.8; font-family: Georgia, "
	"\"Noto Serif CJK JP\", \"Source Han Serif JP\", \"Hiragino Mincho ProN\", "
	"\"Yu Mincho\", serif; }\n"
	"body:lang(ko) { line-height: 1.8; font-family: Georgia, "
	"\"Noto Serif CJK KR\", \"Source Han Serif KR\", \"AppleMyungjo\", "
	"\"Batang\", serif; }\n"
	"h1, h2, h3, h4, h5, h6, .site, .byline, .meta, .back, .feeds { "
	"font-family: system-ui, -apple-system, \"Segoe UI\", \"Noto Sans\", "
	"\"Noto Sans CJK SC\", \"Source Han Sans SC\", \"PingFang SC\", "
	"\"Hiragino Sans GB\", \"Microsoft YaHei\", sans-serif; }\n"
	"h1 { font-size: 1.6em; line-height: 1.35; margin: 0.4em 0 0.5em; }\n"
	"h2 { font-size: 1.3em; line-height: 1.4; margin: 1.6em 0 0.5em; }\n"
	"h3, h4, h5, h6 { font-size: 1.1em; margin: 1.4em 0 0.4em; }\n"
	"p { margin: 0 0 1em; }\n"
	"a { color: var(--link); text-underline-offset: 0.15em; }\n"
	"img { max-width: 100%; height: auto; display: block; "
	"margin: 1em auto; }\n"
	"table { display: block; max-width: 100%; overflow-x: auto; "
	"border-collapse: collapse; margin: 1em 0; font-size: 0.9em; }\n"
	"th, td { border: 1px solid var(--rule); padding: 0.3em 0.6em; "
	"vertical-align: top; min-width: 3em; }\n"
	"th { white-space: nowrap; }\n"
	"pre { overflow-x: auto; padding: 0.8em; background: "
	"rgba(127, 127, 127, 0.1); font-size: 0.85em; line-height: 1.5; }\n"
	"code { font-family: ui-monospace, \"Noto Sans Mono\", \"DejaVu Sans "
	"Mono\", monospace; font-size: 0.9em; }\n"
	"blockquote { margin: 1em 0; padding: 0 0 0 1em; border-left: 3px "
	"solid var(--rule); color: var(--muted); }\n"
	"hr { border: 0; border-top: 1px solid var(--rule); margin: 2em 0; }\n"
	".site { font-size: 0.9em; margin-bottom: 1.5em; }\n"
	".site a, .back a, .articles h2 a { text-decoration: none; }\n"
	".byline, .meta, .original, .tags, .feeds { color: var(--muted); "
	"font-size: 0.85em; line-height: 1.6; }\n"
	".byline, .original { margin: 0 0 0.3em; }\n"
	".head { margin-bottom: 2em; }\n"
	".header { border-bottom: 1px solid var(--rule); margin-bottom: 2em; }\n"
	".subtitle { color: var(--muted); margin-top: -0.2em; }\n"
	".articles { list-style: none; margin: 0; padding: 0; }\n"
	".articles li { margin: 0 0 2em; }\n"
	".articles h2 { font-size: 1.2em; margin: 0 0 0.2em; }\n"
	".meta { margin: 0 0 0.4em; }\n"
	".summary { margin: 0; }\n"
	".tags, .back, .feeds { margin-top: 2.5em; border-top: 1px solid "
	"var(--rule); padding-top: 1em; }\n"
	"@media (max-width: 30em) { body { font-size: 1.05rem; "
	"padding: 1em 1em 2em; } h1 { font-size: 1.4em; } }\n";

/* The feeds a site links to for autodiscovery, by their default names. */
static const struct {
	const char	*type;
	const char	*title;
	const char	*file;
} feeds[] = {
	{ "application/atom+xml", "Atom", "feed.atom" },
	{ "application/rss+xml", "RSS", "feed.rss" },
	{ "application/feed+json", "JSON Feed", "feed.json" },
};

/* Words of the page chrome, in the page's language. */
struct labels {
	const char	*source;	/* before the publication's name */
	const char	*sep;		/* between byline parts */
	const char	*original;	/* the link to the original article */
	const char	*back;		/* the link back to the index */
	const char	*tags;		/* before categories and tags */
	const char	*none;		/* an empty index */
	const char	*subscribe;	/* before the feed links */
};

static const struct labels labels_en = { "Source: ", " · ",
	"Read the original", "← All articles", "Filed under: ",
	"No articles yet.", "Subscribe: " };
static const struct labels labels_zh = { "来源：", " · ", "阅读原文",
	"← 全部文章", "分类：", "暂无文章。", "订阅：" };
static const struct labels labels_zh_hant = { "來源：", " · ", "閱讀原文",
	"← 全部文章", "分類：", "暫無文章。", "訂閱：" };
static const struct labels labels_ja = { "出典：", " · ", "元の記事を読む",
	"← 記事一覧", "カテゴリ：", "記事はまだありません。", "購読：" };
static const struct labels labels_ko = { "출처: ", " · ", "원문 보기",
	"← 모든 기사", "분류: ", "아직 기사가 없습니다.", "구독: " };

/* What the index needs of one article; the rest is freed after add(). */
struct html_entry {
	char		*title;
	char		*summary;
	char		*author;
	char		*lang;		/* NULL when unknown */
	const char	*slug;		/* owned by the slugs list */
	struct ks_date	 date;
	size_t		 order;		/* input order, for a stable sort */
};

struct html_state {
	const struct ks_settings *s;
	char			*folder;
	char			*articles;	/* folder/articles */
	int			 link_feeds;
	struct ks_wu_slugs	 slugs;
	struct ks_output_batch	 out;	/* the pages, landing in chunks */
	struct html_entry	*v;
	size_t			 len;
	size_t			 cap;
};

/* Does tag name lang or one of its subtags (RFC 4647 basic filtering)? */
static int
lang_is(const char *tag, const char *range)
{
	size_t n = strlen(range);

	if (tag == NULL)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = tag[i];

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != range[i])
			return 0;
	}
	return tag[n] == '\0' || tag[n] == '-' || tag[n] == '_';
}

static const struct labels *
labels_for(const char *lang)
{
	if (lang_is(lang, "zh-hant") || lang_is(lang, "zh-tw") ||
	    lang_is(lang, "zh-hk") || lang_is(lang, "zh-mo"))
		return &labels_zh_hant;
	if (lang_is(lang, "zh"))
		return &labels_zh;
	if (lang_is(lang, "ja"))
		return &labels_ja;
	if (lang_is(lang, "ko"))
		return &labels_ko;
	return &labels_en;
}

/* A usable language tag: not empty and not "und". */
static const char *
known_lang(const char *lang)
{
	if (lang == NULL || lang[0] == '\0' || lang_is(lang, "und"))
		return NULL;
	return lang;
}

/* The proleptic Gregorian date of a day count since 1970-01-01
 * (H. Hinnant's civil_from_days). */
static void
civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
	int64_t era, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	yoe = z - era * 146097;
	yoe = (yoe - yoe / 1460 + yoe / 36524 - yoe / 146096) / 365;
	doy = z - era * 146097 - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (unsigned)(doy - (153 * mp + 2) / 5 + 1);
	*m = (unsigned)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

/*
 * The date as people of the language write it, in the offset the author
 * wrote: "2022年4月8日", "2022년 4월 8일", else "8 April 2022".
 */
static void
put_human_date(struct ks_buf *b, const struct ks_date *d, const char *lang)
{
	static const char *const months[] = { "January", "February",
		"March", "April", "May", "June", "July", "August",
		"September", "October", "November", "December" };
	int64_t local = d->utc + (int64_t)d->offset * 60, days, y;
	unsigned m, day;

	days = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
	civil_from_days(days, &y, &m, &day);
	if (lang_is(lang, "zh") || lang_is(lang, "ja"))
		ks_buf_printf(b, "%lld年%u月%u日", (long long)y, m, day);
	else if (lang_is(lang, "ko"))
		ks_buf_printf(b, "%lld년 %u월 %u일", (long long)y, m, day);
	else
		ks_buf_printf(b, "%u %s %lld", day, months[m - 1],
		    (long long)y);
}

/* RFC 3339 in the author's offset, or only the day when no time was given. */
static void
put_machine_date(struct ks_buf *b, const struct ks_date *d)
{
	char buf[32];

	ks_date_format_rfc3339(d, buf);
	if (!d->has_time)
		buf[10] = '\0';
	ks_buf_puts(b, buf);
}

/* <span class="date" title="RFC 3339">human date</span> */
static void
put_date_span(struct ks_buf *b, const struct ks_date *d, const char *lang)
{
	ks_buf_puts(b, "<span class=\"date\" title=\"");
	put_machine_date(b, d);
	ks_buf_puts(b, "\">");
	put_human_date(b, d, lang);
	ks_buf_puts(b, "</span>");
}

static void
put_meta(struct ks_buf *b, const char *attr, const char *name,
    const char *content)
{
	if (content == NULL || content[0] == '\0')
		return;
	ks_buf_printf(b, "<meta %s=\"%s\" content=\"", attr, name);
	ks_escape_html_attr(b, content);
	ks_buf_puts(b, "\">\n");
}

/* Everything up to and including <body>; the head's extra lines go in
 * after the <title>. */
static void
put_head(struct ks_buf *b, const char *lang, const char *title,
    const char *page_title_suffix)
{
	ks_buf_puts(b, "<!DOCTYPE html>\n<html");
	if (lang != NULL) {
		ks_buf_puts(b, " lang=\"");
		ks_escape_html_attr(b, lang);
		ks_buf_putc(b, '"');
	}
	ks_buf_puts(b, ">\n<head>\n<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n<title>");
	ks_escape_html_text(b, title);
	if (page_title_suffix != NULL) {
		ks_buf_puts(b, " — ");
		ks_escape_html_text(b, page_title_suffix);
	}
	ks_buf_puts(b, "</title>\n");
	put_meta(b, "name", "generator", "ksconv " KS_VERSION);
}

static void
put_style_and_body(struct ks_buf *b)
{
	ks_buf_puts(b, "<style>\n");
	ks_buf_puts(b, css);
	ks_buf_puts(b, "</style>\n</head>\n<body>\n");
}

static void
put_link(struct ks_buf *b, const char *href, const char *text)
{
	ks_buf_puts(b, "<a href=\"");
	ks_escape_html_attr(b, href);
	ks_buf_puts(b, "\">");
	ks_escape_html_text(b, text);
	ks_buf_puts(b, "</a>");
}

/* The categories and tags, each once, as one plain line. */
static void
put_tags(struct ks_buf *b, const struct ks_article *a,
    const struct labels *l)
{
	struct ks_strs all = KS_STRS_INIT;

	for (size_t i = 0; i < a->categories.len; i++)
		if (a->categories.v[i][0] != '\0')
			ks_strs_push_unique(&all, a->categories.v[i]);
	for (size_t i = 0; i < a->tags.len; i++)
		if (a->tags.v[i][0] != '\0')
			ks_strs_push_unique(&all, a->tags.v[i]);
	for (size_t i = 0; i < all.len; i++) {
		if (i == 0) {
			ks_buf_puts(b, "<p class=\"tags\">");
			ks_escape_html_text(b, l->tags);
		} else {
			ks_buf_puts(b, l->sep);
		}
		ks_escape_html_text(b, all.v[i]);
	}
	if (all.len > 0)
		ks_buf_puts(b, "</p>\n");
	ks_strs_free(&all);
}

/* The whole page of one article. */
static void
render_page(struct ks_buf *b, const struct ks_settings *s,
    const struct ks_article *a, const char *lang, const char *author)
{
	const struct labels *l = labels_for(lang);
	struct ks_render_opts ro;

	memset(&ro, 0, sizeof(ro));
	/* embed is the EPUB's business; elsewhere it means keep. */
	ro.images = s->images == KS_IMAGES_LINK || s->images == KS_IMAGES_DROP ?
	    s->images : KS_IMAGES_KEEP;
	ro.heading_shift = 1;

	put_head(b, lang, a->title, s->title);
	put_meta(b, "name", "author", author);
	put_meta(b, "name", "description", a->summary);
	if (a->date.known) {
		ks_buf_puts(b, "<meta property=\"article:published_time\" "
		    "content=\"");
		put_machine_date(b, &a->date);
		ks_buf_puts(b, "\">\n");
	}
	put_style_and_body(b);

	ks_buf_puts(b, "<div class=\"site\" role=\"navigation\">");
	put_link(b, "../index.html", s->title);
	ks_buf_puts(b, "</div>\n<div class=\"article\" role=\"main\">\n"
	    "<div class=\"head\">\n<h1>");
	ks_escape_html_text(b, a->title);
	ks_buf_puts(b, "</h1>\n<p class=\"byline\">");
	ks_buf_puts(b, "<span class=\"author\">");
	ks_escape_html_text(b, author);
	ks_buf_puts(b, "</span>");
	if (a->date.known) {
		ks_buf_puts(b, l->sep);
		put_date_span(b, &a->date, lang);
	}
	/* When the source already stands in for the author, say it once. */
	if (a->source != NULL && a->source[0] != '\0' &&
	    strcmp(a->source, author) != 0) {
		ks_buf_printf(b, "%s<span class=\"source\">", l->sep);
		ks_escape_html_text(b, l->source);
		ks_escape_html_text(b, a->source);
		ks_buf_puts(b, "</span>");
	}
	ks_buf_puts(b, "</p>\n");
	if (a->link != NULL) {
		ks_buf_puts(b, "<p class=\"original\">");
		put_link(b, a->link, l->original);
		ks_buf_puts(b, "</p>\n");
	}
	ks_buf_puts(b, "</div>\n<div class=\"body\">\n");
	ks_render_html(b, a->body, &ro);
	ks_buf_puts(b, "</div>\n");
	put_tags(b, a, l);
	ks_buf_puts(b, "</div>\n<p class=\"back\" role=\"navigation\">");
	put_link(b, "../index.html", l->back);
	ks_buf_puts(b, "</p>\n</body>\n</html>\n");
}

/* FOLDER/NAME (NAME may hold a subfolder). The caller frees. */
static char *
join(const char *folder, const char *name)
{
	struct ks_buf b = KS_BUF_INIT;

	ks_buf_printf(&b, "%s/%s", folder, name);
	return ks_buf_detach(&b);
}

static int
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && strcmp(s + n - k, suffix) == 0;
}

/*
 * output is the folder (-o DIR with html alone), or a page inside it: the
 * CLI gives DIR/index.html when several formats share DIR, and the bare
 * default "index.html" when html runs alone without -o.
 */
static void *
html_begin(const struct ks_settings *s, const char *output)
{
	struct html_state *st;
	const char *slash;

	if (strcmp(output, "-") == 0) {
		ks_error(NULL, 0, "the html format writes a folder, not "
		    "standard output: give -o DIR");
		return NULL;
	}
	st = ks_xcalloc(1, sizeof(*st));
	st->s = s;
	if (ends_with(output, ".html")) {
		slash = strrchr(output, '/');
		if (slash == NULL)
			st->folder = ks_xstrdup(".");
		else if (slash == output)
			st->folder = ks_xstrdup("/");
		else
			st->folder = ks_xstrndup(output,
			    (size_t)(slash - output));
		/*
		 * DIR/index.html means the site shares DIR with other
		 * formats, the feeds among them (DESIGN §2): link them for
		 * autodiscovery. The writer is not told which formats run,
		 * so this trusts the documented --to atom,rss,json,html.
		 */
		st->link_feeds = slash != NULL;
	} else {
		st->folder = ks_xstrdup(output);
	}
	st->articles = join(st->folder, "articles");
	if (ks_output_mkdir(st->folder) != 0 ||
	    ks_output_mkdir(st->articles) != 0) {
		free(st->articles);
		free(st->folder);
		free(st);
		return NULL;
	}
	return st;
}

/* The language a page is in: the article's, else --lang, else none. */
static const char *
page_lang(const struct ks_settings *s, const struct ks_article *a)
{
	return known_lang(a->lang) ? a->lang : known_lang(s->lang);
}

/*
 * The article's page, on a reading thread, written to a temporary in the
 * articles folder: its name depends on the articles before, so add()
 * gives it (as for Markdown). Returns the temporary's path, or NULL
 * after reporting.
 */
static void *
html_prepare(const void *state, const struct ks_settings *s,
    const struct ks_article *a)
{
	const struct html_state *st = state;
	struct ks_buf page = KS_BUF_INIT;
	char *author = ks_wu_author(a, s);
	char *tmp;

	render_page(&page, s, a, page_lang(s, a), author);
	free(author);
	tmp = ks_output_temp_in(st->articles, a->path, ks_buf_cstr(&page),
	    page.len);
	ks_buf_free(&page);
	return tmp;
}

/* Names the page (names depend on the articles before), hands its
 * temporary to the batch and keeps what the index needs. */
static int
html_add(void *state, const struct ks_article *a, void *part)
{
	struct html_state *st = state;
	struct ks_buf name = KS_BUF_INIT;
	struct html_entry *e;
	const char *lang = page_lang(st->s, a);
	char *path;
	int rc = -1;	/* without a part, prepare reported it */

	if (st->len == st->cap) {
		st->cap = st->cap ? st->cap * 2 : 64;
		st->v = ks_xrealloc(st->v, st->cap * sizeof(*st->v));
	}
	e = &st->v[st->len];
	memset(e, 0, sizeof(*e));
	e->order = st->len++;
	/* Every article takes its slug, in input order, as the feeds do. */
	e->slug = ks_wu_slug(&st->slugs, NULL, a->title);
	e->title = ks_xstrdup(a->title);
	e->summary = a->summary ? ks_xstrdup(a->summary) : NULL;
	e->author = ks_wu_author(a, st->s);
	e->lang = lang ? ks_xstrdup(lang) : NULL;
	e->date = a->date;

	if (part != NULL) {
		ks_buf_printf(&name, "%s.html", e->slug);
		path = join(st->articles, ks_buf_cstr(&name));
		rc = ks_output_batch_adopt(&st->out, part, path);
		free(path);
		free(part);
	}
	ks_buf_free(&name);
	return rc;
}

/* Newest first; undated after every dated one; input order breaks ties. */
static int
cmp_entries(const void *pa, const void *pb)
{
	const struct html_entry *a = pa, *b = pb;

	if (a->date.known != b->date.known)
		return a->date.known ? -1 : 1;
	if (a->date.known && a->date.utc != b->date.utc)
		return a->date.utc > b->date.utc ? -1 : 1;
	return a->order < b->order ? -1 : a->order > b->order;
}

/* An article's language and its place, for counting languages. */
struct lang_at {
	const char	*lang;
	size_t		 at;
};

static int
by_lang(const void *x, const void *y)
{
	const struct lang_at *a = x, *b = y;
	int c = strcmp(a->lang, b->lang);

	if (c != 0)
		return c;
	return a->at < b->at ? -1 : a->at > b->at;
}

/*
 * The index's language: --lang, else the one most articles have (the
 * first seen wins a tie), else none. Counted on a sorted copy: comparing
 * every article with every other took minutes at 100 000.
 */
static const char *
index_lang(const struct html_state *st)
{
	const char *best = known_lang(st->s->lang);
	struct lang_at *v;
	size_t n = 0, best_n = 0, best_at = 0;

	if (best != NULL)
		return best;
	v = ks_xcalloc(st->len + 1, sizeof(*v));
	for (size_t i = 0; i < st->len; i++)
		if (st->v[i].lang != NULL)
			v[n++] = (struct lang_at){ st->v[i].lang, i };
	if (n > 1)
		qsort(v, n, sizeof(*v), by_lang);
	for (size_t i = 0, j; i < n; i = j) {
		for (j = i + 1; j < n && strcmp(v[j].lang, v[i].lang) == 0; j++)
			;
		/* v[i] is the run's first article. */
		if (j - i > best_n || (j - i == best_n && v[i].at < best_at)) {
			best = st->v[v[i].at].lang;
			best_n = j - i;
			best_at = v[i].at;
		}
	}
	free(v);
	return best;
}

/*
 * Reserves at once about what the index's list takes: per entry its
 * markup and date, title, author, summary and page name. Grown by
 * reallocation instead, the 52 MB index of 100 000 articles left a chain
 * of freed blocks that mimalloc kept (peak RSS 188 MB, reserved 143 MB).
 */
static void
reserve_index(struct ks_buf *b, const struct html_state *st)
{
	size_t n = 8192;

	for (size_t i = 0; i < st->len; i++) {
		const struct html_entry *e = &st->v[i];

		n += 200 + strlen(e->title) + strlen(e->slug) +
		    strlen(e->author) + (e->summary ? strlen(e->summary) : 0);
	}
	ks_buf_grow(b, n);
}

static void
render_index(struct ks_buf *b, const struct html_state *st,
    const char *lang)
{
	const struct ks_settings *s = st->s;
	const struct labels *l = labels_for(lang);
	size_t nfeeds = st->link_feeds ? sizeof(feeds) / sizeof(feeds[0]) : 0;

	reserve_index(b, st);
	put_head(b, lang, s->title, NULL);
	put_meta(b, "name", "author", s->author);
	put_meta(b, "name", "description", s->subtitle);
	for (size_t i = 0; i < nfeeds; i++)
		ks_buf_printf(b, "<link rel=\"alternate\" type=\"%s\" "
		    "title=\"%s\" href=\"%s\">\n", feeds[i].type,
		    feeds[i].title, feeds[i].file);
	put_style_and_body(b);

	ks_buf_puts(b, "<div class=\"header\" role=\"banner\">\n<h1>");
	ks_escape_html_text(b, s->title);
	ks_buf_puts(b, "</h1>\n");
	if (s->subtitle != NULL && s->subtitle[0] != '\0') {
		ks_buf_puts(b, "<p class=\"subtitle\">");
		ks_escape_html_text(b, s->subtitle);
		ks_buf_puts(b, "</p>\n");
	}
	ks_buf_puts(b, "</div>\n<div role=\"main\">\n");
	if (st->len == 0) {
		ks_buf_puts(b, "<p>");
		ks_escape_html_text(b, l->none);
		ks_buf_puts(b, "</p>\n");
	} else {
		ks_buf_puts(b, "<ol class=\"articles\">\n");
	}
	for (size_t i = 0; i < st->len; i++) {
		const struct html_entry *e = &st->v[i];
		struct ks_buf href = KS_BUF_INIT;

		ks_buf_printf(&href, "articles/%s.html", e->slug);
		ks_buf_puts(b, "<li");
		if (e->lang != NULL && (lang == NULL ||
		    strcmp(e->lang, lang) != 0)) {
			ks_buf_puts(b, " lang=\"");
			ks_escape_html_attr(b, e->lang);
			ks_buf_putc(b, '"');
		}
		ks_buf_puts(b, "><h2>");
		put_link(b, ks_buf_cstr(&href), e->title);
		ks_buf_puts(b, "</h2>\n<p class=\"meta\">");
		if (e->date.known) {
			put_date_span(b, &e->date, e->lang ? e->lang : lang);
			ks_buf_puts(b, l->sep);
		}
		ks_escape_html_text(b, e->author);
		ks_buf_puts(b, "</p>\n");
		if (e->summary != NULL && e->summary[0] != '\0') {
			ks_buf_puts(b, "<p class=\"summary\">");
			ks_escape_html_text(b, e->summary);
			ks_buf_puts(b, "</p>\n");
		}
		ks_buf_puts(b, "</li>\n");
		ks_buf_free(&href);
	}
	if (st->len > 0)
		ks_buf_puts(b, "</ol>\n");
	ks_buf_puts(b, "</div>\n");
	if (nfeeds > 0) {
		ks_buf_puts(b, "<p class=\"feeds\">");
		ks_escape_html_text(b, l->subscribe);
		for (size_t i = 0; i < nfeeds; i++) {
			if (i > 0)
				ks_buf_puts(b, l->sep);
			put_link(b, feeds[i].file, feeds[i].title);
		}
		ks_buf_puts(b, "</p>\n");
	}
	ks_buf_puts(b, "</body>\n</html>\n");
}

static int
html_finish(void *state)
{
	struct html_state *st = state;
	struct ks_buf b = KS_BUF_INIT;
	char *path;
	int rc;

	if (st->len > 1)
		qsort(st->v, st->len, sizeof(*st->v), cmp_entries);
	render_index(&b, st, index_lang(st));
	path = join(st->folder, "index.html");
	rc = ks_output_batch_write(&st->out, path, ks_buf_cstr(&b), b.len);
	/* The pages written so far land even when the index could not. */
	if (ks_output_batch_commit(&st->out) != 0)
		rc = -1;
	free(path);
	ks_buf_free(&b);
	return rc;
}

static void
html_free(void *state)
{
	struct html_state *st = state;

	for (size_t i = 0; i < st->len; i++) {
		free(st->v[i].title);
		free(st->v[i].summary);
		free(st->v[i].author);
		free(st->v[i].lang);
	}
	free(st->v);
	ks_output_batch_free(&st->out);
	ks_wu_slugs_free(&st->slugs);
	free(st->articles);
	free(st->folder);
	free(st);
}

const struct ks_writer_class ks_writer_html = {
	.name = "html",
	.default_name = "index.html",
	.summary = "a static site: index.html and articles/SLUG.html",
	.folder = true,
	.to_stdout = false,
	.begin = html_begin,
	.prepare = html_prepare,
	.free_part = ks_output_temp_discard,	/* one add() never took */
	.add = html_add,
	.finish = html_finish,
	.free = html_free,
};
