/* ks_clean_tree: original link, credits, navigation footers, URLs and
 * tidying, on small trees built with the node API. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cleaner.h"
#include "diag.h"
#include "xalloc.h"
#include "check.h"

/* ---- building trees ---- */

static struct ks_node *
add(struct ks_node *parent, enum ks_node_type type)
{
	struct ks_node *n = ks_node_new(type);

	ks_node_append(parent, n);
	return n;
}

static struct ks_node *
text(struct ks_node *parent, const char *s)
{
	struct ks_node *n = ks_node_new_text(KS_NODE_TEXT, s, strlen(s));

	ks_node_append(parent, n);
	return n;
}

/* A paragraph holding one text node. */
static struct ks_node *
para(struct ks_node *doc, const char *s)
{
	struct ks_node *p = add(doc, KS_NODE_PARAGRAPH);

	if (s != NULL)
		text(p, s);
	return p;
}

static struct ks_node *
add_link(struct ks_node *parent, const char *url, const char *s)
{
	struct ks_node *n = add(parent, KS_NODE_LINK);

	n->url = ks_xstrdup(url);
	if (s != NULL)
		text(n, s);
	return n;
}

static struct ks_node *
image(struct ks_node *parent, const char *url, const char *alt)
{
	struct ks_node *n = add(parent, KS_NODE_IMAGE);

	n->url = ks_xstrdup(url);
	n->text = ks_xstrdup(alt);
	return n;
}

/* ---- looking at the result ---- */

/* A compact picture of the body: p('text'link<url>('x')img<url|alt>). */
static char *
dump(const struct ks_node *doc)
{
	struct ks_buf b = KS_BUF_INIT;
	struct ks_iter it;
	enum ks_event ev;
	struct ks_node *n;

	ks_iter_init(&it, (struct ks_node *)doc);
	while ((ev = ks_iter_next(&it)) != KS_EVENT_DONE) {
		n = it.cur;
		if (n == doc)
			continue;
		if (ev == KS_EVENT_EXIT) {
			ks_buf_puts(&b, ")");
			continue;
		}
		switch (n->type) {
		case KS_NODE_TEXT:
			ks_buf_printf(&b, "'%s'", n->text);
			break;
		case KS_NODE_IMAGE:
			ks_buf_printf(&b, "img<%s|%s>", n->url, n->text);
			break;
		case KS_NODE_LINEBREAK:
			ks_buf_puts(&b, "br");
			break;
		case KS_NODE_LINK:
			ks_buf_printf(&b, "link<%s>(", n->url);
			break;
		default:
			ks_buf_printf(&b, "%s(", ks_node_type_name(n->type));
			break;
		}
	}
	return ks_buf_detach(&b);
}

#define CHECK_BODY(a, want) do {					\
	char *d_ = dump((a)->body);					\
	CHECK_STR(d_, (want));						\
	free(d_);							\
} while (0)

/* Runs ks_clean_tree with standard error caught in `err`. */
static char err[4096];

static void
clean(struct ks_article *a)
{
	FILE *tmp = tmpfile();
	int saved;
	size_t n;

	fflush(stderr);
	saved = dup(2);
	dup2(fileno(tmp), 2);
	ks_diag_reset();
	ks_clean_tree(a);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	rewind(tmp);
	n = fread(err, 1, sizeof(err) - 1, tmp);
	err[n] = '\0';
	fclose(tmp);
}

static struct ks_article *
article(void)
{
	return ks_article_new("posts/a.md", "a.md");
}

/* ---- the tests ---- */

