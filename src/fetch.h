/* Downloads for --fetch-images: libcurl lives here and nowhere else, with
 * the limits a converter run on scraped pages needs (http and https only,
 * timeouts, a size cap), and a cache folder so a rebuild needs no
 * network and gives the same bytes. */
#ifndef KS_FETCH_H
#define KS_FETCH_H

#include <stddef.h>

#include "buf.h"

#define KS_FETCH_MAX_BYTES ((size_t)10 << 20)

struct ks_fetch;

/* A fetcher caching into cache_dir (created with its parents when
 * missing; NULL for no cache). NULL after a warning when libcurl cannot
 * start. The caller frees it with ks_fetch_free. */
struct ks_fetch	*ks_fetch_new(const char *cache_dir);
void		 ks_fetch_free(struct ks_fetch *f);

/*
 * The bytes at url (absolute http or https), from the cache when it holds
 * them, else downloaded (redirects followed, at most max_bytes). Appends
 * them to out and returns 0; or returns -1 with *why set to a static
 * reason or one kept in f until the next call.
 */
int	ks_fetch_get(struct ks_fetch *f, const char *url, size_t max_bytes,
	    struct ks_buf *out, const char **why);

/* Keeps good bytes for url in the cache (best effort: a cache that
 * cannot be written only costs a download next time). */
void	ks_fetch_keep(struct ks_fetch *f, const char *url, const void *data,
	    size_t len);

#endif
