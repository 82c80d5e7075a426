/* What the end of a scraped article holds besides the article: the
 * original-link line, source credits and navigation footers. Part of
 * ks_clean_tree; see clean_tail.h. */
#include "clean_tail.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "text.h"
#include "url.h"
#include "utf8.h"
#include "xalloc.h"

/* How many blocks at the end of the body may hold the original link or a
 * credit. Scraped footers are a handful of lines; a credit-shaped line in
 * the middle of an article is the article's own text. */
#define TAIL_BLOCKS 6
#define TAIL_MAX (TAIL_BLOCKS + 1)

/* Longest credit paragraph, and longest publication name, in characters:
 * a longer "来源：…" line is a sentence, not a credit. */
#define CREDIT_MAX_CHARS 100
#define SOURCE_MAX_CHARS 40

/* ---- small text helpers ------------------------------------------- */

/* A node's text; a TEXT node made with ks_node_new may have none yet. */
static const char *
text_of(const struct ks_node *n)
{
	return n->text != NULL ? n->text : "";
}

/* Past the white space at the start of s. Space characters are found
 * without decoding, and without the length of s, which may be long. */
static const char *
skip_space(const char *s)
{
	size_t n;

	while ((n = ks_utf8_space_len(s)) > 0)
		s += n;
	return s;
}

static bool
is_blank_text(const struct ks_node *n)
{
	return n->type == KS_NODE_TEXT && *skip_space(text_of(n)) == '\0';
}

/* The first byte turns most texts away without a call: this runs at
 * every byte of a paragraph's end. */
static bool
has_prefix(const char *s, const char *prefix)
{
	return prefix[0] == '\0' || (s[0] == prefix[0] &&
	    strncmp(s, prefix, strlen(prefix)) == 0);
}

/* Skips an ASCII or full-width colon; false when there is none. */
static bool
skip_colon(const char **p)
{
	if (**p == ':') {
		(*p)++;
		return true;
	}
	if (has_prefix(*p, "：")) {
		*p += 3;
		return true;
	}
	return false;
}

/* The trimmed plain text of a node's subtree. The caller frees it. */
static char *
node_text(const struct ks_node *n)
{
	struct ks_buf b = KS_BUF_INIT;

	ks_node_plain_text(n, &b);
	return ks_text_trim(ks_buf_detach(&b));
}

/* node_text() in scratch, which the caller keeps for the next call:
 * every paragraph is looked at, and most are only looked at. Returns a
 * pointer into scratch. */
static const char *
node_text_in(const struct ks_node *n, struct ks_buf *scratch)
{
	size_t start;

	ks_buf_clear(scratch);
	ks_node_plain_text(n, scratch);
	start = ks_text_space_prefix(ks_buf_cstr(scratch), scratch->len);
	if (start < scratch->len)
		ks_buf_truncate(scratch, scratch->len -
		    ks_text_space_suffix(scratch->ptr, scratch->len));
	return ks_buf_cstr(scratch) + start;
}

bool
ks_clean_has_content(struct ks_node *n)
{
	struct ks_iter it;
	struct ks_node *c;

	ks_iter_init(&it, n);
	while (ks_iter_next(&it) != KS_EVENT_DONE) {
		c = it.cur;
		if (c->type == KS_NODE_IMAGE || c->type == KS_NODE_RULE ||
		    ((c->type == KS_NODE_CODE ||
		    c->type == KS_NODE_CODE_BLOCK) && text_of(c)[0] != '\0') ||
		    (c->type == KS_NODE_TEXT && !is_blank_text(c)))
			return true;
	}
	return false;
}

/* ---- walking the blocks at the end of the body --------------------- */

static bool
is_container(const struct ks_node *n)
{
	return (n->type == KS_NODE_DOCUMENT || n->type == KS_NODE_QUOTE ||
	    n->type == KS_NODE_LIST || n->type == KS_NODE_ITEM) &&
	    n->last != NULL && ks_node_is_block(n->last);
}

