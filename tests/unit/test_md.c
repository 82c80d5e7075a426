/* The Markdown writer's pieces: the CommonMark renderer (escaping, CJK
 * emphasis, code, lists, tables) on hand-built trees, and the file slugs
 * it names articles by. */
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "md_render.h"
#include "node.h"
#include "wutil.h"

static struct ks_node *
text(const char *s)
{
	return ks_node_new_text(KS_NODE_TEXT, s, strlen(s));
}

static struct ks_node *
wrap(enum ks_node_type type, struct ks_node *child)
{
	struct ks_node *n = ks_node_new(type);

	if (child != NULL)
		ks_node_append(n, child);
	return n;
}

/* Appends children (NULL-terminated) to n and returns n. */
static struct ks_node *
with(struct ks_node *n, ...)
{
	va_list ap;
	struct ks_node *c;

	va_start(ap, n);
	while ((c = va_arg(ap, struct ks_node *)) != NULL)
		ks_node_append(n, c);
	va_end(ap);
	return n;
}

/* Renders a document holding the given blocks, frees it, returns the
 * Markdown (the caller frees). */
static char *
render(enum ks_images images, ...)
{
	struct ks_node *doc = ks_node_new(KS_NODE_DOCUMENT), *c;
	struct ks_buf out = KS_BUF_INIT;
	va_list ap;

	va_start(ap, images);
	while ((c = va_arg(ap, struct ks_node *)) != NULL)
		ks_node_append(doc, c);
	va_end(ap);
	ks_md_render(&out, doc, images);
	ks_node_free(doc);
	return ks_buf_detach(&out);
}

/* One paragraph of one text node. */
static void
check_text(const char *in, const char *want)
{
	char *got = render(KS_IMAGES_KEEP, wrap(KS_NODE_PARAGRAPH, text(in)),
	    NULL);

	CHECK_STR(got, want);
	free(got);
}

static void
test_escaping(void)
{
	/* Block syntax at the start of a line, and only there. */
	check_text("# not a heading", "\\# not a heading\n");
	check_text("#话题# at the start", "#话题# at the start\n");
	check_text("1. not a list", "1\\. not a list\n");
	check_text("2021. 年", "2021\\. 年\n");
	check_text("2021.12 stays", "2021.12 stays\n");
	check_text("- not a bullet", "\\- not a bullet\n");
	check_text("-5 degrees", "-5 degrees\n");
	check_text("> not a quote", "\\> not a quote\n");
	check_text("===", "\\===\n");
	check_text("a - b > c # d", "a - b > c # d\n");
	/* Inline syntax where it could open something. */
	check_text("a*b", "a\\*b\n");
	check_text("2 * 3", "2 * 3\n");
	check_text("snake_case_name", "snake_case_name\n");
	check_text("助残123行动_，", "助残123行动\\_，\n");
	check_text("[x](y)", "\\[x\\](y)\n");
	check_text("<script>", "\\<script>\n");
	check_text("`code`", "\\`code\\`\n");
	check_text("10~20", "10\\~20\n");
	check_text("a | b", "a \\| b\n");
	check_text("C:\\dir", "C:\\\\dir\n");
	check_text("AT&T, &amp; &#32;", "AT&T, \\&amp; \\&#32;\n");
	/* Not every punctuation mark. */
	check_text("“引号”、句号。问号？(1) {x} $5 ^ ' \"",
	    "“引号”、句号。问号？(1) {x} $5 ^ ' \"\n");
	/* Line ends inside a text node are spaces; leading spaces go. */
	check_text("  one\ntwo", "one two\n");
}

static void
check_inlines(struct ks_node *para, const char *want)
{
	char *got = render(KS_IMAGES_KEEP, para, NULL);

	CHECK_STR(got, want);
	free(got);
}

static void
test_emphasis(void)
{
	/* The issue's example: a closing run after punctuation, before a
	 * letter, is not right-flanking; the letter becomes a reference. */
	check_inlines(with(ks_node_new(KS_NODE_PARAGRAPH),
	    wrap(KS_NODE_STRONG, text("注意：")), text("正文"), NULL),
	    "**注意：**&#27491;文\n");
	/* An opening run after a letter, before punctuation. */
	check_inlines(with(ks_node_new(KS_NODE_PARAGRAPH), text("他说"),
	    wrap(KS_NODE_EMPH, text("“好”")), text("。"), NULL),
	    "他&#35828;*“好”*。\n");
	/* Nothing to mend: letters or spaces around. */
	check_inlines(with(ks_node_new(KS_NODE_PARAGRAPH), text("中"),
	    wrap(KS_NODE_STRONG, text("文")), text("字 "),
	    wrap(KS_NODE_EMPH, text("word")), NULL),
	    "中**文**字 *word*\n");
	/* White space just inside the delimiters. */
	check_inlines(with(ks_node_new(KS_NODE_PARAGRAPH), text("a "),
	    wrap(KS_NODE_STRONG, text(" b ")), text(" c"), NULL),
	    "a **&#32;b&#32;** c\n");
	/* Nested and adjacent runs never merge. */
	check_inlines(with(ks_node_new(KS_NODE_PARAGRAPH),
	    wrap(KS_NODE_STRONG, wrap(KS_NODE_EMPH, text("x"))),
	    wrap(KS_NODE_EMPH, text("y")), NULL),
	    "**_x_**_y_\n");
	/* Inside strong, emphasis takes the other character. */
	check_inlines(with(ks_node_new(KS_NODE_PARAGRAPH),
	    with(ks_node_new(KS_NODE_STRONG), text("a "),
	    wrap(KS_NODE_EMPH, text("b")), text(" c"), NULL), NULL),
	    "**a _b_ c**\n");
}

