/* Finding the input files and reading them. */
#include "inputs.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "xalloc.h"

static const char *const extensions[] = {
	".md", ".markdown", ".html", ".htm", ".txt", ".text",
};

/*
 * A copy of path that holds key too, in one block (a run keeps a hundred
 * thousand of them): key is most often the end of path ("sub/a.md" of
 * "in/sub/a.md") and then points into it; else it follows it. The caller
 * frees the copy only.
 */
static char *
join_key(const char *path, const char *key, const char **key_out)
{
	size_t np = strlen(path), nk = strlen(key);
	char *p;

	if (nk <= np && memcmp(path + np - nk, key, nk) == 0) {
		p = ks_xstrdup(path);
		*key_out = p + np - nk;
		return p;
	}
	p = ks_xmalloc(np + nk + 2);
	memcpy(p, path, np + 1);
	memcpy(p + np + 1, key, nk + 1);
	*key_out = p + np + 1;
	return p;
}

static void
push(struct ks_inputs *in, const char *path, const char *key)
{
	if (in->len == in->cap) {
		in->cap = in->cap ? in->cap + in->cap / 2 : 16;
		in->v = ks_xrealloc(in->v, in->cap * sizeof(*in->v));
	}
	in->v[in->len].path = join_key(path, key, &in->v[in->len].key);
	in->len++;
}

static int
has_input_extension(const char *name)
{
	const char *dot = strrchr(name, '.');

	if (dot == NULL)
		return 0;
	for (size_t i = 0; i < sizeof(extensions) / sizeof(extensions[0]); i++)
		if (strcasecmp(dot, extensions[i]) == 0)
			return 1;
	return 0;
}

/* A folder entry, with its type as readdir() gave it (DT_UNKNOWN on file
 * systems that do not say). */
struct entry {
	char		*name;
	ino_t		 ino;
	unsigned char	 type;
};

/*
 * Sorted by the name without its extension first, so "x.md" comes before
 * "x-2.md" (bytewise, '-' sorts before '.'): ksconv's own Markdown then
 * reads back in the order it was written and gets the same names again.
 */
static int
compare_names(const void *a, const void *b)
{
	const char *x = ((const struct entry *)a)->name;
	const char *y = ((const struct entry *)b)->name;
	const char *dx = strrchr(x, '.'), *dy = strrchr(y, '.');
	size_t nx = dx && dx != x ? (size_t)(dx - x) : strlen(x);
	size_t ny = dy && dy != y ? (size_t)(dy - y) : strlen(y);
	int c = memcmp(x, y, nx < ny ? nx : ny);

	if (c != 0)
		return c;
	if (nx != ny)
		return nx < ny ? -1 : 1;
	return strcmp(x, y);
}

static char *
join(const char *dir, const char *name)
{
	size_t n = strlen(dir);
	char *p = ks_xmalloc(n + strlen(name) + 2);

	if (n > 0 && dir[n - 1] == '/')
		sprintf(p, "%s%s", dir, name);
	else
		sprintf(p, "%s/%s", dir, name);
	return p;
}

/*
 * What path is, following a link: 'd' for a folder that is not itself a
 * link, 'f' for a regular file, 0 for anything else (reported when it
 * cannot be looked at). The type from readdir() spares two stat() calls
 * per file; links and file systems that give no type are looked up.
 */
static int
kind_of(const char *path, unsigned char type)
{
	struct stat st, lst;

	if (type == DT_REG)
		return 'f';
	if (type == DT_DIR)
		return 'd';
	if (type != DT_LNK && type != DT_UNKNOWN)
		return 0;
	if (stat(path, &st) != 0) {
		ks_warn(path, 0, "skipped: %s", strerror(errno));
		return 0;
	}
	if (S_ISREG(st.st_mode))
		return 'f';
	/* Linked folders are not followed: they can loop. */
	if (S_ISDIR(st.st_mode) && lstat(path, &lst) == 0 &&
	    !S_ISLNK(lst.st_mode))
		return 'd';
	return 0;
}

/*
 * Is path, of kind k and with the inode number ino from readdir(), one of
 * the paths left out? A folder is looked up; a file only when its number
 * is one of theirs, so a walk still costs no stat() per file.
 */
static bool
left_out(const struct ks_inputs *in, const char *path, int k, ino_t ino)
{
	struct stat st;
	bool maybe = k == 'd';

	for (size_t i = 0; i < in->nskip && !maybe; i++)
		maybe = in->skip[i].ino == ino;
	if (!maybe || stat(path, &st) != 0)
		return false;
	for (size_t i = 0; i < in->nskip; i++)
		if (in->skip[i].dev == st.st_dev && in->skip[i].ino == st.st_ino)
			return true;
	return false;
}

/*
 * Walks dir; rel is its path relative to the input folder ("" at the top).
 * depth bounds symlink-free recursion against absurd trees.
 */
