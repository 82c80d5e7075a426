/* Tests for src/derive.c: first-sentence titles, language detection,
 * summaries cut at character and word boundaries, v5 ids checked against
 * Python's uuid module, slugs, the duplicate hash, and ks_derive_article. */
#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "buf.h"
#include "check.h"
#include "derive.h"
#include "utf8.h"

#define HAN10	"一二三四五六七八九十"

/* CHECK_STR on a result the test owns. */
#define CHECK_OWNED(expr, want) do {					\
	char *s_ = (expr);						\
	CHECK_STR(s_, (want));						\
	free(s_);							\
} while (0)

static char *
repeat(const char *s, size_t n)
{
	struct ks_buf b = KS_BUF_INIT;

	while (n-- > 0)
		ks_buf_puts(&b, s);
	return ks_buf_detach(&b);
}

/* Is s valid UTF-8 throughout? */
static bool
valid(const char *s)
{
	size_t len = strlen(s), pos = 0;

	while (pos < len)
		if (ks_utf8_decode(s, len, &pos) < 0)
			return false;
	return true;
}

static bool
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && strcmp(s + n - k, suffix) == 0;
}

static void
test_title(void)
{
	char *long_han, *s, *long_en;

	CHECK_OWNED(ks_derive_title("“我国脱贫攻坚战取得了全面胜利!”这句庄严宣告"
	    "意味着,经过全党全国各族人民共同努力。"),
	    "“我国脱贫攻坚战取得了全面胜利!”");
	CHECK_OWNED(ks_derive_title("  他说：“好！”然后走了。"),
	    "他说：“好！”");
	CHECK_OWNED(ks_derive_title("第一句。第二句。"), "第一句。");
	CHECK_OWNED(ks_derive_title("真的吗？！是的。"), "真的吗？！");
	CHECK_OWNED(ks_derive_title("Mr. Smith went to Washington. He "
	    "stayed."), "Mr. Smith went to Washington.");
	CHECK_OWNED(ks_derive_title("Prices rose 3.5 percent at example.com. "
	    "Then fell."), "Prices rose 3.5 percent at example.com.");
	CHECK_OWNED(ks_derive_title("J. K. Rowling wrote it (again.) Twice."),
	    "J. K. Rowling wrote it (again.)");
	CHECK_OWNED(ks_derive_title("He said \"no.\" Then left."),
	    "He said \"no.\"");
	/* a heading without a full stop is its own sentence */
	CHECK_OWNED(ks_derive_title("Heading line\n\nBody. More."),
	    "Heading line");
	/* sentences without letters are skipped; spaces are folded */
	CHECK_OWNED(ks_derive_title("  !!! 123.\n\n  Hello\t  world"),
	    "Hello world");
	CHECK(ks_derive_title("") == NULL);
	CHECK(ks_derive_title(" \n 123 456! ——") == NULL);

	long_han = repeat(HAN10, 10);
	s = ks_derive_title(long_han);
	CHECK(s != NULL && ks_utf8_length(s) == 60);
	CHECK(s != NULL && ends_with(s, "…"));
	CHECK(s != NULL && strncmp(s, long_han, 59 * 3) == 0);
	free(s);
	free(long_han);

	long_en = repeat("abcdefg ", 20);
	s = ks_derive_title(long_en);
	CHECK(s != NULL && ks_utf8_length(s) <= 60);
	/* cut between words: 7 words of 7 letters and their spaces, 55 */
	CHECK_STR(s, "abcdefg abcdefg abcdefg abcdefg abcdefg abcdefg "
	    "abcdefg…");
	free(s);
	free(long_en);
}

static void
test_lang(void)
{
	char *en_kana;

	CHECK_STR(ks_derive_lang("快手响应国际助残日发起助残行动，线上线下多方助残"),
	    "zh");
	CHECK_STR(ks_derive_lang("声優の石川界人さんが声帯ポリープの手術を受ける"
	    "ことになりました。"), "ja");
	CHECK_STR(ks_derive_lang("Quarterly profits at US media giant "
	    "TimeWarner jumped 76%."), "en");
	CHECK_STR(ks_derive_lang("대한민국의 수도는 서울이다. 韓國"), "ko");
	CHECK_STR(ks_derive_lang("123 456 !!! —"), "und");
	CHECK_STR(ks_derive_lang(""), "und");
	CHECK_STR(ks_derive_lang("Привет, мир"), "und");
	/* Chinese with English names stays Chinese */
	CHECK_STR(ks_derive_lang("Stay-Luck经纪公司在5月5日发表的声明中表示，"
	    "声优石川界人即将进行声带息肉的手术"), "zh");
	/* a Chinese text with one kana particle among many Han: 1/40 < 5% */
	CHECK_STR(ks_derive_lang(HAN10 HAN10 HAN10 "の" HAN10), "zh");
	CHECK_STR(ks_derive_lang(HAN10 "の一二三"), "ja");
	/* an English article quoting a little Japanese stays English */
	en_kana = repeat("The anime studio announced a new season today. ", 5);
	{
		struct ks_buf b = KS_BUF_INIT;

		ks_buf_puts(&b, en_kana);
		ks_buf_puts(&b, "「ぼっち・ざ・ろっく」");
		CHECK_STR(ks_derive_lang(ks_buf_cstr(&b)), "en");
		ks_buf_free(&b);
	}
	free(en_kana);
}