static void
test_code_and_links(void)
{
	struct ks_node *link, *img;
	char *got;

	check_inlines(wrap(KS_NODE_PARAGRAPH,
	    ks_node_new_text(KS_NODE_CODE, "a`b", 3)), "``a`b``\n");
	check_inlines(wrap(KS_NODE_PARAGRAPH,
	    ks_node_new_text(KS_NODE_CODE, "`x", 2)), "`` `x ``\n");
	link = wrap(KS_NODE_LINK, text("the item"));
	link->url = strdup("https://news.example.com/a b(1)");
	link->title = strdup("say \"hi\"");
	check_inlines(with(ks_node_new(KS_NODE_PARAGRAPH), text("See!"),
	    link, NULL), "See\\![the item](<https://news.example.com/a b(1)> "
	    "\"say \\\"hi\\\"\")\n");
	img = ks_node_new(KS_NODE_IMAGE);
	img->url = strdup("http://x/i.png");
	img->text = strdup("图[1]");
	got = render(KS_IMAGES_KEEP, wrap(KS_NODE_PARAGRAPH, img), NULL);
	CHECK_STR(got, "![图\\[1\\]](http://x/i.png)\n");
	free(got);
	img = ks_node_new(KS_NODE_IMAGE);
	img->url = strdup("http://x/i.png");
	img->text = strdup("");
	got = render(KS_IMAGES_LINK, wrap(KS_NODE_PARAGRAPH, img), NULL);
	CHECK_STR(got, "[image](http://x/i.png)\n");
	free(got);
	img = ks_node_new(KS_NODE_IMAGE);
	img->url = strdup("http://x/i.png");
	got = render(KS_IMAGES_DROP, wrap(KS_NODE_PARAGRAPH, img),
	    wrap(KS_NODE_PARAGRAPH, text("kept")), NULL);
	CHECK_STR(got, "kept\n");
	free(got);
}

static void
test_blocks(void)
{
	struct ks_node *code, *list, *inner, *h;
	char *got;

	code = ks_node_new_text(KS_NODE_CODE_BLOCK, "a\n```\nb\n", 8);
	code->info = strdup("c");
	h = wrap(KS_NODE_HEADING, text("C#"));
	h->level = 2;
	got = render(KS_IMAGES_KEEP, h, code, ks_node_new(KS_NODE_RULE),
	    NULL);
	CHECK_STR(got, "## C#\n\n````c\na\n```\nb\n````\n\n---\n");
	free(got);
	h = wrap(KS_NODE_HEADING, text("Notes #"));
	h->level = 1;
	got = render(KS_IMAGES_KEEP, h, NULL);
	CHECK_STR(got, "# Notes \\#\n");
	free(got);

	/* A tight nested list, numbers kept, continuation indented. */
	inner = with(ks_node_new(KS_NODE_LIST),
	    wrap(KS_NODE_ITEM, wrap(KS_NODE_PARAGRAPH, text("x"))),
	    wrap(KS_NODE_ITEM, wrap(KS_NODE_PARAGRAPH, text("y"))), NULL);
	list = with(ks_node_new(KS_NODE_LIST),
	    with(ks_node_new(KS_NODE_ITEM),
	    wrap(KS_NODE_PARAGRAPH, text("one")), inner, NULL),
	    wrap(KS_NODE_ITEM, wrap(KS_NODE_PARAGRAPH, text("two"))), NULL);
	list->ordered = true;
	list->start = 9;
	got = render(KS_IMAGES_KEEP, list, NULL);
	CHECK_STR(got, "9. one\n   - x\n   - y\n10. two\n");
	free(got);

	/* Two lists in a row take other markers; quotes mark blank lines. */
	got = render(KS_IMAGES_KEEP,
	    wrap(KS_NODE_LIST, wrap(KS_NODE_ITEM,
	    wrap(KS_NODE_PARAGRAPH, text("a")))),
	    wrap(KS_NODE_LIST, wrap(KS_NODE_ITEM,
	    wrap(KS_NODE_PARAGRAPH, text("b")))),
	    with(ks_node_new(KS_NODE_QUOTE),
	    wrap(KS_NODE_PARAGRAPH, text("q1")),
	    wrap(KS_NODE_PARAGRAPH, text("q2")), NULL), NULL);
	CHECK_STR(got, "- a\n\n* b\n\n> q1\n>\n> q2\n");
	free(got);
}

