/* One out-of-memory policy for all of ksconv: allocation failure aborts,
 * so ordinary functions never have to report it. */
#ifndef KS_XALLOC_H
#define KS_XALLOC_H

#include <stddef.h>

void *ks_xmalloc(size_t size);
void *ks_xcalloc(size_t count, size_t size);
void *ks_xrealloc(void *ptr, size_t size);
/* The caller frees the returned copy. NULL in, NULL out. */
char *ks_xstrdup(const char *s);
char *ks_xstrndup(const char *s, size_t len);

#endif