static void
test_summary(void)
{
	char *han140, *han141, *s, *e200, *words, *emoji;

	CHECK_OWNED(ks_derive_summary("  a \n\t b\xE3\x80\x80" "c\xC2\xA0 ",
	    140), "a b c");
	CHECK_OWNED(ks_derive_summary("", 140), "");
	CHECK_OWNED(ks_derive_summary(" \n ", 140), "");

	han140 = repeat(HAN10, 14);
	CHECK_OWNED(ks_derive_summary(han140, 140), han140);
	han141 = repeat(HAN10, 14);
	han141 = realloc(han141, strlen(han141) + 4);
	strcat(han141, "一");
	s = ks_derive_summary(han141, 140);
	CHECK_INT(ks_utf8_length(s), 140);
	CHECK_INT(strlen(s), 139 * 3 + 3);
	CHECK(strncmp(s, han141, 139 * 3) == 0);
	CHECK(ends_with(s, "…"));
	free(s);
	free(han140);
	free(han141);

	/* two-byte letters, no spaces: cut at a character boundary */
	e200 = repeat("\xC3\xA9", 200);
	s = ks_derive_summary(e200, 140);
	CHECK(valid(s));
	CHECK_INT(ks_utf8_length(s), 140);
	free(s);
	free(e200);

	/* four-byte emoji after one ASCII letter: never half a sequence */
	emoji = repeat("\xF0\x9F\x98\x80", 20);
	s = ks_derive_summary(emoji, 7);
	CHECK(valid(s));
	CHECK_INT(ks_utf8_length(s), 7);
	CHECK_INT(strlen(s), 6 * 4 + 3);
	free(s);
	free(emoji);

	/* Latin words: the cut backs up to a space, drops a dangling comma */
	words = repeat("word, ", 40);
	s = ks_derive_summary(words, 140);
	CHECK(ks_utf8_length(s) <= 140);
	CHECK(ends_with(s, "word…"));
	free(s);
	free(words);
	words = repeat("abcdefghij ", 20);
	s = ks_derive_summary(words, 20);
	CHECK_STR(s, "abcdefghij…");
	free(s);
	free(words);
	/* a word longer than the backup window is cut inside */
	words = repeat("a", 300);
	s = ks_derive_summary(words, 140);
	CHECK_INT(strlen(s), 139 + 3);
	free(s);
	free(words);

	CHECK_OWNED(ks_derive_summary("abc", 3), "abc");
	CHECK_OWNED(ks_derive_summary("abcd", 3), "ab…");
	CHECK_OWNED(ks_derive_summary("abcd", 1), "…");
	CHECK_OWNED(ks_derive_summary("abcd", 0), "");
}

static void
test_uuid(void)
{
	char *a, *b;

	/* the expected values come from Python:
	 *   ns = uuid.uuid5(uuid.NAMESPACE_URL, "https://ksconv.invalid/ns")
	 *   uuid.uuid5(ns, base + "\n" + key) */
	CHECK_OWNED(ks_derive_uuid("https://example.org/", "posts/a.md"),
	    "urn:uuid:606996d7-f7f5-55c9-9686-870628660e48");
	CHECK_OWNED(ks_derive_uuid(NULL, "003_024a42d1340e107e.txt"),
	    "urn:uuid:3de6f117-a6c9-59df-96ec-82694a3e0ff6");
	CHECK_OWNED(ks_derive_uuid("", "003_024a42d1340e107e.txt"),
	    "urn:uuid:3de6f117-a6c9-59df-96ec-82694a3e0ff6");
	a = ks_derive_uuid("https://a.example/", "k");
	b = ks_derive_uuid("https://a.example/", "k");
	CHECK_STR(a, b);
	CHECK_INT(strlen(a), 45);
	CHECK(a[9 + 14] == '5');
	free(b);
	b = ks_derive_uuid("https://b.example/", "k");
	CHECK(strcmp(a, b) != 0);
	free(a);
	free(b);
	/* the newline keeps ("ab", "c") and ("a", "bc") apart */
	a = ks_derive_uuid("ab", "c");
	b = ks_derive_uuid("a", "bc");
	CHECK(strcmp(a, b) != 0);
	free(a);
	free(b);
}

