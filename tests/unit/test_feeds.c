/* The feed writers driven directly with articles no reader would let
 * through (control characters, U+FFFF, lone surrogates, invalid bytes,
 * "]]>"), so their own cleaning is what is tested; the order, --limit,
 * "now", --no-content and --split-by rules shared through src/feed.c;
 * entries spilled to a temporary file and read back; and that the bytes
 * written by hand are the ones libxml2 and jansson would write. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/xmlwriter.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "article.h"
#include "check.h"
#include "derive.h"
#include "diag.h"
#include "escape.h"
#include "feed.h"
#include "feed_xml.h"
#include "writer.h"
#include "xalloc.h"

#define NASTY "a\x01" "b]]>c\xEF\xBF\xBF" "d\xED\xA0\x80" "e\xFF" "f<g>&"
#define FFFD "\xEF\xBF\xBD"

static char tmpdir[] = "/tmp/ksconv-feeds-XXXXXX";

static struct ks_article *
article(const char *key, const char *title, const char *date)
{
	struct ks_article *a = ks_article_new(key, key);
	struct ks_node *p = ks_node_new(KS_NODE_PARAGRAPH);

	a->title = ks_xstrdup(title);
	if (date != NULL)
		CHECK_INT(ks_date_parse(date, 0, &a->date), 0);
	ks_node_append(p, ks_node_new_text(KS_NODE_TEXT, title, strlen(title)));
	ks_node_append(a->body, p);
	a->summary = ks_xstrdup(title);
	a->lang = ks_xstrdup("en");
	a->id = ks_derive_uuid(NULL, key);
	return a;
}

static void
settings(struct ks_settings *s)
{
	memset(s, 0, sizeof(*s));
	s->title = ks_xstrdup("T");
	s->author = ks_xstrdup("A");
	s->id = ks_derive_uuid(NULL, "");
	s->base_url = ks_xstrdup("https://example.org/news/");
}

/* Runs writer name over the articles into DIR/file; returns 0 or -1. */
static int
run(const char *name, const struct ks_settings *s, const char *file,
    struct ks_article **v, size_t n)
{
	const struct ks_writer_class *w = ks_writer_find(name);
	char path[256];
	void *st;
	int rc = 0;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, file);
	if (w == NULL || (st = w->begin(s, path)) == NULL)
		return -1;
	for (size_t i = 0; i < n; i++)
		rc |= ks_writer_add(w, st, s, v[i]);
	rc |= w->finish(st);
	w->free(st);
	return rc;
}

static xmlDocPtr
load_xml(const char *file)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/%s", tmpdir, file);
	/* Strict: no recovery; any error leaves NULL. */
	return xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR |
	    XML_PARSE_NOWARNING);
}

/* The string value of an XPath expression over doc (the caller frees). */
static char *
xpath(xmlDocPtr doc, const char *expr)
{
	xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
	xmlXPathObjectPtr o;
	char *r = NULL;

	xmlXPathRegisterNs(ctx, (const xmlChar *)"a",
	    (const xmlChar *)"http://www.w3.org/2005/Atom");
	xmlXPathRegisterNs(ctx, (const xmlChar *)"content",
	    (const xmlChar *)"http://purl.org/rss/1.0/modules/content/");
	o = xmlXPathEvalExpression((const xmlChar *)expr, ctx);
	if (o != NULL) {
		xmlChar *s = xmlXPathCastToString(o);

		r = ks_xstrdup((const char *)s);
		xmlFree(s);
		xmlXPathFreeObject(o);
	}
	xmlXPathFreeContext(ctx);
	return r;
}

#define CHECK_XPATH(doc, expr, want) do {				\
	char *x_ = xpath((doc), (expr));				\
	CHECK_STR(x_, (want));						\
	free(x_);							\
} while (0)

static void
free_all(struct ks_article **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		ks_article_free(v[i]);
}

/* The whole of DIR/file, or NULL. The caller frees. */
static char *
slurp(const char *file)
{
	struct ks_buf b = KS_BUF_INIT;
	char path[256], chunk[4096];
	size_t n;
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, file);
	if ((fp = fopen(path, "rb")) == NULL)
		return NULL;
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		ks_buf_put(&b, chunk, n);
	fclose(fp);
	ks_buf_putc(&b, '\0');
	return ks_buf_detach(&b);
}

/*
 * The JSON Feed in DIR/file is byte for byte what json_dumps writes for
 * its own contents: the layout of the items, written without building
 * the feed as one jansson object, cannot drift from jansson's.
 */
