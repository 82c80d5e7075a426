/* Atomic output: temporary file, checked writes, fsync, rename. */
#define _GNU_SOURCE	/* syncfs */
#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "xalloc.h"

int
ks_output_write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, data, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

/* The next random number of this thread's generator (splitmix64), seeded
 * once from the kernel's entropy: names nobody can guess, at no system
 * call per file. */
static uint64_t
next_random(void)
{
	static _Thread_local uint64_t state;
	static _Thread_local int seeded;
	uint64_t z;

	if (!seeded) {
		struct timespec ts;

		if (getentropy(&state, sizeof(state)) != 0) {
			clock_gettime(CLOCK_REALTIME, &ts);
			state = (uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 30) ^
			    ((uint64_t)getpid() << 16) ^ (uintptr_t)&state;
		}
		seeded = 1;
	}
	z = (state += UINT64_C(0x9E3779B97F4A7C15));
	z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
	return z ^ (z >> 31);
}

int
ks_output_open_temp(char *pattern, mode_t mode)
{
	static const char chars[] = "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	size_t len = strlen(pattern);
	char *x;
	uint64_t r;
	int fd;

	if (len < 6 || strcmp(pattern + len - 6, "XXXXXX") != 0) {
		errno = EINVAL;
		return -1;
	}
	x = pattern + len - 6;
	for (int tries = 0; tries < 100; tries++) {
		r = next_random();
		for (int i = 0; i < 6; i++, r /= 62)
			x[i] = chars[r % 62];
		fd = open(pattern, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW |
		    O_CLOEXEC, mode);
		if (fd >= 0 || errno != EEXIST)
			return fd;
	}
	return -1;	/* errno is EEXIST */
}

/* A temporary's name is its file's and this. */
#define TMP_PATTERN	".tmp-XXXXXX"

/*
 * Writes data to a new temporary file named path TMP_PATTERN, flushed to
 * disk when `sync`. Returns its name (the caller frees it), or NULL after
 * reporting as an error of path, or of folder for the file of `of`; no
 * temporary is left then.
 */
static char *
write_temp(const char *path, const char *folder, const char *of,
    const char *data, size_t len, int sync)
{
	char *tmp;
	int fd, ok;

	tmp = ks_xmalloc(strlen(path) + sizeof(TMP_PATTERN));
	sprintf(tmp, "%s" TMP_PATTERN, path);
	if ((fd = ks_output_open_temp(tmp, KS_OUTPUT_MODE)) < 0) {
		if (of != NULL)
			ks_error(folder, 0, "cannot create the file of %s: %s",
			    of, strerror(errno));
		else
			ks_error(path, 0, "cannot create a temporary file: %s",
			    strerror(errno));
		free(tmp);
		return NULL;
	}
	ok = ks_output_write_all(fd, data, len) == 0 &&
	    (!sync || fsync(fd) == 0);
	if (close(fd) != 0)
		ok = 0;
	if (!ok) {
		if (of != NULL)
			ks_error(folder, 0, "cannot write the file of %s: %s",
			    of, strerror(errno));
		else
			ks_error(path, 0, "cannot write: %s", strerror(errno));
		unlink(tmp);
		free(tmp);
		return NULL;
	}
	return tmp;
}

char *
ks_output_temp_in(const char *folder, const char *of, const char *data,
    size_t len)
{
	struct ks_buf base = KS_BUF_INIT;
	char *tmp;

	ks_buf_puts(&base, folder);
	ks_buf_puts(&base, "/.ksconv");
	tmp = write_temp(base.ptr, folder, of, data, len, 0);
	ks_buf_free(&base);
	return tmp;
}

void
ks_output_temp_discard(void *tmp)
{
	unlink(tmp);
	free(tmp);
}

int
ks_output_write(const char *path, const char *data, size_t len)
{
	char *tmp;
	int rc = 0;

	if (strcmp(path, "-") == 0) {
		if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
			ks_error("<stdout>", 0, "cannot write: %s", strerror(errno));
			return -1;
		}
		return 0;
	}
	if ((tmp = write_temp(path, NULL, NULL, data, len, 1)) == NULL)
		return -1;
	if (rename(tmp, path) != 0) {
		ks_error(path, 0, "cannot replace: %s", strerror(errno));
		unlink(tmp);
		rc = -1;
	}
	free(tmp);
	return rc;
}

/* The path the i-th temporary of b becomes, into out: it follows the
 * temporary's in names. */
static void
batch_dest(const struct ks_output_batch *b, size_t i, struct ks_buf *out)
{
	const char *tmp = b->names.ptr + b->at[i];

	ks_buf_clear(out);
	ks_buf_puts(out, tmp + strlen(tmp) + 1);
}

/* Renames the temporaries from b->renamed up to `to`, which are synced.
 * Returns 0, or -1 after reporting each that could not be renamed. */
static int
batch_rename(struct ks_output_batch *b, size_t to)
{
	struct ks_buf dest = KS_BUF_INIT;
	int rc = 0;

	for (; b->renamed < to; b->renamed++) {
		const char *tmp = b->names.ptr + b->at[b->renamed];

		batch_dest(b, b->renamed, &dest);
		if (rename(tmp, dest.ptr) != 0) {
			ks_error(dest.ptr, 0, "cannot replace: %s",
			    strerror(errno));
			unlink(tmp);
			rc = -1;
		}
	}
	ks_buf_free(&dest);
	return rc;
}

/* Forgets the temporaries already renamed, so the batch holds at most two
 * chunks of names however many files a run writes. */