static struct ks_node *
cell(const char *s, bool header)
{
	struct ks_node *c = wrap(KS_NODE_TABLE_CELL, text(s));

	c->header = header;
	return c;
}

static void
test_tables(void)
{
	struct ks_node *t, *hc;
	char *got;

	hc = cell("B", true);
	hc->align = KS_ALIGN_RIGHT;
	t = with(ks_node_new(KS_NODE_TABLE),
	    with(ks_node_new(KS_NODE_TABLE_ROW), cell("A", true), hc, NULL),
	    with(ks_node_new(KS_NODE_TABLE_ROW), cell("a|1", false),
	    cell("2", false), NULL), NULL);
	got = render(KS_IMAGES_KEEP, t, NULL);
	CHECK_STR(got, "| A | B |\n| --- | --: |\n| a\\|1 | 2 |\n");
	free(got);
	/* No header row: a pipe table cannot say so; one paragraph a row. */
	t = with(ks_node_new(KS_NODE_TABLE),
	    with(ks_node_new(KS_NODE_TABLE_ROW), cell("a", false),
	    cell("b", false), NULL),
	    with(ks_node_new(KS_NODE_TABLE_ROW), cell("c", false),
	    cell("d", false), NULL), NULL);
	got = render(KS_IMAGES_KEEP, t, NULL);
	CHECK_STR(got, "a · b\n\nc · d\n");
	free(got);
}

static void
test_slugs(void)
{
	struct ks_wu_slugs sl = KS_WU_SLUGS_INIT;
	const char *s;

	CHECK_STR(ks_wu_slug(&sl, "2021-12-03-", "Hello, World!"),
	    "2021-12-03-hello-world");
	CHECK_STR(ks_wu_slug(&sl, "2021-12-03-", "Hello World"),
	    "2021-12-03-hello-world-2");
	CHECK_STR(ks_wu_slug(&sl, "2021-12-03-", "hello world"),
	    "2021-12-03-hello-world-3");
	CHECK_STR(ks_wu_slug(&sl, "2021-12-04-", "Hello World"),
	    "2021-12-04-hello-world");
	s = ks_wu_slug(&sl, "", "../../etc/passwd");
	CHECK(strchr(s, '/') == NULL && strstr(s, "..") == NULL &&
	    s[0] != '.' && s[0] != '\0');
	CHECK_STR(s, "etc-passwd");
	s = ks_wu_slug(&sl, "", "..\\..\\boot.ini");
	CHECK(strchr(s, '\\') == NULL && strstr(s, "..") == NULL &&
	    s[0] != '.');
	CHECK_STR(ks_wu_slug(&sl, "", ".hidden"), "hidden");
	CHECK_STR(ks_wu_slug(&sl, "", "快手：公益（2022）"), "快手-公益-2022");
	CHECK_STR(ks_wu_slug(&sl, "", ""), "article");
	CHECK_STR(ks_wu_slug(&sl, "", "！？。"), "article-2");
	/* Cut at a character boundary, at most 60 bytes. */
	s = ks_wu_slug(&sl, "", "共享芬芳共铸美好快手与中国残疾人"
	    "事业新闻宣传促进会启动公益合作");
	CHECK(strlen(s) <= 60 && strlen(s) % 3 == 0);
	ks_wu_slugs_free(&sl);

	/* Numbering resumes after the last number a name got, past names
	 * that other titles took ("a-3" below); thousands of the same title
	 * stay linear (the bench found them quadratic). */
	{
		struct ks_wu_slugs many = KS_WU_SLUGS_INIT;
		char want[32];

		CHECK_STR(ks_wu_slug(&many, "", "a"), "a");
		CHECK_STR(ks_wu_slug(&many, "", "a 3"), "a-3");
		CHECK_STR(ks_wu_slug(&many, "", "A"), "a-2");
		CHECK_STR(ks_wu_slug(&many, "", "a"), "a-4");
		CHECK_STR(ks_wu_slug(&many, "", "a 6"), "a-6");
		CHECK_STR(ks_wu_slug(&many, "", "a"), "a-5");
		CHECK_STR(ks_wu_slug(&many, "", "a"), "a-7");
		CHECK_STR(ks_wu_slug(&many, "", "a 3"), "a-3-2");
		for (int i = 8; i <= 30000; i++)
			s = ks_wu_slug(&many, "", "a");
		snprintf(want, sizeof(want), "a-%d", 30000);
		CHECK_STR(s, want);
		ks_wu_slugs_free(&many);
	}
}

int
main(void)
{
	test_escaping();
	test_emphasis();
	test_code_and_links();
	test_blocks();
	test_tables();
	test_slugs();
	return ks_check_done("md");
}
