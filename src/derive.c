/* Metadata made from an article's text when its input did not give it:
 * the first sentence as title, the language, a summary, a stable id, a
 * file-name slug, and the hash that finds duplicates. */
#include "derive.h"

#include <stdlib.h>
#include <string.h>

#include <uuid/uuid.h>

#include "buf.h"
#include "utf8.h"
#include "xalloc.h"

#define TITLE_MAX_CHARS	60
/* A Latin cut backs up to a space at most this many characters back. */
#define WORD_BACKUP	20
/* Language detection looks at this many bytes: enough to decide. */
#define LANG_SAMPLE	4096

/*
 * The ksconv namespace for v5 UUIDs. It is itself the v5 UUID of the URL
 * namespace and "https://ksconv.invalid/ns", computed once
 * (b974d48d-9599-5e93-8717-a6020cf6d6ee) and fixed here: changing it would
 * change every article id ever published.
 */
static const uuid_t ks_namespace = {
	0xb9, 0x74, 0xd4, 0x8d, 0x95, 0x99, 0x5e, 0x93,
	0x87, 0x17, 0xa6, 0x02, 0x0c, 0xf6, 0xd6, 0xee,
};

/* Titles and summaries end a cut with this, one character. */
static const char ellipsis[] = "\xE2\x80\xA6";

/* The code point that ends s[0..len), and its first byte in *start. */
static unsigned
prev_cp(const char *s, size_t len, size_t *start)
{
	size_t i = len, pos;

	while (i > 0 && len - i < 3 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
		i--;
	if (i > 0)
		i--;
	pos = i;
	if (start != NULL)
		*start = i;
	return len == 0 ? 0 : ks_utf8_next(s, len, &pos);
}

static bool
is_ascii_alpha(unsigned cp)
{
	return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
}

static bool
is_ascii_digit(unsigned cp)
{
	return cp >= '0' && cp <= '9';
}

/* A letter of any script, roughly: ASCII letters, and everything from
 * U+00C0 on but the blocks of spaces, punctuation, symbols, emoji,
 * private use and specials. */
static bool
is_letter(unsigned cp)
{
	if (cp < 0x80)
		return is_ascii_alpha(cp);
	if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7 || ks_utf8_is_space(cp))
		return false;
	if ((cp >= 0xFF21 && cp <= 0xFF3A) || (cp >= 0xFF41 && cp <= 0xFF5A))
		return true;	/* full-width Latin letters */
	return !((cp >= 0x2000 && cp <= 0x2BFF) ||	/* punct., symbols */
	    (cp >= 0x2E00 && cp <= 0x2E7F) ||		/* sup. punctuation */
	    (cp >= 0x3000 && cp <= 0x303F) ||		/* CJK punctuation */
	    (cp >= 0xE000 && cp <= 0xF8FF) ||		/* private use */
	    (cp >= 0xFE00 && cp <= 0xFE6F) ||		/* variation, forms */
	    (cp >= 0xFF00 && cp <= 0xFF65) ||		/* full-width punct. */
	    (cp >= 0xFFF0 && cp <= 0xFFFF) ||		/* specials, U+FFFD */
	    (cp >= 0x1F000 && cp <= 0x1FAFF) ||	/* emoji, symbols */
	    cp >= 0xF0000);				/* private use */
}

static bool
has_letter(const char *s, size_t len)
{
	size_t pos = 0;

	while (pos < len)
		if (is_letter(ks_utf8_next(s, len, &pos)))
			return true;
	return false;
}

/*
 * Appends s[0..len) with each run of white space one space, trimmed,
 * copying each run of words with one append. Stops once more than max
 * characters are out: shorten() looks no further than that, and a
 * summary should not cost the folding of a whole article.
 */