static struct ks_node *
last_leaf_block(struct ks_node *n)
{
	while (is_container(n))
		n = n->last;
	return n;
}

/* The leaf block before n in document order ("> [原文地址](…)" puts the
 * paragraph inside a quote), or NULL at the start of root. */
static struct ks_node *
prev_block(struct ks_node *n, struct ks_node *root)
{
	while (n != root && n->prev == NULL)
		n = n->parent;
	return n == root ? NULL : last_leaf_block(n->prev);
}

/*
 * Fills tail[] with the paragraphs among the last TAIL_BLOCKS blocks that
 * have content, last first; returns how many. Blank paragraphs do not
 * count: scraped pages end in runs of them.
 */
static size_t
tail_paragraphs(struct ks_node *doc, struct ks_node **tail)
{
	struct ks_node *n;
	size_t k = 0, seen = 0;

	for (n = last_leaf_block(doc); n != NULL && n != doc &&
	    seen < TAIL_BLOCKS; n = prev_block(n, doc)) {
		if (!ks_node_is_block(n) || is_container(n) ||
		    !ks_clean_has_content(n))
			continue;
		seen++;
		if (n->type == KS_NODE_PARAGRAPH)
			tail[k++] = n;
	}
	return k;
}

/* ---- navigation footers -------------------------------------------- */

/* Arrows that decorate "← 返回首页" and "↑ Back to top". */
static const char *const nav_decorations[] = {
	"←", "↑", "«", "‹", "<",
	"⬅",
};

static const char *
skip_decoration(const char *s)
{
	size_t i;

	s = skip_space(s);
	for (i = 0; i < sizeof(nav_decorations) / sizeof(nav_decorations[0]);
	    i++)
		if (has_prefix(s, nav_decorations[i]))
			return skip_space(s + strlen(nav_decorations[i]));
	return s;
}

/* "返回首页", "返回中国新闻网新闻", "Back to top": a link back into the
 * scraping site, never part of the article. */
static bool
is_nav_text(const char *text)
{
	const char *s = skip_decoration(text);

	return (has_prefix(s, "返回") &&
	    !ks_utf8_longer(s, 20)) ||
	    (ks_text_has_prefix_ci(s, "back to") && strlen(s) <= 30);
}

/* A link, or "**[返回首页](…)**": emphasis around nothing but a link. */
static bool
is_nav_link(const struct ks_node *n, struct ks_buf *scratch)
{
	const struct ks_node *c = n;

	while ((c->type == KS_NODE_EMPH || c->type == KS_NODE_STRONG) &&
	    c->first != NULL && c->first == c->last)
		c = c->first;
	if (c->type != KS_NODE_LINK)
		return false;
	return is_nav_text(node_text_in(n, scratch));
}

/* Text between footer links: "｜", " | ", "/", "·", spaces. */
static bool
is_separator(const struct ks_node *n)
{
	static const char *const seps[] = {
		"|", "/", "-", ",", "｜", "·", "•",
		"、", "，", "—", "・",
	};
	const char *p;
	size_t i;

	if (n->type == KS_NODE_LINEBREAK)
		return true;
	if (n->type != KS_NODE_TEXT)
		return false;
	for (p = skip_space(text_of(n)); *p != '\0'; p = skip_space(p)) {
		for (i = 0; i < sizeof(seps) / sizeof(seps[0]); i++)
			if (has_prefix(p, seps[i]))
				break;
		if (i == sizeof(seps) / sizeof(seps[0]))
			return false;
		p += strlen(seps[i]);
	}
	return true;
}

/* Standalone lines that only navigate. */
static bool
is_nav_paragraph_text(const char *t)
{
	static const char *const lines[] = {
		"返回首页", "返回顶部", "点击返回", "返回", "返回列表",
		"Back to top", "Back to home",
	};
	size_t i;

	t = skip_decoration(t);
	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
		if (strlen(t) == strlen(lines[i]) &&
		    ks_text_has_prefix_ci(t, lines[i]))
			return true;
	return false;
}

