/* Tests for src/utf8.c: strict decoding, repair (checked against a slow
 * reference on pseudo-random input too), counting, prefixes, scripts. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "utf8.h"

#define FFFD	"\xEF\xBF\xBD"

static int
decode1(const char *s, size_t len, size_t *adv)
{
	size_t pos = 0;
	int cp;

	cp = ks_utf8_decode(s, len, &pos);
	*adv = pos;
	return cp;
}

static void
test_decode(void)
{
	size_t adv, pos;

	CHECK_INT(decode1("A", 1, &adv), 'A');
	CHECK_INT(adv, 1);
	CHECK_INT(decode1("\xC3\xA9", 2, &adv), 0xE9);
	CHECK_INT(adv, 2);
	CHECK_INT(decode1("\xE4\xB8\xAD", 3, &adv), 0x4E2D);
	CHECK_INT(adv, 3);
	CHECK_INT(decode1("\xF0\x9F\x98\x80", 4, &adv), 0x1F600);
	CHECK_INT(adv, 4);
	CHECK_INT(decode1("\xF4\x8F\xBF\xBF", 4, &adv), 0x10FFFF);
	CHECK_INT(decode1("\xEE\x80\x80", 3, &adv), 0xE000);
	CHECK_INT(decode1("\xED\x9F\xBF", 3, &adv), 0xD7FF);
	CHECK_INT(decode1("\xC2\x80", 2, &adv), 0x80);
	CHECK_INT(decode1("\xE0\xA0\x80", 3, &adv), 0x800);
	CHECK_INT(decode1("\xF0\x90\x80\x80", 4, &adv), 0x10000);

	/* Overlong forms. */
	CHECK_INT(decode1("\xC0\x80", 2, &adv), -1);
	CHECK_INT(adv, 1);
	CHECK_INT(decode1("\xC1\xBF", 2, &adv), -1);
	CHECK_INT(decode1("\xE0\x80\x80", 3, &adv), -1);
	CHECK_INT(adv, 1);
	CHECK_INT(decode1("\xE0\x9F\xBF", 3, &adv), -1);
	CHECK_INT(decode1("\xF0\x80\x80\x80", 4, &adv), -1);
	CHECK_INT(decode1("\xF0\x8F\xBF\xBF", 4, &adv), -1);
	/* Surrogates. */
	CHECK_INT(decode1("\xED\xA0\x80", 3, &adv), -1);
	CHECK_INT(decode1("\xED\xBF\xBF", 3, &adv), -1);
	/* Past U+10FFFF. */
	CHECK_INT(decode1("\xF4\x90\x80\x80", 4, &adv), -1);
	CHECK_INT(decode1("\xF5\x80\x80\x80", 4, &adv), -1);
	CHECK_INT(decode1("\xFF", 1, &adv), -1);
	/* Stray continuation byte. */
	CHECK_INT(decode1("\x80" "A", 2, &adv), -1);
	CHECK_INT(adv, 1);
	/* Truncated by the end of input, though the string goes on. */
	CHECK_INT(decode1("\xE4\xB8\xAD", 2, &adv), -1);
	CHECK_INT(adv, 1);
	CHECK_INT(decode1("\xF0\x9F\x98\x80", 3, &adv), -1);
	/* Truncated by a non-continuation byte. */
	CHECK_INT(decode1("\xE4" "AB", 3, &adv), -1);
	CHECK_INT(adv, 1);
	CHECK_INT(decode1("\xE4\xB8" "A", 3, &adv), -1);
	CHECK_INT(adv, 1);

	/* Walking a string; past the end stays put. */
	pos = 0;
	CHECK_INT(ks_utf8_decode("a\xE4\xB8\xAD", 4, &pos), 'a');
	CHECK_INT(ks_utf8_decode("a\xE4\xB8\xAD", 4, &pos), 0x4E2D);
	CHECK_INT(pos, 4);
	CHECK_INT(ks_utf8_decode("a\xE4\xB8\xAD", 4, &pos), -1);
	CHECK_INT(pos, 4);
}

