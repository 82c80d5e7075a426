/* The plain-text body reader: header lines, paragraphs, joined lines,
 * trailing credits and dates; then the cleaning and derived metadata. */
#include "article.h"
#include "cleaner.h"
#include "derive.h"
#include "fuzz_util.h"
#include "plaintext.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ks_buf text = KS_BUF_INIT;
	struct ks_article *a;

	fuzz_quiet();
	fuzz_clean_text(data, size, &text);
	a = ks_article_new("fuzz.txt", "fuzz.txt");
	ks_plaintext_read(a, ks_buf_cstr(&text), text.len, 1);
	ks_clean_tree(a);
	ks_derive_article(a, NULL);
	ks_article_free(a);
	ks_buf_free(&text);
	return 0;
}