/*
 * Drops the trailing run of navigation links (and the separators among
 * them) from paragraph p, and p itself when that was all it held or when
 * it is a "返回顶部" line.
 */
static void
strip_nav(struct ks_node *p, struct ks_buf *scratch)
{
	struct ks_node *n, *start = NULL;
	bool nav = false;

	for (n = p->last; n != NULL; n = n->prev) {
		if (is_nav_link(n, scratch))
			nav = true;
		else if (!is_separator(n))
			break;
		start = n;
	}
	if (nav && n == NULL) {
		ks_node_free(p);
		return;
	}
	if (nav) {
		while (start != NULL) {
			n = start->next;
			ks_node_free(start);
			start = n;
		}
		return;
	}
	if (is_nav_paragraph_text(node_text_in(p, scratch)))
		ks_node_free(p);
}

void
ks_clean_nav(struct ks_node *doc)
{
	struct ks_node **v = NULL, *n;
	struct ks_buf scratch = KS_BUF_INIT;
	struct ks_iter it;
	size_t len = 0, cap = 0, i;

	/* Collect first: the walk cannot survive freeing its nodes. */
	ks_iter_init(&it, doc);
	while (ks_iter_next(&it) != KS_EVENT_DONE) {
		n = it.cur;
		if (it.ev != KS_EVENT_ENTER || n->type != KS_NODE_PARAGRAPH)
			continue;
		if (len == cap) {
			cap = cap ? cap * 2 : 16;
			v = ks_xrealloc(v, cap * sizeof(*v));
		}
		v[len++] = n;
	}
	for (i = 0; i < len; i++)
		strip_nav(v[i], &scratch);
	free(v);
	ks_buf_free(&scratch);
}

/* ---- the original link --------------------------------------------- */

/* Labels before an original URL ("原文链接：http://…") and texts of a link
 * to it ("[原文地址](http://…)"). */
static const char *const link_labels[] = {
	"原文链接", "原文地址", "原文网址", "阅读原文", "查看原文", "本文链接",
	"本文地址", "文章链接", "来源链接", "原文", "来源", "转载自", "出处",
	"Original link", "Original URL", "Original article", "Original",
	"Source URL", "Source", "Read the original", "Read more",
};

/* Returns what follows label at the start of s (and an optional colon),
 * or NULL when no label starts s. */
static const char *
after_label(const char *s)
{
	const char *p;
	size_t i;

	for (i = 0; i < sizeof(link_labels) / sizeof(link_labels[0]); i++) {
		if (!ks_text_has_prefix_ci(s, link_labels[i]))
			continue;
		p = skip_space(s + strlen(link_labels[i]));
		skip_colon(&p);
		return skip_space(p);
	}
	return NULL;
}

static bool
is_bare_url(const char *s)
{
	return ks_url_is_http(s) && strpbrk(s, " \t\n") == NULL;
}

/* Do the text and the href of a link name the same URL? A link whose
 * text shows one URL and whose href goes to another is no autolink. */
static bool
same_url(const char *text, const char *href)
{
	char *a, *b;
	bool same;

	if (strcmp(text, href) == 0)
		return true;
	if (!is_bare_url(text))
		return false;
	ks_url_clean(text, NULL, KS_URL_LINK, &a);
	ks_url_clean(href, NULL, KS_URL_LINK, &b);
	same = a != NULL && b != NULL && strcmp(a, b) == 0;
	free(a);
	free(b);
	return same;
}

/* The only link among p's children, ignoring blank text and line breaks;
 * NULL when there are other inlines or several links. */
static struct ks_node *
only_link(struct ks_node *p)
{
	struct ks_node *n, *link = NULL;

	for (n = p->first; n != NULL; n = n->next) {
		if (n->type == KS_NODE_LINEBREAK || is_blank_text(n))
			continue;
		if (n->type != KS_NODE_LINK || link != NULL)
			return NULL;
		link = n;
	}
	return link;
}

