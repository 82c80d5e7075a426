/* The escapers, the HTML renderer and the writers' shared helpers. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "check.h"
#include "diag.h"
#include "escape.h"
#include "reader.h"
#include "render.h"
#include "wutil.h"
#include "xalloc.h"

static struct ks_node *
text(const char *s)
{
	return ks_node_new_text(KS_NODE_TEXT, s, strlen(s));
}

static struct ks_node *
wrap(enum ks_node_type t, struct ks_node *child)
{
	struct ks_node *n = ks_node_new(t);

	ks_node_append(n, child);
	return n;
}

static char *
render(const struct ks_node *doc, int xhtml, enum ks_images images)
{
	struct ks_buf b = KS_BUF_INIT;
	struct ks_render_opts o = { 0 };

	o.xhtml = xhtml;
	o.images = images;
	ks_render_html(&b, doc, &o);
	return ks_buf_detach(&b);
}

static void
test_escape(void)
{
	struct ks_buf b = KS_BUF_INIT;
	char *c;

	ks_escape_html_text(&b, "a<b>&\"c\" 快手");
	CHECK_STR(b.ptr, "a&lt;b&gt;&amp;\"c\" 快手");
	ks_buf_clear(&b);
	ks_escape_html_attr(&b, "x\"y<");
	CHECK_STR(b.ptr, "x&quot;y&lt;");
	ks_buf_clear(&b);
	/* XML-forbidden: a C0 control, U+FFFF, an invalid byte. */
	ks_escape_html_text(&b, "a\x01" "b\xEF\xBF\xBF" "c\xFF" "d");
	CHECK_STR(b.ptr, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c\xEF\xBF\xBD" "d");
	ks_buf_clear(&b);
	/* Runs of CJK end only at an entity or a replacement; tab, newline
	 * and carriage return are copied; a surrogate is three bad bytes
	 * and a truncated sequence two, each replaced. */
	ks_escape_html_text(&b, "快，\t手\n<\r\xED\xA0\x80快&手\xE5\xBF");
	CHECK_STR(b.ptr, "快，\t手\n&lt;\r\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"
	    "快&amp;手\xEF\xBF\xBD\xEF\xBF\xBD");
	c = ks_xml_clean("]]> <ok> \x02");
	CHECK_STR(c, "]]> <ok> \xEF\xBF\xBD");
	free(c);
	ks_buf_free(&b);
}

static void
test_render_blocks(void)
{
	struct ks_node *doc = ks_node_new(KS_NODE_DOCUMENT);
	struct ks_node *p = wrap(KS_NODE_PARAGRAPH, text("a < b & "));
	struct ks_node *link = wrap(KS_NODE_LINK, text("link"));
	struct ks_node *img = ks_node_new(KS_NODE_IMAGE);
	struct ks_node *h = wrap(KS_NODE_HEADING, text("Title"));
	char *html;

	link->url = ks_xstrdup("https://e.org/?a=1&b=\"2\"");
	ks_node_append(p, link);
	img->url = ks_xstrdup("https://e.org/i.png");
	img->text = ks_xstrdup("alt \"x\"");
	ks_node_append(p, ks_node_new(KS_NODE_LINEBREAK));
	ks_node_append(p, img);
	h->level = 1;
	ks_node_append(doc, h);
	ks_node_append(doc, p);
	html = render(doc, 0, KS_IMAGES_KEEP);
	CHECK_STR(html, "<h1>Title</h1>\n<p>a &lt; b &amp; <a href=\""
	    "https://e.org/?a=1&amp;b=&quot;2&quot;\">link</a><br><img src=\""
	    "https://e.org/i.png\" alt=\"alt &quot;x&quot;\"></p>\n");
	free(html);
	html = render(doc, 1, KS_IMAGES_LINK);
	CHECK(strstr(html, "<br /><a href=\"https://e.org/i.png\">alt "
	    "\"x\"</a></p>") != NULL);
	free(html);
	html = render(doc, 1, KS_IMAGES_DROP);
	CHECK(strstr(html, "<br /></p>") != NULL);
	CHECK(strstr(html, "i.png") == NULL);
	free(html);
	ks_node_free(doc);
}

static void
test_render_image_in_link(void)
{
	struct ks_node *doc = ks_node_new(KS_NODE_DOCUMENT);
	struct ks_node *img = ks_node_new(KS_NODE_IMAGE);
	struct ks_node *link = wrap(KS_NODE_LINK, img);
	char *html;

	img->url = ks_xstrdup("https://e.org/i.png");
	img->text = ks_xstrdup("pic");
	link->url = ks_xstrdup("https://e.org/");
	ks_node_append(doc, wrap(KS_NODE_PARAGRAPH, link));
	html = render(doc, 1, KS_IMAGES_LINK);
	CHECK_STR(html, "<p><a href=\"https://e.org/\">pic</a></p>\n");
	free(html);
	ks_node_free(doc);
}

