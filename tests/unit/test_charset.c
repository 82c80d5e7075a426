/* Tests for src/charset.c: finding declared charsets, and transcoding real
 * GB18030, Big5, Shift_JIS and Windows-1252 bytes made here with iconv. */
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "charset.h"
#include "check.h"

#define FFFD	"\xEF\xBF\xBD"

/* Encodes UTF-8 text with iconv; returns 0, or -1 when it cannot. */
static int
encode(const char *to, const char *utf8, struct ks_buf *out)
{
	iconv_t cd;
	char *ip, *op;
	size_t il, ol, r;

	if ((cd = iconv_open(to, "UTF-8")) == (iconv_t)-1)
		return -1;
	ks_buf_clear(out);
	ks_buf_grow(out, strlen(utf8) * 4 + 16);
	ip = (char *)(uintptr_t)utf8;
	il = strlen(utf8);
	op = out->ptr;
	ol = out->cap - 1;
	r = iconv(cd, &ip, &il, &op, &ol);
	if (r != (size_t)-1)
		r = iconv(cd, NULL, NULL, &op, &ol);
	iconv_close(cd);
	if (r == (size_t)-1)
		return -1;
	out->len = (size_t)(op - out->ptr);
	out->ptr[out->len] = '\0';
	return 0;
}

/* Decodes in[0..len) from charset into a fresh string (the caller frees
 * it), or NULL when ks_charset_to_utf8 fails. */
static char *
decode(const char *charset, const char *in, size_t len)
{
	struct ks_buf b = KS_BUF_INIT;

	if (ks_charset_to_utf8(charset, in, len, &b) != 0) {
		ks_buf_free(&b);
		return NULL;
	}
	return ks_buf_detach(&b);
}

static void
check_declared(const char *in, const char *want)
{
	char *got;

	got = ks_charset_declared(in, strlen(in));
	CHECK_STR(got, want);
	if (want == NULL && got != NULL)
		fprintf(stderr, "  for input: %s\n", in);
	free(got);
}

static void
test_declared(void)
{
	struct ks_buf b = KS_BUF_INIT;
	size_t i;
	char *got;

	check_declared("<html><head><meta charset=\"gbk\"></head>", "gbk");
	check_declared("<META CHARSET=GB2312 />", "GB2312");
	check_declared("<meta charset='big5'>", "big5");
	check_declared("<meta\ncharset = \"Shift_JIS\" >", "Shift_JIS");
	check_declared("<meta http-equiv=\"Content-Type\" "
	    "content=\"text/html; charset=gb2312\">", "gb2312");
	check_declared("<META HTTP-EQUIV=\"Content-Type\" "
	    "CONTENT=\"text/html;charset=EUC-KR\">", "EUC-KR");
	check_declared("<?xml version=\"1.0\" encoding=\"GB18030\"?>\n<rss>",
	    "GB18030");
	check_declared("<?xml version='1.0' encoding='iso-8859-1' ?>",
	    "iso-8859-1");
	check_declared("---\ntitle: 标题\nencoding: gbk\n---\n正文", "gbk");
	check_declared("---\ntitle: x\nCharset: \"big5\"\n---\n", "big5");
	check_declared("+++\ntitle = \"x\"\nencoding = \"gb18030\"\n+++\n",
	    "gb18030");
	check_declared("encoding: windows-1252\nbody", "windows-1252");
	/* Tags and line starts found past each other, and both at once. */
	check_declared("x\n\nencoding: gbk\n", "gbk");
	check_declared("x\n<meta charset=\"big5\">", "big5");
	check_declared("a<b\n<c>\n<\nencoding: euc-jp", "euc-jp");
	check_declared("<<<meta charset=koi8-r>", "koi8-r");

	/* UTF-8 in any spelling, and UTF-16 found by an ASCII scan. */
	check_declared("<meta charset=\"utf-8\">", NULL);
	check_declared("<meta charset=UTF-8>", NULL);
	check_declared("<meta charset=\"UTF8\">", NULL);
	check_declared("<?xml version=\"1.0\" encoding=\"Utf-8\"?>", NULL);
	check_declared("---\nencoding: utf-8\n---\n", NULL);
	check_declared("<meta charset=\"utf-16\">", NULL);
	/* The first declaration decides. */
	check_declared("<meta charset=\"utf-8\"><meta charset=\"gbk\">", NULL);
	check_declared("<meta charset=\"gbk\"><meta charset=\"utf-8\">", "gbk");

	/* Things that are not declarations. */
	check_declared("", NULL);
	check_declared("plain text without any declaration", NULL);
	check_declared("<meta name=\"description\" content=\"charset\">", NULL);
	check_declared("<metadata charset=\"gbk\">", NULL);
	check_declared("<p>set charset=gbk in the header</p>", NULL);
	check_declared("the encoding: gbk is mid-line", NULL);
	check_declared("<meta charset=\"\">", NULL);
	check_declared("<meta charset>", NULL);
	check_declared("<meta charset=", NULL);
	check_declared("<meta data-charset=\"gbk\">", NULL);
	check_declared("<meta charset=\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaaaa\">", NULL);

	/* Only the first 4 KiB are searched. */
	for (i = 0; i < 5000; i++)
		ks_buf_putc(&b, ' ');
	ks_buf_puts(&b, "<meta charset=\"gbk\">");
	got = ks_charset_declared(b.ptr, b.len);
	CHECK_STR(got, NULL);
	free(got);
	ks_buf_truncate(&b, 4000);
	ks_buf_puts(&b, "<meta charset=\"gbk\">");
	got = ks_charset_declared(b.ptr, b.len);
	CHECK_STR(got, "gbk");
	free(got);
	/* Not NUL-terminated: the length bounds the scan. */
	got = ks_charset_declared("<meta charset=\"gbk\">", 17);
	CHECK_STR(got, "gb");
	free(got);
	ks_buf_free(&b);
}

