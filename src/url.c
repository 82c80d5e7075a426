/* URL cleaning for body links and images and for metadata URLs: proxy
 * unwrapping, protocol-relative and relative references (RFC 3986 §5),
 * dangerous schemes, and percent-encoding of what would be invalid. */
#include "url.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/uri.h>

#include "ascii.h"
#include "buf.h"
#include "text.h"
#include "xalloc.h"

/*
 * Known wrappers, matched after the "http:" or "https:" of the outer URL.
 * `own_params`: the proxy puts its own "&w=..." parameters after the
 * inner URL, so an '&' ends it. `bare_host`: the inner URL may lack its
 * scheme (weserv takes "example.com/x.jpg" and "ssl:example.com/x.jpg").
 */
struct proxy {
	const char	*prefix;
	bool		 own_params;
	bool		 bare_host;
};

static const struct proxy proxies[] = {
	{ "//cors.zfour.workers.dev/?", false, false },
	{ "//cors-anywhere.herokuapp.com/", false, false },
	{ "//corsproxy.io/?url=", false, false },
	{ "//corsproxy.io/?", false, false },
	{ "//api.allorigins.win/raw?url=", true, false },
	{ "//api.allorigins.win/get?url=", true, false },
	{ "//images.weserv.nl/?url=", true, true },
	{ "//wsrv.nl/?url=", true, true },
	{ "//thingproxy.freeboard.io/fetch/", false, false },
	/* Not a proxy but the same shape: Sina's RSS click counter. */
	{ "//go.rss.sina.com.cn/redirect.php?url=", false, false },
};

/* A URL split into its RFC 3986 components; NULL means "not present"
 * (which differs from empty: "x?" has an empty query). */
struct ref {
	char	*scheme;	/* lower-cased */
	char	*auth;
	char	*path;		/* never NULL */
	char	*query;
	char	*frag;
};

