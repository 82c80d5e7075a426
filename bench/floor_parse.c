/*
 * The first floor of `make bench`: what libxml2 alone costs on the same
 * files ksconv reads.  Each file named in LIST (one path a line) is read
 * whole, parsed with htmlReadMemory and the options ksconv uses, and its
 * tree walked from the root to every leaf; nothing else is done.
 *
 *	floor_parse LIST
 *
 * Prints the files, bytes, nodes and text bytes seen, so the walk cannot
 * be optimized away.  floor_deflate.c includes this file and adds zlib.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

/* floor_deflate.c defines it to do more with each file's bytes. */
#ifndef FLOOR_EXTRA
#define FLOOR_EXTRA(buf, len) ((void)0)
#endif

struct stats {
	unsigned long	files;
	unsigned long	nodes;
	unsigned long long bytes;
	unsigned long long text;
};

/* Visits every node without recursion (pages nest deeply). */
static void
walk(xmlNode *root, struct stats *st)
{
	xmlNode *n = root;

	while (n != NULL) {
		st->nodes++;
		if (n->type == XML_TEXT_NODE && n->content != NULL)
			st->text += strlen((const char *)n->content);
		for (xmlAttr *a = n->type == XML_ELEMENT_NODE ? n->properties :
		    NULL; a != NULL; a = a->next)
			st->nodes++;
		if (n->children != NULL && n->type != XML_ENTITY_REF_NODE) {
			n = n->children;
			continue;
		}
		while (n != NULL && n->next == NULL) {
			n = n->parent;
			if (n == root || n == NULL)
				return;
		}
		if (n != NULL)
			n = n->next;
	}
}

static int
read_file(const char *path, char **buf, size_t *cap, size_t *len)
{
	FILE *f = fopen(path, "rb");
	size_t got;

	if (f == NULL)
		return -1;
	*len = 0;
	for (;;) {
		if (*cap - *len < 65536) {
			*cap = *cap * 2 + 65536;
			*buf = realloc(*buf, *cap);
			if (*buf == NULL)
				abort();
		}
		got = fread(*buf + *len, 1, *cap - *len - 1, f);
		*len += got;
		if (got == 0)
			break;
	}
	(*buf)[*len] = '\0';
	fclose(f);
	return 0;
}

int
main(int argc, char **argv)
{
	struct stats st = { 0, 0, 0, 0 };
	char line[8192], *buf = NULL;
	size_t cap = 0, len, n;
	FILE *list;
	htmlDocPtr doc;

	if (argc != 2 || (list = fopen(argv[1], "r")) == NULL) {
		fprintf(stderr, "usage: %s LIST (one file a line)\n", argv[0]);
		return 2;
	}
	xmlInitParser();
	while (fgets(line, sizeof(line), list) != NULL) {
		n = strlen(line);
		if (n > 0 && line[n - 1] == '\n')
			line[--n] = '\0';
		if (n == 0)
			continue;
		if (read_file(line, &buf, &cap, &len) != 0) {
			perror(line);
			return 1;
		}
		doc = htmlReadMemory(buf, (int)len, NULL, "UTF-8",
		    HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
		    HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
		    HTML_PARSE_IGNORE_ENC);
		if (doc != NULL) {
			walk(xmlDocGetRootElement(doc), &st);
			xmlFreeDoc(doc);
		}
		FLOOR_EXTRA(buf, len);
		st.files++;
		st.bytes += len;
	}
	fclose(list);
	free(buf);
	xmlCleanupParser();
	printf("files %lu bytes %llu nodes %lu text %llu\n", st.files,
	    st.bytes, st.nodes, st.text);
	return 0;
}
