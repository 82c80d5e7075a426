/* The part of the Atom, RSS and JSON Feed writers that is not syntax:
 * entries in input order, their parts spilled to a temporary file, dated
 * and sorted newest first at the end, cut to --limit, split by category,
 * streamed out atomically (see feed.h). */
#include "feed.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "derive.h"
#include "diag.h"
#include "output.h"
#include "render.h"
#include "xalloc.h"

/* Bytes gathered in memory before they go to a file: few system calls,
 * and memory that does not grow with the feed. */
#define FLUSH_AT	((size_t)1 << 20)
/* With --limit, records are first pruned when this many are kept. */
#define PRUNE_MIN	64

/* One warning per run, however many feed writers run (they all lack the
 * same links for the same reason). */
static bool warned_no_base;

/* A feed file being written (see feed.h). */
struct ks_feed_out {
	const struct ks_feed	*f;
	const char		*path;	/* "-" is standard output */
	char			*tmp;	/* the temporary beside path */
	int			 fd;	/* tmp, or for stdout an anonymous file
					 * once buf outgrows FLUSH_AT; or -1 */
	struct ks_buf		 buf;	/* bytes not yet in fd */
	bool			 bad;	/* an error was reported */
};

/* Reads len bytes at off. Returns 0, or -1 with errno set (EIO when the
 * file is shorter than that). */
static int
read_at(int fd, char *data, size_t len, uint64_t off)
{
	while (len > 0) {
		ssize_t n = pread(fd, data, len, (off_t)off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = EIO;
			return -1;
		}
		data += n;
		len -= (size_t)n;
		off += (uint64_t)n;
	}
	return 0;
}

/* How messages name an output. */
static const char *
shown(const char *path)
{
	return strcmp(path, "-") == 0 ? "<stdout>" : path;
}

/* A spill file for the output path: see ks_output_anon_temp. Returns
 * the descriptor, or -1 after reporting. */
static int
anon_file(const char *path)
{
	int fd = ks_output_anon_temp("ksconv-feed");

	if (fd < 0)
		ks_error(shown(path), 0, "cannot create a temporary file in "
		    "%s: %s", ks_output_temp_dir(), strerror(errno));
	return fd;
}

struct ks_date
ks_feed_date(int64_t utc)
{
	struct ks_date d;

	memset(&d, 0, sizeof(d));
	d.utc = utc;
	d.known = d.has_time = d.has_zone = true;
	return d;
}

struct ks_feed *
ks_feed_begin(const struct ks_settings *s, const char *output,
    const char *format, const char *ext, ks_feed_render_fn render)
{
	struct ks_feed *f;

	if (s->split_by == KS_SPLIT_CATEGORY && strcmp(output, "-") == 0) {
		ks_error(NULL, 0, "--split-by category writes one %s feed per "
		    "category: give -o FILE or -o DIR", format);
		return NULL;
	}
	if (s->base_url == NULL && !warned_no_base) {
		ks_warn(NULL, 0, "without --base-url entries and the feed have "
		    "no links");
		warned_no_base = true;
	}
	f = ks_xcalloc(1, sizeof(*f));
	f->spill = -1;
	f->s = s;
	f->format = format;
	f->ext = ext;
	f->render = render;
	f->output = ks_xstrdup(output);
	f->lang = ks_feed_lang(s->lang);
	f->newest = INT64_MIN;
	f->prune_at = PRUNE_MIN;
	return f;
}

void
ks_feed_terms(const struct ks_article *a, struct ks_strs *out)
{
	for (size_t i = 0; i < a->categories.len; i++)
		ks_strs_push_unique(out, a->categories.v[i]);
	for (size_t i = 0; i < a->tags.len; i++)
		ks_strs_push_unique(out, a->tags.v[i]);
}

char *
ks_feed_lang(const char *tag)
{
	char *t;
	size_t run = 0, subtags = 0;

	if (tag == NULL)
		return NULL;
	t = ks_xstrdup(tag);
	/* RFC 4287's pattern: [A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*. Locales
	 * write zh_CN for zh-CN; anything else is left out, not guessed. */
	for (char *p = t; ; p++) {
		char c = *p == '_' ? '-' : *p;

		*p = c;
		if (c == '-' || c == '\0') {
			if (run == 0)
				goto bad;
			if (c == '\0')
				return t;
			run = 0;
			subtags++;
			continue;
		}
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (subtags > 0 && c >= '0' && c <= '9')) || ++run > 8)
			goto bad;
	}
