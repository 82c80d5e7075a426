/* Reads the <head> of a standalone HTML page into the article model. */
#include "html_meta.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "diag.h"
#include "text.h"
#include "url.h"
#include "xalloc.h"

/* What one walk over the document collects; the first of each wins. */
struct found {
	char	*og_title;
	char	*title;
	char	*h1;
	char	*lang;
	char	*author;
	char	*date;
	char	*time;
	char	*canonical;
	char	*og_url;
	char	*og_image;
};

static const char *
attr(xmlNode *n, const char *name)
{
	for (xmlAttr *a = n->properties; a != NULL; a = a->next)
		if (strcasecmp((const char *)a->name, name) == 0 &&
		    a->children != NULL && a->children->content != NULL)
			return (const char *)a->children->content;
	return NULL;
}

static void
keep(char **dst, const char *v)
{
	if (*dst == NULL && v != NULL && !ks_text_is_blank(v, strlen(v)))
		*dst = ks_xstrdup(v);
}

static void
keep_text(char **dst, xmlNode *n)
{
	xmlChar *s;

	if (*dst != NULL)
		return;
	s = xmlNodeGetContent(n);
	keep(dst, (const char *)s);
	xmlFree(s);
}

static void
read_meta(xmlNode *n, struct found *f)
{
	const char *key = attr(n, "property");
	const char *content = attr(n, "content");

	if (key == NULL)
		key = attr(n, "name");
	if (key == NULL || content == NULL)
		return;
	if (strcasecmp(key, "og:title") == 0)
		keep(&f->og_title, content);
	else if (strcasecmp(key, "author") == 0 ||
	    strcasecmp(key, "article:author") == 0)
		keep(&f->author, content);
	else if (strcasecmp(key, "article:published_time") == 0 ||
	    strcasecmp(key, "date") == 0 || strcasecmp(key, "pubdate") == 0)
		keep(&f->date, content);
	else if (strcasecmp(key, "og:url") == 0)
		keep(&f->og_url, content);
	else if (strcasecmp(key, "og:image") == 0)
		keep(&f->og_image, content);
}

static void
visit(xmlNode *n, struct found *f)
{
	const char *name = (const char *)n->name;
	const char *rel;

	if (strcasecmp(name, "html") == 0)
		keep(&f->lang, attr(n, "lang"));
	else if (strcasecmp(name, "meta") == 0)
		read_meta(n, f);
	else if (strcasecmp(name, "title") == 0)
		keep_text(&f->title, n);
	else if (strcasecmp(name, "h1") == 0)
		keep_text(&f->h1, n);
	else if (strcasecmp(name, "time") == 0)
		keep(&f->time, attr(n, "datetime"));
	else if (strcasecmp(name, "link") == 0 &&
	    (rel = attr(n, "rel")) != NULL && strcasecmp(rel, "canonical") == 0)
		keep(&f->canonical, attr(n, "href"));
}

/* Walks elements without recursion: parent links lead back up. */
static void
walk(xmlNode *root, struct found *f)
{
	xmlNode *n = root;

	while (n != NULL) {
		if (n->type == XML_ELEMENT_NODE)
			visit(n, f);
		if (n->type == XML_ELEMENT_NODE && n->children != NULL) {
			n = n->children;
			continue;
		}
		while (n != NULL && n != root && n->next == NULL)
			n = n->parent;
		if (n == NULL || n == root)
			break;
		n = n->next;
	}
}

static void
free_found(struct found *f)
{
	free(f->og_title);
	free(f->title);
	free(f->h1);
	free(f->lang);
	free(f->author);
	free(f->date);
	free(f->time);
	free(f->canonical);
	free(f->og_url);
	free(f->og_image);
}

static void
set_plain(char **dst, const char *v)
{
	char *p;

	if (*dst != NULL || v == NULL)
		return;
	p = ks_text_plain(v);
	if (p[0] != '\0')
		*dst = p;
	else
		free(p);
}

void
ks_html_meta(xmlDoc *doc, struct ks_article *a, int default_offset)
{
	struct found f;
	const char *date;
	xmlNode *root = xmlDocGetRootElement(doc);

	if (root == NULL)
		return;
	memset(&f, 0, sizeof(f));
	walk(root, &f);
	set_plain(&a->title, f.og_title ? f.og_title :
	    f.title ? f.title : f.h1);
	set_plain(&a->lang, f.lang);
	if (a->authors.len == 0 && f.author != NULL) {
		char *p = ks_text_plain(f.author);

		if (p[0] != '\0')
			ks_strs_push(&a->authors, p);
		free(p);
	}
	date = f.date ? f.date : f.time;
	if (!a->date.known && date != NULL &&
	    ks_date_parse(date, default_offset, &a->date) != 0)
		ks_warn(a->path, 1, "cannot read the page's date '%s'; the "
		    "article is converted as undated", date);
	if (a->link == NULL && (f.canonical || f.og_url))
		a->link = ks_xstrdup(f.canonical ? f.canonical : f.og_url);
	if (a->image == NULL && f.og_image != NULL)
		a->image = ks_xstrdup(f.og_image);
	free_found(&f);
}