/* Seed 004's end: credit, autolink, navigation footer. */
static void
test_seed_004(void)
{
	struct ks_article *a = article();
	struct ks_node *p;

	para(a->body, "在快手上共同战“疫”。");
	para(a->body, "（文章来源：中国新闻网）");
	p = para(a->body, NULL);
	add_link(p, "http://finews.zning.xyz/html_News/NewsShare.html?infoCode=NW202204082336871455",
	    "http://finews.zning.xyz/html_News/NewsShare.html?infoCode=NW202204082336871455");
	p = para(a->body, NULL);
	add_link(p, "//finews.withounder.com/category/zhongguoxinwenwang.html",
	    "返回中国新闻网新闻");
	text(p, "｜");
	add_link(p, "//finews.withounder.com/", "返回首页");
	clean(a);
	CHECK_STR(a->link, "http://finews.zning.xyz/html_News/NewsShare.html?infoCode=NW202204082336871455");
	CHECK_STR(a->source, "中国新闻网");
	CHECK_BODY(a, "paragraph('在快手上共同战“疫”。')");
	CHECK_INT(ks_diag_warnings(), 0);
	ks_article_free(a);
}

/* Seed 019: relative footer links must go before they are warned about. */
static void
test_relative_footer(void)
{
	struct ks_article *a = article();
	struct ks_node *p;

	para(a->body, "比亚迪唐在列。");
	p = para(a->body, NULL);
	add_link(p, "http://hk.eastmoney.com/news/11362,202112082206891293.html",
	    "http://hk.eastmoney.com/news/11362,202112082206891293.html");
	p = para(a->body, NULL);
	add_link(p, "../emnews/", "返回东财滚动新闻");
	text(p, "\n");
	add(p, KS_NODE_LINEBREAK);
	add_link(p, "../", "返回首页");
	clean(a);
	CHECK_STR(a->link, "http://hk.eastmoney.com/news/11362,202112082206891293.html");
	CHECK_BODY(a, "paragraph('比亚迪唐在列。')");
	CHECK_INT(ks_diag_warnings(), 0);
	CHECK_STR(err, "");
	ks_article_free(a);
}

/* Seed 003: "本文由" credit, then the publisher's name alone. */
static void
test_benwenyou(void)
{
	struct ks_article *a = article();

	para(a->body, "真正让“短视频、直播”成为“新农具”。");
	para(a->body, "本文由: 品牌研究杂志社编辑部整理发布,如需转载,请注明来源。");
	para(a->body, "品牌研究杂志社编辑部");
	para(a->body, "2021/02/27");
	clean(a);
	CHECK_STR(a->source, "品牌研究杂志社编辑部");
	CHECK_BODY(a, "paragraph('真正让“短视频、直播”成为“新农具”。')"
	    "paragraph('2021/02/27')");
	ks_article_free(a);

	a = article();
	para(a->body, "正文。");
	para(a->body, "本文由 @自转一周的鹿 原创发布于人人都是产品经理。未经许可，禁止转载。");
	clean(a);
	CHECK_STR(a->source, "人人都是产品经理");
	CHECK_BODY(a, "paragraph('正文。')");
	ks_article_free(a);

	a = article();
	para(a->body, "正文。");
	para(a->body, "本文由 @某人 发布");
	clean(a);
	CHECK_STR(a->source, "某人");
	ks_article_free(a);
}

/* Seed 000: the reporter's byline stays; no credit is invented. */
static void
test_byline_kept(void)
{
	struct ks_article *a = article();

	para(a->body, "未来更需每一个人的参与和努力。");
	para(a->body, "上游新闻记者 杨野 ");
	clean(a);
	CHECK(a->source == NULL);
	CHECK_BODY(a, "paragraph('未来更需每一个人的参与和努力。')"
	    "paragraph('上游新闻记者 杨野')");
	ks_article_free(a);
}