static void
put_folded(struct ks_buf *out, const char *s, size_t len, size_t max)
{
	size_t pos = 0, at, run = 0, n = 0, start = out->len;
	bool space = false;

	while (pos < len && n <= max) {
		at = pos;
		if (ks_utf8_is_space(ks_utf8_next(s, len, &pos))) {
			if (!space)
				ks_buf_put(out, s + run, at - run);
			space = true;
			continue;
		}
		if (space) {
			if (out->len > start) {
				ks_buf_putc(out, ' ');
				n++;
			}
			run = at;
			space = false;
		}
		/* Count as ks_utf8_length does, even for a stray byte. */
		n += ((unsigned char)s[at] & 0xC0) != 0x80;
	}
	if (!space)
		ks_buf_put(out, s + run, pos - run);
}

/* Punctuation that must not dangle before the ellipsis of a cut. */
static bool
is_weak_tail(unsigned cp)
{
	switch (cp) {
	case ' ':
	case ',':
	case ';':
	case ':':
	case '-':
	case 0x3001:	/* 、 */
	case 0xFF0C:	/* ， */
	case 0xFF1B:	/* ； */
	case 0xFF1A:	/* ： */
		return true;
	default:
		return false;
	}
}

/*
 * Cuts the folded text in b to at most max_chars characters, the ellipsis
 * included, at a character boundary; in Latin text at the last space when
 * it is close enough, so no word is cut in two.
 */
static void
shorten(struct ks_buf *b, size_t max_chars)
{
	size_t keep, full, at, pos, n;
	unsigned next;

	if (b->len == 0 || ks_utf8_length(b->ptr) <= max_chars)
		return;
	if (max_chars == 0) {
		ks_buf_clear(b);
		return;
	}
	keep = full = ks_utf8_prefix(b->ptr, max_chars - 1, (size_t)-1);
	pos = keep;
	next = ks_utf8_next(b->ptr, b->len, &pos);
	if (next != ' ' && !ks_utf8_is_cjk(next) &&
	    !ks_utf8_is_cjk(prev_cp(b->ptr, keep, NULL))) {
		for (at = keep, n = 0; at > 0 && n <= WORD_BACKUP; n++) {
			if (b->ptr[at - 1] == ' ') {
				keep = at - 1;
				break;
			}
			prev_cp(b->ptr, at, &at);
		}
	}
	while (keep > 0 && is_weak_tail(prev_cp(b->ptr, keep, &at)))
		keep = at;
	if (keep == 0)
		keep = full;
	ks_buf_truncate(b, keep);
	ks_buf_puts(b, ellipsis);
}

char *
ks_derive_summary(const char *text, size_t max_chars)
{
	struct ks_buf b = KS_BUF_INIT;

	put_folded(&b, text, strlen(text), max_chars);
	shorten(&b, max_chars);
	return ks_buf_detach(&b);
}

static bool
is_terminator(unsigned cp)
{
	return cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == '!' ||
	    cp == '?';
}

/* What may follow a terminator and still belong to the sentence. */
static bool
is_closer(unsigned cp)
{
	switch (cp) {
	case 0x201D:	/* ” */
	case 0x2019:	/* ’ */
	case 0x300D:	/* 」 */
	case 0x300F:	/* 』 */
	case 0x300B:	/* 》 */
	case 0x3011:	/* 】 */
	case 0xFF09:	/* ） */
	case ')':
	case ']':
	case '"':
	case '\'':
	case 0x2026:	/* … */
	case '.':
		return true;
	default:
		return is_terminator(cp);
	}
}

/* The end of the closers after s[pos]. */
static size_t
skip_closers(const char *s, size_t len, size_t pos)
{
	size_t at;

	while (pos < len) {
		at = pos;
		if (!is_closer(ks_utf8_next(s, len, &pos)))
			return at;
	}
	return len;
}

/* Words whose period does not end a sentence ("Mr. Forsyth"); one letter
 * words are initials ("J. K.") or parts of "e.g.". */
