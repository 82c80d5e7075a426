/* Image downloads with libcurl, bounded in protocols, time and size, and
 * a cache folder keyed by a hash of the URL. */
#include "fetch.h"

#include <curl/curl.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "derive.h"
#include "diag.h"
#include "output.h"
#include "version.h"
#include "xalloc.h"

#define CONNECT_TIMEOUT_S	10L
#define TOTAL_TIMEOUT_S		30L
#define MAX_REDIRECTS		5L

struct ks_fetch {
	CURL	*curl;
	char	*cache;		/* the folder, or NULL */
	char	 err[CURL_ERROR_SIZE + 64];
};

/* What the write callback knows of one download. */
struct sink {
	struct ks_buf	*out;
	size_t		 start;	/* out->len before */
	size_t		 max;
	int		 too_big;
};

/* Creates path and its parents like mkdir -p. Returns 0 or -1 (errno). */
static int
mkdir_p(const char *path)
{
	char *p = ks_xstrdup(path);
	int rc = 0;

	for (char *s = p + 1; rc == 0; s++) {
		char c = *s;

		if (c != '/' && c != '\0')
			continue;
		*s = '\0';
		if (mkdir(p, 0755) != 0 && errno != EEXIST)
			rc = -1;
		*s = c;
		if (c == '\0')
			break;
	}
	free(p);
	return rc;
}

struct ks_fetch *
ks_fetch_new(const char *cache_dir)
{
	struct ks_fetch *f;

	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		ks_warn(NULL, 0, "cannot start libcurl: images are not fetched");
		return NULL;
	}
	f = ks_xcalloc(1, sizeof(*f));
	if ((f->curl = curl_easy_init()) == NULL) {
		ks_warn(NULL, 0, "cannot start libcurl: images are not fetched");
		curl_global_cleanup();
		free(f);
		return NULL;
	}
	if (cache_dir != NULL) {
		if (mkdir_p(cache_dir) == 0)
			f->cache = ks_xstrdup(cache_dir);
		else
			ks_warn(cache_dir, 0, "cannot create the image cache: "
			    "%s; images are fetched again next time",
			    strerror(errno));
	}
	return f;
}

void
ks_fetch_free(struct ks_fetch *f)
{
	if (f == NULL)
		return;
	curl_easy_cleanup(f->curl);
	curl_global_cleanup();
	free(f->cache);
	free(f);
}

/* The cache file of url: a v5 UUID of it, so any URL is a safe name.
 * The caller frees. */
static char *
cache_path(const struct ks_fetch *f, const char *url)
{
	struct ks_buf b = KS_BUF_INIT;
	char *uuid = ks_derive_uuid(NULL, url);

	ks_buf_printf(&b, "%s/%s", f->cache, uuid + strlen("urn:uuid:"));
	free(uuid);
	return ks_buf_detach(&b);
}

/* Appends the cached bytes of url to out. Returns 0 on a hit. */
static int
cache_load(const struct ks_fetch *f, const char *url, size_t max,
    struct ks_buf *out)
{
	char *path, chunk[65536];
	FILE *fp;
	size_t n, start = out->len;
	int rc = -1;

	if (f->cache == NULL)
		return -1;
	path = cache_path(f, url);
	if ((fp = fopen(path, "rb")) != NULL) {
		while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0 &&
		    out->len - start + n <= max)
			ks_buf_put(out, chunk, n);
		rc = ferror(fp) || n > 0 || out->len == start ? -1 : 0;
		fclose(fp);
		if (rc != 0)
			ks_buf_truncate(out, start);
	}
	free(path);
	return rc;
}

void
ks_fetch_keep(struct ks_fetch *f, const char *url, const void *data,
    size_t len)
{
	struct ks_buf tmp = KS_BUF_INIT;
	char *path;
	struct stat st;
	FILE *fp;
	int fd;

	if (f->cache == NULL)
		return;
	path = cache_path(f, url);
	if (stat(path, &st) == 0)
		goto out;
	ks_buf_printf(&tmp, "%s.tmp-XXXXXX", path);
	/* A whole file or none: a reader never sees half an image. */
	if ((fd = ks_output_open_temp(tmp.ptr, KS_OUTPUT_MODE)) < 0 ||
	    (fp = fdopen(fd, "wb")) == NULL) {
		if (fd >= 0) {
			close(fd);
			unlink(tmp.ptr);
		}
		goto out;
	}
	if (fwrite(data, 1, len, fp) != len || fclose(fp) != 0 ||
	    rename(tmp.ptr, path) != 0)
		unlink(tmp.ptr);
out:
	ks_buf_free(&tmp);
	free(path);
}

static size_t
on_data(char *data, size_t size, size_t n, void *ctx)
{
	struct sink *s = ctx;
	size_t len = size * n;

	if (s->out->len - s->start + len > s->max) {
		s->too_big = 1;
		return 0;	/* makes libcurl stop with CURLE_WRITE_ERROR */
	}
	ks_buf_put(s->out, data, len);
	return len;
}

int
ks_fetch_get(struct ks_fetch *f, const char *url, size_t max_bytes,
    struct ks_buf *out, const char **why)
{
	struct sink s = { out, out->len, max_bytes, 0 };
	CURL *c = f->curl;
	CURLcode rc;
	long code = 0;

	if (cache_load(f, url, max_bytes, out) == 0)
		return 0;
	curl_easy_reset(c);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(c, CURLOPT_MAXREDIRS, MAX_REDIRECTS);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, CONNECT_TIMEOUT_S);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, TOTAL_TIMEOUT_S);
	curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)max_bytes);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_FAILONERROR, 1L);
	curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(c, CURLOPT_USERAGENT, "ksconv/" KS_VERSION);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &s);
	f->err[0] = '\0';
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, f->err);
	rc = curl_easy_perform(c);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, NULL);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
	if (rc == CURLE_OK && out->len > s.start)
		return 0;
	ks_buf_truncate(out, s.start);
	if (s.too_big || rc == CURLE_FILESIZE_EXCEEDED)
		snprintf(f->err, sizeof(f->err), "larger than %zu MiB",
		    max_bytes >> 20);
	else if (rc == CURLE_OK)
		snprintf(f->err, sizeof(f->err), "empty response");
	else if (rc == CURLE_HTTP_RETURNED_ERROR)
		snprintf(f->err, sizeof(f->err), "HTTP status %ld", code);
	else if (f->err[0] == '\0')
		snprintf(f->err, sizeof(f->err), "%s", curl_easy_strerror(rc));
	*why = f->err;
	return -1;
}