static void
test_bad_control(void)
{
	CHECK(ks_utf8_is_bad_control(0));
	CHECK(ks_utf8_is_bad_control(0x01));
	CHECK(ks_utf8_is_bad_control(0x0B));
	CHECK(ks_utf8_is_bad_control(0x0C));
	CHECK(ks_utf8_is_bad_control(0x1F));
	CHECK(ks_utf8_is_bad_control(0x7F));
	CHECK(ks_utf8_is_bad_control(0x80));
	CHECK(ks_utf8_is_bad_control(0x85));
	CHECK(ks_utf8_is_bad_control(0x9F));
	/* Regression: U+FFFF in a front matter made libyaml refuse it. */
	CHECK(ks_utf8_is_bad_control(0xFFFE));
	CHECK(ks_utf8_is_bad_control(0xFFFF));
	CHECK(!ks_utf8_is_bad_control(0xFFFD));
	CHECK(!ks_utf8_is_bad_control('\t'));
	CHECK(!ks_utf8_is_bad_control('\n'));
	CHECK(!ks_utf8_is_bad_control('\r'));
	CHECK(!ks_utf8_is_bad_control(' '));
	CHECK(!ks_utf8_is_bad_control('~'));
	CHECK(!ks_utf8_is_bad_control(0xA0));
	CHECK(!ks_utf8_is_bad_control(0x4E2D));
}

/* Repairs in[0..len) into a fresh buffer; the caller frees the result. */
static char *
repair(const char *in, size_t len, size_t *n, size_t *line)
{
	struct ks_buf b = KS_BUF_INIT;

	*n = ks_utf8_repair(in, len, &b, line);
	return ks_buf_detach(&b);
}

static void
test_repair(void)
{
	struct ks_buf b = KS_BUF_INIT;
	size_t n, line;
	char *r;
	const char *ok = "标题：中文 text\twith\r\ntabs ✓ 😀\n";

	r = repair(ok, strlen(ok), &n, &line);
	CHECK_STR(r, ok);
	CHECK_INT(n, 0);
	CHECK_INT(line, 0);
	free(r);

	r = repair("", 0, &n, &line);
	CHECK_STR(r, "");
	CHECK_INT(n, 0);
	free(r);

	r = repair("a\x80" "b", 3, &n, &line);
	CHECK_STR(r, "a" FFFD "b");
	CHECK_INT(n, 1);
	CHECK_INT(line, 1);
	free(r);

	/* A lead followed by a non-continuation byte costs only the lead. */
	r = repair("\xE4" "AB", 3, &n, NULL);
	CHECK_STR(r, FFFD "AB");
	CHECK_INT(n, 1);
	free(r);
	/* A lead and a continuation, then ASCII: one U+FFFD per bad byte. */
	r = repair("\xE4\xB8" "A", 3, &n, NULL);
	CHECK_STR(r, FFFD FFFD "A");
	CHECK_INT(n, 2);
	free(r);
	/* Truncated at the very end. */
	r = repair("\xE4\xB8\xAD\xE6\x96", 5, &n, NULL);
	CHECK_STR(r, "中" FFFD FFFD);
	CHECK_INT(n, 2);
	free(r);
	/* A truncated lead right before a good character keeps it. */
	r = repair("\xE4\xE6\x96\x87", 4, &n, NULL);
	CHECK_STR(r, FFFD "文");
	CHECK_INT(n, 1);
	free(r);
	/* Overlong slash, surrogate, past U+10FFFF: every byte replaced. */
	r = repair("\xC0\xAF|\xED\xA0\x80|\xF4\x90\x80\x80", 11, &n, NULL);
	CHECK_STR(r, FFFD FFFD "|" FFFD FFFD FFFD "|" FFFD FFFD FFFD FFFD);
	CHECK_INT(n, 9);
	free(r);

	/* Controls: NUL, C0, DEL, C1 (one U+FFFD for its two bytes). */
	r = repair("a\0b\x01" "c\x7F" "d\xC2\x85" "e\x1B[0m", 14, &n, &line);
	CHECK_STR(r, "a" FFFD "b" FFFD "c" FFFD "d" FFFD "e" FFFD "[0m");
	CHECK_INT(n, 5);
	CHECK_INT(line, 1);
	free(r);
	/* U+00A0 right after the C1 range is fine. */
	r = repair("\xC2\x9F\xC2\xA0", 4, &n, NULL);
	CHECK_STR(r, FFFD "\xC2\xA0");
	CHECK_INT(n, 1);
	free(r);

	/* The line of the first replacement, counting '\n' only. */
	r = repair("one\ntwo\r\nthree \x0C\nfour\xFF\n", 23, &n, &line);
	CHECK_STR(r, "one\ntwo\r\nthree " FFFD "\nfour" FFFD "\n");
	CHECK_INT(n, 2);
	CHECK_INT(line, 3);
	free(r);
	r = repair("\n\n\n\n\n\n\n\n\n\nline eleven\x80", 22, &n, &line);
	CHECK_INT(line, 11);
	free(r);
	r = repair("\x80\n", 2, &n, &line);
	CHECK_INT(line, 1);
	free(r);

	/* Appends to what the buffer holds. */
	ks_buf_puts(&b, "head:");
	n = ks_utf8_repair("x\x80y", 3, &b, NULL);
	CHECK_STR(ks_buf_cstr(&b), "head:x" FFFD "y");
	CHECK_INT(n, 1);
	ks_buf_free(&b);

	/* Long ASCII runs around bad bytes at every offset in a word. */
	{
		char in[64], want[200];
		size_t k, at;

		for (at = 0; at < 40; at++) {
			memset(in, 'x', sizeof(in));
			in[at] = '\x7F';
			r = repair(in, sizeof(in), &n, &line);
			k = 0;
			memset(want, 'x', at);
			k = at;
			memcpy(want + k, FFFD, 3);
			k += 3;
			memset(want + k, 'x', sizeof(in) - at - 1);
			k += sizeof(in) - at - 1;
			want[k] = '\0';
			CHECK_STR(r, want);
			CHECK_INT(n, 1);
			free(r);
		}
	}
}