static void
test_slug(void)
{
	char *long_han, *s;

	CHECK_OWNED(ks_derive_slug("Hello, World!", 60), "hello-world");
	CHECK_OWNED(ks_derive_slug("快手: 公益/2022", 60), "快手-公益-2022");
	CHECK_OWNED(ks_derive_slug("../../etc", 60), "etc");
	CHECK_OWNED(ks_derive_slug(".hidden", 60), "hidden");
	CHECK_OWNED(ks_derive_slug("！！！", 60), "article");
	CHECK_OWNED(ks_derive_slug("", 60), "article");
	CHECK_OWNED(ks_derive_slug("a\\b..c", 60), "a-b-c");
	CHECK_OWNED(ks_derive_slug("“我国脱贫攻坚战取得了全面胜利!”", 60),
	    "我国脱贫攻坚战取得了全面胜利");
	CHECK_OWNED(ks_derive_slug("ＡＢＣ１２３ｘｙｚ", 60), "abc123xyz");
	CHECK_OWNED(ks_derive_slug("Café Müller — été", 60),
	    "café-müller-été");
	CHECK_OWNED(ks_derive_slug("声優の石川界人、手術へ", 60),
	    "声優の石川界人-手術へ");
	CHECK_OWNED(ks_derive_slug("서울 뉴스", 60), "서울-뉴스");
	CHECK_OWNED(ks_derive_slug("emoji \xF0\x9F\x98\x80 here", 60),
	    "emoji-here");

	long_han = repeat(HAN10, 3);
	s = ks_derive_slug(long_han, 60);
	CHECK_INT(strlen(s), 60);
	CHECK(strncmp(s, long_han, 60) == 0);
	free(s);
	s = ks_derive_slug(long_han, 59);	/* not a whole character more */
	CHECK_INT(strlen(s), 57);
	CHECK(valid(s));
	free(s);
	free(long_han);
	/* a cut that lands after a '-' drops it */
	CHECK_OWNED(ks_derive_slug("abc def", 4), "abc");
	CHECK_OWNED(ks_derive_slug("一 二", 4), "一");
}

static void
test_hash(void)
{
	CHECK(ks_derive_text_hash("") == 0xcbf29ce484222325ULL);
	CHECK(ks_derive_text_hash("a") == 0xaf63dc4c8601ec8cULL);
	CHECK(ks_derive_text_hash("A") == 0xaf63dc4c8601ec8cULL);
	CHECK(ks_derive_text_hash("Hello World") ==
	    ks_derive_text_hash("hello\n\n  world\xE3\x80\x80\xC2\xA0"));
	CHECK(ks_derive_text_hash("快手 公益") ==
	    ks_derive_text_hash("快手公益"));
	CHECK(ks_derive_text_hash("hello world") !=
	    ks_derive_text_hash("hello word"));
	CHECK(ks_derive_text_hash("Ä") != ks_derive_text_hash("ä"));
}

/* The hash as it was before its byte table: FNV-1a over the bytes of the
 * characters that are no white space (ks_utf8_is_space), ASCII folded. */
static uint64_t
reference_hash(const char *text)
{
	const unsigned char *p = (const unsigned char *)text;
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t len = strlen(text), pos = 0, at;
	unsigned char c;

	while (pos < len) {
		at = pos;
		if (ks_utf8_is_space((unsigned)ks_utf8_next(text, len, &pos)))
			continue;
		for (; at < pos; at++) {
			c = p[at];
			if (c >= 'A' && c <= 'Z')
				c += 'a' - 'A';
			h = (h ^ c) * 0x100000001b3ULL;
		}
	}
	return h;
}

/* Every byte, alone and around each space character and its near misses:
 * the table gives what the character tests gave. */