bad:
	free(t);
	return NULL;
}

char *
ks_feed_content_html(const struct ks_settings *s, const struct ks_article *a)
{
	struct ks_buf html = KS_BUF_INIT;
	struct ks_render_opts o;

	memset(&o, 0, sizeof(o));
	/* Feeds keep remote images (DESIGN §2); embedding is the EPUB's. */
	o.images = s->images == KS_IMAGES_LINK || s->images == KS_IMAGES_DROP ?
	    s->images : KS_IMAGES_KEEP;
	ks_render_html(&html, a->body, &o);
	return ks_buf_detach(&html);
}

static int cmp_entries(const void *pa, const void *pb);

static bool
has_category(const struct ks_feed_entry *e, size_t k)
{
	for (size_t i = 0; i < e->ncats; i++)
		if (e->cats[i] == k)
			return true;
	return false;
}

/* Gives e the category name: its place in the feed's list, where it is
 * added the first time any entry has it. */
static void
add_category(struct ks_feed *f, struct ks_feed_entry *e, const char *name)
{
	size_t k = ks_strs_push_unique(&f->cats, name);

	if (has_category(e, k))
		return;
	e->cats = ks_xrealloc(e->cats, (e->ncats + 1) * sizeof(*e->cats));
	e->cats[e->ncats++] = k;
}

/* Does e rank among the newest limit entries of one of its categories?
 * Entries come in feed order; rank[k] counts those of category k seen. */
static bool
category_keeps(const struct ks_feed *f, const struct ks_feed_entry *e,
    size_t *rank)
{
	bool keep = false;

	for (size_t i = 0; i < e->ncats; i++)
		if (rank[e->cats[i]]++ < f->s->limit)
			keep = true;
	return keep;
}

/*
 * With --limit N, drops the entries no feed can show any more: those
 * after the newest N, and, split by category, after the newest N of each
 * of their categories. The order is total and known as entries come, so
 * a dropped entry could never come back. Run each time the records kept
 * have doubled (categories may keep many more than N), so it costs a few
 * sorts per record, and memory holds what may be shown, not a record per
 * article. The parts of dropped entries stay in the spill file, unread.
 */
static void
prune(struct ks_feed *f)
{
	size_t kept = 0, *rank = NULL;

	if (f->len > 1)
		qsort(f->v, f->len, sizeof(*f->v), cmp_entries);
	if (f->s->split_by == KS_SPLIT_CATEGORY)
		rank = ks_xcalloc(f->cats.len + 1, sizeof(*rank));
	for (size_t i = 0; i < f->len; i++) {
		struct ks_feed_entry *e = f->v[i];
		bool keep = i < f->s->limit;

		if (rank != NULL && category_keeps(f, e, rank))
			keep = true;
		if (keep) {
			f->v[kept++] = e;
			continue;
		}
		free(e->cats);
		free(e);
	}
	f->len = kept;
	free(rank);
}

struct ks_feed_entry *
ks_feed_add(struct ks_feed *f, const struct ks_article *a, char **link)
{
	struct ks_feed_entry *e;

	if (f->s->limit > 0 && f->len >= f->prune_at) {
		prune(f);
		f->prune_at = 2 * (f->len > f->s->limit ? f->len : f->s->limit);
		if (f->prune_at < PRUNE_MIN)
			f->prune_at = PRUNE_MIN;
	}
	e = ks_xcalloc(1, sizeof(*e));
	e->index = f->added;
	e->published = a->date;
	e->undated = !a->date.known;
	if (e->undated)
		ks_strs_push(&f->undated, a->path);
	e->off = f->spilled;
	e->updated = a->updated.known ? a->updated : a->date;
	if (e->published.known && e->published.utc > f->newest)
		f->newest = e->published.utc;
	if (e->updated.known && e->updated.utc > f->newest)
		f->newest = e->updated.utc;
	if (f->s->split_by == KS_SPLIT_CATEGORY)
		for (size_t i = 0; i < a->categories.len; i++)
			add_category(f, e, a->categories.v[i]);
	if (f->added++ == 0 && f->lang == NULL)
		f->lang = ks_feed_lang(a->lang);
	/* Every article takes a slug, linked or not, so the numbering of
	 * repeated titles matches the html writer's. */
	*link = ks_wu_entry_link(a, f->s, ks_wu_slug(&f->slugs, NULL, a->title));
	if (f->len == f->cap) {
		f->cap = f->cap ? f->cap + f->cap / 2 : 64;
		f->v = ks_xrealloc(f->v, f->cap * sizeof(*f->v));
	}
	f->v[f->len++] = e;
	return e;
}