/*
 * A slow reference: decode by the textbook definition (value ranges, not
 * byte bounds), then filter controls, one byte at a time.
 */
static size_t
ref_repair(const unsigned char *s, size_t len, struct ks_buf *out,
    size_t *first_line)
{
	size_t i = 0, n, k, nbad = 0, line = 1;
	unsigned cp, min;
	int ok;

	*first_line = 0;
	while (i < len) {
		ok = 0;
		n = 1;
		if (s[i] < 0x80) {
			cp = s[i];
			ok = 1;
		} else if ((s[i] & 0xE0) == 0xC0 || (s[i] & 0xF0) == 0xE0 ||
		    (s[i] & 0xF8) == 0xF0) {
			n = (s[i] & 0xE0) == 0xC0 ? 2 :
			    (s[i] & 0xF0) == 0xE0 ? 3 : 4;
			min = n == 2 ? 0x80 : n == 3 ? 0x800 : 0x10000;
			cp = s[i] & (0x7F >> n);
			ok = i + n <= len;
			for (k = 1; ok && k < n; k++) {
				if ((s[i + k] & 0xC0) != 0x80)
					ok = 0;
				else
					cp = (cp << 6) | (s[i + k] & 0x3F);
			}
			if (ok && (cp < min || cp > 0x10FFFF ||
			    (cp >= 0xD800 && cp <= 0xDFFF)))
				ok = 0;
			if (!ok)
				n = 1;
		}
		if (ok && !(cp < 0x20 && cp != '\t' && cp != '\n' &&
		    cp != '\r') && !(cp >= 0x7F && cp <= 0x9F)) {
			ks_buf_put(out, s + i, n);
		} else {
			if (nbad++ == 0)
				*first_line = line;
			ks_buf_puts(out, FFFD);
		}
		for (k = 0; k < n; k++)
			if (s[i + k] == '\n')
				line++;
		i += n;
	}
	return nbad;
}

static uint32_t
rnd(uint32_t *state)
{
	*state = *state * 1103515245u + 12345u;
	return *state >> 8;
}