static void
test_credit_shapes(void)
{
	struct ks_article *a;
	struct ks_node *p;
	int i;

	/* Glued to the last sentence: only the credit is cut. */
	a = article();
	para(a->body, "最后一句。（文章来源：新华网）");
	clean(a);
	CHECK_STR(a->source, "新华网");
	CHECK_BODY(a, "paragraph('最后一句。')");
	ks_article_free(a);

	a = article();
	para(a->body, "最后一句。来源：新华社");
	clean(a);
	CHECK_STR(a->source, "新华社");
	CHECK_BODY(a, "paragraph('最后一句。')");
	ks_article_free(a);

	/* Not a credit: "来源" inside a sentence. */
	a = article();
	para(a->body, "他的主要收入来源：工资和奖金。");
	para(a->body, "文章来源于生活，也高于生活。");
	clean(a);
	CHECK(a->source == NULL);
	CHECK_BODY(a, "paragraph('他的主要收入来源：工资和奖金。')"
	    "paragraph('文章来源于生活，也高于生活。')");
	ks_article_free(a);

	/* ASCII brackets and colon; a known source is not replaced. */
	a = article();
	a->source = ks_xstrdup("IT 之家");
	para(a->body, "正文。");
	para(a->body, "(来源: 中国新闻网)");
	clean(a);
	CHECK_STR(a->source, "IT 之家");
	CHECK_BODY(a, "paragraph('正文。')");
	ks_article_free(a);

	a = article();
	para(a->body, "Text.");
	para(a->body, "Source: Reuters.");
	clean(a);
	CHECK_STR(a->source, "Reuters");
	CHECK_BODY(a, "paragraph('Text.')");
	ks_article_free(a);

	/* "稿件来源：X，作者：Y": the name ends at the comma. */
	a = article();
	para(a->body, "正文。");
	para(a->body, "稿件来源：澎湃新闻，作者：张三");
	clean(a);
	CHECK_STR(a->source, "澎湃新闻");
	ks_article_free(a);

	/* A credit that links to its source keeps the link. */
	a = article();
	para(a->body, "正文。");
	p = para(a->body, "资料来源：");
	add_link(p, "https://nijimen.net/topics/392490", "Stay-Luck via Nijimen");
	clean(a);
	CHECK_STR(a->source, "Stay-Luck via Nijimen");
	CHECK_BODY(a, "paragraph('正文。')paragraph('资料来源：'"
	    "link<https://nijimen.net/topics/392490>('Stay-Luck via Nijimen'))");
	ks_article_free(a);

	/* Far from the end, a credit-shaped line is the article's text. */
	a = article();
	para(a->body, "来源：新华社");
	for (i = 0; i < 7; i++)
		para(a->body, "段。");
	clean(a);
	CHECK(a->source == NULL);
	CHECK_STR(err, "");
	CHECK_BODY(a, "paragraph('来源：新华社')paragraph('段。')"
	    "paragraph('段。')paragraph('段。')paragraph('段。')"
	    "paragraph('段。')paragraph('段。')paragraph('段。')");
	ks_article_free(a);
}