static void
test_gb18030(void)
{
	struct ks_buf enc = KS_BUF_INIT, b = KS_BUF_INIT;
	char *got;

	CHECK_INT(encode("GB18030", "中文测试 abc", &enc), 0);
	CHECK_INT(enc.len, 12);
	CHECK(memcmp(enc.ptr, "\xD6\xD0\xCE\xC4", 4) == 0);
	got = decode("GB18030", enc.ptr, enc.len);
	CHECK_STR(got, "中文测试 abc");
	free(got);
	/* Declared GB2312 or GBK: read as GB18030. */
	got = decode("gb2312", enc.ptr, enc.len);
	CHECK_STR(got, "中文测试 abc");
	free(got);

	/* 𠀀 (U+20000) and € only decode as GB18030, not GB2312 or GBK. */
	CHECK_INT(encode("GB18030", "𠀀㐀€", &enc), 0);
	CHECK_INT(enc.len, 10);
	got = decode("GBK", enc.ptr, enc.len);
	CHECK_STR(got, "𠀀㐀€");
	free(got);
	got = decode("x-gbk", enc.ptr, enc.len);
	CHECK_STR(got, "𠀀㐀€");
	free(got);
	got = decode("GB2312", enc.ptr, enc.len);
	CHECK_STR(got, "𠀀㐀€");
	free(got);

	/* A bad byte costs one U+FFFD and nothing else. */
	got = decode("gbk", "\xD6\xD0\xFF\xCE\xC4", 5);
	CHECK_STR(got, "中" FFFD "文");
	free(got);
	/* A lead with an impossible trail byte: only the lead is lost. */
	got = decode("gbk", "\xD6\xD0\x81\x7F" "ab", 6);
	CHECK_STR(got, "中" FFFD "\x7F" "ab");
	free(got);
	/* Truncated at the end. */
	got = decode("gbk", "\xD6\xD0\xCE", 3);
	CHECK_STR(got, "中" FFFD);
	free(got);
	/* A four-byte sequence cut after three: a U+FFFD for the lead, the
	 * ASCII digit that was its second byte, a U+FFFD for the third. */
	got = decode("gb18030", "\x95\x32\x82", 3);
	CHECK_STR(got, FFFD "2" FFFD);
	free(got);

	/* Appends to what the buffer holds; empty input adds nothing. */
	ks_buf_puts(&b, "前:");
	CHECK_INT(ks_charset_to_utf8("gb2312", "\xD6\xD0", 2, &b), 0);
	CHECK_STR(ks_buf_cstr(&b), "前:中");
	CHECK_INT(ks_charset_to_utf8("gb2312", "", 0, &b), 0);
	CHECK_STR(ks_buf_cstr(&b), "前:中");
	ks_buf_free(&b);
	ks_buf_free(&enc);
}