/* Counts the links in p and returns the first. */
static struct ks_node *
first_link(struct ks_node *p, size_t *count)
{
	struct ks_node *first = NULL;
	struct ks_iter it;

	*count = 0;
	ks_iter_init(&it, p);
	while (ks_iter_next(&it) != KS_EVENT_DONE)
		if (it.ev == KS_EVENT_ENTER && it.cur->type == KS_NODE_LINK &&
		    (*count)++ == 0)
			first = it.cur;
	return first;
}

/*
 * If paragraph p is an original-link line, returns the URL it names (not
 * cleaned; owned by the tree or by *tofree). NULL when it is not one.
 */
static const char *
original_link_of(struct ks_node *p, char **tofree)
{
	struct ks_node *link;
	const char *rest, *url = NULL;
	size_t nlinks;
	char *t;

	*tofree = NULL;
	t = node_text(p);
	if ((link = only_link(p)) != NULL && link->url != NULL) {
		/* An autolink, or a link labelled as the original. */
		rest = after_label(t);
		if (same_url(t, link->url) || (rest != NULL && *rest == '\0'))
			url = link->url;
	} else if (is_bare_url(t)) {
		url = *tofree = ks_xstrdup(t);
	} else if ((rest = after_label(t)) != NULL && is_bare_url(rest)) {
		/* The text may shorten a long URL; the href has it whole. */
		link = first_link(p, &nlinks);
		if (nlinks == 1 && link->url != NULL)
			url = link->url;
		else if (nlinks == 0)
			url = *tofree = ks_xstrdup(rest);
	}
	free(t);
	return url;
}

/* Moves the original-link line at the end of the body into a->link. A
 * line naming another URL than a known link stays: it is content then. */
void
ks_clean_original_link(struct ks_article *a)
{
	struct ks_node *tail[TAIL_MAX];
	const char *url;
	char *tofree, *clean;
	size_t n, i;

	n = tail_paragraphs(a->body, tail);
	for (i = 0; i < n; i++) {
		if ((url = original_link_of(tail[i], &tofree)) == NULL)
			continue;
		if (ks_url_clean(url, NULL, KS_URL_LINK, &clean) == KS_URL_OK &&
		    ks_url_is_http(clean)) {
			if (a->link == NULL) {
				a->link = clean;
				clean = NULL;
				ks_node_free(tail[i]);
			} else if (strcmp(a->link, clean) == 0)
				ks_node_free(tail[i]);
		}
		free(clean);
		free(tofree);
	}
}

/* ---- source credits ------------------------------------------------ */

/* Longest first, so "文章来源" is not read as "来源" after "文章". */
static const char *const credit_keys[] = {
	"文章来源", "稿件来源", "本文来源", "新闻来源", "信息来源", "资料来源",
	"内容来源", "消息来源", "图文来源", "本文转载自", "转载自", "转自",
	"来源", "出处", "Source",
};

/* What a credit says its source did; the name ends where they start. */
static const char *const credit_verbs[] = {
	"整理发布", "原创发布", "编辑发布", "发布", "整理", "提供", "原创",
	"供稿", "撰写", "首发",
};

/* Roles after the name: "来源：新华社 记者 张三". */
static const char *const credit_roles[] = {
	"作者", "记者", "编辑", "责任编辑", "责编", "通讯员",
};

/* Bracket pairs that may wrap a credit. */
static const char *const brackets[][2] = {
	{ "（", "）" },
	{ "(", ")" },
	{ "【", "】" },
	{ "[", "]" },
};

static bool
is_name_end(unsigned cp)
{
	static const unsigned stops[] = {
		0xFF0C, ',', 0x3002, 0xFF1B, ';', 0xFF01, '!', 0xFF1F, '?', '|',
		0xFF5C, 0xFF09, ')', 0x3011, ']', 0x3001,
	};
	size_t i;

	for (i = 0; i < sizeof(stops) / sizeof(stops[0]); i++)
		if (cp == stops[i])
			return true;
	return false;
}

