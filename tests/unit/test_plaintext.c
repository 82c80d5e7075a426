/* Tests for src/plaintext.c: seed 003's magazine header and trailer, BBC
 * style title and hard-wrapped paragraphs, and the edge cases around them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "check.h"
#include "diag.h"
#include "plaintext.h"

#define SEED003	"seeds/003_024a42d1340e107e.txt"

/* The caller frees the returned text. NULL when the file cannot be read. */
static char *
slurp(const char *path, size_t *lenp)
{
	FILE *f;
	char *s;
	long n;

	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0) {
		fclose(f);
		return NULL;
	}
	s = malloc((size_t)n + 1);
	if (s == NULL || fread(s, 1, (size_t)n, f) != (size_t)n) {
		free(s);
		fclose(f);
		return NULL;
	}
	s[n] = '\0';
	fclose(f);
	*lenp = (size_t)n;
	return s;
}

static struct ks_article *
read_text(const char *text)
{
	struct ks_article *a;

	a = ks_article_new("test.txt", "test.txt");
	ks_plaintext_read(a, text, strlen(text), 1);
	return a;
}

static size_t
count_children(const struct ks_node *n)
{
	size_t k = 0;

	for (n = n->first; n != NULL; n = n->next)
		k++;
	return k;
}

/* The text of the i-th paragraph, checking that it is a paragraph with
 * exactly one text child. NULL when it is not. */
static const char *
para(const struct ks_article *a, size_t i)
{
	const struct ks_node *n = a->body->first;

	while (n != NULL && i-- > 0)
		n = n->next;
	if (n == NULL || n->type != KS_NODE_PARAGRAPH || n->first == NULL ||
	    n->first != n->last || n->first->type != KS_NODE_TEXT)
		return NULL;
	return n->first->text;
}

static bool
starts_with(const char *s, const char *prefix)
{
	return s != NULL && strncmp(s, prefix, strlen(prefix)) == 0;
}

static void
test_seed003(void)
{
	struct ks_article *a;
	char *text;
	size_t len;
	const char *last;

	text = slurp(SEED003, &len);
	CHECK(text != NULL);
	if (text == NULL)
		return;
	a = ks_article_new(SEED003, "003_024a42d1340e107e.txt");
	ks_plaintext_read(a, text, len, 1);

	CHECK_INT(a->extra.len, 12);
	if (a->extra.len == 12) {
		CHECK_STR(a->extra.v[0].key, "主管单位");
		CHECK_STR(a->extra.v[0].values.v[0], "山西省社会科学院");
		CHECK_INT(a->extra.v[0].line, 1);
		CHECK_STR(a->extra.v[2].key, "编辑出版");
		CHECK_STR(a->extra.v[2].values.v[0], "《品牌研究》杂志社");
		CHECK_STR(a->extra.v[4].key, "国内统一刊号");
		CHECK_STR(a->extra.v[4].values.v[0], "CN 14-1384/F");
		/* the spaces that align CJK labels are not part of the key */
		CHECK_STR(a->extra.v[6].key, "周期");
		CHECK_STR(a->extra.v[6].values.v[0], "半月刊");
		CHECK_STR(a->extra.v[7].key, "出版地");
		CHECK_STR(a->extra.v[9].key, "开本");
		CHECK_STR(a->extra.v[9].values.v[0], "大16开");
		CHECK_STR(a->extra.v[11].key, "投稿邮箱");
		CHECK_STR(a->extra.v[11].values.v[0], "ppyjzzs@163.com");
		CHECK_INT(a->extra.v[11].line, 12);
		CHECK(!a->extra.v[11].is_list);
	}
	CHECK(a->title == NULL);	/* derived later, from the sentence */
	CHECK_INT(a->authors.len, 1);
	if (a->authors.len == 1)
		CHECK_STR(a->authors.v[0], "品牌研究杂志社编辑部");
	CHECK(a->date.known);
	CHECK_INT(a->date.utc, 1614384000);
	CHECK(!a->date.has_time);
	CHECK(a->source == NULL);

	CHECK_INT(count_children(a->body), 2);
	CHECK(starts_with(para(a, 0), "“我国脱贫攻坚战"));
	last = para(a, 1);
	CHECK(starts_with(last, "本文由: 品牌研究杂志社编辑部整理发布"));
	CHECK(last != NULL && strstr(last, "2021/02/27") == NULL);
	ks_article_free(a);
	free(text);
}