static void
test_big5_sjis(void)
{
	struct ks_buf enc = KS_BUF_INIT;
	char *got;

	CHECK_INT(encode("BIG5", "繁體中文測試，完成。", &enc), 0);
	CHECK_INT(enc.len, 20);
	got = decode("big5", enc.ptr, enc.len);
	CHECK_STR(got, "繁體中文測試，完成。");
	free(got);
	got = decode("Big5", enc.ptr, enc.len);
	CHECK_STR(got, "繁體中文測試，完成。");
	free(got);
	/* The last character is not held back when a bad byte follows. */
	got = decode("big5", "\xA4\xA4\xFF" "x", 4);
	CHECK_STR(got, "中" FFFD "x");
	free(got);
	/* Big5-HKSCS holds Ê and ê back in case a combining mark follows:
	 * neither the end of input nor a bad byte may lose them. */
	got = decode("big5", "\x88\x66", 2);
	CHECK_STR(got, "Ê");
	free(got);
	got = decode("big5", "\x88\xA7\xFF\x88\x66" "a", 6);
	CHECK_STR(got, "ê" FFFD "Êa");
	free(got);
	got = decode("big5", "\x88\x62", 2);
	CHECK_STR(got, "Ê\xCC\x84");
	free(got);

	CHECK_INT(encode("SHIFT_JIS", "日本語のテキスト、カタカナ。", &enc), 0);
	got = decode("Shift_JIS", enc.ptr, enc.len);
	CHECK_STR(got, "日本語のテキスト、カタカナ。");
	free(got);
	got = decode("sjis", enc.ptr, enc.len);
	CHECK_STR(got, "日本語のテキスト、カタカナ。");
	free(got);
	/* Half-width katakana are single bytes. */
	got = decode("shift_jis", "\xB6\xC0\xB6\xC5", 4);
	CHECK_STR(got, "ｶﾀｶﾅ");
	free(got);
	/* As in browsers, 0x5C and 0x7E stay ASCII (Windows-31J), so paths
	 * and URLs are not turned into yen signs and overlines. */
	got = decode("shift_jis", "C:\\dir~", 7);
	CHECK_STR(got, "C:\\dir~");
	free(got);
	ks_buf_free(&enc);
}

static void
test_latin(void)
{
	char *got;

	/* Declared Latin-1 is Windows-1252, as pages really are. */
	got = decode("iso-8859-1", "\x93quoted\x94 caf\xE9 \x80 \x97", 17);
	CHECK_STR(got, "“quoted” café € —");
	free(got);
	got = decode("latin1", "na\xEFve", 5);
	CHECK_STR(got, "naïve");
	free(got);
	got = decode("US-ASCII", "\x85", 1);
	CHECK_STR(got, "…");
	free(got);
	got = decode("windows-1252", "\xA0", 1);
	CHECK_STR(got, "\xC2\xA0");
	free(got);
}

static void
test_unknown(void)
{
	struct ks_buf b = KS_BUF_INIT;

	ks_buf_puts(&b, "keep");
	CHECK_INT(ks_charset_to_utf8("x-no-such-charset", "abc", 3, &b), -1);
	CHECK_INT(b.len, 4);
	CHECK_STR(ks_buf_cstr(&b), "keep");
	CHECK_INT(ks_charset_to_utf8("", "abc", 3, &b), -1);
	CHECK_INT(ks_charset_to_utf8(NULL, "abc", 3, &b), -1);
	CHECK_STR(ks_buf_cstr(&b), "keep");
	ks_buf_free(&b);
}

int
main(void)
{
	test_declared();
	test_gb18030();
	test_big5_sjis();
	test_latin();
	test_unknown();
	return ks_check_done("charset");
}
