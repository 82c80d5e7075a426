/* Atomic output: temporary file, checked writes, fsync, rename. */
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

int
ks_output_write(const char *path, const char *data, size_t len)
{
	char *tmp = NULL;
	int fd = -1, rc = -1;

	if (strcmp(path, "-") == 0) {
		if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
			ks_error("<stdout>", 0, "cannot write: %s", strerror(errno));
			return -1;
		}
		return 0;
	}
	tmp = ks_xmalloc(strlen(path) + 16);
	sprintf(tmp, "%s.tmp-XXXXXX", path);
	if ((fd = mkstemp(tmp)) < 0) {
		ks_error(path, 0, "cannot create a temporary file: %s",
		    strerror(errno));
		free(tmp);
		return -1;
	}
	if (fchmod(fd, 0644) != 0 || write_all(fd, data, len) != 0 ||
	    fsync(fd) != 0) {
		ks_error(path, 0, "cannot write: %s", strerror(errno));
		goto out;
	}
	if (close(fd) != 0) {
		fd = -1;
		ks_error(path, 0, "cannot write: %s", strerror(errno));
		goto out;
	}
	fd = -1;
	if (rename(tmp, path) != 0) {
		ks_error(path, 0, "cannot replace: %s", strerror(errno));
		goto out;
	}
	rc = 0;
out:
	if (fd >= 0)
		close(fd);
	if (rc != 0)
		unlink(tmp);
	free(tmp);
	return rc;
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