static void
batch_compact(struct ks_output_batch *b)
{
	size_t from;

	if (b->renamed == 0)
		return;
	from = b->renamed < b->len ? b->at[b->renamed] : b->names.len;
	memmove(b->names.ptr, b->names.ptr + from, b->names.len - from);
	ks_buf_truncate(&b->names, b->names.len - from);
	for (size_t i = b->renamed; i < b->len; i++)
		b->at[i - b->renamed] = b->at[i] - from;
	b->len -= b->renamed;
	b->synced -= b->renamed;
	b->renamed = 0;
}

/* One flush of the file system for every temporary written so far, before
 * any of them shows under its real name. Returns 0, or -1 after
 * reporting. */
static int
batch_sync(struct ks_output_batch *b)
{
	struct ks_buf dest = KS_BUF_INIT;
	int fd;

	if (b->synced == b->len)
		return 0;
	fd = open(b->names.ptr + b->at[b->synced], O_RDONLY);
	if (fd < 0 || syncfs(fd) != 0) {
		batch_dest(b, b->synced, &dest);
		ks_error(dest.ptr, 0, "cannot flush to disk: %s",
		    strerror(errno));
		if (fd >= 0)
			close(fd);
		ks_buf_free(&dest);
		return -1;
	}
	close(fd);
	b->synced = b->len;
	return 0;
}

int
ks_output_batch_write(struct ks_output_batch *b, const char *path,
    const char *data, size_t len)
{
	char *tmp;
	int rc;

	if ((tmp = write_temp(path, NULL, NULL, data, len, 0)) == NULL)
		return -1;
	rc = ks_output_batch_adopt(b, tmp, path);
	free(tmp);
	return rc;
}

bool
ks_output_is_link(const char *path)
{
	struct stat sb;

	/* rename() would replace a link, not follow it; but a link there
	 * is not ours to replace either. */
	if (lstat(path, &sb) == 0 && S_ISLNK(sb.st_mode)) {
		ks_error(path, 0, "is a symbolic link; not writing through it");
		return true;
	}
	return false;
}

int
ks_output_batch_adopt(struct ks_output_batch *b, const char *tmp,
    const char *path)
{
	size_t chunk = b->chunk ? b->chunk : KS_OUTPUT_BATCH_CHUNK;
	int rc = 0;

	if (ks_output_is_link(path)) {
		unlink(tmp);
		return -1;
	}
	if (b->len == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 64;
		b->at = ks_xrealloc(b->at, b->cap * sizeof(*b->at));
	}
	b->at[b->len++] = b->names.len;
	ks_buf_put(&b->names, tmp, strlen(tmp) + 1);
	ks_buf_put(&b->names, path, strlen(path) + 1);
	/*
	 * Renaming a whole run's files at the end kept one core busy alone
	 * (0.8 s of 20 at 100 000 files): they land a few at a time instead,
	 * two per file written, each chunk once it is flushed.
	 */
	if (b->renamed < b->synced)
		rc = batch_rename(b, b->renamed + 2 < b->synced ?
		    b->renamed + 2 : b->synced);
	if (b->len - b->synced >= chunk &&
	    b->renamed == b->synced && !b->unsynced) {
		batch_compact(b);
		if (batch_sync(b) != 0) {
			b->unsynced = true;	/* said once; commit retries */
			rc = -1;
		}
	}
	return rc;
}

int
ks_output_batch_commit(struct ks_output_batch *b)
{
	int rc = 0;

	if (batch_sync(b) != 0)
		return -1;
	rc = batch_rename(b, b->len);
	b->len = b->synced = b->renamed = 0;
	b->unsynced = false;
	ks_buf_clear(&b->names);
	return rc;
}

void
ks_output_batch_free(struct ks_output_batch *b)
{
	for (size_t i = b->renamed; i < b->len; i++)
		unlink(b->names.ptr + b->at[i]);
	ks_buf_free(&b->names);
	free(b->at);
	memset(b, 0, sizeof(*b));
}

bool
ks_output_parent_missing(const char *path)
{
	char *dir = ks_xstrdup(path), *slash;
	size_t n = strlen(dir);
	struct stat st;
	bool missing;

	while (n > 1 && dir[n - 1] == '/')
		dir[--n] = '\0';
	if ((slash = strrchr(dir, '/')) == NULL) {
		free(dir);
		return false;	/* the current folder */
	}
	slash[slash == dir] = '\0';	/* "/x" goes into "/" */
	missing = stat(dir, &st) != 0 && errno == ENOENT;
	if (missing)
		ks_error(path, 0, "the folder %s does not exist", dir);
	free(dir);
	return missing;
}

int
ks_output_mkdir(const char *path)
{
	struct stat st;

	if (mkdir(path, 0755) == 0)
		return 0;
	if (errno == EEXIST && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return 0;
	ks_error(path, 0, "cannot create the output folder: %s",
	    errno == EEXIST ? "a file is in the way" : strerror(errno));
	return -1;
}

const char *
ks_output_temp_dir(void)
{
	const char *dir = getenv("TMPDIR");

	return dir != NULL && dir[0] != '\0' ? dir : "/tmp";
}

int
ks_output_anon_temp(const char *prefix)
{
	struct ks_buf name = KS_BUF_INIT;
	int fd, err;

	ks_buf_printf(&name, "%s/%s-XXXXXX", ks_output_temp_dir(), prefix);
	if ((fd = ks_output_open_temp(name.ptr, 0600)) >= 0)
		unlink(name.ptr);
	err = errno;
	ks_buf_free(&name);
	errno = err;
	return fd;
}