bool
ks_feed_has_link(const struct ks_settings *s, const struct ks_article *a)
{
	/* Any page name gives a link when one does: ask with an empty one. */
	char *link = ks_wu_entry_link(a, s, "");
	bool has = link != NULL;

	free(link);
	return has;
}

void
ks_feed_put(struct ks_feed *f, const void *bytes, size_t len)
{
	if (f->bad || f->len == 0)
		return;
	ks_buf_put(&f->pending, bytes, len);
	f->spilled += len;
	f->v[f->len - 1]->len += len;
}

void
ks_feed_puts(struct ks_feed *f, const char *s)
{
	ks_feed_put(f, s, strlen(s));
}

void
ks_feed_cut(struct ks_feed *f)
{
	if (f->len > 0)
		f->v[f->len - 1]->cut = f->v[f->len - 1]->len;
}

/* Writes the pending parts to the spill file, created the first time.
 * Returns 0, or -1 after reporting (once). */
static int
spill(struct ks_feed *f)
{
	if (f->bad)
		return -1;
	if (f->pending.len == 0)
		return 0;
	if (f->spill < 0 && (f->spill = anon_file(f->output)) < 0)
		goto bad;
	if (ks_output_write_all(f->spill, f->pending.ptr,
	    f->pending.len) != 0) {
		ks_error(shown(f->output), 0, "cannot write a temporary file "
		    "in %s: %s", ks_output_temp_dir(), strerror(errno));
		goto bad;
	}
	ks_buf_clear(&f->pending);
	return 0;
bad:
	return ks_feed_fail(f);
}

int
ks_feed_fail(struct ks_feed *f)
{
	f->bad = true;
	ks_buf_free(&f->pending);
	return -1;
}

int
ks_feed_end(struct ks_feed *f)
{
	if (f->pending.len >= FLUSH_AT)
		return spill(f);
	return f->bad ? -1 : 0;
}

int
ks_feed_end_spliced(struct ks_feed *f, const struct ks_buf *xml,
    size_t at, const struct ks_buf *link, const char *close)
{
	ks_feed_cut(f);
	ks_feed_put(f, xml->ptr, at);
	if (link != NULL)
		ks_feed_put(f, link->ptr, link->len);
	ks_feed_put(f, xml->ptr + at, xml->len - at);
	ks_feed_puts(f, close);
	return ks_feed_end(f);
}

/* Newest first; undated entries last; ties keep input order. */
static int
cmp_entries(const void *pa, const void *pb)
{
	const struct ks_feed_entry *a = *(struct ks_feed_entry *const *)pa;
	const struct ks_feed_entry *b = *(struct ks_feed_entry *const *)pb;

	if (a->undated != b->undated)
		return a->undated ? 1 : -1;
	if (!a->undated && a->published.utc != b->published.utc)
		return a->published.utc > b->published.utc ? -1 : 1;
	return a->index < b->index ? -1 : a->index > b->index;
}

/* Dates what is undated with the feed's "now" and sorts. */
static void
order(struct ks_feed *f)
{
	struct ks_date now;
	char when[32];

	f->now = ks_wu_now(f->s, f->newest);
	now = ks_feed_date(f->now);
	for (size_t i = 0; i < f->len; i++) {
		struct ks_feed_entry *e = f->v[i];

		if (!e->undated)
			continue;
		e->published = now;
		if (!e->updated.known)
			e->updated = e->published;
	}
	/* Every undated article is told, shown in the feed or not. */
	for (size_t i = 0; i < f->undated.len; i++)
		ks_warn(f->undated.v[i], 0, "no date; the %s feed uses %s",
		    f->format, ks_date_format_utc(&now, when));
	if (f->len > 1)
		qsort(f->v, f->len, sizeof(*f->v), cmp_entries);
}