static void
test_bbc_like(void)
{
	struct ks_article *a;

	a = read_text("Ad sales boost Time Warner profit\n"
	    "\n"
	    "Quarterly profits at US media giant TimeWarner jumped\n"
	    "76% to $1.13bn (£600m) for the three months.\n"
	    "\n"
	    "\n"
	    "\n"
	    "The firm, which is now one of the biggest investors in\n"
	    "   Google, benefited.   \n"
	    "\n"
	    "中国新闻网记者报道，快手\n"
	    "公益与湘西州联合发起计划。\n"
	    "数据来自 TimeWarner\n"
	    "and others\n");
	CHECK_STR(a->title, "Ad sales boost Time Warner profit");
	CHECK_INT(count_children(a->body), 3);
	CHECK_STR(para(a, 0), "Quarterly profits at US media giant TimeWarner "
	    "jumped 76% to $1.13bn (£600m) for the three months.");
	CHECK_STR(para(a, 1), "The firm, which is now one of the biggest "
	    "investors in Google, benefited.");
	/* no space where either side is CJK, one between Latin words */
	CHECK_STR(para(a, 2), "中国新闻网记者报道，快手公益与湘西州联合发起计划。"
	    "数据来自 TimeWarner and others");
	CHECK_INT(a->extra.len, 0);
	CHECK(!a->date.known);
	CHECK_INT(a->authors.len, 0);
	ks_article_free(a);

	/* CRLF line ends, trailing blanks, a full-width indent */
	a = read_text("Solskjaer raises hopes\r\n\r\n"
	    "\xE3\x80\x80\xE3\x80\x80第一段\r\n第二行  \r\n\r\n"
	    "Last line.\r\n");
	CHECK_STR(a->title, "Solskjaer raises hopes");
	CHECK_STR(para(a, 0), "第一段第二行");
	CHECK_STR(para(a, 1), "Last line.");
	CHECK_INT(count_children(a->body), 2);
	ks_article_free(a);
}

static void
test_titles(void)
{
	struct ks_article *a;

	/* a first line ending a sentence is a paragraph */
	a = read_text("这是第一句话。\n\n第二段。\n");
	CHECK(a->title == NULL);
	CHECK_INT(count_children(a->body), 2);
	ks_article_free(a);

	/* without more text after it, the short line is the body */
	a = read_text("Only a line\n\n");
	CHECK(a->title == NULL);
	CHECK_STR(para(a, 0), "Only a line");
	ks_article_free(a);

	/* a known title stays; a first line repeating it leaves the body */
	a = ks_article_new("t.txt", "t.txt");
	a->title = strdup("标题");
	ks_plaintext_read(a, "标题\n\n正文。\n", strlen("标题\n\n正文。\n"), 1);
	CHECK_STR(a->title, "标题");
	CHECK_INT(count_children(a->body), 1);
	CHECK_STR(para(a, 0), "正文。");
	ks_article_free(a);

	/* a different first line with a known title stays in the body */
	a = ks_article_new("t.txt", "t.txt");
	a->title = strdup("Known");
	ks_plaintext_read(a, "Other\n\nBody.\n", strlen("Other\n\nBody.\n"), 1);
	CHECK_STR(a->title, "Known");
	CHECK_STR(para(a, 0), "Other");
	ks_article_free(a);

	/* a lone "words: words" line before a blank line is a title */
	a = read_text("Terror powers: the story\n\nBody text here.\n");
	CHECK_STR(a->title, "Terror powers: the story");
	CHECK_INT(a->extra.len, 0);
	CHECK_STR(para(a, 0), "Body text here.");
	ks_article_free(a);

	/* no blank line: each line is a paragraph, no title */
	a = read_text("第一行\n第二行。\n第三行。");
	CHECK(a->title == NULL);
	CHECK_INT(count_children(a->body), 3);
	CHECK_STR(para(a, 0), "第一行");
	CHECK_STR(para(a, 2), "第三行。");
	ks_article_free(a);
}

static void
test_header_fields(void)
{
	struct ks_article *a;
	const char *text;

	ks_diag_set_quiet(1);
	ks_diag_reset();
	text = "标题：快手公益\n"
	    "作者：张三\n"
	    "日期：2022-04-08\n"
	    "来源：中国新闻网\n"
	    "Note : kept as is\n"
	    "\n"
	    "正文第一段。\n"
	    "\n"
	    "正文第二段。\n";
	a = ks_article_new("h.txt", "h.txt");
	ks_plaintext_read(a, text, strlen(text), 5);
	CHECK_STR(a->title, "快手公益");
	CHECK_INT(a->authors.len, 1);
	CHECK_STR(a->authors.len ? a->authors.v[0] : NULL, "张三");
	CHECK(a->date.known);
	CHECK_INT(a->date.utc, 1649376000);
	CHECK_STR(a->source, "中国新闻网");
	CHECK_INT(a->extra.len, 1);
	if (a->extra.len == 1) {
		CHECK_STR(a->extra.v[0].key, "Note");
		CHECK_STR(a->extra.v[0].values.v[0], "kept as is");
		CHECK_INT(a->extra.v[0].line, 9);
	}
	CHECK_INT(count_children(a->body), 2);
	CHECK_STR(para(a, 0), "正文第一段。");
	ks_article_free(a);

	/* an unreadable date warns and is kept as a field */
	a = read_text("Date: sometime\nWho: me\n\nText.\n");
	CHECK(!a->date.known);
	CHECK_INT(ks_diag_warnings(), 1);
	CHECK_INT(a->extra.len, 2);
	CHECK_STR(a->extra.len ? a->extra.v[0].key : NULL, "Date");
	CHECK_STR(para(a, 0), "Text.");
	ks_article_free(a);

	/* not headers: a URL, a time, sentence punctuation in the key */
	a = read_text("http://example.com/a\n10:30 开会\n他说，明天: 好\n");
	CHECK_INT(a->extra.len, 0);
	CHECK_INT(count_children(a->body), 3);
	CHECK_STR(para(a, 0), "http://example.com/a");
	ks_article_free(a);

	/* a key longer than 16 characters ends the block */
	a = read_text("Key: v\nThis key is far too long: v\n");
	CHECK_INT(a->extra.len, 1);
	CHECK_STR(para(a, 0), "This key is far too long: v");
	ks_article_free(a);
	ks_diag_reset();
}