static void
check_json_canonical(const char *file)
{
	char *text = slurp(file), *again = NULL;
	json_t *j = text != NULL ? json_loads(text, 0, NULL) : NULL;
	struct ks_buf want = KS_BUF_INIT;

	CHECK(j != NULL);
	if (j != NULL && (again = json_dumps(j, JSON_INDENT(2) |
	    JSON_PRESERVE_ORDER)) != NULL)
		ks_buf_printf(&want, "%s\n", again);
	CHECK_STR(text, ks_buf_cstr(&want));
	ks_buf_free(&want);
	free(again);
	json_decref(j);
	free(text);
}

/* Runs writer name like run(), with the messages captured into msgs. */
static int
run_captured(const char *name, const struct ks_settings *s,
    const char *file, struct ks_article **v, size_t n, struct ks_buf *msgs)
{
	int rc;

	ks_diag_capture(msgs);
	rc = run(name, s, file, v, n);
	ks_diag_capture(NULL);
	return rc;
}

static void
test_nasty(void)
{
	struct ks_settings s;
	struct ks_article *v[1];
	xmlDocPtr doc;
	json_t *j;
	char path[256];
	const char *want = "a" FFFD "b]]>c" FFFD "d" FFFD FFFD FFFD "e"
	    FFFD "f<g>&";

	settings(&s);
	v[0] = article("nasty.md", NASTY, "2022-04-08 17:57:45 +0800");
	ks_strs_push(&v[0]->categories, NASTY);
	ks_strs_push(&v[0]->authors, NASTY);
	v[0]->link = ks_xstrdup("https://e.org/?a=1&b=" NASTY);
	CHECK_INT(run("atom", &s, "nasty.atom", v, 1), 0);
	CHECK_INT(run("rss", &s, "nasty.rss", v, 1), 0);
	CHECK_INT(run("json", &s, "nasty.json", v, 1), 0);
	doc = load_xml("nasty.atom");
	CHECK(doc != NULL);
	if (doc != NULL) {
		CHECK_XPATH(doc, "string(/a:feed/a:entry/a:title)", want);
		CHECK_XPATH(doc, "string(/a:feed/a:entry/a:category/@term)",
		    want);
		CHECK_XPATH(doc, "string(/a:feed/a:entry/a:author/a:name)",
		    want);
		CHECK_XPATH(doc, "string(/a:feed/a:entry/a:summary)", want);
		CHECK_XPATH(doc, "string(/a:feed/a:entry/a:published)",
		    "2022-04-08T17:57:45+08:00");
		CHECK_XPATH(doc, "string(/a:feed/a:updated)",
		    "2022-04-08T17:57:45+08:00");
		/* The content is HTML escaped once: its text is markup. */
		CHECK_XPATH(doc, "string(/a:feed/a:entry/a:content)",
		    "<p>a" FFFD "b]]&gt;c" FFFD "d" FFFD FFFD FFFD "e" FFFD
		    "f&lt;g&gt;&amp;</p>\n");
		xmlFreeDoc(doc);
	}
	doc = load_xml("nasty.rss");
	CHECK(doc != NULL);
	if (doc != NULL) {
		CHECK_XPATH(doc, "string(/rss/channel/item/title)", want);
		/* description is HTML: the plain summary escaped for it. */
		CHECK_XPATH(doc, "string(/rss/channel/item/description)",
		    "a" FFFD "b]]&gt;c" FFFD "d" FFFD FFFD FFFD "e" FFFD
		    "f&lt;g&gt;&amp;");
		CHECK_XPATH(doc, "string(/rss/channel/item/pubDate)",
		    "Fri, 08 Apr 2022 17:57:45 +0800");
		CHECK_XPATH(doc, "string(/rss/channel/item/guid/@isPermaLink)",
		    "false");
		xmlFreeDoc(doc);
	}
	snprintf(path, sizeof(path), "%s/nasty.json", tmpdir);
	j = json_load_file(path, 0, NULL);
	CHECK(j != NULL);
	if (j != NULL) {
		json_t *item = json_array_get(json_object_get(j, "items"), 0);

		CHECK_STR(json_string_value(json_object_get(item, "title")),
		    want);
		CHECK_STR(json_string_value(json_object_get(item,
		    "date_published")), "2022-04-08T17:57:45+08:00");
		json_decref(j);
	}
	check_json_canonical("nasty.json");
	free_all(v, 1);
	ks_settings_free(&s);
}

