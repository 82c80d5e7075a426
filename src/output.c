/* Atomic output: temporary file, checked writes, fsync, rename. */
#define _GNU_SOURCE	/* syncfs */
#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "xalloc.h"

static int
write_all(int fd, const char *data, size_t len)
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

/*
 * Writes data to a new temporary file beside path, flushed to disk when
 * `sync`. Returns its name (the caller frees it), or NULL after reporting;
 * no temporary is left then.
 */
static char *
write_temp(const char *path, const char *data, size_t len, int sync)
{
	char *tmp;
	int fd, ok;

	tmp = ks_xmalloc(strlen(path) + 16);
	sprintf(tmp, "%s.tmp-XXXXXX", path);
	if ((fd = mkstemp(tmp)) < 0) {
		ks_error(path, 0, "cannot create a temporary file: %s",
		    strerror(errno));
		free(tmp);
		return NULL;
	}
	ok = fchmod(fd, 0644) == 0 && write_all(fd, data, len) == 0 &&
	    (!sync || fsync(fd) == 0);
	if (close(fd) != 0)
		ok = 0;
	if (!ok) {
		ks_error(path, 0, "cannot write: %s", strerror(errno));
		unlink(tmp);
		free(tmp);
		return NULL;
	}
	return tmp;
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
	if ((tmp = write_temp(path, data, len, 1)) == NULL)
		return -1;
	if (rename(tmp, path) != 0) {
		ks_error(path, 0, "cannot replace: %s", strerror(errno));
		unlink(tmp);
		rc = -1;
	}
	free(tmp);
	return rc;
}

int
ks_output_batch_write(struct ks_output_batch *b, const char *path,
    const char *data, size_t len)
{
	char *tmp;

	if ((tmp = write_temp(path, data, len, 0)) == NULL)
		return -1;
	if (b->len == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 64;
		b->tmp = ks_xrealloc(b->tmp, b->cap * sizeof(*b->tmp));
		b->dest = ks_xrealloc(b->dest, b->cap * sizeof(*b->dest));
	}
	b->tmp[b->len] = tmp;
	b->dest[b->len] = ks_xstrdup(path);
	b->len++;
	return 0;
}

int
ks_output_batch_commit(struct ks_output_batch *b)
{
	int fd, rc = 0;

	if (b->len == 0)
		return 0;
	/* One flush for the whole file system, before any rename shows a
	 * file under its real name. */
	fd = open(b->tmp[0], O_RDONLY);
	if (fd < 0 || syncfs(fd) != 0) {
		ks_error(b->dest[0], 0, "cannot flush to disk: %s",
		    strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	close(fd);
	for (size_t i = 0; i < b->len; i++) {
		if (rename(b->tmp[i], b->dest[i]) != 0) {
			ks_error(b->dest[i], 0, "cannot replace: %s",
			    strerror(errno));
			unlink(b->tmp[i]);
			rc = -1;
		}
		free(b->tmp[i]);
		free(b->dest[i]);
	}
	b->len = 0;
	return rc;
}

void
ks_output_batch_free(struct ks_output_batch *b)
{
	for (size_t i = 0; i < b->len; i++) {
		unlink(b->tmp[i]);
		free(b->tmp[i]);
		free(b->dest[i]);
	}
	free(b->tmp);
	free(b->dest);
	memset(b, 0, sizeof(*b));
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
