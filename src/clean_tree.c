/* The second half of the cleaner: works on our own body tree. Moves the
 * original link and source credits into the article's metadata (with
 * clean_tail.c), cleans every URL and tidies what is left. */
#include "cleaner.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "clean_tail.h"
#include "diag.h"
#include "text.h"
#include "url.h"
#include "utf8.h"
#include "xalloc.h"

/* A node's text; a TEXT node made with ks_node_new may have none yet. */
static const char *
text_of(const struct ks_node *n)
{
	return n->text != NULL ? n->text : "";
}

/* ---- URLs ------------------------------------------------------------ */

struct url_report {
	char	*first;		/* the first problem, said in full */
	size_t	 more;		/* how many others */
};

static const char *
status_word(enum ks_url_status st)
{
	switch (st) {
	case KS_URL_RELATIVE:
		return "relative";
	case KS_URL_DANGEROUS:
		return "unsafe";
	default:
		return "invalid";
	}
}

/* Writes down a problem; only the first is worded, so an article with a
 * hundred relative images gives one warning, not a hundred. */
static void
note(struct url_report *r, enum ks_url_status st, const struct ks_node *n,
    bool alt)
{
	struct ks_buf b = KS_BUF_INIT;
	const char *url = n->url != NULL ? n->url : "";
	size_t cut;

	if (r->first != NULL) {
		r->more++;
		return;
	}
	cut = ks_utf8_prefix(url, 80, (size_t)-1);
	ks_buf_printf(&b, "%s %s '%.*s%s'", status_word(st),
	    n->type == KS_NODE_LINK ? "link" : "image", (int)cut, url,
	    url[cut] != '\0' ? "..." : "");
	if (st == KS_URL_RELATIVE)
		ks_buf_puts(&b, " cannot be resolved without the original link");
	if (n->type == KS_NODE_LINK)
		ks_buf_puts(&b, "; kept as text");
	else
		ks_buf_puts(&b, alt ? "; replaced by its alt text" :
		    "; dropped (no alt text)");
	r->first = ks_buf_detach(&b);
}

/* Cleans one link or image; an unusable one is replaced by its text. */
static void
clean_url(struct ks_node *n, const char *base, struct url_report *r)
{
	enum ks_url_status st;
	struct ks_node *t;
	char *out, *alt;

	st = ks_url_clean(n->url, base, n->type == KS_NODE_IMAGE ?
	    KS_URL_IMAGE : KS_URL_LINK, &out);
	if (st == KS_URL_OK) {
		free(n->url);
		n->url = out;
		return;
	}
	/* A link without a URL is only text: nothing to warn about. */
	if (n->type == KS_NODE_LINK) {
		if (n->url != NULL)
			note(r, st, n, false);
		ks_node_unwrap(n);
		return;
	}
	alt = ks_text_trim(ks_xstrdup(text_of(n)));
	if (n->url != NULL)
		note(r, st, n, alt[0] != '\0');
	if (alt[0] != '\0') {
		t = ks_node_new(KS_NODE_TEXT);
		t->text = alt;
		ks_node_insert_before(n, t);
	} else
		free(alt);
	ks_node_free(n);
}

static void
clean_body_urls(struct ks_article *a)
{
	struct url_report r = { NULL, 0 };
	struct ks_node **v = NULL;
	struct ks_iter it;
	size_t len = 0, cap = 0, i;

	ks_iter_init(&it, a->body);
	while (ks_iter_next(&it) != KS_EVENT_DONE) {
		if (it.ev != KS_EVENT_ENTER || (it.cur->type != KS_NODE_LINK &&
		    it.cur->type != KS_NODE_IMAGE))
			continue;
		if (len == cap) {
			cap = cap ? cap * 2 : 16;
			v = ks_xrealloc(v, cap * sizeof(*v));
		}
		v[len++] = it.cur;
	}
	/* Unwrapping a link moves its children but frees none of them. */
	for (i = 0; i < len; i++)
		clean_url(v[i], a->link, &r);
	free(v);
	if (r.first != NULL) {
		if (r.more > 0)
			ks_warn(a->path, a->body_line, "%s (and %zu more unusable URL%s)",
			    r.first, r.more, r.more == 1 ? "" : "s");
		else
			ks_warn(a->path, a->body_line, "%s", r.first);
		free(r.first);
	}
}

/* Cleans a metadata URL in place; an unusable one is dropped. */
static void
clean_meta_url(const char *path, const char *what, char **url,
    const char *base, enum ks_url_use use)
{
	enum ks_url_status st;
	char *out;

	if (*url == NULL)
		return;
	if (ks_text_is_blank(*url, strlen(*url))) {
		/* "image: ''" in front matter: nothing was meant. */
		free(*url);
		*url = NULL;
		return;
	}
	st = ks_url_clean(*url, base, use, &out);
	if (st == KS_URL_OK && use == KS_URL_LINK && !ks_url_is_http(out)) {
		/* The original link is a web page, never a mailto:. */
		free(out);
		st = KS_URL_INVALID;
	}
	if (st != KS_URL_OK) {
		ks_warn(path, 1, "%s %s '%s'%s; dropped", status_word(st), what,
		    *url, st == KS_URL_RELATIVE ?
		    " cannot be resolved without the original link" : "");
		out = NULL;
	}
	free(*url);
	*url = out;
}