static bool
is_abbreviation(const char *s, size_t start, size_t dot)
{
	static const char *const abbrevs[] = {
		"mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "vs",
		"mt", "gen", "gov", "sen", "rep", "rev",
	};
	size_t w = dot, n;

	while (w > start && is_ascii_alpha((unsigned char)s[w - 1]))
		w--;
	n = dot - w;
	if (n == 1)
		return true;
	for (size_t i = 0; i < sizeof(abbrevs) / sizeof(abbrevs[0]); i++) {
		if (strlen(abbrevs[i]) != n)
			continue;
		for (size_t k = 0; k < n; k++)
			if (((unsigned char)s[w + k] | 0x20) != abbrevs[i][k])
				goto next;
		return true;
next:		;
	}
	return false;
}

/*
 * The end of the sentence that starts at s[start]: after its terminator
 * and closing quotes, or at the end of its line (a heading or a paragraph
 * without a full stop is a sentence too).
 */
static size_t
sentence_end(const char *s, size_t len, size_t start)
{
	size_t pos = start, at, after, look;
	unsigned cp;

	while (pos < len) {
		at = pos;
		cp = ks_utf8_next(s, len, &pos);
		if (cp == '\n')
			return at;
		if (is_terminator(cp))
			return skip_closers(s, len, pos);
		if (cp != '.' || is_abbreviation(s, start, at))
			continue;
		/* "3.5" and "example.com" go on; "end." and "end.)" stop */
		after = look = skip_closers(s, len, pos);
		if (after == len || ks_utf8_is_space(ks_utf8_next(s, len, &look)))
			return after;
	}
	return len;
}

char *
ks_derive_title(const char *text)
{
	struct ks_buf b = KS_BUF_INIT;
	size_t len = strlen(text), pos = 0, at, end;

	while (pos < len) {
		at = pos;
		if (!ks_utf8_is_space(ks_utf8_next(text, len, &pos))) {
			end = sentence_end(text, len, at);
			if (has_letter(text + at, end - at)) {
				put_folded(&b, text + at, end - at,
				    TITLE_MAX_CHARS);
				shorten(&b, TITLE_MAX_CHARS);
				return ks_buf_detach(&b);
			}
			pos = end;
		}
	}
	return NULL;
}

const char *
ks_derive_lang(const char *text)
{
	size_t len, pos = 0, han = 0, kana = 0, hangul = 0, latin = 0;
	size_t letters = 0, cjk;
	unsigned cp;

	len = ks_utf8_prefix(text, (size_t)-1, LANG_SAMPLE);
	while (pos < len) {
		cp = ks_utf8_next(text, len, &pos);
		/* ASCII and Han first: most characters are one or the other,
		 * and each is settled by a test or two. */
		if (cp < 0x80) {
			if (is_ascii_alpha(cp)) {
				letters++;
				latin++;
			}
			continue;
		}
		if (ks_utf8_is_han(cp)) {
			letters++;
			han++;
			continue;
		}
		if (!is_letter(cp))
			continue;
		letters++;
		if (ks_utf8_is_kana(cp))
			kana++;
		else if (ks_utf8_is_hangul(cp))
			hangul++;
		else if (cp < 0x250 || (cp >= 0xFF21 && cp <= 0xFF5A))
			latin++;
	}
	cjk = han + kana + hangul;
	/* CJK counts only when it is a real share of the text, so an English
	 * article quoting a Japanese title stays English. */
	if (letters == 0 || cjk * 5 < letters) {
		if (letters > 0 && latin * 2 > letters)
			return "en";
		return "und";
	}
	if (kana > 0 && (kana >= 10 || kana * 20 >= cjk) && kana >= hangul)
		return "ja";
	if (hangul > 0 && hangul >= han)
		return "ko";
	if (han * 5 >= letters)
		return "zh";
	return "und";
}