/* This feed file's URL under the base URL, or NULL without one. The
 * file name is percent-encoded: split feeds are named after categories. */
static char *
self_url(const struct ks_feed *f, const char *path)
{
	struct ks_buf b = KS_BUF_INIT;
	const char *base = f->s->base_url, *name;
	size_t n;

	if (base == NULL)
		return NULL;
	n = strlen(base);
	ks_buf_puts(&b, base);
	if (n == 0 || base[n - 1] != '/')
		ks_buf_putc(&b, '/');
	if (strcmp(path, "-") == 0) {
		ks_buf_printf(&b, "feed%s", f->ext);
		return ks_buf_detach(&b);
	}
	name = strrchr(path, '/');
	for (name = name != NULL ? name + 1 : path; *name != '\0'; name++) {
		unsigned char c = (unsigned char)*name;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr("-._~", c) != NULL)
			ks_buf_putc(&b, (char)c);
		else
			ks_buf_printf(&b, "%%%02X", c);
	}
	return ks_buf_detach(&b);
}

/*
 * Starts the feed file path: a temporary beside it (as ks_output_write
 * makes), or for standard output memory and, when that grows large, an
 * anonymous file, so that a failing render prints nothing. Returns 0, or
 * -1 after reporting.
 */
static int
out_open(struct ks_feed_out *o, const struct ks_feed *f, const char *path)
{
	memset(o, 0, sizeof(*o));
	o->f = f;
	o->path = path;
	o->fd = -1;
	if (strcmp(path, "-") == 0)
		return 0;
	o->tmp = ks_xmalloc(strlen(path) + 16);
	sprintf(o->tmp, "%s.tmp-XXXXXX", path);
	if ((o->fd = ks_output_open_temp(o->tmp, KS_OUTPUT_MODE)) < 0) {
		ks_error(path, 0, "cannot create a temporary file: %s",
		    strerror(errno));
		free(o->tmp);
		return -1;
	}
	return 0;
}

/* Ends the writing of o after an error was reported. */
static void
out_fail(struct ks_feed_out *o)
{
	o->bad = true;
	ks_buf_free(&o->buf);
}

/* Moves o->buf to the file. Returns 0, or -1 after reporting (once). */
static int
out_flush(struct ks_feed_out *o)
{
	if (o->bad)
		return -1;
	if (o->fd < 0 && (o->fd = anon_file(o->path)) < 0) {
		out_fail(o);
		return -1;
	}
	if (ks_output_write_all(o->fd, ks_buf_cstr(&o->buf), o->buf.len) != 0) {
		if (o->tmp != NULL)
			ks_error(o->path, 0, "cannot write: %s",
			    strerror(errno));
		else
			ks_error(shown(o->path), 0, "cannot write a temporary "
			    "file in %s: %s", ks_output_temp_dir(),
			    strerror(errno));
		out_fail(o);
		return -1;
	}
	ks_buf_clear(&o->buf);
	return 0;
}

void
ks_feed_out_put(struct ks_feed_out *o, const void *bytes, size_t len)
{
	if (o->bad)
		return;
	ks_buf_put(&o->buf, bytes, len);
	if (o->buf.len >= FLUSH_AT)
		out_flush(o);
}

void
ks_feed_out_puts(struct ks_feed_out *o, const char *s)
{
	ks_feed_out_put(o, s, strlen(s));
}

/* Appends len bytes of the parts at off: from the spill file, or from
 * memory for the last ones (a small feed never touches the disk). */