static void
test_repair_random(void)
{
	static const char *const pieces[] = {
		"a", "hello ", "\n", "\t", "\r\n", "\x01", "\x7F", "", "中",
		"\xC3\xA9", "\xF0\x9F\x98\x80", "\xC2\x85", "\xC2\xA0", "\x80",
		"\xBF", "\xC0", "\xC1\x81", "\xE4", "\xE4\xB8", "\xED\xA0\x80",
		"\xF4\x90\x80\x80", "\xF0\x9F", "\xFE", "\xFF", "0123456789",
		"\xE0\x80\xAF", "\xF8\x88\x80\x80\x80",
	};
	const size_t npieces = sizeof(pieces) / sizeof(pieces[0]);
	struct ks_buf in = KS_BUF_INIT, got = KS_BUF_INIT, want = KS_BUF_INIT;
	uint32_t state = 12345;
	size_t round, k, m, n_got, n_want, l_got, l_want;
	int mismatches = 0, invalid_mismatches = 0, clean_mismatches = 0;

	for (round = 0; round < 3000; round++) {
		ks_buf_clear(&in);
		m = rnd(&state) % 40;
		for (k = 0; k < m; k++) {
			const char *p = pieces[rnd(&state) % npieces];

			/* The one piece with a NUL byte in it. */
			if (rnd(&state) % 50 == 0)
				ks_buf_put(&in, "\0", 1);
			else
				ks_buf_puts(&in, p);
		}
		ks_buf_clear(&got);
		ks_buf_clear(&want);
		n_got = ks_utf8_repair(ks_buf_cstr(&in), in.len, &got, &l_got);
		n_want = ref_repair((const unsigned char *)ks_buf_cstr(&in),
		    in.len, &want, &l_want);
		if (n_got != n_want || l_got != l_want || got.len != want.len ||
		    memcmp(ks_buf_cstr(&got), ks_buf_cstr(&want), got.len) != 0)
			mismatches++;
		/* Invalid bytes: the reference's count minus the controls. */
		{
			size_t ctl = 0, pos = 0;
			int cp;

			while (pos < in.len) {
				cp = ks_utf8_decode(in.ptr, in.len, &pos);
				if (cp >= 0 && ks_utf8_is_bad_control((unsigned)cp))
					ctl++;
			}
			if (ks_utf8_count_invalid(in.ptr, in.len) != n_want - ctl)
				invalid_mismatches++;
		}
		/* The output is clean: repairing it again changes nothing. */
		if (ks_utf8_count_invalid(got.ptr, got.len) != 0)
			mismatches++;
		/* Clean exactly when the repair replaces nothing. */
		if (ks_utf8_is_clean(in.ptr, in.len) != (n_want == 0) ||
		    !ks_utf8_is_clean(got.ptr, got.len))
			clean_mismatches++;
	}
	CHECK_INT(mismatches, 0);
	CHECK_INT(invalid_mismatches, 0);
	CHECK_INT(clean_mismatches, 0);
	ks_buf_free(&in);
	ks_buf_free(&got);
	ks_buf_free(&want);
}

static void
test_count_invalid(void)
{
	CHECK(ks_utf8_is_clean("", 0));
	CHECK(ks_utf8_is_clean("中文 ok\t\r\n", 12));
	CHECK(!ks_utf8_is_clean("ok\0", 3));
	CHECK(!ks_utf8_is_clean("\xC2\x85", 2));		/* C1 */
	CHECK(!ks_utf8_is_clean("a\xEF\xBF\xBE", 4));	/* U+FFFE */
	CHECK(!ks_utf8_is_clean("\xE4\xB8", 2));		/* cut short */
	CHECK_INT(ks_utf8_count_invalid("", 0), 0);
	CHECK_INT(ks_utf8_count_invalid("中文 ok", 10), 0);
	/* Controls are not invalid bytes. */
	CHECK_INT(ks_utf8_count_invalid("\x01\x7F\xC2\x85\0", 5), 0);
	CHECK_INT(ks_utf8_count_invalid("a\x80\xFF" "b\xC3\xA9", 6), 2);
	CHECK_INT(ks_utf8_count_invalid("\xE4\xB8" "A", 3), 2);
	CHECK_INT(ks_utf8_count_invalid("\xED\xA0\x80", 3), 3);
}