/* Every fixture read through the real reader renders as well-formed XHTML. */
static void
test_fixtures_well_formed(void)
{
	static const char *const files[] = {
		"tests/fixtures/jekyll-markdown.md", "tests/fixtures/xss.html",
		"tests/fixtures/html-page.html", "seeds/004_3c9ac8582064baac.txt",
		"seeds/001_65768461d97a4e44.txt",
	};
	struct ks_settings s = { 0 };

	s.max_size = 1 << 20;
	ks_diag_set_quiet(1);
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		struct ks_buf data = KS_BUF_INIT, doc = KS_BUF_INIT;
		struct ks_article *a = NULL;
		char chunk[4096];
		size_t n;
		FILE *f = fopen(files[i], "rb");
		xmlDoc *x;

		CHECK(f != NULL);
		if (f == NULL)
			continue;
		while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
			ks_buf_put(&data, chunk, n);
		fclose(f);
		CHECK(ks_read_article(files[i], files[i], data.ptr, data.len, &s,
		    &a) == 0);
		ks_buf_puts(&doc, "<div xmlns=\"http://www.w3.org/1999/xhtml\">");
		if (a != NULL) {
			struct ks_render_opts o = { 0 };

			o.xhtml = 1;
			ks_render_html(&doc, a->body, &o);
		}
		ks_buf_puts(&doc, "</div>");
		x = xmlReadMemory(doc.ptr, (int)doc.len, "x.xhtml", "UTF-8",
		    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
		CHECK(x != NULL);
		if (x == NULL)
			fprintf(stderr, "not well-formed: %s\n", files[i]);
		CHECK(strstr(doc.ptr, "<script") == NULL);
		CHECK(strstr(doc.ptr, "javascript:") == NULL);
		xmlFreeDoc(x);
		ks_article_free(a);
		ks_buf_free(&data);
		ks_buf_free(&doc);
	}
}

static void
test_wutil(void)
{
	struct ks_wu_slugs sl = { 0 };
	struct ks_settings s = { 0 };
	struct ks_article *a = ks_article_new("p", "k");
	char buf[16], *v;

	CHECK_STR(ks_wu_slug(&sl, NULL, "Hello World"), "hello-world");
	CHECK_STR(ks_wu_slug(&sl, NULL, "Hello, World!"), "hello-world-2");
	CHECK_STR(ks_wu_slug(&sl, NULL, "hello world"), "hello-world-3");
	CHECK_STR(ks_wu_slug(&sl, "2021-12-03-", "Hello World"),
	    "2021-12-03-hello-world");
	CHECK_STR(ks_wu_slug(&sl, NULL, "../../etc/passwd"), "etc-passwd");
	ks_wu_slugs_free(&sl);

	s.author = ks_xstrdup("Collection");
	v = ks_wu_author(a, &s);
	CHECK_STR(v, "Collection");
	free(v);
	a->source = ks_xstrdup("中国新闻网");
	v = ks_wu_author(a, &s);
	CHECK_STR(v, "中国新闻网");
	free(v);
	ks_strs_push(&a->authors, "A");
	ks_strs_push(&a->authors, "B");
	v = ks_wu_author(a, &s);
	CHECK_STR(v, "A, B");
	free(v);

	CHECK_INT(ks_wu_now(&s, INT64_MIN), 0);
	CHECK_INT(ks_wu_now(&s, 1000), 1000);
	s.has_epoch = 1;
	s.epoch = 42;
	CHECK_INT(ks_wu_now(&s, 1000), 42);

	CHECK(ks_wu_entry_link(a, &s, "x") == NULL);
	s.base_url = ks_xstrdup("https://e.org/news");
	v = ks_wu_entry_link(a, &s, "x");
	CHECK_STR(v, "https://e.org/news/articles/x.html");
	free(v);
	a->link = ks_xstrdup("https://orig.example/1");
	v = ks_wu_entry_link(a, &s, "x");
	CHECK_STR(v, "https://orig.example/1");
	free(v);

	CHECK_STR(ks_wu_date_prefix(a, buf), "");
	ks_date_parse("2022-04-08 17:57:45 +0800", 0, &a->date);
	CHECK_STR(ks_wu_date_prefix(a, buf), "2022-04-08-");
	ks_date_parse("2022-04-08 01:00:00 +0800", 0, &a->date);
	CHECK_STR(ks_wu_date_prefix(a, buf), "2022-04-08-");
	ks_article_free(a);
	ks_settings_free(&s);
}

int
main(void)
{
	test_escape();
	test_render_blocks();
	test_render_image_in_link();
	test_fixtures_well_formed();
	test_wutil();
	return ks_check_done("render");
}