static void
test_order_limit_now(void)
{
	struct ks_settings s;
	struct ks_article *v[5];
	xmlDocPtr doc;

	settings(&s);
	v[0] = article("a.md", "Old", "2020-01-01T00:00:00Z");
	v[1] = article("b.md", "Undated", NULL);
	v[2] = article("c.md", "New", "2022-01-01T00:00:00Z");
	v[3] = article("d.md", "Same as new", "2022-01-01T00:00:00Z");
	v[4] = article("e.md", "New", "2021-01-01T00:00:00Z");
	free(v[4]->lang);
	v[4]->lang = ks_xstrdup("zh_TW");
	CHECK_INT(run("atom", &s, "order.atom", v, 5), 0);
	doc = load_xml("order.atom");
	CHECK(doc != NULL);
	if (doc != NULL) {
		/* Newest first, ties in input order, the undated last with
		 * the newest date as its "now". */
		CHECK_XPATH(doc, "string(/a:feed/a:entry[1]/a:title)", "New");
		CHECK_XPATH(doc, "string(/a:feed/a:entry[2]/a:title)",
		    "Same as new");
		CHECK_XPATH(doc, "string(/a:feed/a:entry[4]/a:title)", "Old");
		CHECK_XPATH(doc, "string(/a:feed/a:entry[5]/a:title)",
		    "Undated");
		CHECK_XPATH(doc, "string(/a:feed/a:entry[5]/a:published)",
		    "2022-01-01T00:00:00Z");
		/* The second "New" gets the html writer's second slug. */
		CHECK_XPATH(doc, "string(/a:feed/a:entry[3]/a:link/@href)",
		    "https://example.org/news/articles/new-2.html");
		/* The feed speaks the first article's language; an entry in
		 * another one says so. */
		CHECK_XPATH(doc, "string(/a:feed/@xml:lang)", "en");
		CHECK_XPATH(doc, "string(/a:feed/a:entry[3]/@xml:lang)",
		    "zh-TW");
		CHECK_XPATH(doc, "count(//a:entry[@xml:lang])", "1");
		xmlFreeDoc(doc);
	}
	s.limit = 2;
	s.has_epoch = true;
	s.epoch = 1700000000;
	CHECK_INT(run("rss", &s, "limit.rss", v, 5), 0);
	doc = load_xml("limit.rss");
	CHECK(doc != NULL);
	if (doc != NULL) {
		CHECK_XPATH(doc, "count(/rss/channel/item)", "2");
		CHECK_XPATH(doc, "string(/rss/channel/lastBuildDate)",
		    "Tue, 14 Nov 2023 22:13:20 +0000");
		xmlFreeDoc(doc);
	}
	free_all(v, 5);
	ks_settings_free(&s);
}

static void
test_no_content_split(void)
{
	struct ks_settings s;
	struct ks_article *v[3];
	xmlDocPtr doc;
	json_t *j;
	char path[256];
	int saved;

	settings(&s);
	free(s.base_url);
	s.base_url = NULL;
	s.no_content = true;
	s.split_by = KS_SPLIT_CATEGORY;
	v[0] = article("a.md", "One", "2020-01-01T00:00:00Z");
	v[1] = article("b.md", "Two", "2021-01-01T00:00:00Z");
	v[2] = article("c.md", "Three", "2022-01-01T00:00:00Z");
	ks_strs_push(&v[0]->categories, "新闻 News");
	ks_strs_push(&v[1]->categories, "Other");
	ks_strs_push(&v[2]->categories, "新闻 News");
	v[2]->link = ks_xstrdup("https://e.org/3");
	CHECK_INT(run("atom", &s, "split.atom", v, 3), 0);
	CHECK_INT(run("json", &s, "split.json", v, 3), 0);
	doc = load_xml("split.atom");
	CHECK(doc != NULL);
	if (doc != NULL) {
		/* Without a link an entry needs content: the summary. */
		CHECK_XPATH(doc, "string(/a:feed/a:entry[3]/a:content/@type)",
		    "text");
		CHECK_XPATH(doc, "count(/a:feed/a:entry[1]/a:content)", "0");
		CHECK_XPATH(doc, "count(//a:link)", "1");
		xmlFreeDoc(doc);
	}
	doc = load_xml("split-新闻-news.atom");
	CHECK(doc != NULL);
	if (doc != NULL) {
		CHECK_XPATH(doc, "count(/a:feed/a:entry)", "2");
		CHECK_XPATH(doc, "string(/a:feed/a:title)", "T: 新闻 News");
		CHECK_XPATH(doc, "string(/a:feed/a:entry[1]/a:title)", "Three");
		xmlFreeDoc(doc);
	}
	doc = load_xml("split-other.atom");
	CHECK(doc != NULL);
	xmlFreeDoc(doc);
	snprintf(path, sizeof(path), "%s/split.json", tmpdir);
	j = json_load_file(path, 0, NULL);
	CHECK(j != NULL);
	if (j != NULL) {
		json_t *item = json_array_get(json_object_get(j, "items"), 0);

		CHECK(json_object_get(item, "content_html") == NULL);
		CHECK_STR(json_string_value(json_object_get(item,
		    "content_text")), "Three");
		json_decref(j);
	}
	snprintf(path, sizeof(path), "%s/split-other.json", tmpdir);
	CHECK(access(path, R_OK) == 0);
	check_json_canonical("split.json");
	check_json_canonical("split-other.json");
	/* Standard output cannot hold several feeds (the error that says
	 * so is not this test's output). */
	fflush(stderr);
	saved = dup(2);
	if (freopen("/dev/null", "w", stderr) != NULL) {
		CHECK(ks_writer_find("rss")->begin(&s, "-") == NULL);
		fflush(stderr);
		dup2(saved, 2);
	}
	close(saved);
	free_all(v, 3);
	ks_settings_free(&s);
}