static void
test_length_prefix(void)
{
	const char *s = "中文abc😀";

	CHECK_INT(ks_utf8_length(""), 0);
	CHECK_INT(ks_utf8_length("abc"), 3);
	CHECK_INT(ks_utf8_length(s), 6);
	CHECK_INT(ks_utf8_length("\xC3\xA9t\xC3\xA9"), 3);
	CHECK(!ks_utf8_longer("", 0));
	CHECK(ks_utf8_longer("a", 0));
	CHECK(!ks_utf8_longer(s, 6));
	CHECK(ks_utf8_longer(s, 5));
	CHECK(!ks_utf8_longer("\x80\x80", 0));	/* counted as length counts */

	CHECK_INT(ks_utf8_prefix(s, (size_t)-1, (size_t)-1), strlen(s));
	CHECK_INT(ks_utf8_prefix(s, 0, (size_t)-1), 0);
	CHECK_INT(ks_utf8_prefix(s, 1, (size_t)-1), 3);
	CHECK_INT(ks_utf8_prefix(s, 3, (size_t)-1), 7);
	CHECK_INT(ks_utf8_prefix(s, 100, (size_t)-1), strlen(s));
	/* Byte limits never cut a character. */
	CHECK_INT(ks_utf8_prefix(s, (size_t)-1, 0), 0);
	CHECK_INT(ks_utf8_prefix(s, (size_t)-1, 2), 0);
	CHECK_INT(ks_utf8_prefix(s, (size_t)-1, 3), 3);
	CHECK_INT(ks_utf8_prefix(s, (size_t)-1, 5), 3);
	CHECK_INT(ks_utf8_prefix(s, (size_t)-1, 9), 9);
	CHECK_INT(ks_utf8_prefix(s, (size_t)-1, 12), 9);
	CHECK_INT(ks_utf8_prefix(s, (size_t)-1, 13), 13);
	/* Whichever limit is reached first. */
	CHECK_INT(ks_utf8_prefix(s, 2, 5), 3);
	CHECK_INT(ks_utf8_prefix(s, 2, 100), 6);
	CHECK_INT(ks_utf8_prefix("", 5, 5), 0);
	/* Even a truncated sequence at the end is not split or overrun. */
	CHECK_INT(ks_utf8_prefix("a\xE4\xB8", (size_t)-1, 2), 1);
	CHECK_INT(ks_utf8_prefix("a\xE4\xB8", (size_t)-1, 3), 3);
	/* A character is any byte and at most three continuation bytes
	 * after it, however stray, with a count or without. */
	s = "a\x80\x80\x80\x80\x80" "b";
	CHECK_INT(ks_utf8_prefix(s, (size_t)-1, 3), 0);
	CHECK_INT(ks_utf8_prefix(s, (size_t)-1, 5), 4);
	CHECK_INT(ks_utf8_prefix(s, (size_t)-1, 6), 6);
	CHECK_INT(ks_utf8_prefix(s, 3, 6), 6);
	CHECK_INT(ks_utf8_prefix("\x80\x80\x80\x80\x80", (size_t)-1, 4), 4);
	CHECK_INT(ks_utf8_prefix("\x80\x80\x80\x80\x80", (size_t)-1, 3), 0);
}

/* ks_utf8_space_len agrees with ks_utf8_is_space on every character, and
 * finds nothing in a truncated or stray sequence. */
static void
test_space_len(void)
{
	struct ks_buf b = KS_BUF_INIT;
	size_t bad = 0, want;
	unsigned cp;

	for (cp = 1; cp <= 0x10FFFF; cp++) {
		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		ks_buf_clear(&b);
		ks_buf_put_utf8(&b, cp);
		want = ks_utf8_is_space(cp) ? b.len : 0;
		if (ks_utf8_space_len(b.ptr) != want)
			bad++;
	}
	CHECK_INT(bad, 0);
	CHECK_INT(ks_utf8_space_len("\xE3\x80"), 0);
	CHECK_INT(ks_utf8_space_len("\xC2"), 0);
	CHECK_INT(ks_utf8_space_len("\xA0"), 0);
	CHECK_INT(ks_utf8_space_len(""), 0);
	CHECK_INT(ks_utf8_space_len("\xE3\x80\x80x"), 3);
	ks_buf_free(&b);
}