static void
test_original_link_shapes(void)
{
	struct ks_article *a;
	struct ks_node *p, *q;

	/* "Source: URL" is a link, not a source. */
	a = article();
	para(a->body, "Text.");
	para(a->body, "Source: http://x.com/a");
	clean(a);
	CHECK(a->source == NULL);
	CHECK_STR(a->link, "http://x.com/a");
	CHECK_BODY(a, "paragraph('Text.')");
	ks_article_free(a);

	/* "> [原文地址](…)" inside a quote: the quote goes with it. */
	a = article();
	para(a->body, "正文。");
	q = add(a->body, KS_NODE_QUOTE);
	p = para(q, NULL);
	add_link(p, "https://animeanime.jp/article/2026/03/26/97191.html", "原文地址");
	clean(a);
	CHECK_STR(a->link, "https://animeanime.jp/article/2026/03/26/97191.html");
	CHECK_BODY(a, "paragraph('正文。')");
	ks_article_free(a);

	/* "**原文链接：** [url](url)" behind a redirector. */
	a = article();
	para(a->body, "正文。");
	p = para(a->body, NULL);
	text(add(p, KS_NODE_STRONG), "原文链接：");
	text(p, " ");
	add_link(p, "http://go.rss.sina.com.cn/redirect.php?url=http://news.sina.com.cn/c/2018-09-23/doc-ihkmwytn7037837.shtml",
	    "http://go.rss.sina.com.cn/redirect.php?url=http://news.sina.com.cn/c/2018-09-23/doc-ihkmwytn7037837.shtml");
	clean(a);
	CHECK_STR(a->link, "http://news.sina.com.cn/c/2018-09-23/doc-ihkmwytn7037837.shtml");
	CHECK_BODY(a, "paragraph('正文。')");
	ks_article_free(a);

	/* A link showing one URL and going to another is no autolink. */
	a = article();
	para(a->body, "正文。");
	p = para(a->body, NULL);
	add_link(p, "https://mail.example/", "http://y.example/news");
	clean(a);
	CHECK(a->link == NULL);
	CHECK_BODY(a, "paragraph('正文。')paragraph("
	    "link<https://mail.example/>('http://y.example/news'))");
	ks_article_free(a);

	/* Text and href that differ only in spelling are the same URL. */
	a = article();
	para(a->body, "正文。");
	p = para(a->body, NULL);
	add_link(p, "HTTP://y.example/a b", "http://y.example/a%20b");
	clean(a);
	CHECK_STR(a->link, "http://y.example/a%20b");
	CHECK_BODY(a, "paragraph('正文。')");
	ks_article_free(a);

	/* A bare URL as plain text. */
	a = article();
	para(a->body, "正文。");
	para(a->body, " http://x.com/p?id=1 ");
	clean(a);
	CHECK_STR(a->link, "http://x.com/p?id=1");
	CHECK_BODY(a, "paragraph('正文。')");
	ks_article_free(a);

	/* The link is known and differs: the line is content, it stays. */
	a = article();
	a->link = ks_xstrdup("https://known.example/a");
	para(a->body, "正文。");
	p = para(a->body, NULL);
	add_link(p, "http://other.example/b", "http://other.example/b");
	clean(a);
	CHECK_STR(a->link, "https://known.example/a");
	CHECK_BODY(a, "paragraph('正文。')paragraph("
	    "link<http://other.example/b>('http://other.example/b'))");
	ks_article_free(a);

	/* ...and when it repeats the known link, it goes. */
	a = article();
	a->link = ks_xstrdup("https://known.example/a");
	para(a->body, "正文。");
	para(a->body, "原文链接：https://known.example/a");
	clean(a);
	CHECK_BODY(a, "paragraph('正文。')");
	ks_article_free(a);
}

static void
test_nav(void)
{
	struct ks_article *a;
	struct ks_node *p;

	a = article();
	p = para(a->body, "正文最后一句。");
	add_link(p, "https://x.com/", "返回首页");
	para(a->body, "↑ 返回顶部");
	p = para(a->body, NULL);
	add_link(add(p, KS_NODE_STRONG), "https://x.com/", "Back to home");
	clean(a);
	CHECK_BODY(a, "paragraph('正文最后一句。')");
	ks_article_free(a);

	/* A link that does not start with 返回 is not navigation. */
	a = article();
	p = para(a->body, NULL);
	add_link(p, "https://x.com/a", "详情");
	text(p, " | ");
	add_link(p, "https://x.com/", "返回首页");
	clean(a);
	CHECK_BODY(a, "paragraph(link<https://x.com/a>('详情'))");
	ks_article_free(a);
}

