/* The front-matter reader: fences, then YAML (libyaml) or Hugo's TOML
 * subset, then the fields to article metadata. Emitted YAML (what the
 * Markdown writer puts in front of each post) must read back the same. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "fields.h"
#include "frontmatter.h"
#include "fuzz_util.h"
#include "meta.h"
#include "toml.h"
#include "yaml.h"

static bool
same_fields(const struct ks_fields *a, const struct ks_fields *b)
{
	if (a->len != b->len)
		return false;
	for (size_t i = 0; i < a->len; i++) {
		const struct ks_field *x = &a->v[i], *y = &b->v[i];

		if (strcmp(x->key, y->key) != 0 ||
		    x->values.len != y->values.len)
			return false;
		for (size_t j = 0; j < x->values.len; j++)
			if (strcmp(x->values.v[j], y->values.v[j]) != 0)
				return false;
	}
	return true;
}

/* Emits fields as YAML and parses them back: the same keys and values. */
static void
round_trip(const struct ks_fields *fields)
{
	struct ks_buf yaml = KS_BUF_INIT;
	struct ks_fields back = KS_FIELDS_INIT;

	if (ks_yaml_emit_fields(fields, &yaml) == 0) {
		if (ks_yaml_parse_fields(ks_buf_cstr(&yaml), yaml.len,
		    "emitted", 1, &back) != 0 || !same_fields(fields, &back)) {
			fprintf(stderr, "emitted YAML does not read back:\n%s\n",
			    ks_buf_cstr(&yaml));
			abort();
		}
	}
	ks_fields_free(&back);
	ks_buf_free(&yaml);
}

/* Parses text as kind; fields that parse go to an article's metadata. */
static void
parse(enum ks_fm_kind kind, const char *text, size_t len, size_t line)
{
	struct ks_fields fields = KS_FIELDS_INIT;
	struct ks_article *a;
	int rc;

	if (kind == KS_FM_TOML)
		rc = ks_toml_parse_fields(text, len, "fuzz", line, &fields);
	else
		rc = ks_yaml_parse_fields(text, len, "fuzz", line, &fields);
	if (rc == 0) {
		round_trip(&fields);
		a = ks_article_new("fuzz", "fuzz");
		ks_meta_from_fields(a, &fields, (int)(len % 1441) - 720);
		ks_article_free(a);
	}
	ks_fields_free(&fields);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ks_buf text = KS_BUF_INIT;
	struct ks_fm_split sp;

	fuzz_quiet();
	/* The reader splits the raw bytes, then cleans the front matter. */
	if (ks_fm_split((const char *)data, size, &sp) == 0 &&
	    sp.kind != KS_FM_NONE) {
		if (sp.fm_start > size || sp.fm_len > size - sp.fm_start ||
		    sp.body_start > size)
			abort();
		fuzz_clean_text(data + sp.fm_start, sp.fm_len, &text);
		parse(sp.kind, ks_buf_cstr(&text), text.len, sp.fm_line);
	} else {
		/* No fences: the whole input is a front matter of each kind. */
		fuzz_clean_text(data, size, &text);
		parse(KS_FM_YAML, ks_buf_cstr(&text), text.len, 1);
		parse(KS_FM_TOML, ks_buf_cstr(&text), text.len, 1);
	}
	ks_buf_free(&text);
	return 0;
}