static void
test_trailer(void)
{
	struct ks_article *a;

	/* a date already known and equal (the same day) is removed */
	a = ks_article_new("t.txt", "t.txt");
	a->date.known = true;
	a->date.utc = 1614384000 + 3600;
	a->date.has_time = true;
	ks_plaintext_read(a, "正文。\n编辑部\n2021/02/27\n",
	    strlen("正文。\n编辑部\n2021/02/27\n"), 1);
	CHECK_INT(a->date.utc, 1614384000 + 3600);
	CHECK_INT(count_children(a->body), 1);
	CHECK_STR(a->authors.len ? a->authors.v[0] : NULL, "编辑部");
	ks_article_free(a);

	/* a different date stays in the text, and so does the name */
	a = ks_article_new("t.txt", "t.txt");
	a->date.known = true;
	a->date.utc = 0;
	ks_plaintext_read(a, "正文。\n编辑部\n2021/02/27\n",
	    strlen("正文。\n编辑部\n2021/02/27\n"), 1);
	CHECK_INT(count_children(a->body), 3);
	CHECK_INT(a->authors.len, 0);
	ks_article_free(a);

	/* a known author: the publisher line is text */
	a = ks_article_new("t.txt", "t.txt");
	ks_strs_push(&a->authors, "张三");
	ks_plaintext_read(a, "正文。\n编辑部\n2021/02/27",
	    strlen("正文。\n编辑部\n2021/02/27"), 1);
	CHECK(a->date.known);
	CHECK_INT(a->authors.len, 1);
	CHECK_INT(count_children(a->body), 2);
	CHECK_STR(para(a, 1), "编辑部");
	ks_article_free(a);

	/* blank-line separated, with a credit above the date: the credit
	 * is not a publisher */
	a = read_text("Title\n\nBody one.\n\n（文章来源：中国新闻网）\n\n"
	    "2022年4月8日\n");
	CHECK_STR(a->title, "Title");
	CHECK(a->date.known);
	CHECK_INT(a->date.utc, 1649376000);
	CHECK_INT(a->authors.len, 0);
	CHECK_INT(count_children(a->body), 2);
	CHECK_STR(para(a, 1), "（文章来源：中国新闻网）");
	ks_article_free(a);

	/* a credit without a colon is not a publisher either */
	a = read_text("正文。\n本文由编辑部整理\n2021/02/27\n");
	CHECK(a->date.known);
	CHECK_INT(a->authors.len, 0);
	CHECK_STR(para(a, 1), "本文由编辑部整理");
	ks_article_free(a);

	/* a number is not a date; a date alone is the text itself */
	a = read_text("Body.\n123456789\n");
	CHECK(!a->date.known);
	CHECK_INT(count_children(a->body), 2);
	ks_article_free(a);
	a = read_text("2021/02/27\n");
	CHECK(!a->date.known);
	CHECK_INT(count_children(a->body), 1);
	ks_article_free(a);

	/* a long line above the date is not a publisher */
	a = read_text("正文。\n这一行很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长\n"
	    "2021-02-27\n");
	CHECK(a->date.known);
	CHECK_INT(a->authors.len, 0);
	CHECK_INT(count_children(a->body), 2);
	ks_article_free(a);
}

static void
test_empty(void)
{
	struct ks_article *a;

	a = read_text("");
	CHECK_INT(count_children(a->body), 0);
	CHECK(a->title == NULL);
	ks_article_free(a);
	a = read_text("\n \n\t\r\n\xE3\x80\x80\n");
	CHECK_INT(count_children(a->body), 0);
	ks_article_free(a);
	/* a BOM is not text */
	a = read_text("\xEF\xBB\xBFKey: value\nBody");
	CHECK_INT(a->extra.len, 1);
	CHECK_STR(a->extra.len ? a->extra.v[0].key : NULL, "Key");
	ks_article_free(a);
	/* a body released beforehand is made again */
	a = ks_article_new("t.txt", "t.txt");
	ks_article_release_body(a);
	ks_plaintext_read(a, "x", 1, 1);
	CHECK(a->body != NULL && a->body->type == KS_NODE_DOCUMENT);
	CHECK_STR(para(a, 0), "x");
	ks_article_free(a);
}

int
main(void)
{
	test_seed003();
	test_bbc_like();
	test_titles();
	test_header_fields();
	test_trailer();
	test_empty();
	return ks_check_done("plaintext");
}