static void
test_urls(void)
{
	struct ks_article *a;
	struct ks_node *p;

	/* No original link: relative image -> alt text, with a warning. */
	a = article();
	p = para(a->body, NULL);
	image(p, "/assets/x.png", "示意图");
	p = para(a->body, "图：");
	image(p, "/assets/y.png", "");
	clean(a);
	CHECK_BODY(a, "paragraph('示意图')paragraph('图：')");
	CHECK_INT(ks_diag_warnings(), 1);
	CHECK(strstr(err, "posts/a.md: warning: relative image '/assets/x.png'"
	    " cannot be resolved without the original link; replaced by its"
	    " alt text (and 1 more unusable URL)") != NULL);
	ks_article_free(a);

	/* Relative link without a link: its text, merged with its neighbours. */
	a = article();
	p = para(a->body, "见 ");
	add_link(p, "../emnews/", "东财");
	text(p, " 新闻");
	clean(a);
	CHECK_BODY(a, "paragraph('见 东财 新闻')");
	CHECK(strstr(err, "relative link '../emnews/' cannot be resolved"
	    " without the original link; kept as text") != NULL);
	ks_article_free(a);

	/* With the original link known, relative URLs resolve. */
	a = article();
	a->link = ks_xstrdup("https://finews.withounder.com/emnews/2021/x.html");
	p = para(a->body, NULL);
	add_link(p, "../more.html", "更多")->title = ks_xstrdup("标题");
	image(p, "/assets/x.png", "图");
	clean(a);
	CHECK_BODY(a, "paragraph(link<https://finews.withounder.com/emnews/more.html>('更多')"
	    "img<https://finews.withounder.com/assets/x.png|图>)");
	CHECK_STR(a->body->first->first->title, "标题");
	CHECK_INT(ks_diag_warnings(), 0);
	ks_article_free(a);

	/* Proxies unwrap, protocol-relative URLs get https. */
	a = article();
	p = para(a->body, NULL);
	image(p, "https://cors.zfour.workers.dev/?http://static.1sapp.com/a.jpeg", "");
	add_link(p, "//x.com/a", "a");
	clean(a);
	CHECK_BODY(a, "paragraph(img<http://static.1sapp.com/a.jpeg|>"
	    "link<https://x.com/a>('a'))");
	ks_article_free(a);

	/* Dangerous URLs: kept as text, with a warning; a data image stays. */
	a = article();
	p = para(a->body, NULL);
	add_link(p, "  JaVaScRiPt:alert(1)", "点我");
	image(p, "data:text/html;base64,PHNjcmlwdD4=", "x");
	image(p, "data:image/png;base64,iVBORw0KGgo=", "png");
	clean(a);
	CHECK_BODY(a, "paragraph('点我x'img<data:image/png;base64,iVBORw0KGgo=|png>)");
	CHECK(strstr(err, "unsafe link '  JaVaScRiPt:alert(1)'; kept as text"
	    " (and 1 more unusable URL)") != NULL);
	CHECK_INT(ks_diag_warnings(), 1);
	ks_article_free(a);

	/* Metadata URLs. */
	a = article();
	a->image = ks_xstrdup("https://cors.zfour.workers.dev/?http://static.1sapp.com/qupost/img/a.jpeg");
	a->link = ks_xstrdup("//finews.withounder.com/a.html");
	clean(a);
	CHECK_STR(a->image, "http://static.1sapp.com/qupost/img/a.jpeg");
	CHECK_STR(a->link, "https://finews.withounder.com/a.html");
	ks_article_free(a);

	a = article();
	a->image = ks_xstrdup("/img/a.png");
	a->link = ks_xstrdup("javascript:alert(1)");
	clean(a);
	CHECK(a->image == NULL);
	CHECK(a->link == NULL);
	CHECK_INT(ks_diag_warnings(), 2);
	CHECK(strstr(err, "unsafe original link 'javascript:alert(1)'; dropped") != NULL);
	CHECK(strstr(err, "relative lead image '/img/a.png' cannot be resolved") != NULL);
	ks_article_free(a);

	/* An empty metadata URL is no URL, and no warning either. */
	a = article();
	a->image = ks_xstrdup(" ");
	clean(a);
	CHECK(a->image == NULL);
	CHECK_STR(err, "");
	ks_article_free(a);

	/* A relative lead image resolves against a link found in the body. */
	a = article();
	a->image = ks_xstrdup("/img/a.png");
	para(a->body, "正文。");
	para(a->body, "http://x.com/news/1.html");
	clean(a);
	CHECK_STR(a->image, "http://x.com/img/a.png");
	ks_article_free(a);
}

