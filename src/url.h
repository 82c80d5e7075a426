/* URL cleaning: proxy unwrapping, protocol-relative URLs, resolution
 * against the article's original link, and rejection of dangerous or
 * invalid URLs. Used for body links and images and for metadata URLs. */
#ifndef KS_URL_H
#define KS_URL_H

#include <stdbool.h>

enum ks_url_use {
	KS_URL_LINK,	/* an <a href> or a metadata link */
	KS_URL_IMAGE,	/* an <img src> or a metadata image: data:image/ allowed */
};

enum ks_url_status {
	KS_URL_OK,		/* *out is an absolute http(s), mailto, or data image URL */
	KS_URL_RELATIVE,	/* relative and no base to resolve against */
	KS_URL_DANGEROUS,	/* javascript:, vbscript:, data: (not an image), file: ... */
	KS_URL_INVALID,		/* cannot be made valid (e.g. E:\x, empty) */
};

/*
 * Cleans url for use: trims, unwraps CORS proxies
 * ("https://cors.zfour.workers.dev/?http://x" -> "http://x", repeatedly),
 * turns "//host/p" into "https://host/p", resolves a relative reference
 * against base (an absolute http(s) URL, or NULL), percent-encodes spaces,
 * backslashes and non-ASCII where that makes it valid, and lower-cases the
 * scheme. A fragment-only "#x" is KS_URL_RELATIVE unless base is set.
 * On KS_URL_OK *out is a new string the caller frees; otherwise NULL.
 */
enum ks_url_status ks_url_clean(const char *url, const char *base,
		    enum ks_url_use use, char **out);

/* Strips known proxy wrappers only. The caller frees the result. */
char	*ks_url_unwrap_proxy(const char *url);

/* Is url an absolute http or https URL? */
bool	 ks_url_is_http(const char *url);

#endif
