/* Image downloads with libcurl, bounded in protocols, time and size, and
 * a cache folder keyed by a hash of the URL. */
#include "fetch.h"

#include <curl/curl.h>
#include <dlfcn.h>
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

/*
 * libcurl is opened only when images are fetched. Linked to every run,
 * its 33 libraries doubled the start-up of each one (11.5 ms against
 * 5.5 ms for an empty program linked like ksconv, without it).
 */
#define LIBCURL_NAME	"libcurl.so.4"

struct curl_api {
	void		*handle;
	CURLcode	(*global_init)(long);
	void		(*global_cleanup)(void);
	CURL		*(*easy_init)(void);
	void		(*easy_cleanup)(CURL *);
	void		(*easy_reset)(CURL *);
	CURLcode	(*easy_setopt)(CURL *, CURLoption, ...);
	CURLcode	(*easy_perform)(CURL *);
	CURLcode	(*easy_getinfo)(CURL *, CURLINFO, ...);
	const char	*(*easy_strerror)(CURLcode);
};

struct ks_fetch {
	struct curl_api	 api;
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

/* dlsym gives a void *; ISO C has no cast from it to a function pointer,
 * POSIX guarantees the copy. */
static int
load_symbol(void *handle, const char *name, void *fn, size_t size)
{
	void *sym = dlsym(handle, name);

	if (sym == NULL)
		return -1;
	memcpy(fn, &sym, size);
	return 0;
}

#define LOAD(api, fn, name) \
	load_symbol((api)->handle, name, &(api)->fn, sizeof((api)->fn))

/* Opens libcurl into api. Returns 0, or -1 after a warning. */
static int
load_curl(struct curl_api *api)
{
	const char *why;

	if ((api->handle = dlopen(LIBCURL_NAME, RTLD_NOW | RTLD_LOCAL)) ==
	    NULL) {
		why = dlerror();
		ks_warn(NULL, 0, "cannot load libcurl: %s; images are not "
		    "fetched", why != NULL ? why : LIBCURL_NAME);
		return -1;
	}
	if (LOAD(api, global_init, "curl_global_init") != 0 ||
	    LOAD(api, global_cleanup, "curl_global_cleanup") != 0 ||
	    LOAD(api, easy_init, "curl_easy_init") != 0 ||
	    LOAD(api, easy_cleanup, "curl_easy_cleanup") != 0 ||
	    LOAD(api, easy_reset, "curl_easy_reset") != 0 ||
	    LOAD(api, easy_setopt, "curl_easy_setopt") != 0 ||
	    LOAD(api, easy_perform, "curl_easy_perform") != 0 ||
	    LOAD(api, easy_getinfo, "curl_easy_getinfo") != 0 ||
	    LOAD(api, easy_strerror, "curl_easy_strerror") != 0) {
		why = dlerror();
		ks_warn(NULL, 0, "%s is too old: %s; images are not fetched",
		    LIBCURL_NAME, why != NULL ? why : "a function is missing");
		dlclose(api->handle);
		return -1;
	}
	return 0;
}

struct ks_fetch *
ks_fetch_new(const char *cache_dir)
{
	struct ks_fetch *f = ks_xcalloc(1, sizeof(*f));

	if (load_curl(&f->api) != 0) {
		free(f);
		return NULL;
	}
	if (f->api.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		ks_warn(NULL, 0, "cannot start libcurl: images are not fetched");
		dlclose(f->api.handle);
		free(f);
		return NULL;
	}
	if ((f->curl = f->api.easy_init()) == NULL) {
		ks_warn(NULL, 0, "cannot start libcurl: images are not fetched");
		f->api.global_cleanup();
		dlclose(f->api.handle);
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
	f->api.easy_cleanup(f->curl);
	f->api.global_cleanup();
	dlclose(f->api.handle);
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
	const struct curl_api *api = &f->api;
	CURL *c = f->curl;
	CURLcode rc;
	long code = 0;

	if (cache_load(f, url, max_bytes, out) == 0)
		return 0;
	api->easy_reset(c);
	api->easy_setopt(c, CURLOPT_URL, url);
	api->easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	api->easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	api->easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
	api->easy_setopt(c, CURLOPT_MAXREDIRS, MAX_REDIRECTS);
	api->easy_setopt(c, CURLOPT_CONNECTTIMEOUT, CONNECT_TIMEOUT_S);
	api->easy_setopt(c, CURLOPT_TIMEOUT, TOTAL_TIMEOUT_S);
	api->easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)max_bytes);
	api->easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	api->easy_setopt(c, CURLOPT_FAILONERROR, 1L);
	api->easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
	api->easy_setopt(c, CURLOPT_USERAGENT, "ksconv/" KS_VERSION);
	api->easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
	api->easy_setopt(c, CURLOPT_WRITEDATA, &s);
	f->err[0] = '\0';
	api->easy_setopt(c, CURLOPT_ERRORBUFFER, f->err);
	rc = api->easy_perform(c);
	api->easy_setopt(c, CURLOPT_ERRORBUFFER, NULL);
	api->easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
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
		snprintf(f->err, sizeof(f->err), "%s", api->easy_strerror(rc));
	*why = f->err;
	return -1;
}