char *
ks_derive_uuid(const char *base_url, const char *key)
{
	struct ks_buf name = KS_BUF_INIT;
	uuid_t u;
	char s[37];
	char *out;

	if (base_url != NULL)
		ks_buf_puts(&name, base_url);
	ks_buf_putc(&name, '\n');
	if (key != NULL)
		ks_buf_puts(&name, key);
	uuid_generate_sha1(u, ks_namespace, name.ptr, name.len);
	uuid_unparse_lower(u, s);
	ks_buf_free(&name);
	out = ks_xmalloc(sizeof("urn:uuid:") - 1 + sizeof(s));
	memcpy(out, "urn:uuid:", sizeof("urn:uuid:") - 1);
	memcpy(out + sizeof("urn:uuid:") - 1, s, sizeof(s));
	return out;
}

char *
ks_derive_slug(const char *title, size_t max_bytes)
{
	struct ks_buf b = KS_BUF_INIT;
	size_t len = strlen(title), pos = 0, at;
	bool dash = false;
	unsigned cp;

	while (pos < len) {
		at = pos;
		cp = ks_utf8_next(title, len, &pos);
		if ((cp >= 0xFF10 && cp <= 0xFF19) || (cp >= 0xFF21 &&
		    cp <= 0xFF5A && is_letter(cp)))
			cp -= 0xFF01 - 0x21;	/* full-width to ASCII */
		if (!is_letter(cp) && !is_ascii_digit(cp)) {
			dash = b.len > 0;
			continue;
		}
		if (dash)
			ks_buf_putc(&b, '-');
		dash = false;
		if (cp < 0x80)
			ks_buf_putc(&b, (char)(cp | (is_ascii_alpha(cp) ? 0x20 : 0)));
		else
			ks_buf_put(&b, title + at, pos - at);
	}
	if (b.len > 0)
		ks_buf_truncate(&b, ks_utf8_prefix(b.ptr, (size_t)-1, max_bytes));
	while (b.len > 0 && b.ptr[b.len - 1] == '-')
		ks_buf_truncate(&b, b.len - 1);
	if (b.len == 0)
		ks_buf_puts(&b, "article");
	return ks_buf_detach(&b);
}

#define FNV_OFFSET	0xcbf29ce484222325ULL
#define FNV_PRIME	0x100000001b3ULL

/* What the text hash does with a byte: up to 0xFF, hash that value (ASCII
 * letters folded to lower case); skip it (ASCII white space); or look
 * whether a wider space starts there (the leads C2, E1, E2, E3, EF). */
#define HASH_SKIP	0x100
#define HASH_LOOK	0x101
#define B4(x)		(x), (x) + 1, (x) + 2, (x) + 3
#define B16(x)		B4(x), B4((x) + 4), B4((x) + 8), B4((x) + 12)

static const unsigned short hash_action[256] = {
	B4(0x00), B4(0x04), 0x08, HASH_SKIP, HASH_SKIP, HASH_SKIP,
	HASH_SKIP, HASH_SKIP, 0x0E, 0x0F,
	B16(0x10),
	HASH_SKIP, 0x21, 0x22, 0x23, B4(0x24), B4(0x28), B4(0x2C),
	B16(0x30),
	0x40, B4('a'), B4('e'), B4('i'), 'm', 'n', 'o',
	B4('p'), B4('t'), 'x', 'y', 'z', 0x5B, B4(0x5C),
	B16(0x60), B16(0x70), B16(0x80), B16(0x90), B16(0xA0), B16(0xB0),
	0xC0, 0xC1, HASH_LOOK, 0xC3, B4(0xC4), B4(0xC8), B4(0xCC),
	B16(0xD0),
	0xE0, HASH_LOOK, HASH_LOOK, HASH_LOOK, B4(0xE4), B4(0xE8),
	0xEC, 0xED, 0xEE, HASH_LOOK,
	B16(0xF0),
};

