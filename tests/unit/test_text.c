/* ks_text_plain, ks_text_fold_space, ks_text_trim, ks_text_is_blank and
 * ks_text_has_prefix_ci. */
#include <stdlib.h>

#include "text.h"
#include "check.h"

static void
expect_plain(const char *in, const char *want)
{
	char *s = ks_text_plain(in);

	CHECK_STR(s, want);
	free(s);
}

static void
expect_fold(const char *in, bool trim, const char *want)
{
	struct ks_buf b = KS_BUF_INIT;

	ks_buf_puts(&b, "[");
	ks_text_fold_space(&b, in, strlen(in), trim);
	ks_buf_puts(&b, "]");
	CHECK_STR(ks_buf_cstr(&b), want);
	ks_buf_free(&b);
}

static void
expect_trim(const char *in, const char *want)
{
	char *s = strdup(in);

	CHECK_STR(ks_text_trim(s), want);
	free(s);
}

int
main(void)
{
	/* Tags go, references are decoded, white space folds. */
	expect_plain("<b>快手</b> &amp; 公益", "快手 & 公益");
	expect_plain("  <span class=\"x\">a</span>\n\n  b  ", "a b");
	expect_plain("<p>第一段</p><p>第二段</p>", "第一段 第二段");
	expect_plain("a<br/>b", "a b");
	expect_plain("<em>快</em>手", "快手");
	expect_plain("x<!-- a > b -->y", "xy");
	expect_plain("<?xml version=\"1.0\"?><!DOCTYPE html>t", "t");
	expect_plain("a<script>if (a < b) x = '<p>';</script>b", "ab");
	expect_plain("a<STYLE>p { color: red }</STYLE>b", "ab");
	/* A '<' that starts no tag is text. */
	expect_plain("a < b", "a < b");
	expect_plain("1<2 and 3>2", "1<2 and 3>2");
	expect_plain("a <b", "a <b");
	expect_plain("<b>x</b> a <b", "x a <b");
	/* Unclosed comments and scripts run to the end, as in HTML. */
	expect_plain("a<!-- b", "a");
	expect_plain("a<script>b", "a");
	expect_plain("<>", "<>");
	/* Escaped markup is text, not a tag to remove. */
	expect_plain("&lt;script&gt;alert(1)&lt;/script&gt;",
	    "<script>alert(1)</script>");
	/* Named, decimal and hex references. */
	expect_plain("&#27491;&#x6587;&#X6587;", "正文文");
	expect_plain("&quot;快手&quot;&nbsp;&hellip;&mdash;&ldquo;x&rdquo;&apos;",
	    "\"快手\" …—“x”'");
	expect_plain("&copy; 2022 &reg; &middot; &times;", "© 2022 ® · ×");
	expect_plain("&#27491", "正");
	/* Bad references: unknown names stay, bad numbers become U+FFFD. */
	expect_plain("&bogus; &amp &", "&bogus; &amp &");
	expect_plain("&#0;", "\xef\xbf\xbd");
	expect_plain("&#xD800;", "\xef\xbf\xbd");
	expect_plain("&#x110000;", "\xef\xbf\xbd");
	expect_plain("&#99999999999999999999;", "\xef\xbf\xbd");
	expect_plain("&#1;", "\xef\xbf\xbd");
	expect_plain("&#x;&#;", "&#x;&#;");
	/* Unicode spaces fold and trim too. */
	expect_plain("\xe3\x80\x80标题\xc2\xa0\xc2\xa0正文\xe3\x80\x80", "标题 正文");
	expect_plain("a\xe2\x80\x8b" "b", "ab");
	expect_plain("", "");
	expect_plain("<p> </p>", "");

	expect_fold("  a \t\n b  ", true, "[a b]");
	expect_fold("  a \t\n b  ", false, "[ a b ]");
	expect_fold("", true, "[]");
	expect_fold("   ", false, "[ ]");

	expect_trim("  abc  ", "abc");
	expect_trim("\xe3\x80\x80\xc2\xa0" "快手 公益\xe2\x80\x8b\n", "快手 公益");
	expect_trim(" \t ", "");
	expect_trim("x", "x");

	CHECK(ks_text_is_blank("", 0));
	CHECK(ks_text_is_blank(" \t\xc2\xa0\xe3\x80\x80", 7));
	CHECK(!ks_text_is_blank(" a ", 3));
	/* The length bounds the check. */
	CHECK(ks_text_is_blank("  x", 2));
	CHECK(!ks_text_is_blank("\xff", 1));

	CHECK(ks_text_has_prefix_ci("HTTP://x", "http:"));
	CHECK(ks_text_has_prefix_ci("abc", ""));
	CHECK(!ks_text_has_prefix_ci("ht", "http"));
	CHECK(!ks_text_has_prefix_ci("ftp:", "http"));

	/* Regression (fuzz_frontmatter): a closing tag with no '>' walked a
	 * NULL pointer; the script runs to the end, as in HTML. */
	{
		char *p = ks_text_plain("Safe <script>alert(1)</script:");

		CHECK_STR(p, "Safe");
		free(p);
	}
	return ks_check_done("text");
}