/* "\n  <t>TEXT</t>" as libxml2's xmlTextWriter writes it in a UTF-8
 * document. The caller frees. */
static char *
libxml2_element(const char *text)
{
	xmlBufferPtr buf = xmlBufferCreate();
	xmlTextWriterPtr w = xmlNewTextWriterMemory(buf, 0);
	size_t skip;
	char *r;

	xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL);
	xmlTextWriterFlush(w);
	skip = (size_t)xmlBufferLength(buf);
	xmlTextWriterWriteRaw(w, (const xmlChar *)"\n  ");
	xmlTextWriterStartElement(w, (const xmlChar *)"t");
	xmlTextWriterWriteString(w, (const xmlChar *)text);
	xmlTextWriterEndElement(w);
	xmlTextWriterFlush(w);
	r = ks_xstrdup((const char *)xmlBufferContent(buf) + skip);
	xmlFreeTextWriter(w);
	xmlBufferFree(buf);
	return r;
}

/* The same through ks_fxml; already_clean skips its cleaning. */
static char *
fxml_element(const char *text, bool already_clean)
{
	struct ks_fxml *w = ks_fxml_new(false);
	struct ks_buf out = KS_BUF_INIT;

	ks_fxml_start(w, 1, "t");
	if (already_clean)
		ks_fxml_text_clean(w, text);
	else
		ks_fxml_text(w, text);
	ks_fxml_end(w, 1, false);
	CHECK_INT(ks_fxml_finish(w, &out), 0);
	return ks_buf_detach(&out);
}

/*
 * ks_fxml escapes text itself, in one pass, instead of through libxml2:
 * byte for byte as libxml2 does it (& < > " and CR), once what XML
 * forbids is replaced.
 */
static void
test_text_escaping(void)
{
	static const char *const cases[] = {
		"", "plain", "<p title=\"a\">x &amp; y</p>\n", "\r\n\t",
		"]]> & <![CDATA[", "中文 “引号” ’ é", "'single' \"double\"",
		"&#13; &lt; \r\r", NASTY, "\x7f\xc2\x80\xf0\x9f\x98\x80",
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *clean = ks_xml_clean(cases[i]);
		char *want = libxml2_element(clean);
		char *got = fxml_element(cases[i], false);
		char *got_clean = fxml_element(clean, true);

		CHECK_STR(got, want);
		CHECK_STR(got_clean, want);
		free(clean);
		free(want);
		free(got);
		free(got_clean);
	}
}

/*
 * Parts bigger than what is kept in memory before it goes to the spill
 * file, read back in the feed's order; an empty feed; and a spill file
 * that cannot be made: reported once, and no feed left behind.
 */
