/* Declared-charset detection and transcoding to UTF-8 with iconv. */
#ifndef KS_CHARSET_H
#define KS_CHARSET_H

#include <stddef.h>

#include "buf.h"

/*
 * Looks for a charset declared in the first 4 KiB of in: <meta charset=X>,
 * <meta http-equiv=... content="...; charset=X">, <?xml encoding="X"?>,
 * or a front-matter "encoding: X" / "charset: X" line. Returns the name
 * (the caller frees it), or NULL when none is declared or it names UTF-8.
 */
char	*ks_charset_declared(const char *in, size_t len);

/*
 * Transcodes in[0..len) from charset to UTF-8, appending to out. Bytes
 * iconv cannot convert become U+FFFD. Returns 0, or -1 when iconv does
 * not know the charset (out is then untouched).
 */
int	 ks_charset_to_utf8(const char *charset, const char *in, size_t len,
	    struct ks_buf *out);

#endif