/*
 * FNV-1a over the bytes of every character that is no white space, ASCII
 * folded to lower case. One table look-up a byte: the tests it replaces
 * made this loop 5 % of a --to md run.
 */
uint64_t
ks_derive_text_hash(const char *text)
{
	const unsigned char *p = (const unsigned char *)text;
	uint64_t h = FNV_OFFSET;
	unsigned a, c;
	size_t n;

	for (; (c = *p) != '\0'; p++) {
		a = hash_action[c];
		if (a <= 0xFF) {
			h = (h ^ a) * FNV_PRIME;
			continue;
		}
		if (a == HASH_SKIP)
			continue;
		if ((n = ks_utf8_space_seq((const char *)p)) > 0) {
			p += n - 1;
			continue;
		}
		h = (h ^ c) * FNV_PRIME;
	}
	return h;
}

/* "urn:...", "http:...", "tag:...": a scheme of two or more characters
 * (so "C:\..." is not one) and no white space. */
static bool
is_absolute_uri(const char *s)
{
	size_t i = 0;

	if (!is_ascii_alpha((unsigned char)s[0]))
		return false;
	while (is_ascii_alpha((unsigned char)s[i]) ||
	    is_ascii_digit((unsigned char)s[i]) || s[i] == '+' ||
	    s[i] == '-' || s[i] == '.')
		i++;
	if (i < 2 || s[i] != ':' || s[i + 1] == '\0')
		return false;
	for (; s[i] != '\0'; i++)
		if ((unsigned char)s[i] <= ' ' || s[i] == 0x7F)
			return false;
	return true;
}

static bool
is_blank(const char *s)
{
	size_t len = strlen(s), pos = 0;

	while (pos < len)
		if (!ks_utf8_is_space(ks_utf8_next(s, len, &pos)))
			return false;
	return true;
}

/* The file name of key without its extension: the title of last resort.
 * The caller frees. */
static char *
title_from_key(const char *key)
{
	const char *name, *dot;

	if (key == NULL)
		return ks_xstrdup("untitled");
	name = strrchr(key, '/');
	name = name ? name + 1 : key;
	dot = strrchr(name, '.');
	if (dot == NULL || dot == name)
		dot = name + strlen(name);
	if (dot == name)
		return ks_xstrdup("untitled");
	return ks_xstrndup(name, (size_t)(dot - name));
}

void
ks_derive_article(struct ks_article *a, const char *base_url)
{
	struct ks_buf text = KS_BUF_INIT;
	const char *key;
	char *s;

	if (a->body != NULL)
		ks_node_plain_text(a->body, &text);
	if (a->title == NULL || is_blank(a->title)) {
		free(a->title);
		a->title = ks_derive_title(ks_buf_cstr(&text));
		if (a->title == NULL)
			a->title = title_from_key(a->key);
		a->title_derived = true;
	}
	if (a->lang == NULL) {
		a->lang = ks_xstrdup(ks_derive_lang(ks_buf_cstr(&text)));
		a->lang_detected = true;
	}
	/* A given summary is kept, but folded and cut like ours. */
	if (a->summary != NULL && !is_blank(a->summary)) {
		s = ks_derive_summary(a->summary, KS_SUMMARY_CHARS);
		free(a->summary);
		a->summary = s;
	} else {
		free(a->summary);
		a->summary = ks_derive_summary(ks_buf_cstr(&text),
		    KS_SUMMARY_CHARS);
	}
	if (a->id == NULL) {
		if (a->given_id != NULL && is_absolute_uri(a->given_id)) {
			a->id = ks_xstrdup(a->given_id);
		} else {
			key = a->given_id ? a->given_id :
			    a->link ? a->link : a->key;
			a->id = ks_derive_uuid(base_url, key);
		}
	}
	ks_buf_puts(&text, a->title);
	a->text_hash = ks_derive_text_hash(ks_buf_cstr(&text));
	ks_buf_free(&text);
}