/* Byte length of s up to the first punctuation that ends a name. */
static size_t
name_length(const char *s)
{
	size_t len = strlen(s), pos = 0, at;
	int cp;

	while (pos < len) {
		at = pos;
		cp = ks_utf8_decode(s, len, &pos);
		if (cp >= 0 && is_name_end((unsigned)cp))
			return at;
	}
	return len;
}

/* The first occurrence in x of any of words[] (tried in order) that is
 * not at its start; with `spaced`, only where white space precedes it.
 * *len gets the word's length. NULL when there is none. */
static char *
find_word(char *x, const char *const *words, size_t n, bool spaced,
    size_t *len)
{
	char *p;
	size_t i;

	if (x[0] == '\0')
		return NULL;
	for (i = 0; i < n; i++)
		for (p = strstr(x + 1, words[i]); p != NULL;
		    p = strstr(p + 1, words[i]))
			if (!spaced || p[-1] == ' ' ||
			    (p - x >= 3 && has_prefix(p - 3, "　"))) {
				*len = strlen(words[i]);
				return p;
			}
	return NULL;
}

/*
 * The name in "本文由: X整理发布" is X; in "本文由 @X 原创发布于Y" it is Y,
 * the publication, where X is the writer. Cuts x in place.
 */
static void
cut_by_credit(char *x)
{
	char *verb, *at;
	size_t len;

	verb = find_word(x, credit_verbs,
	    sizeof(credit_verbs) / sizeof(credit_verbs[0]), false, &len);
	if (verb == NULL)
		return;
	at = verb + len;
	if (has_prefix(at, "于") && *skip_space(at + strlen("于")) != '\0') {
		at += strlen("于");
		memmove(x, at, strlen(at) + 1);
	} else
		*verb = '\0';
}

/*
 * Parses a credit: "（文章来源：中国新闻网）", "来源：X", "Source: X",
 * "本文由: X整理发布,如需转载,请注明来源。". Returns the source name (the
 * caller frees it) or NULL. With `strict` (a credit glued to the end of
 * article text), nothing but closing punctuation may follow the name.
 */
static char *
parse_credit(const char *text, bool strict)
{
	const char *s = text, *p = NULL, *end;
	char *x = NULL, *inner, *role;
	size_t i, len, n;
	bool by = false;

	len = strlen(s);
	if (ks_utf8_longer(s, CREDIT_MAX_CHARS))
		return NULL;
	for (i = 0; i < sizeof(brackets) / sizeof(brackets[0]); i++) {
		n = strlen(brackets[i][1]);
		if (has_prefix(s, brackets[i][0]) && len >= n &&
		    strcmp(s + len - n, brackets[i][1]) == 0) {
			s += strlen(brackets[i][0]);
			len -= strlen(brackets[i][0]) + n;
			break;
		}
	}
	inner = ks_xstrndup(s, len);
	s = skip_space(inner);
	if (has_prefix(s, "本文由")) {
		p = skip_space(s + strlen("本文由"));
		skip_colon(&p);
		by = true;
	} else {
		for (i = 0; i < sizeof(credit_keys) / sizeof(credit_keys[0]);
		    i++)
			if (ks_text_has_prefix_ci(s, credit_keys[i]))
				break;
		if (i < sizeof(credit_keys) / sizeof(credit_keys[0])) {
			p = skip_space(s + strlen(credit_keys[i]));
			/* "转载自新华网" needs no colon; the others do. */
			if (!skip_colon(&p) && !has_prefix(credit_keys[i], "转"))
				p = NULL;
		}
	}
	if (p == NULL)
		goto out;
	p = skip_space(p);
	n = name_length(p);
	if (strict) {
		end = skip_space(p + n);
		if (*end != '\0' && !has_prefix(end, "。") &&
		    strcmp(end, ".") != 0)
			goto out;
	}
	x = ks_xstrndup(p, n);
	if (by)
		cut_by_credit(x);
	else if ((role = find_word(x, credit_roles,
	    sizeof(credit_roles) / sizeof(credit_roles[0]), true, &n)) != NULL)
		*role = '\0';
	ks_text_trim(x);
	if (x[0] == '@')
		memmove(x, x + 1, strlen(x));
	ks_text_trim(x);
	n = strlen(x);
	while (n > 0 && x[n - 1] == '.')
		x[--n] = '\0';
	if (n == 0 || ks_utf8_longer(x, SOURCE_MAX_CHARS) ||
	    ks_url_is_http(x) || ks_text_has_prefix_ci(x, "www.")) {
		free(x);
		x = NULL;
	}
out:
	free(inner);
	return x;
}

