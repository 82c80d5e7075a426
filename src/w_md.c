/* The Markdown writer: one file per article, DIR/YYYY-MM-DD-slug.md, with
 * the article's metadata as YAML front matter (through the YAML module)
 * and its body as CommonMark (md_render.c). ksconv reads these files back
 * as the same articles, ids included. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "diag.h"
#include "md_render.h"
#include "output.h"
#include "writer.h"
#include "wutil.h"
#include "xalloc.h"
#include "yaml.h"

struct md_state {
	char			*folder;
	struct ks_wu_slugs	 slugs;
	struct ks_output_batch	 out;	/* the files, landing in chunks */
};

/* Keys the reader takes for the lead image; such a key among the extra
 * fields carries the image itself (see front_matter). */
static const char *const image_keys[] = {
	"image", "headimg", "thumbnail", "cover", "banner", "featured_image",
};

static bool
is_image_key(const char *key)
{
	for (size_t i = 0; i < sizeof(image_keys) / sizeof(image_keys[0]); i++)
		if (strcasecmp(key, image_keys[i]) == 0)
			return true;
	return false;
}

static void
add_value(struct ks_fields *f, const char *key, const char *value)
{
	if (value == NULL || value[0] == '\0')
		return;
	ks_strs_push(&ks_fields_add(f, key, false, 0)->values, value);
}

static void
add_list(struct ks_fields *f, const char *key, const struct ks_strs *l)
{
	struct ks_field *fl;

	if (l->len == 0)
		return;
	fl = ks_fields_add(f, key, true, 0);
	for (size_t i = 0; i < l->len; i++)
		ks_strs_push(&fl->values, l->v[i]);
}

/* A date as the input gave it: a day alone stays a day; anything else is
 * RFC 3339 in its original offset. */
static void
add_date(struct ks_fields *f, const char *key, const struct ks_date *d)
{
	char buf[32];

	if (!d->known)
		return;
	ks_date_format_rfc3339(d, buf);
	if (!d->has_time && !d->has_zone)
		buf[10] = '\0';
	add_value(f, key, buf);
}

/*
 * The normalized front matter, in the order people expect it, then the
 * input's other keys in their order. The lead image is written as
 * "image" unless an image key of the input is kept among those (the
 * reader keeps them so generators get their own names back): written
 * twice, it would read back as one more extra field. A kept key that one
 * of ours already names is left out (YAML keys must be unique).
 */
static void
front_matter(const struct ks_article *a, struct ks_fields *f)
{
	bool image_kept = false;

	for (size_t i = 0; i < a->extra.len; i++)
		image_kept |= is_image_key(a->extra.v[i].key);
	add_value(f, "title", a->title);
	add_date(f, "date", &a->date);
	add_date(f, "updated", &a->updated);
	if (a->authors.len == 1)
		add_value(f, "author", a->authors.v[0]);
	else
		add_list(f, "author", &a->authors);
	add_list(f, "categories", &a->categories);
	add_list(f, "tags", &a->tags);
	add_value(f, "source", a->source);
	add_value(f, "link", a->link);
	if (!image_kept)
		add_value(f, "image", a->image);
	if (a->lang != NULL && !(a->lang_detected &&
	    strcmp(a->lang, "und") == 0))
		add_value(f, "lang", a->lang);
	add_value(f, "id", a->id);
	for (size_t i = 0; i < a->extra.len; i++) {
		const struct ks_field *e = &a->extra.v[i];
		struct ks_field *fl;

		if (ks_fields_get(f, e->key) != NULL)
			continue;
		fl = ks_fields_add(f, e->key, e->is_list, 0);
		for (size_t j = 0; j < e->values.len; j++)
			ks_strs_push(&fl->values, e->values.v[j]);
	}
}

static void *
md_begin(const struct ks_settings *s, const char *output)
{
	struct md_state *st;

	(void)s;	/* the rendering settings are prepare's */

	if (strcmp(output, "-") == 0) {
		ks_error(NULL, 0, "the md format writes a folder of files, "
		    "not standard output: give -o DIR");
		return NULL;
	}
	if (ks_output_mkdir(output) != 0)
		return NULL;
	st = ks_xcalloc(1, sizeof(*st));
	st->folder = ks_xstrdup(output);
	return st;
}

/*
 * The whole file of one article, on a reading thread, written to a
 * temporary in the folder: its name depends on the articles before, so
 * add() gives it, but creating and writing the file (a tenth of a run,
 * most of it in the kernel) runs in parallel. Returns the temporary's
 * path, or NULL after reporting.
 */
static void *
md_prepare(const void *state, const struct ks_settings *s,
    const struct ks_article *a)
{
	const struct md_state *st = state;
	struct ks_fields f = KS_FIELDS_INIT;
	struct ks_buf doc = KS_BUF_INIT;
	char *tmp = NULL;

	front_matter(a, &f);
	ks_buf_puts(&doc, "---\n");
	if (ks_yaml_emit_fields(&f, &doc) != 0) {
		ks_error(a->path, 0, "cannot write the front matter");
		goto out;
	}
	ks_buf_puts(&doc, "---\n");
	if (a->body != NULL && a->body->first != NULL) {
		ks_buf_putc(&doc, '\n');
		ks_md_render(&doc, a->body, s->images);
	}
	tmp = ks_output_temp_in(st->folder, a->path, ks_buf_cstr(&doc),
	    doc.len);
out:
	ks_fields_free(&f);
	ks_buf_free(&doc);
	return tmp;
}

/* Names the file (names depend on the articles before) and hands its
 * temporary to the batch. */
static int
md_add(void *state, const struct ks_article *a, void *part)
{
	struct md_state *st = state;
	struct ks_buf path = KS_BUF_INIT;
	char prefix[16];
	const char *slug;
	int rc;

	if (part == NULL)
		return -1;	/* prepare reported it */
	slug = ks_wu_slug(&st->slugs, ks_wu_date_prefix(a, prefix), a->title);
	ks_buf_printf(&path, "%s/%s.md", st->folder, slug);
	rc = ks_output_batch_adopt(&st->out, part, ks_buf_cstr(&path));
	free(part);
	ks_buf_free(&path);
	return rc;
}

/*
 * Every file was written to a temporary as its article came; one syncfs
 * makes them all durable before they take their names (an fsync per file
 * costs more than the whole conversion of a large archive). Files that
 * were complete land even when a later one failed.
 */
static int
md_finish(void *state)
{
	struct md_state *st = state;

	return ks_output_batch_commit(&st->out);
}

static void
md_free(void *state)
{
	struct md_state *st = state;

	if (st == NULL)
		return;
	ks_output_batch_free(&st->out);
	ks_wu_slugs_free(&st->slugs);
	free(st->folder);
	free(st);
}

const struct ks_writer_class ks_writer_md = {
	.name = "md",
	.default_name = "md",
	.summary = "one CommonMark file per article, with YAML front matter",
	.folder = true,
	.to_stdout = false,
	.begin = md_begin,
	.prepare = md_prepare,
	.free_part = ks_output_temp_discard,	/* one add() never took */
	.add = md_add,
	.finish = md_finish,
	.free = md_free,
};
