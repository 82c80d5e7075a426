/* ks_url_clean, ks_url_unwrap_proxy and ks_url_is_http. */
#include <stdlib.h>

#include "url.h"
#include "check.h"

/* Cleans url and compares the status and (for KS_URL_OK) the result. */
static void
expect(const char *url, const char *base, enum ks_url_use use,
    enum ks_url_status want_st, const char *want)
{
	enum ks_url_status st;
	char *out = (char *)"unset";

	st = ks_url_clean(url, base, use, &out);
	if (st != want_st)
		fprintf(stderr, "for url '%s':\n", url ? url : "(null)");
	CHECK_INT(st, want_st);
	CHECK_STR(out, want);
	free(out);
}

static void
expect_unwrap(const char *url, const char *want)
{
	char *s = ks_url_unwrap_proxy(url);

	CHECK_STR(s, want);
	free(s);
}

#define LINK(u, w)	expect((u), NULL, KS_URL_LINK, KS_URL_OK, (w))
#define IMAGE(u, w)	expect((u), NULL, KS_URL_IMAGE, KS_URL_OK, (w))
#define BAD(u, use, st)	expect((u), NULL, (use), (st), NULL)

int
main(void)
{
	const char *base = "http://finews.zning.xyz/html_News/NewsShare.html?infoCode=NW1";

	/* Plain absolute URLs pass; the scheme is lower-cased. */
	LINK("http://example.com/a?b=1&c=2#top", "http://example.com/a?b=1&c=2#top");
	LINK("HTTPS://Example.com/X", "https://Example.com/X");
	LINK("  http://example.com/  ", "http://example.com/");
	LINK("\xe3\x80\x80http://example.com/x\xc2\xa0", "http://example.com/x");
	/* A URL wrapped over two lines. */
	LINK("http://example.com/long\n/path", "http://example.com/long/path");
	LINK("http://x.com:8080/a", "http://x.com:8080/a");
	LINK("http://[::1]:8080/a", "http://[::1]:8080/a");
	LINK("https://user@x.com/a[1]", "https://user@x.com/a%5B1%5D");
	/* Commas, '=' and existing escapes are kept as they are. */
	IMAGE("https://img.ithome.com/x.jpg?x=a,b==&y=%2F",
	    "https://img.ithome.com/x.jpg?x=a,b==&y=%2F");

	/* Proxies: every known one, nested, and percent-encoded inner URLs. */
	LINK("https://cors.zfour.workers.dev/?http://x.com/a.jpg?w=1&h=2",
	    "http://x.com/a.jpg?w=1&h=2");
	LINK("https://cors-anywhere.herokuapp.com/https://x.com/a",
	    "https://x.com/a");
	LINK("https://corsproxy.io/?https://x.com/a", "https://x.com/a");
	LINK("https://corsproxy.io/?url=https://x.com/a", "https://x.com/a");
	LINK("https://api.allorigins.win/raw?url=https%3A%2F%2Fx.com%2Fa%3Fq%3D1",
	    "https://x.com/a?q=1");
	LINK("https://thingproxy.freeboard.io/fetch/http://x.com/a",
	    "http://x.com/a");
	IMAGE("https://images.weserv.nl/?url=x.com/a.png", "https://x.com/a.png");
	IMAGE("https://images.weserv.nl/?url=ssl:x.com/a.png&w=300",
	    "https://x.com/a.png");
	IMAGE("https://images.weserv.nl/?url=http%3A%2F%2Fx.com%2Fa.png&w=30",
	    "http://x.com/a.png");
	LINK("https://cors.zfour.workers.dev/?https://corsproxy.io/?http://x.com/",
	    "http://x.com/");
	LINK("https://cors.zfour.workers.dev/?https%3A%2F%2Fcorsproxy.io%2F%3Fhttp%3A%2F%2Fx.com%2F",
	    "http://x.com/");
	/* The generic shape: a query that is itself an absolute URL. */
	LINK("https://my-proxy.example.workers.dev/?https://x.com/a",
	    "https://x.com/a");
	LINK("https://p.example/?http%3A%2F%2Fx.com%2Fa", "http://x.com/a");
	/* A query that is not a URL is no proxy. */
	LINK("https://p.example/?q=http://x.com", "https://p.example/?q=http://x.com");
	LINK("https://cors.zfour.workers.dev/?javascript:alert(1)",
	    "https://cors.zfour.workers.dev/?javascript:alert(1)");
	expect_unwrap("https://cors.zfour.workers.dev/?http://a.com/x",
	    "http://a.com/x");
	expect_unwrap("http://a.com/x", "http://a.com/x");
	expect_unwrap("http://go.rss.sina.com.cn/redirect.php?url=http://news.sina.com.cn/c/x.shtml",
	    "http://news.sina.com.cn/c/x.shtml");

	/* Protocol-relative URLs get https. */
	LINK("//finews.withounder.com/", "https://finews.withounder.com/");
	LINK("//host/x", "https://host/x");
	expect("//host/x", "http://base.com/", KS_URL_LINK, KS_URL_OK,
	    "https://host/x");

	/* Relative references: resolved against a base, else RELATIVE. */
	BAD("/assets/x.png", KS_URL_IMAGE, KS_URL_RELATIVE);
	BAD("../emnews/", KS_URL_LINK, KS_URL_RELATIVE);
	BAD("x.html", KS_URL_LINK, KS_URL_RELATIVE);
	BAD("?q=1", KS_URL_LINK, KS_URL_RELATIVE);
	BAD("#frag", KS_URL_LINK, KS_URL_RELATIVE);
	expect("/assets/x.png", base, KS_URL_IMAGE, KS_URL_OK,
	    "http://finews.zning.xyz/assets/x.png");
	expect("../emnews/", base, KS_URL_LINK, KS_URL_OK,
	    "http://finews.zning.xyz/emnews/");
	expect("x.html", base, KS_URL_LINK, KS_URL_OK,
	    "http://finews.zning.xyz/html_News/x.html");
	expect("?q=1", base, KS_URL_LINK, KS_URL_OK,
	    "http://finews.zning.xyz/html_News/NewsShare.html?q=1");
	expect("#frag", base, KS_URL_LINK, KS_URL_OK,
	    "http://finews.zning.xyz/html_News/NewsShare.html?infoCode=NW1#frag");
	expect("../../../../g", "http://a/b/c/d;p?q", KS_URL_LINK, KS_URL_OK,
	    "http://a/g");
	/* libxml2 2.9's xmlBuildURI keeps "/../g"; RFC 3986 does not. */
	expect("/../g", "http://a/b/c/d;p?q", KS_URL_LINK, KS_URL_OK,
	    "http://a/g");
	expect("/./g", "http://a/b/c/d;p?q", KS_URL_LINK, KS_URL_OK,
	    "http://a/g");
	expect("g/../h/.", "http://a/b/c/d;p?q", KS_URL_LINK, KS_URL_OK,
	    "http://a/b/c/h/");
	expect("x.html", "https://finews.withounder.com", KS_URL_LINK, KS_URL_OK,
	    "https://finews.withounder.com/x.html");
	/* A base that is not an absolute http(s) URL cannot resolve. */
	expect("x.html", "/relative/base", KS_URL_LINK, KS_URL_RELATIVE, NULL);
	expect("x.html", "file:///etc/", KS_URL_LINK, KS_URL_RELATIVE, NULL);

	/* Dangerous schemes, however they are disguised. */
	BAD("javascript:alert(1)", KS_URL_LINK, KS_URL_DANGEROUS);
	BAD("  JaVaScRiPt:alert(1)", KS_URL_LINK, KS_URL_DANGEROUS);
	BAD("java\tscript:alert(1)", KS_URL_LINK, KS_URL_DANGEROUS);
	BAD("java\nscript:alert(1)", KS_URL_IMAGE, KS_URL_DANGEROUS);
	BAD("java script:alert(1)", KS_URL_LINK, KS_URL_DANGEROUS);
	BAD("\x01javascript:alert(1)", KS_URL_LINK, KS_URL_DANGEROUS);
	expect("javascript:alert(1)", base, KS_URL_LINK, KS_URL_DANGEROUS, NULL);
	BAD("vbscript:msgbox(1)", KS_URL_LINK, KS_URL_DANGEROUS);
	BAD("file:///etc/passwd", KS_URL_LINK, KS_URL_DANGEROUS);
	BAD("ftp://x.com/a", KS_URL_LINK, KS_URL_DANGEROUS);
	BAD("about:blank", KS_URL_LINK, KS_URL_DANGEROUS);

	/* data: only for images, only raster types, only base64. */
	IMAGE("data:image/png;base64,iVBORw0KGgo=", "data:image/png;base64,iVBORw0KGgo=");
	IMAGE("DATA:image/JPEG;base64,/9j/ 4AA=", "data:image/jpeg;base64,/9j/4AA=");
	BAD("data:image/png;base64,iVBORw0KGgo=", KS_URL_LINK, KS_URL_DANGEROUS);
	BAD("data:text/html;base64,PHNjcmlwdD4=", KS_URL_IMAGE, KS_URL_DANGEROUS);
	BAD("data:text/html,<script>alert(1)</script>", KS_URL_LINK,
	    KS_URL_DANGEROUS);
	BAD("data:image/svg+xml;base64,PHN2Zz4=", KS_URL_IMAGE, KS_URL_DANGEROUS);
	BAD("data:image/png;base64,<script>", KS_URL_IMAGE, KS_URL_INVALID);
	BAD("data:image/png;base64,", KS_URL_IMAGE, KS_URL_INVALID);

	/* mailto and tel pass. */
	LINK("mailto:jiahe202110@126.com", "mailto:jiahe202110@126.com");
	LINK("MAILTO:a b@x.com", "mailto:a%20b@x.com");
	LINK("tel:+861012345678", "tel:+861012345678");

	/* Invalid: empty, Windows paths, no host, bad port. */
	BAD("", KS_URL_LINK, KS_URL_INVALID);
	BAD("   ", KS_URL_LINK, KS_URL_INVALID);
	BAD(NULL, KS_URL_LINK, KS_URL_INVALID);
	BAD("E:\\pics\\a.png", KS_URL_IMAGE, KS_URL_INVALID);
	BAD("C:/Users/a.png", KS_URL_IMAGE, KS_URL_INVALID);
	expect("E:\\pics\\a.png", base, KS_URL_IMAGE, KS_URL_INVALID, NULL);
	BAD("http://", KS_URL_LINK, KS_URL_INVALID);
	BAD("http:///x", KS_URL_LINK, KS_URL_INVALID);
	BAD("http:x.com", KS_URL_LINK, KS_URL_INVALID);
	BAD("http://x.com:80a/", KS_URL_LINK, KS_URL_INVALID);
	BAD("mailto:", KS_URL_LINK, KS_URL_INVALID);

	/* Percent-encoding makes what browsers accept valid. */
	LINK("http://x.com/a b.html", "http://x.com/a%20b.html");
	LINK("http://x.com/新闻/快手.html?q=公益#段",
	    "http://x.com/%E6%96%B0%E9%97%BB/%E5%BF%AB%E6%89%8B.html"
	    "?q=%E5%85%AC%E7%9B%8A#%E6%AE%B5");
	LINK("http://x.com/a\\b\\c.png", "http://x.com/a%5Cb%5Cc.png");
	LINK("http://x.com\\a.png", "http://x.com/a.png");
	LINK("http://x.com/100%/a\"b<c>", "http://x.com/100%25/a%22b%3Cc%3E");
	LINK("http://x.com/a%20b", "http://x.com/a%20b");
	LINK("http://x.com/a#b#c", "http://x.com/a#b%23c");
	expect("图片 1.png", "https://x.com/p/", KS_URL_IMAGE, KS_URL_OK,
	    "https://x.com/p/%E5%9B%BE%E7%89%87%201.png");
	/* A relative path whose first segment holds a non-ASCII space is
	 * no scheme, however much it looks like one. */
	expect("java\xc2\xa0script:x", "https://x.com/p/", KS_URL_LINK,
	    KS_URL_OK, "https://x.com/p/java%C2%A0script:x");

	CHECK(ks_url_is_http("http://x.com"));
	CHECK(ks_url_is_http("HTTPS://x.com/a"));
	CHECK(!ks_url_is_http("https://"));
	CHECK(!ks_url_is_http("//x.com"));
	CHECK(!ks_url_is_http("ftp://x.com"));
	CHECK(!ks_url_is_http("javascript:alert(1)"));
	CHECK(!ks_url_is_http(NULL));
	return ks_check_done("url");
}