static int
walk(struct ks_inputs *in, const char *dir, const char *rel, int depth)
{
	DIR *d;
	struct dirent *e;
	struct entry *names = NULL;
	size_t n = 0, cap = 0;
	int rc = 0;

	if (depth > 64) {
		ks_warn(dir, 0, "folders nested too deep; not walked further");
		return 0;
	}
	if ((d = opendir(dir)) == NULL) {
		ks_error(dir, 0, "cannot list the folder: %s", strerror(errno));
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			names = ks_xrealloc(names, cap * sizeof(*names));
		}
		names[n].name = ks_xstrdup(e->d_name);
		names[n].ino = e->d_ino;
		names[n++].type = e->d_type;
	}
	closedir(d);
	if (n > 0)
		qsort(names, n, sizeof(*names), compare_names);
	for (size_t i = 0; i < n; i++) {
		const char *name = names[i].name;
		char *path = join(dir, name);
		char *key = rel[0] ? join(rel, name) : ks_xstrdup(name);
		int k = kind_of(path, names[i].type);

		if (k != 0 && in->nskip > 0 &&
		    left_out(in, path, k, names[i].ino))
			k = 0;
		switch (k) {
		case 'd':
			if (walk(in, path, key, depth + 1) != 0)
				rc = -1;
			break;
		case 'f':
			if (has_input_extension(name))
				push(in, path, key);
			break;
		}
		free(path);
		free(key);
		free(names[i].name);
	}
	free(names);
	return rc;
}

static char *
base_name(const char *path)
{
	size_t n = strlen(path);
	const char *start;

	while (n > 1 && path[n - 1] == '/')
		n--;
	start = path + n;
	while (start > path && start[-1] != '/')
		start--;
	return ks_xstrndup(start, (size_t)(path + n - start));
}

int
ks_inputs_add(struct ks_inputs *in, const char *arg)
{
	struct stat st;
	char *name;

	if (strcmp(arg, "-") == 0) {
		push(in, "-", "-");
		return 0;
	}
	if (stat(arg, &st) != 0) {
		ks_error(arg, 0, "cannot read: %s", strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		name = base_name(arg);
		push(in, arg, name);
		free(name);
		return 0;
	}
	if (in->first_folder == NULL) {
		char *abs = realpath(arg, NULL);

		in->first_folder = base_name(abs ? abs : arg);
		free(abs);
	}
	return walk(in, arg, "", 0);
}

void
ks_inputs_leave_out(struct ks_inputs *in, const char *path)
{
	struct stat st;

	if (stat(path, &st) != 0)
		return;
	in->skip = ks_xrealloc(in->skip, (in->nskip + 1) * sizeof(*in->skip));
	in->skip[in->nskip].dev = st.st_dev;
	in->skip[in->nskip++].ino = st.st_ino;
}

void
ks_inputs_free(struct ks_inputs *in)
{
	for (size_t i = 0; i < in->len; i++) {
		free(in->v[i].path);	/* key is in the same block */
	}
	free(in->v);
	free(in->first_folder);
	free(in->skip);
	memset(in, 0, sizeof(*in));
}

int
ks_input_load(const struct ks_input *in, size_t max_size, struct ks_buf *out)
{
	bool is_stdin = strcmp(in->path, "-") == 0;
	const char *name = is_stdin ? "<stdin>" : in->path;
	struct stat sb;
	ssize_t n;
	size_t want, whole = SIZE_MAX;
	int fd, rc = -1;

	fd = is_stdin ? STDIN_FILENO : open(in->path, O_RDONLY);
	if (fd < 0) {
		ks_error(name, 0, "cannot open: %s", strerror(errno));
		return -1;
	}
	/* Room for the whole file at once, and one byte more to see its
	 * end: the bytes go straight into out, without a copy or regrowth. */
	want = 65536;
	if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size >= 0 &&
	    (uintmax_t)sb.st_size < max_size) {
		want = (size_t)sb.st_size + 1;
		whole = (size_t)sb.st_size;
	}
	for (;;) {
		ks_buf_grow(out, want);
		n = read(fd, out->ptr + out->len, out->cap - out->len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			ks_error(name, 0, "cannot read: %s", strerror(errno));
			goto out;
		}
		out->ptr[out->len + (size_t)n] = '\0';
		if (n == 0)
			break;
		out->len += (size_t)n;
		/* All that fstat() promised, and one byte more was asked for:
		 * that is the end, without a read to hear it. */
		if (out->len == whole)
			break;
		if (out->len > max_size) {
			ks_error(name, 0, "larger than the limit of %zu bytes "
			    "(--max-size)", max_size);
			goto out;
		}
		want = 65536;
	}
	rc = 0;
out:
	if (!is_stdin)
		close(fd);
	return rc;
}