static int
hex_value(int c)
{
	if (ks_ascii_is_digit(c))
		return c - '0';
	c = ks_ascii_lower(c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Skips "http:" or "https:" (any case); returns what follows, or NULL. */
static const char *
skip_http_scheme(const char *s)
{
	if (ks_text_has_prefix_ci(s, "http:"))
		return s + 5;
	if (ks_text_has_prefix_ci(s, "https:"))
		return s + 6;
	return NULL;
}

bool
ks_url_is_http(const char *url)
{
	const char *p;

	if (url == NULL || (p = skip_http_scheme(url)) == NULL)
		return false;
	return p[0] == '/' && p[1] == '/' && p[2] != '\0' && p[2] != '/' &&
	    p[2] != '?' && p[2] != '#';
}

/* Is s the start of an inner URL written percent-encoded? */
static bool
is_encoded_http(const char *s)
{
	return ks_text_has_prefix_ci(s, "http%3a") ||
	    ks_text_has_prefix_ci(s, "https%3a") ||
	    ks_text_has_prefix_ci(s, "%2f%2f");
}

/* Decodes s[0..len) once. %00 stays encoded: it would end the string. */
static char *
percent_decode(const char *s, size_t len)
{
	struct ks_buf b = KS_BUF_INIT;
	size_t i;
	int hi, lo;

	for (i = 0; i < len; i++) {
		if (s[i] == '%' && i + 2 < len &&
		    (hi = hex_value((unsigned char)s[i + 1])) >= 0 &&
		    (lo = hex_value((unsigned char)s[i + 2])) >= 0 &&
		    (hi | lo) != 0) {
			ks_buf_putc(&b, (char)(hi * 16 + lo));
			i += 2;
		} else
			ks_buf_putc(&b, s[i]);
	}
	return ks_buf_detach(&b);
}

/*
 * Turns what follows a proxy prefix into the inner URL. Returns a new
 * string when it is an absolute http(s) URL, else NULL (the outer URL is
 * then not a proxy URL after all and stays as it is).
 */
static char *
inner_url(const char *rest, bool own_params, bool bare_host)
{
	struct ks_buf b = KS_BUF_INIT;
	char *u;
	size_t len;

	len = strlen(rest);
	if (is_encoded_http(rest)) {
		/* Encoded, the inner URL cannot hold a bare '&'. */
		len = strcspn(rest, "&");
		u = percent_decode(rest, len);
	} else {
		if (own_params)
			len = strcspn(rest, "&");
		u = ks_xstrndup(rest, len);
	}
	if (u[0] == '/' && u[1] == '/')
		ks_buf_printf(&b, "https:%s", u);
	else if (bare_host && ks_text_has_prefix_ci(u, "ssl:"))
		ks_buf_printf(&b, "https://%s", u + 4);
	else if (bare_host && strstr(u, "://") == NULL &&
	    (ks_ascii_is_alpha((unsigned char)u[0]) || ks_ascii_is_digit((unsigned char)u[0])))
		ks_buf_printf(&b, "https://%s", u);
	else
		ks_buf_puts(&b, u);
	free(u);
	u = ks_buf_detach(&b);
	if (ks_url_is_http(u))
		return u;
	free(u);
	return NULL;
}

/* One layer of unwrapping; NULL when url is not proxy-wrapped. */
static char *
unwrap_once(const char *url)
{
	const char *after, *q;
	size_t i, n;

	if ((after = skip_http_scheme(url)) == NULL)
		return NULL;
	for (i = 0; i < sizeof(proxies) / sizeof(proxies[0]); i++) {
		n = strlen(proxies[i].prefix);
		if (ks_text_has_prefix_ci(after, proxies[i].prefix))
			return inner_url(after + n, proxies[i].own_params,
			    proxies[i].bare_host);
	}
	/* The generic shape: "https://HOST/?http://..." */
	if (after[0] != '/' || after[1] != '/')
		return NULL;
	q = after + 2 + strcspn(after + 2, "/?#");
	if (q == after + 2)
		return NULL;
	if (q[0] == '/')
		q++;
	if (q[0] != '?')
		return NULL;
	q++;
	if (!is_encoded_http(q) && skip_http_scheme(q) == NULL)
		return NULL;
	return inner_url(q, false, false);
}

char *
ks_url_unwrap_proxy(const char *url)
{
	char *cur, *inner;

	cur = ks_xstrdup(url);
	while ((inner = unwrap_once(cur)) != NULL) {
		/* Every layer is shorter; anything else would never end. */
		if (strlen(inner) >= strlen(cur)) {
			free(inner);
			break;
		}
		free(cur);
		cur = inner;
	}
	return cur;
}

/*
 * What browsers do first: remove every tab and line break (a URL wrapped
 * over two lines, or "java\tscript:"), then strip white space at both
 * ends, Unicode spaces included as copied text brings them.
 */
static char *
preprocess(const char *url)
{
	struct ks_buf b = KS_BUF_INIT;
	const char *p;

	for (p = url; *p != '\0'; p++)
		if (*p != '\t' && *p != '\n' && *p != '\r')
			ks_buf_putc(&b, *p);
	return ks_text_trim(ks_buf_detach(&b));
}

/*
 * Returns the lower-cased scheme of s and sets *after to the index past
 * its ':', or NULL when s has none (a relative reference). Spaces and
 * controls inside the scheme are skipped, so "java script:" is caught as
 * javascript rather than let through as a relative path.
 */
static char *
find_scheme(const char *s, size_t *after)
{
	struct ks_buf b = KS_BUF_INIT;
	unsigned char c;
	size_t i;

	for (i = 0; s[i] != '\0' && s[i] != ':'; i++) {
		c = (unsigned char)s[i];
		if (c <= 0x20 || c == 0x7F)
			continue;
		if (!ks_ascii_is_alpha(c) && (b.len == 0 || (!ks_ascii_is_digit(c) &&
		    c != '+' && c != '-' && c != '.'))) {
			ks_buf_free(&b);
			return NULL;
		}
		ks_buf_putc(&b, (char)ks_ascii_lower(c));
	}
	if (s[i] != ':' || b.len == 0) {
		ks_buf_free(&b);
		return NULL;
	}
	*after = i + 1;
	return ks_buf_detach(&b);
}

/*
 * Appends s[0..len), percent-encoding what RFC 3986 does not allow:
 * controls, space, DEL, non-ASCII (its UTF-8 bytes), the characters no
 * component may hold, those in `also`, and a '%' that starts no escape.
 * Existing escapes stay as they are, so encoding twice changes nothing.
 */
static void
put_encoded(struct ks_buf *b, const char *s, size_t len, const char *also)
{
	static const char hex[] = "0123456789ABCDEF";
	unsigned char c;
	size_t i;

	for (i = 0; i < len; i++) {
		c = (unsigned char)s[i];
		if (c == '%' && i + 2 < len &&
		    hex_value((unsigned char)s[i + 1]) >= 0 &&
		    hex_value((unsigned char)s[i + 2]) >= 0)
			ks_buf_putc(b, '%');
		else if (c <= 0x20 || c >= 0x7F || c == '%' ||
		    strchr("\"<>\\^`{|}", c) != NULL ||
		    strchr(also, c) != NULL) {
			ks_buf_putc(b, '%');
			ks_buf_putc(b, hex[c >> 4]);
			ks_buf_putc(b, hex[c & 15]);
		} else
			ks_buf_putc(b, (char)c);
	}
}

static char *
encoded(const char *s, size_t len, const char *also)
{
	struct ks_buf b = KS_BUF_INIT;

	put_encoded(&b, s, len, also);
	return ks_buf_detach(&b);
}

/*
 * Splits s (what follows the scheme, or a relative reference) as RFC 3986
 * appendix B does and percent-encodes each component. A backslash ends
 * the authority and becomes the '/' browsers read it as: encoded, it
 * would put "%5C" in the host name, which is never what was meant.
 */
static void
split(const char *s, struct ref *r)
{
	size_t n;

	if (s[0] == '/' && s[1] == '/') {
		s += 2;
		n = strcspn(s, "/?#\\");
		r->auth = encoded(s, n, "");
		s += n;
	}
	n = strcspn(s, "?#");
	if (r->auth != NULL && s[0] == '\\') {
		struct ks_buf b = KS_BUF_INIT;

		ks_buf_putc(&b, '/');
		put_encoded(&b, s + 1, n - 1, "[]");
		r->path = ks_buf_detach(&b);
	} else
		r->path = encoded(s, n, "[]");
	s += n;
	if (s[0] == '?') {
		s++;
		n = strcspn(s, "#");
		r->query = encoded(s, n, "[]");
		s += n;
	}
	if (s[0] == '#') {
		s++;
		r->frag = encoded(s, strlen(s), "#[]");
	}
}

static void
ref_free(struct ref *r)
{
	free(r->scheme);
	free(r->auth);
	free(r->path);
	free(r->query);
	free(r->frag);
}

/* Drops the last segment (and its '/') from the output of remove_dots. */
static void
pop_segment(struct ks_buf *out)
{
	size_t n = out->len;

	while (n > 0 && out->ptr[n - 1] != '/')
		n--;
	ks_buf_truncate(out, n > 0 ? n - 1 : 0);
}

/* RFC 3986 §5.2.4, which libxml2 2.9's xmlBuildURI gets wrong for
 * "/../g". The caller frees the result. */
static char *
remove_dots(const char *p)
{
	struct ks_buf out = KS_BUF_INIT;
	size_t n;

	while (*p != '\0') {
		if (strncmp(p, "../", 3) == 0)
			p += 3;
		else if (strncmp(p, "./", 2) == 0 || strncmp(p, "/./", 3) == 0)
			p += 2;
		else if (strcmp(p, "/.") == 0) {
			ks_buf_putc(&out, '/');
			break;
		} else if (strncmp(p, "/../", 4) == 0) {
			pop_segment(&out);
			p += 3;
		} else if (strcmp(p, "/..") == 0) {
			pop_segment(&out);
			ks_buf_putc(&out, '/');
			break;
		} else if (strcmp(p, ".") == 0 || strcmp(p, "..") == 0)
			break;
		else {
			n = strcspn(p + 1, "/") + 1;
			ks_buf_put(&out, p, n);
			p += n;
		}
	}
	return ks_buf_detach(&out);
}

static char *
dup_or_null(const char *s)
{
	return s == NULL ? NULL : ks_xstrdup(s);
}

/* RFC 3986 §5.2.2: the target t of reference r against base b (NULL when
 * r has its own scheme). */
static void
resolve(const struct ref *r, const struct ref *b, struct ref *t)
{
	struct ks_buf m = KS_BUF_INIT;
	const char *slash;

	if (r->scheme != NULL || b == NULL) {
		t->scheme = dup_or_null(r->scheme);
		t->auth = dup_or_null(r->auth);
		t->path = remove_dots(r->path);
		t->query = dup_or_null(r->query);
	} else {
		t->scheme = ks_xstrdup(b->scheme);
		if (r->auth != NULL) {
			t->auth = ks_xstrdup(r->auth);
			t->path = remove_dots(r->path);
			t->query = dup_or_null(r->query);
		} else {
			t->auth = dup_or_null(b->auth);
			if (r->path[0] == '\0') {
				t->path = ks_xstrdup(b->path);
				t->query = dup_or_null(r->query != NULL ?
				    r->query : b->query);
			} else {
				if (r->path[0] == '/')
					ks_buf_puts(&m, r->path);
				else if (b->auth != NULL &&
				    b->path[0] == '\0')
					ks_buf_printf(&m, "/%s", r->path);
				else {
					slash = strrchr(b->path, '/');
					if (slash != NULL)
						ks_buf_put(&m, b->path,
						    (size_t)(slash - b->path) + 1);
					ks_buf_puts(&m, r->path);
				}
				t->path = remove_dots(ks_buf_cstr(&m));
				t->query = dup_or_null(r->query);
			}
		}
	}
	t->frag = dup_or_null(r->frag);
	ks_buf_free(&m);
}

static bool
is_http_scheme(const char *scheme)
{
	return scheme != NULL &&
	    (strcmp(scheme, "http") == 0 || strcmp(scheme, "https") == 0);
}

/* Parses an absolute http(s) base; false when base is anything else. */
static bool
parse_base(const char *base, struct ref *b)
{
	char *s;
	size_t after;

	s = preprocess(base);
	b->scheme = find_scheme(s, &after);
	if (is_http_scheme(b->scheme))
		split(s + after, b);
	free(s);
	return is_http_scheme(b->scheme) && b->auth != NULL &&
	    b->auth[0] != '\0';
}

/*
 * Joins t into *out and checks the result with libxml2's RFC 3986 parser.
 * Returns KS_URL_INVALID (and *out NULL) when it has no host or still
 * does not parse, e.g. a port that is not a number.
 */
static enum ks_url_status
assemble(const struct ref *t, char **out)
{
	struct ks_buf b = KS_BUF_INIT;
	xmlURIPtr uri;
	bool ok;

	if (!is_http_scheme(t->scheme) || t->auth == NULL ||
	    t->auth[0] == '\0')
		return KS_URL_INVALID;
	/* Appends, not printf: every address in every body comes here. */
	ks_buf_puts(&b, t->scheme);
	ks_buf_puts(&b, "://");
	ks_buf_puts(&b, t->auth);
	ks_buf_puts(&b, t->path);
	if (t->query != NULL) {
		ks_buf_putc(&b, '?');
		ks_buf_puts(&b, t->query);
	}
	if (t->frag != NULL) {
		ks_buf_putc(&b, '#');
		ks_buf_puts(&b, t->frag);
	}
	uri = xmlParseURI(ks_buf_cstr(&b));
	ok = uri != NULL && uri->server != NULL && uri->server[0] != '\0';
	xmlFreeURI(uri);
	if (!ok) {
		ks_buf_free(&b);
		return KS_URL_INVALID;
	}
	*out = ks_buf_detach(&b);
	return KS_URL_OK;
}

/* Image types a browser shows without running anything: no SVG, which
 * can hold scripts. */
static const char *const data_images[] = {
	"image/png;base64,",
	"image/jpeg;base64,",
	"image/jpg;base64,",
	"image/gif;base64,",
	"image/webp;base64,",
	"image/avif;base64,",
};

/* rest follows "data:". Spaces inside base64 are dropped; any other
 * character outside the base64 alphabet makes the URL invalid. */
static enum ks_url_status
clean_data(const char *rest, enum ks_url_use use, char **out)
{
	struct ks_buf b = KS_BUF_INIT;
	const char *p;
	size_t i, n;

	if (use != KS_URL_IMAGE)
		return KS_URL_DANGEROUS;
	for (i = 0; i < sizeof(data_images) / sizeof(data_images[0]); i++)
		if (ks_text_has_prefix_ci(rest, data_images[i]))
			break;
	if (i == sizeof(data_images) / sizeof(data_images[0]))
		return KS_URL_DANGEROUS;
	n = strlen(data_images[i]);
	ks_buf_printf(&b, "data:%s", data_images[i]);
	for (p = rest + n; *p != '\0'; p++) {
		if (*p == ' ')
			continue;
		if (!ks_ascii_is_alpha((unsigned char)*p) && !ks_ascii_is_digit((unsigned char)*p) &&
		    *p != '+' && *p != '/' && *p != '=') {
			ks_buf_free(&b);
			return KS_URL_INVALID;
		}
		ks_buf_putc(&b, *p);
	}
	if (b.len == strlen("data:") + n) {
		ks_buf_free(&b);
		return KS_URL_INVALID;
	}
	*out = ks_buf_detach(&b);
	return KS_URL_OK;
}

/* A scheme other than http(s): mailto and tel pass (encoded), data images
 * pass for images, anything else could run code or reach local files. */
static enum ks_url_status
clean_other(const char *scheme, const char *rest, enum ks_url_use use,
    char **out)
{
	struct ks_buf b = KS_BUF_INIT;

	if (strcmp(scheme, "data") == 0)
		return clean_data(rest, use, out);
	if (strcmp(scheme, "mailto") != 0 && strcmp(scheme, "tel") != 0)
		return KS_URL_DANGEROUS;
	if (rest[0] == '\0')
		return KS_URL_INVALID;
	ks_buf_printf(&b, "%s:", scheme);
	put_encoded(&b, rest, strlen(rest), "");
	*out = ks_buf_detach(&b);
	return KS_URL_OK;
}

enum ks_url_status
ks_url_clean(const char *url, const char *base, enum ks_url_use use,
    char **out)
{
	struct ref r = { 0 }, b = { 0 }, t = { 0 };
	enum ks_url_status st = KS_URL_INVALID;
	char *s, *u, *scheme = NULL;
	size_t after;

	*out = NULL;
	if (url == NULL)
		return KS_URL_INVALID;
	s = preprocess(url);
	if (s[0] == '/' && s[1] == '/') {
		/* Protocol-relative: https, before a proxy can be seen. */
		u = ks_xmalloc(strlen(s) + 7);
		memcpy(u, "https:", 6);
		strcpy(u + 6, s);
		free(s);
		s = u;
	}
	u = ks_url_unwrap_proxy(s);
	free(s);
	s = u;
	if (s[0] == '\0')
		goto done;
	if ((scheme = find_scheme(s, &after)) != NULL) {
		/* "E:\x" or "C:/x": a Windows path, not a URL. */
		if (scheme[1] == '\0')
			goto done;
		if (!is_http_scheme(scheme)) {
			st = clean_other(scheme, s + after, use, out);
			goto done;
		}
		split(s + after, &r);
		r.scheme = scheme;
		scheme = NULL;
		resolve(&r, NULL, &t);
	} else {
		if (base == NULL || !parse_base(base, &b)) {
			st = KS_URL_RELATIVE;
			goto done;
		}
		split(s, &r);
		resolve(&r, &b, &t);
	}
	st = assemble(&t, out);
done:
	free(s);
	free(scheme);
	ref_free(&r);
	ref_free(&b);
	ref_free(&t);
	return st;
}
