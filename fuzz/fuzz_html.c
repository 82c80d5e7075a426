/* The markup body readers: HTML through libxml2, Markdown through md4c,
 * both to libxml2's DOM, then the DOM to our body tree and its cleaning.
 * The first byte picks HTML or Markdown (the rest of it is the text). */
#include <stdbool.h>
#include <stdlib.h>

#include "article.h"
#include "cleaner.h"
#include "derive.h"
#include "fuzz_util.h"
#include "html.h"
#include "html_meta.h"
#include "node.h"

static void
to_tree(const char *html, size_t len, bool page)
{
	struct ks_article *a;
	xmlDoc *doc = ks_html_parse(html, len);

	if (doc == NULL)
		return;
	a = ks_article_new("fuzz.html", "fuzz.html");
	if (page)
		ks_html_meta(doc, a, 0);
	ks_node_free(a->body);
	a->body = ks_clean_dom(xmlDocGetRootElement(doc), a->path);
	xmlFreeDoc(doc);
	if (a->body != NULL && a->body->type != KS_NODE_DOCUMENT)
		abort();
	ks_clean_tree(a);
	ks_derive_article(a, NULL);
	ks_article_free(a);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ks_buf text = KS_BUF_INIT, html = KS_BUF_INIT;
	bool markdown;

	if (size == 0)
		return 0;
	fuzz_quiet();
	markdown = data[0] & 1;
	fuzz_clean_text(data + 1, size - 1, &text);
	(void)ks_html_detect(ks_buf_cstr(&text), text.len);
	if (markdown) {
		(void)ks_markdown_to_html(ks_buf_cstr(&text), text.len, &html);
		to_tree(ks_buf_cstr(&html), html.len, false);
	} else {
		to_tree(ks_buf_cstr(&text), text.len, true);
	}
	ks_buf_free(&html);
	ks_buf_free(&text);
	return 0;
}