static void
set_source(struct ks_article *a, char *x)
{
	if (a->source == NULL)
		a->source = x;
	else
		free(x);
}

/*
 * A credit glued to the end of the paragraph's last text node
 * ("…最后一句。（文章来源：新华网）"): cuts it and returns the source, or
 * NULL when there is none. Only bracketed credits, or ones that follow a
 * full stop: a bare "来源：" may be the article's own words.
 */
static char *
cut_glued_credit(struct ks_node *p)
{
	struct ks_node *t = p->last;
	char *x, *s, *seg;
	size_t len, i, at;

	while (t != NULL && (t->type == KS_NODE_LINEBREAK || is_blank_text(t)))
		t = t->prev;
	if (t == NULL || t->type != KS_NODE_TEXT || t->text == NULL)
		return NULL;
	s = t->text;
	len = strlen(s);
	/* Try each opening bracket or full stop, from the right, as far
	 * back as a glued credit can be long. */
	for (at = len; at-- > 0 && len - at <= 4 * CREDIT_MAX_CHARS;) {
		const char *c = s + at;
		size_t skip = 0;

		for (i = 0; i < sizeof(brackets) / sizeof(brackets[0]); i++)
			if (has_prefix(c, brackets[i][0]))
				break;
		if (i == sizeof(brackets) / sizeof(brackets[0])) {
			if (!has_prefix(c, "。"))
				continue;
			skip = strlen("。");
		}
		if (ks_text_is_blank(s, at) && t->prev == NULL)
			return NULL;	/* the whole paragraph: not glued */
		seg = ks_text_trim(ks_xstrdup(c + skip));
		x = parse_credit(seg, true);
		free(seg);
		if (x != NULL) {
			s[at + skip] = '\0';
			return x;
		}
	}
	return NULL;
}

static bool
has_link(struct ks_node *p)
{
	size_t n;

	first_link(p, &n);
	return n > 0;
}

/*
 * Moves credits at the end of the body into a->source. A credit that
 * links to its source keeps its paragraph, so the link is not lost.
 */
void
ks_clean_credits(struct ks_article *a)
{
	struct ks_node *tail[TAIL_MAX];
	char *t, *x;
	size_t n, i;
	bool found = false;

	n = tail_paragraphs(a->body, tail);
	for (i = 0; i < n; i++) {
		t = node_text(tail[i]);
		if ((x = parse_credit(t, false)) != NULL) {
			found = true;
			set_source(a, x);
			if (!has_link(tail[i])) {
				ks_node_free(tail[i]);
				tail[i] = NULL;
			}
		} else if ((x = cut_glued_credit(tail[i])) != NULL) {
			found = true;
			set_source(a, x);
		}
		free(t);
	}
	/* A plain-text article signs with its publisher's name alone. */
	for (i = 0; found && a->source != NULL && i < n; i++) {
		if (tail[i] == NULL || has_link(tail[i]))
			continue;
		t = node_text(tail[i]);
		if (strcmp(t, a->source) == 0)
			ks_node_free(tail[i]);
		free(t);
	}
}