static void
out_spilled(struct ks_feed_out *o, uint64_t off, size_t len)
{
	const struct ks_feed *f = o->f;
	uint64_t in_file = f->spilled - f->pending.len;
	size_t n;

	if (o->bad || len == 0)
		return;
	ks_buf_grow(&o->buf, len);
	if (off < in_file) {
		n = in_file - off < len ? (size_t)(in_file - off) : len;
		if (read_at(f->spill, o->buf.ptr + o->buf.len, n, off) != 0) {
			ks_error(shown(o->path), 0, "cannot read back a "
			    "temporary file in %s: %s", ks_output_temp_dir(),
			    strerror(errno));
			out_fail(o);
			return;
		}
		o->buf.len += n;
		off += n;
		len -= n;
	}
	if (len > 0)
		memcpy(o->buf.ptr + o->buf.len,
		    f->pending.ptr + (off - in_file), len);
	o->buf.len += len;
	o->buf.ptr[o->buf.len] = '\0';
}

void
ks_feed_out_entry(struct ks_feed_out *o, const struct ks_feed_entry *e,
    const char *dates)
{
	out_spilled(o, e->off, e->cut);
	ks_feed_out_puts(o, dates);
	out_spilled(o, e->off + e->cut, e->len - e->cut);
	if (!o->bad && o->buf.len >= FLUSH_AT)
		out_flush(o);
}

/* Copies the anonymous file fd to standard output. Returns 0, or -1
 * after reporting. */
static int
print_file(int fd)
{
	char *chunk = ks_xmalloc(FLUSH_AT);
	off_t size = lseek(fd, 0, SEEK_END);
	uint64_t off = 0;
	size_t n;
	int rc = -1;

	if (size < 0)
		goto unread;
	for (; off < (uint64_t)size; off += n) {
		n = (uint64_t)size - off < FLUSH_AT ?
		    (size_t)((uint64_t)size - off) : FLUSH_AT;
		if (read_at(fd, chunk, n, off) != 0)
			goto unread;
		if (fwrite(chunk, 1, n, stdout) != n) {
			ks_error("<stdout>", 0, "cannot write: %s",
			    strerror(errno));
			goto out;
		}
	}
	rc = 0;
	goto out;
unread:
	ks_error("<stdout>", 0, "cannot read back a temporary file in %s: %s",
	    ks_output_temp_dir(), strerror(errno));
out:
	free(chunk);
	return rc;
}

/* Standard output gets the anonymous file's bytes, if any, then o->buf.
 * Returns 0, or -1 after reporting. */
static int
out_print(struct ks_feed_out *o)
{
	if (o->fd >= 0 && print_file(o->fd) != 0)
		return -1;
	if (fwrite(ks_buf_cstr(&o->buf), 1, o->buf.len, stdout) != o->buf.len ||
	    fflush(stdout) != 0) {
		ks_error("<stdout>", 0, "cannot write: %s", strerror(errno));
		return -1;
	}
	return 0;
}

/* Gives the file its name (or prints it) when commit and all went well;
 * else removes it. Frees o. Returns 0, or -1 after reporting. */
static int
out_close(struct ks_feed_out *o, bool commit)
{
	bool synced;
	int rc = -1;

	if (!commit || o->bad)
		goto out;
	if (o->tmp == NULL) {
		rc = out_print(o);
		goto out;
	}
	if (out_flush(o) != 0)
		goto out;
	synced = fsync(o->fd) == 0;
	if (close(o->fd) != 0)
		synced = false;
	o->fd = -1;
	if (!synced) {
		ks_error(o->path, 0, "cannot write: %s", strerror(errno));
		goto out;
	}
	if (rename(o->tmp, o->path) != 0) {
		ks_error(o->path, 0, "cannot replace: %s", strerror(errno));
		goto out;
	}
	free(o->tmp);
	o->tmp = NULL;
	rc = 0;
out:
	if (o->fd >= 0)
		close(o->fd);
	if (o->tmp != NULL)
		unlink(o->tmp);
	free(o->tmp);
	ks_buf_free(&o->buf);
	return rc;
}

/* Renders and writes one feed. Returns 0 or -1 after reporting. */
static int
write_view(struct ks_feed *f, struct ks_feed_view *view,
    ks_feed_render_fn render)
{
	struct ks_feed_out o;
	int rc = -1;

	view->self = self_url(f, view->path);
	view->updated = ks_feed_date(f->now);
	if (view->len > 0) {
		/* The newest update among the entries, not the run's time. */
		view->updated = view->v[0]->updated;
		for (size_t i = 1; i < view->len; i++)
			if (view->v[i]->updated.utc > view->updated.utc)
				view->updated = view->v[i]->updated;
	}
	if (out_open(&o, f, view->path) == 0)
		rc = out_close(&o, render(f, view, &o) == 0);
	free(view->self);
	view->self = NULL;
	return rc;
}