/* ---- tidying ------------------------------------------------------- */

/* The first (or last) leaf beneath block b, through inline containers. */
static struct ks_node *
edge_leaf(struct ks_node *b, bool last)
{
	struct ks_node *n = last ? b->last : b->first;

	while (n != NULL && !ks_node_is_leaf(n) && (last ? n->last : n->first))
		n = last ? n->last : n->first;
	return n;
}

/* Frees n, then each ancestor below block b that it leaves empty. */
static void
free_upwards(struct ks_node *n, struct ks_node *b)
{
	struct ks_node *parent;

	for (;;) {
		parent = n->parent;
		ks_node_free(n);
		if (parent == b || parent == NULL || parent->first != NULL)
			return;
		n = parent;
	}
}

/* Trims white space at the start (left) or the end of s, in place. */
static void
trim_text(char *s, bool left)
{
	size_t len = strlen(s), start;

	if (left) {
		start = ks_text_space_prefix(s, len);
		memmove(s, s + start, len - start + 1);
	} else
		s[len - ks_text_space_suffix(s, len)] = '\0';
}

/* Removes white space and line breaks at one edge of block b. */
static void
trim_edge(struct ks_node *b, bool last)
{
	struct ks_node *n;

	while ((n = edge_leaf(b, last)) != NULL) {
		if (n->type == KS_NODE_TEXT && n->text != NULL) {
			trim_text(n->text, !last);
			if (n->text[0] != '\0')
				return;
		} else if (n->type != KS_NODE_LINEBREAK &&
		    (ks_node_is_leaf(n) || n->first != NULL))
			return;
		free_upwards(n, b);
	}
}

/* Tidies n once its children are done. May free n, never anything after
 * it in the walk. */
static void
tidy_node(struct ks_node *n)
{
	switch (n->type) {
	case KS_NODE_TEXT:
	case KS_NODE_CODE:
		if (text_of(n)[0] == '\0')
			ks_node_free(n);
		break;
	case KS_NODE_CODE_BLOCK:
		if (ks_text_is_blank(text_of(n), strlen(text_of(n))))
			ks_node_free(n);
		break;
	case KS_NODE_EMPH:
	case KS_NODE_STRONG:
	case KS_NODE_LINK:
		/* Blank: keep its spaces, which may part two words. */
		if (!ks_clean_has_content(n))
			ks_node_unwrap(n);
		break;
	case KS_NODE_PARAGRAPH:
	case KS_NODE_HEADING:
		trim_edge(n, false);
		trim_edge(n, true);
		if (!ks_clean_has_content(n))
			ks_node_free(n);
		break;
	case KS_NODE_TABLE_CELL:
		trim_edge(n, false);
		trim_edge(n, true);
		break;
	case KS_NODE_QUOTE:
	case KS_NODE_LIST:
	case KS_NODE_ITEM:
	case KS_NODE_TABLE_ROW:
	case KS_NODE_TABLE:
		if (n->first == NULL)
			ks_node_free(n);
		break;
	default:
		break;
	}
}

static struct ks_node *
deepest_first(struct ks_node *n)
{
	while (n->first != NULL)
		n = n->first;
	return n;
}

/* Joins each run of adjacent text nodes into its first, copying each
 * byte once however long the run. */
static void
merge_texts(struct ks_node *root)
{
	struct ks_buf b = KS_BUF_INIT;
	struct ks_node *n, *next;

	for (n = deepest_first(root); n != root; n = next) {
		if (n->type == KS_NODE_TEXT && n->next != NULL &&
		    n->next->type == KS_NODE_TEXT) {
			ks_buf_clear(&b);
			ks_buf_puts(&b, text_of(n));
			while (n->next != NULL && n->next->type == KS_NODE_TEXT) {
				ks_buf_puts(&b, text_of(n->next));
				ks_node_free(n->next);
			}
			free(n->text);
			n->text = ks_xstrdup(ks_buf_cstr(&b));
		}
		next = n->next != NULL ? deepest_first(n->next) : n->parent;
	}
	ks_buf_free(&b);
}

/*
 * A post-order walk without recursion: the next node is found before the
 * current one is tidied, and tidying touches only the current node, its
 * subtree and what came before it.
 */
static void
tidy(struct ks_node *root)
{
	struct ks_node *n, *next;

	if (root->first == NULL)
		return;
	for (n = deepest_first(root); n != root; n = next) {
		next = n->next != NULL ? deepest_first(n->next) : n->parent;
		tidy_node(n);
	}
	merge_texts(root);
}

void
ks_clean_tree(struct ks_article *a)
{
	clean_meta_url(a->path, "original link", &a->link, NULL, KS_URL_LINK);
	if (a->body != NULL) {
		ks_clean_nav(a->body);
		ks_clean_original_link(a);
		ks_clean_credits(a);
		clean_body_urls(a);
		tidy(a->body);
	}
	/* After the body: its original-link line can resolve the image. */
	clean_meta_url(a->path, "lead image", &a->image, a->link,
	    KS_URL_IMAGE);
}
