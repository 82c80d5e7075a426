/*
 * The whole pipeline: bytes to articles (ks_read_article, as the command
 * line does for each file) and the articles through one registered writer
 * into files. Input: byte 0 picks the writer in ks_writers[] (low nibble)
 * and the EPUB's options (group by, vertical), byte 1 the other options
 * (images mode, limit, base URL, summaries only, split by category, zone
 * offset, language); the rest is up to MAX_ARTICLES files separated
 * by 0x1e (ASCII record separator), so writers see slug collisions,
 * ordering and --limit at work.
 *
 * Writers write files: they go into a temporary folder made for each
 * input (under /dev/shm when there is one, where fsync costs nothing) and
 * removed after it: libFuzzer ends with _Exit, so no exit handler would
 * run. Never standard output.
 */
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "article.h"
#include "derive.h"
#include "fuzz_util.h"
#include "reader.h"
#include "settings.h"
#include "writer.h"
#include "xalloc.h"

#define MAX_ARTICLES 4
#define SEPARATOR 0x1e

static char tmpdir[64];

static int
rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	if (ftw->level > 0)
		remove(path);
	return 0;
}

static void
remove_tmpdir(void)
{
	nftw(tmpdir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	rmdir(tmpdir);
}

static void
make_tmpdir(void)
{
	const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";

	snprintf(tmpdir, sizeof(tmpdir), "%s/ksconv-fuzz-XXXXXX", base);
	if (mkdtemp(tmpdir) == NULL) {
		perror("ksconv fuzz: mkdtemp");
		abort();
	}
}

static size_t
count_writers(void)
{
	size_t n = 0;

	while (ks_writers[n] != NULL)
		n++;
	return n;
}

static void
set_options(struct ks_settings *s, unsigned opt, unsigned opt0)
{
	static const char *const group_by[] = { NULL, "month", "category",
		NULL };

	static const enum ks_images images[] = { KS_IMAGES_DEFAULT,
		KS_IMAGES_KEEP, KS_IMAGES_LINK, KS_IMAGES_DROP,
		KS_IMAGES_EMBED };

	memset(s, 0, sizeof(*s));
	s->images = images[(opt & 7) % 5];
	s->limit = (opt >> 3) & 3;		/* 0 = all, or 1-3 */
	if (opt & 0x20)
		s->base_url = ks_xstrdup("https://example.org/news/");
	s->no_content = (opt & 0x40) != 0;
	s->split_by = (opt & 0x80) ? KS_SPLIT_CATEGORY : KS_SPLIT_NONE;
	s->default_offset = (opt & 1) ? 480 : 0;
	s->title = ks_xstrdup("Fuzz <collection> & \"title\"");
	s->author = ks_xstrdup("Fuzz author");
	s->lang = (opt & 2) ? ks_xstrdup("zh-CN") : NULL;
	s->id = ks_derive_uuid(s->base_url, "");
	s->has_epoch = true;
	s->epoch = 1700000000;
	s->max_size = 64u << 20;
	if (group_by[(opt0 >> 4) & 3] != NULL)
		s->group_by = ks_xstrdup(group_by[(opt0 >> 4) & 3]);
	s->vertical = (opt0 & 0x40) != 0;
	/* Never the network: fetch_images stays off. */
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct ks_writer_class *w;
	struct ks_settings s;
	struct ks_article *a;
	char output[128], name[32];
	void *state;
	size_t start, nart = 0;

	if (size < 2)
		return 0;
	fuzz_quiet();
	make_tmpdir();
	w = ks_writers[(data[0] & 0x0f) % count_writers()];
	set_options(&s, data[1], data[0]);
	snprintf(output, sizeof(output), "%s/%s", tmpdir, w->default_name);

	state = w->begin(&s, output);
	if (state == NULL)
		goto out;
	for (start = 2; start <= size && nart < MAX_ARTICLES; nart++) {
		const uint8_t *sep = memchr(data + start, SEPARATOR,
		    size - start);
		size_t end = sep != NULL ? (size_t)(sep - data) : size;

		/* Like a walked folder: paths sorted, keys relative. */
		snprintf(name, sizeof(name), "post-%zu.md", nart);
		if (ks_read_article(name, name, (const char *)data + start,
		    end - start, &s, &a) == 0) {
			(void)ks_writer_add(w, state, &s, a);
			ks_article_free(a);
		}
		start = end + 1;
	}
	(void)w->finish(state);
	w->free(state);
out:
	ks_settings_free(&s);
	remove_tmpdir();
	return 0;
}