static void
test_hash_table(void)
{
	static const char *const around[] = {
		"\xC2\xA0", "\xC2\xA1", "\xE1\x9A\x80", "\xE1\x9A\x81",
		"\xE2\x80\x80", "\xE2\x80\x8B", "\xE2\x80\x8C",
		"\xE2\x80\xA8", "\xE2\x80\xAF", "\xE2\x81\x9F",
		"\xE3\x80\x80", "\xE3\x80\x81", "\xEF\xBB\xBF",
		"\xEF\xBC\x81", " ", "\t", "\v", "\f", "\x1C", "Z", "@", "[",
	};
	char s[32];
	int bad = 0;

	for (unsigned c = 1; c < 256; c++) {
		for (size_t i = 0; i < sizeof(around) / sizeof(around[0]); i++) {
			snprintf(s, sizeof(s), "x%c%sY%c", (char)c, around[i],
			    (char)c);
			if (ks_derive_text_hash(s) != reference_hash(s))
				bad++;
		}
	}
	CHECK_INT(bad, 0);
}

static struct ks_article *
article_with(const char *key, const char *para)
{
	struct ks_article *a;
	struct ks_node *p;

	a = ks_article_new(key, key);
	if (para != NULL) {
		p = ks_node_new(KS_NODE_PARAGRAPH);
		ks_node_append(p, ks_node_new_text(KS_NODE_TEXT, para,
		    strlen(para)));
		ks_node_append(a->body, p);
	}
	return a;
}

static void
test_article(void)
{
	struct ks_article *a;
	char *want;

	a = article_with("dir/post.txt", "第一句话。第二句话。");
	ks_derive_article(a, "https://example.org/");
	CHECK_STR(a->title, "第一句话。");
	CHECK(a->title_derived);
	CHECK_STR(a->lang, "zh");
	CHECK(a->lang_detected);
	CHECK_STR(a->summary, "第一句话。第二句话。");
	want = ks_derive_uuid("https://example.org/", "dir/post.txt");
	CHECK_STR(a->id, want);
	free(want);
	ks_article_free(a);

	/* given values stay; a given_id that is a URI is the id */
	a = article_with("p.txt", "Some English text here.");
	a->title = strdup("Given");
	a->lang = strdup("fr");
	a->given_id = strdup("urn:uuid:606996d7-f7f5-55c9-9686-870628660e48");
	ks_derive_article(a, NULL);
	CHECK_STR(a->title, "Given");
	CHECK(!a->title_derived);
	CHECK_STR(a->lang, "fr");
	CHECK(!a->lang_detected);
	CHECK_STR(a->id, "urn:uuid:606996d7-f7f5-55c9-9686-870628660e48");
	ks_article_free(a);

	/* a given_id that is not a URI is the key; then the link */
	a = article_with("p.txt", "Text.");
	a->given_id = strdup("post-42");
	a->link = strdup("https://news.example/1");
	ks_derive_article(a, "https://example.org/");
	want = ks_derive_uuid("https://example.org/", "post-42");
	CHECK_STR(a->id, want);
	free(want);
	ks_article_free(a);
	a = article_with("p.txt", "Text.");
	a->given_id = strdup("C:\\posts\\1");
	ks_derive_article(a, NULL);
	want = ks_derive_uuid(NULL, "C:\\posts\\1");
	CHECK_STR(a->id, want);
	free(want);
	ks_article_free(a);
	a = article_with("p.txt", "Text.");
	a->link = strdup("https://news.example/1");
	ks_derive_article(a, NULL);
	want = ks_derive_uuid(NULL, "https://news.example/1");
	CHECK_STR(a->id, want);
	free(want);
	ks_article_free(a);

	/* a blank title is missing; no letters: the file name */
	a = article_with("in/2021-notes.v2.txt", "12345 67890");
	a->title = strdup(" \xE3\x80\x80 ");
	ks_derive_article(a, NULL);
	CHECK_STR(a->title, "2021-notes.v2");
	CHECK(a->title_derived);
	CHECK_STR(a->lang, "und");
	ks_article_free(a);

	/* a given summary is folded and cut too */
	a = article_with("p.txt", "Body.");
	want = repeat("长", 200);
	a->summary = want;
	ks_derive_article(a, NULL);
	CHECK_INT(ks_utf8_length(a->summary), KS_SUMMARY_CHARS);
	ks_article_free(a);

	/* a released body: nothing to read, but nothing missing either */
	a = article_with("x/y", NULL);
	ks_article_release_body(a);
	ks_derive_article(a, NULL);
	CHECK_STR(a->title, "y");
	CHECK_STR(a->summary, "");
	CHECK(a->id != NULL && strncmp(a->id, "urn:uuid:", 9) == 0);
	ks_article_free(a);
}

int
main(void)
{
	test_title();
	test_lang();
	test_summary();
	test_uuid();
	test_slug();
	test_hash();
	test_hash_table();
	test_article();
	return ks_check_done("derive");
}