/* "DIR/feed-SLUG.atom" next to "DIR/feed.atom". The caller frees. */
static char *
split_path(const struct ks_feed *f, const char *slug)
{
	struct ks_buf b = KS_BUF_INIT;
	const char *name = strrchr(f->output, '/');
	size_t dirlen = name != NULL ? (size_t)(name + 1 - f->output) : 0;
	size_t stem, extlen = strlen(f->ext);

	name = f->output + dirlen;
	stem = strlen(name);
	if (stem > extlen && strcmp(name + stem - extlen, f->ext) == 0)
		stem -= extlen;
	else if (strrchr(name, '.') != NULL && strrchr(name, '.') != name)
		stem = (size_t)(strrchr(name, '.') - name);
	ks_buf_put(&b, f->output, dirlen);
	ks_buf_put(&b, name, stem);
	ks_buf_printf(&b, "-%s%s", slug, f->ext);
	return ks_buf_detach(&b);
}

/* One feed per category, in the order categories first appear in the
 * input, each with its own stable id and the newest --limit entries. */
static int
write_split(struct ks_feed *f, ks_feed_render_fn render)
{
	const struct ks_strs *cats = &f->cats;
	struct ks_wu_slugs slugs = KS_WU_SLUGS_INIT;
	struct ks_feed_entry **sorted = f->v;
	struct ks_feed_entry **sel;
	int rc = 0;

	sel = ks_xmalloc((f->len + 1) * sizeof(*sel));
	for (size_t c = 0; c < cats->len; c++) {
		struct ks_feed_view view;
		struct ks_buf title = KS_BUF_INIT;
		char *path, *id;

		memset(&view, 0, sizeof(view));
		view.v = sel;
		for (size_t i = 0; i < f->len; i++) {
			if (f->s->limit > 0 && view.len == f->s->limit)
				break;
			if (has_category(sorted[i], c))
				view.v[view.len++] = sorted[i];
		}
		path = split_path(f, ks_wu_slug(&slugs, NULL, cats->v[c]));
		id = ks_derive_uuid(f->s->id, cats->v[c]);
		ks_buf_printf(&title, "%s: %s", f->s->title, cats->v[c]);
		view.path = path;
		view.id = id;
		view.title = ks_buf_cstr(&title);
		view.category = cats->v[c];
		if (write_view(f, &view, render) != 0)
			rc = -1;
		free(path);
		free(id);
		ks_buf_free(&title);
		if (rc != 0)
			break;
	}
	free(sel);
	ks_wu_slugs_free(&slugs);
	return rc;
}

int
ks_feed_finish(void *state)
{
	struct ks_feed *f = state;
	ks_feed_render_fn render = f->render;
	struct ks_feed_view view;

	if (f->bad)
		return -1;	/* an entry is missing: reported */
	order(f);
	memset(&view, 0, sizeof(view));
	view.path = f->output;
	view.id = f->s->id;
	view.title = f->s->title;
	view.v = f->v;
	view.len = f->len;
	if (f->s->limit > 0 && view.len > f->s->limit)
		view.len = f->s->limit;
	if (write_view(f, &view, render) != 0)
		return -1;
	if (f->s->split_by == KS_SPLIT_CATEGORY)
		return write_split(f, render);
	return 0;
}

void
ks_feed_free(void *state)
{
	struct ks_feed *f = state;

	if (f == NULL)
		return;
	for (size_t i = 0; i < f->len; i++) {
		struct ks_feed_entry *e = f->v[i];

		free(e->cats);
		free(e);
	}
	free(f->v);
	ks_strs_free(&f->undated);
	ks_strs_free(&f->cats);
	if (f->spill >= 0)
		close(f->spill);
	ks_buf_free(&f->pending);
	free(f->output);
	free(f->lang);
	ks_wu_slugs_free(&f->slugs);
	free(f);
}