static void
test_tidy(void)
{
	struct ks_article *a;
	struct ks_node *p, *l, *q;

	a = article();
	para(a->body, " \xc2\xa0 ");
	add(add(a->body, KS_NODE_PARAGRAPH), KS_NODE_LINEBREAK);
	add(add(a->body, KS_NODE_PARAGRAPH), KS_NODE_EMPH);
	text(add(add(a->body, KS_NODE_PARAGRAPH), KS_NODE_STRONG), " ");
	add(a->body, KS_NODE_HEADING)->level = 2;
	add(a->body, KS_NODE_LIST);
	add(a->body, KS_NODE_QUOTE);
	q = add(a->body, KS_NODE_QUOTE);
	para(q, "  ");
	add_link(add(a->body, KS_NODE_PARAGRAPH), "https://x.com/", NULL);
	/* A link around an image stays. */
	p = add(a->body, KS_NODE_PARAGRAPH);
	l = add_link(p, "https://x.com/big.png", NULL);
	image(l, "https://x.com/small.png", "");
	clean(a);
	CHECK_BODY(a, "paragraph(link<https://x.com/big.png>"
	    "(img<https://x.com/small.png|>))");
	ks_article_free(a);

	/* Trimming the edges, line breaks included; inner ones stay. */
	a = article();
	p = add(a->body, KS_NODE_PARAGRAPH);
	add(p, KS_NODE_LINEBREAK);
	text(p, "\xe3\x80\x80 hello ");
	add(p, KS_NODE_LINEBREAK);
	text(add(p, KS_NODE_EMPH), "world  ");
	add(p, KS_NODE_LINEBREAK);
	text(p, " ");
	clean(a);
	CHECK_BODY(a, "paragraph('hello 'bremph('world'))");
	ks_article_free(a);

	/* Merging adjacent text nodes, also after a blank emphasis goes. */
	a = article();
	p = add(a->body, KS_NODE_PARAGRAPH);
	text(p, "a");
	text(p, "b");
	l = add(p, KS_NODE_EMPH);
	text(l, "c");
	text(l, "d");
	text(p, "e");
	text(add(p, KS_NODE_STRONG), " ");
	text(p, "f");
	clean(a);
	CHECK_BODY(a, "paragraph('ab'emph('cd')'e f')");
	ks_article_free(a);

	/* Lists keep items with content; tables keep their empty cells. */
	a = article();
	l = add(a->body, KS_NODE_LIST);
	para(add(l, KS_NODE_ITEM), " 一 ");
	add(l, KS_NODE_ITEM);
	q = add(add(a->body, KS_NODE_TABLE), KS_NODE_TABLE_ROW);
	text(add(q, KS_NODE_TABLE_CELL), " x ");
	add(q, KS_NODE_TABLE_CELL);
	clean(a);
	CHECK_BODY(a, "list(item(paragraph('一')))table(row(cell('x')cell()))");
	ks_article_free(a);

	/* An empty body and a released one are fine. */
	a = article();
	clean(a);
	CHECK_BODY(a, "");
	ks_article_release_body(a);
	clean(a);
	CHECK(a->body == NULL);
	ks_article_free(a);
}

/* Deep nesting and long runs stay linear and off the C stack. */
static void
test_big(void)
{
	struct ks_article *a = article();
	struct ks_node *n = a->body;
	int i;

	for (i = 0; i < 64; i++)
		n = add(n, KS_NODE_QUOTE);
	n = add(n, KS_NODE_PARAGRAPH);
	for (i = 0; i < 64; i++)
		n = add(n, KS_NODE_EMPH);
	text(n, "deep");
	n = add(a->body, KS_NODE_PARAGRAPH);
	for (i = 0; i < 100000; i++)
		text(n, "x");
	for (i = 0; i < 10000; i++)
		para(a->body, " ");
	clean(a);
	CHECK(a->body->last->type == KS_NODE_PARAGRAPH);
	CHECK(a->body->last->first == a->body->last->last);
	CHECK_INT(strlen(a->body->last->first->text), 100000);
	ks_article_free(a);
}

int
main(void)
{
	test_seed_004();
	test_relative_footer();
	test_benwenyou();
	test_byline_kept();
	test_credit_shapes();
	test_original_link_shapes();
	test_nav();
	test_urls();
	test_tidy();
	test_big();
	return ks_check_done("clean_tree");
}
