/* One file in, one article out: checks the bytes, makes them clean UTF-8,
 * splits and parses the front matter, detects the body format, builds and
 * cleans the body tree, then derives what the input did not say. */
#include "reader.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "buf.h"
#include "charset.h"
#include "cleaner.h"
#include "derive.h"
#include "diag.h"
#include "frontmatter.h"
#include "html.h"
#include "html_meta.h"
#include "meta.h"
#include "plaintext.h"
#include "shortcode.h"
#include "text.h"
#include "toml.h"
#include "utf8.h"
#include "xalloc.h"
#include "yaml.h"

/* A file is binary when it has NUL bytes, or when this share of its bytes
 * or more is invalid UTF-8 and it declares no charset. */
#define BINARY_INVALID_PERCENT 30

static bool
is_binary(const char *data, size_t len, const char *charset, bool clean)
{
	if (clean)	/* not even a NUL */
		return false;
	if (memchr(data, '\0', len) != NULL)
		return true;
	if (charset != NULL)
		return false;
	return ks_utf8_count_invalid(data, len) * 100 >=
	    len * BINARY_INVALID_PERCENT;
}

/*
 * Appends data[0..len) to out as clean UTF-8: transcoded from the declared
 * charset when it is not valid UTF-8, then repaired. Reports what it
 * repaired (line counted from first_line). A part of a file found clean
 * as a whole is copied as it is.
 */
static void
clean_text(const char *path, const char *data, size_t len, size_t first_line,
    const char *charset, bool clean, struct ks_buf *out)
{
	struct ks_buf conv = KS_BUF_INIT;
	size_t bad, bad_line;

	if (clean) {
		ks_buf_put(out, data, len);
		return;
	}
	if (charset != NULL && ks_utf8_count_invalid(data, len) > 0) {
		if (ks_charset_to_utf8(charset, data, len, &conv) == 0) {
			data = conv.ptr ? conv.ptr : "";
			len = conv.len;
		} else {
			ks_warn(path, first_line, "unknown charset '%s'; "
			    "reading the text as UTF-8", charset);
		}
	}
	bad = ks_utf8_repair(data, len, out, &bad_line);
	if (bad > 0)
		ks_warn(path, first_line + bad_line - 1,
		    "%zu invalid byte%s or control character%s replaced by "
		    "U+FFFD", bad, bad == 1 ? "" : "s", bad == 1 ? "" : "s");
	ks_buf_free(&conv);
}

static int
read_front_matter(struct ks_article *a, const char *data,
    const struct ks_fm_split *sp, const char *charset, bool clean,
    int default_offset)
{
	struct ks_buf text = KS_BUF_INIT;
	struct ks_fields fields = KS_FIELDS_INIT;
	int rc;

	clean_text(a->path, data + sp->fm_start, sp->fm_len, sp->fm_line,
	    charset, clean, &text);
	if (sp->kind == KS_FM_TOML)
		rc = ks_toml_parse_fields(ks_buf_cstr(&text), text.len,
		    a->path, sp->fm_line, &fields);
	else
		rc = ks_yaml_parse_fields(ks_buf_cstr(&text), text.len,
		    a->path, sp->fm_line, &fields);
	if (rc == 0)
		ks_meta_from_fields(a, &fields, default_offset);
	ks_fields_free(&fields);
	ks_buf_free(&text);
	return rc;
}

/* Markdown or HTML text to the body tree, through libxml2's DOM. */
static void
read_markup(struct ks_article *a, const char *text, size_t len,
    bool markdown, int default_offset)
{
	struct ks_buf html = KS_BUF_INIT, fenced = KS_BUF_INIT;
	xmlDoc *doc;

	if (markdown) {
		if (ks_shortcode_highlight(text, len, &fenced) > 0) {
			text = ks_buf_cstr(&fenced);
			len = fenced.len;
		}
		if (ks_markdown_to_html(text, len, &html) != 0)
			ks_warn(a->path, a->body_line, "the Markdown renderer failed; "
			    "the body may be incomplete");
		text = ks_buf_cstr(&html);
		len = html.len;
	}
	doc = ks_html_parse(text, len);
	if (doc != NULL) {
		/* A post's front matter says it all; a page says it in <head>. */
		if (!markdown)
			ks_html_meta(doc, a, default_offset);
		ks_node_free(a->body);
		a->body = ks_clean_dom(xmlDocGetRootElement(doc), a->path);
		xmlFreeDoc(doc);
	}
	ks_buf_free(&html);
	ks_buf_free(&fenced);
}

/* Is there a word in the body: text or code that is not all white space?
 * The same answer as the plain text's, without building it. */
static bool
has_content(struct ks_node *body)
{
	struct ks_iter it;
	const struct ks_node *c;

	if (body == NULL)
		return false;
	ks_iter_init(&it, body);
	while (ks_iter_next(&it) != KS_EVENT_DONE) {
		c = it.cur;
		if (c->text != NULL && c->type != KS_NODE_IMAGE &&
		    !ks_text_is_blank(c->text, strlen(c->text)))
			return true;
	}
	return false;
}

int
ks_read_article(const char *path, const char *key, const char *data,
    size_t len, const struct ks_settings *s, struct ks_article **out)
{
	struct ks_article *a;
	struct ks_fm_split sp;
	struct ks_buf body = KS_BUF_INIT;
	char *charset = NULL;
	bool clean, content;
	int rc = -1;

	*out = NULL;
	a = ks_article_new(path, key);
	if (len == 0) {
		ks_error(path, 0, "empty file");
		goto out;
	}
	charset = ks_charset_declared(data, len);
	/* Most files need no repair: one scan finds it, for every part. */
	clean = ks_utf8_is_clean(data, len);
	if (is_binary(data, len, charset, clean)) {
		ks_error(path, 0, "binary file: not text");
		goto out;
	}
	if (ks_fm_split(data, len, &sp) != 0) {
		ks_error(path, sp.fm_line, "the front matter opened here is "
		    "never closed");
		goto out;
	}
	if (sp.kind != KS_FM_NONE &&
	    read_front_matter(a, data, &sp, charset, clean,
	    s->default_offset) != 0)
		goto out;
	a->body_line = sp.body_line;
	clean_text(path, data + sp.body_start, len - sp.body_start,
	    sp.body_line, charset, clean, &body);
	if (sp.kind != KS_FM_NONE)
		read_markup(a, ks_buf_cstr(&body), body.len, true,
		    s->default_offset);
	else if (ks_html_detect(ks_buf_cstr(&body), body.len))
		read_markup(a, ks_buf_cstr(&body), body.len, false,
		    s->default_offset);
	else
		ks_plaintext_read(a, ks_buf_cstr(&body), body.len,
		    sp.body_line);
	ks_clean_tree(a);
	content = has_content(a->body);
	if (!content && a->title == NULL) {
		ks_error(path, sp.body_line, "no text: nothing is left to convert");
		goto out;
	}
	if (!content)
		ks_warn(path, sp.body_line, "the article has a title but no text");
	ks_derive_article(a, s->base_url);
	*out = a;
	a = NULL;
	rc = 0;
out:
	ks_article_free(a);
	ks_buf_free(&body);
	free(charset);
	return rc;
}

void
ks_reader_init(void)
{
	xmlInitParser();
}

void
ks_reader_cleanup(void)
{
	xmlCleanupParser();
}