static void
test_scripts(void)
{
	CHECK(ks_utf8_is_han(0x4E2D));		/* 中 */
	CHECK(ks_utf8_is_han(0x4E00));
	CHECK(ks_utf8_is_han(0x9FFF));
	CHECK(ks_utf8_is_han(0x3400));		/* Ext A */
	CHECK(ks_utf8_is_han(0x20000));		/* Ext B */
	CHECK(ks_utf8_is_han(0x2B740));		/* Ext D */
	CHECK(ks_utf8_is_han(0x30000));		/* Ext G */
	CHECK(ks_utf8_is_han(0xF900));		/* Compatibility */
	CHECK(ks_utf8_is_han(0x2F800));
	CHECK(!ks_utf8_is_han('a'));
	CHECK(!ks_utf8_is_han(0x3042));		/* あ */
	CHECK(!ks_utf8_is_han(0xAC00));
	CHECK(!ks_utf8_is_han(0x3002));
	CHECK(!ks_utf8_is_han(0x4DC0));		/* Yijing hexagram */

	CHECK(ks_utf8_is_kana(0x3042));		/* あ */
	CHECK(ks_utf8_is_kana(0x30A2));		/* ア */
	CHECK(ks_utf8_is_kana(0x30FC));		/* ー */
	CHECK(ks_utf8_is_kana(0x31F0));
	CHECK(ks_utf8_is_kana(0xFF71));		/* ｱ */
	CHECK(ks_utf8_is_kana(0x1B001));
	CHECK(!ks_utf8_is_kana(0x4E2D));
	CHECK(!ks_utf8_is_kana(0xFF21));	/* Ａ */
	CHECK(!ks_utf8_is_kana('k'));

	CHECK(ks_utf8_is_hangul(0xAC00));	/* 가 */
	CHECK(ks_utf8_is_hangul(0xD7A3));
	CHECK(ks_utf8_is_hangul(0x1100));
	CHECK(ks_utf8_is_hangul(0x3131));
	CHECK(ks_utf8_is_hangul(0xFFA1));
	CHECK(!ks_utf8_is_hangul(0x4E2D));
	CHECK(!ks_utf8_is_hangul(0x3042));

	CHECK(ks_utf8_is_cjk(0x4E2D));
	CHECK(ks_utf8_is_cjk(0x3042));
	CHECK(ks_utf8_is_cjk(0xAC00));
	CHECK(ks_utf8_is_cjk(0x3002));		/* 。 */
	CHECK(ks_utf8_is_cjk(0x300C));		/* 「 */
	CHECK(ks_utf8_is_cjk(0x3000));
	CHECK(ks_utf8_is_cjk(0xFF0C));		/* ， */
	CHECK(ks_utf8_is_cjk(0xFF1A));		/* ： */
	CHECK(ks_utf8_is_cjk(0xFE30));		/* compatibility form */
	CHECK(ks_utf8_is_cjk(0x20000));
	CHECK(!ks_utf8_is_cjk('a'));
	CHECK(!ks_utf8_is_cjk(','));
	CHECK(!ks_utf8_is_cjk(0xE9));
	CHECK(!ks_utf8_is_cjk(0x2014));		/* — */
	CHECK(!ks_utf8_is_cjk(0x201C));		/* “ */
	CHECK(!ks_utf8_is_cjk(0x0410));		/* Cyrillic А */
	CHECK(!ks_utf8_is_cjk(0x1F600));

	CHECK(ks_utf8_is_space(' '));
	CHECK(ks_utf8_is_space('\t'));
	CHECK(ks_utf8_is_space('\n'));
	CHECK(ks_utf8_is_space('\r'));
	CHECK(ks_utf8_is_space('\f'));
	CHECK(ks_utf8_is_space('\v'));
	CHECK(ks_utf8_is_space(0xA0));
	CHECK(ks_utf8_is_space(0x1680));
	CHECK(ks_utf8_is_space(0x2000));
	CHECK(ks_utf8_is_space(0x2003));
	CHECK(ks_utf8_is_space(0x200B));
	CHECK(ks_utf8_is_space(0x2028));
	CHECK(ks_utf8_is_space(0x2029));
	CHECK(ks_utf8_is_space(0x202F));
	CHECK(ks_utf8_is_space(0x205F));
	CHECK(ks_utf8_is_space(0x3000));
	CHECK(ks_utf8_is_space(0xFEFF));
	CHECK(!ks_utf8_is_space('a'));
	CHECK(!ks_utf8_is_space(0));
	CHECK(!ks_utf8_is_space(0x200C));	/* ZWNJ joins, it is no space */
	CHECK(!ks_utf8_is_space(0x2030));
	CHECK(!ks_utf8_is_space(0x4E2D));
	CHECK(!ks_utf8_is_space(0x3001));
}

/* Noncharacters U+FFFE and U+FFFF are replaced like controls. */
static void
test_repair_nonchars(void)
{
	struct ks_buf b = KS_BUF_INIT;
	size_t line;

	CHECK_INT(ks_utf8_repair("a\n\xEF\xBF\xBF" "b\xEF\xBF\xBE", 9, &b, &line), 2);
	CHECK_STR(b.ptr, "a\n\xEF\xBF\xBD" "b\xEF\xBF\xBD");
	CHECK_INT(line, 2);
	ks_buf_free(&b);
}

int
main(void)
{
	test_repair_nonchars();
	test_decode();
	test_bad_control();
	test_repair();
	test_repair_random();
	test_count_invalid();
	test_length_prefix();
	test_space_len();
	test_scripts();
	return ks_check_done("utf8");
}