static void
test_spill(void)
{
	enum { N = 40 };
	struct ks_settings s;
	struct ks_article *v[N];
	struct ks_buf msgs = KS_BUF_INIT;
	const char *saved = getenv("TMPDIR");
	char *tmp = saved != NULL ? ks_xstrdup(saved) : NULL;
	const char *first;
	char path[256];
	xmlDocPtr doc;

	settings(&s);
	for (size_t i = 0; i < N; i++) {
		struct ks_buf title = KS_BUF_INIT;
		char key[16], date[32];

		/* 100 KB each: the 4 MB go to the file in several writes. */
		ks_buf_printf(&title, "Entry %02zu ", i);
		while (title.len < 100000)
			ks_buf_printf(&title, "text of entry %02zu ", i);
		snprintf(key, sizeof(key), "e%02zu.md", i);
		snprintf(date, sizeof(date), "2020-01-%02zuT00:00:00Z",
		    i % 28 + 1);
		v[i] = article(key, ks_buf_cstr(&title), date);
		ks_buf_free(&title);
	}
	CHECK_INT(run("atom", &s, "big.atom", v, N), 0);
	CHECK_INT(run("json", &s, "big.json", v, N), 0);
	doc = load_xml("big.atom");
	CHECK(doc != NULL);
	if (doc != NULL) {
		CHECK_XPATH(doc, "count(/a:feed/a:entry)", "40");
		/* Entry i is of day i % 28 + 1: days 28 and 27 are entries
		 * 27 and 26; day 1 is entries 0 and 28, in that order. */
		CHECK_XPATH(doc, "substring(/a:feed/a:entry[1]/a:title, 1, 9)",
		    "Entry 27 ");
		CHECK_XPATH(doc, "substring(/a:feed/a:entry[2]/a:content, 1, "
		    "12)", "<p>Entry 26 ");
		CHECK_XPATH(doc, "substring(/a:feed/a:entry[40]/a:id, 1, 9)",
		    "urn:uuid:");
		CHECK_XPATH(doc, "substring(/a:feed/a:entry[39]/a:content, "
		    "string-length(/a:feed/a:entry[39]/a:content) - 21)",
		    "text of entry 00 </p>\n");
		CHECK_XPATH(doc, "substring(/a:feed/a:entry[40]/a:title, 1, 9)",
		    "Entry 28 ");
		xmlFreeDoc(doc);
	}
	check_json_canonical("big.json");
	CHECK_INT(run("json", &s, "empty.json", v, 0), 0);
	check_json_canonical("empty.json");
	CHECK_INT(run("atom", &s, "empty.atom", v, 0), 0);
	doc = load_xml("empty.atom");
	CHECK(doc != NULL);
	xmlFreeDoc(doc);

	/* 4 MB do not stay in memory: without a place for the spill file
	 * the feed cannot be written. (A small feed never needs one.) */
	setenv("TMPDIR", "/nonexistent/ksconv", 1);
	CHECK_INT(run_captured("rss", &s, "nospill.rss", v, N, &msgs), -1);
	CHECK(strstr(ks_buf_cstr(&msgs), "nospill.rss: error: cannot create "
	    "a temporary file in /nonexistent/ksconv: ") != NULL);
	first = strstr(ks_buf_cstr(&msgs), "error:");
	CHECK(first != NULL && strstr(first + 1, "error:") == NULL);
	snprintf(path, sizeof(path), "%s/nospill.rss", tmpdir);
	CHECK(access(path, F_OK) != 0);
	CHECK_INT(run("rss", &s, "small.rss", v, 3), 0);
	if (tmp != NULL)
		setenv("TMPDIR", tmp, 1);
	else
		unsetenv("TMPDIR");
	free(tmp);
	ks_buf_free(&msgs);
	free_all(v, N);
	ks_settings_free(&s);
}

static void
test_lang(void)
{
	static const char *const cases[][2] = {
		{ "zh", "zh" }, { "zh_CN", "zh-CN" }, { "en-US", "en-US" },
		{ "zh-Hant-TW", "zh-Hant-TW" }, { "de-1996", "de-1996" },
		{ "und", "und" }, { "", NULL }, { "en us", NULL },
		{ "1en", NULL }, { "en-", NULL }, { "-en", NULL },
		{ "en--us", NULL }, { "abcdefghi", NULL }, { "中文", NULL },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *got = ks_feed_lang(cases[i][0]);

		CHECK_STR(got, cases[i][1]);
		free(got);
	}
	CHECK(ks_feed_lang(NULL) == NULL);
}

int
main(void)
{
	char cmd[300];

	ks_diag_set_quiet(1);
	if (mkdtemp(tmpdir) == NULL)
		return 2;
	test_nasty();
	test_order_limit_now();
	test_no_content_split();
	test_text_escaping();
	test_spill();
	test_lang();
	/* KS_KEEP_TMP=1 keeps the feeds, to feed them to other judges. */
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	if (getenv("KS_KEEP_TMP") != NULL)
		fprintf(stderr, "feeds kept in %s\n", tmpdir);
	else if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", tmpdir);
	xmlCleanupParser();
	return ks_check_done("feed-writers");
}
