/* Allocation wrappers: abort with a message rather than return NULL. */
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *
check(void *p)
{
	if (p == NULL) {
		fputs("ksconv: out of memory\n", stderr);
		abort();
	}
	return p;
}

void *
ks_xmalloc(size_t size)
{
	return check(malloc(size ? size : 1));
}

void *
ks_xcalloc(size_t count, size_t size)
{
	return check(calloc(count ? count : 1, size ? size : 1));
}

void *
ks_xrealloc(void *ptr, size_t size)
{
	return check(realloc(ptr, size ? size : 1));
}

char *
ks_xstrdup(const char *s)
{
	return s ? ks_xstrndup(s, strlen(s)) : NULL;
}

char *
ks_xstrndup(const char *s, size_t len)
{
	char *p;

	if (s == NULL)
		return NULL;
	p = ks_xmalloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}
