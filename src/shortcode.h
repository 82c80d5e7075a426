/* Hugo's highlight shortcode, the one that holds code: turned into a
 * CommonMark fence before the Markdown parser sees it, or the HTML inside
 * would be read as markup (corpus 043). */
#ifndef KS_SHORTCODE_H
#define KS_SHORTCODE_H

#include <stddef.h>

#include "buf.h"

/*
 * Appends md[0..len) to out with every block
 *	{{< highlight LANG ... >}} (or {{% ... %}}) on a line of its own
 *	...
 *	{{< /highlight >}}
 * replaced by a fenced code block with info string LANG, the fence longer
 * than any run of backticks inside. An opening line without its closing
 * line is left as it is. Returns the number of blocks replaced; when it
 * is 0, out is left untouched (the caller keeps using md).
 */
size_t	ks_shortcode_highlight(const char *md, size_t len, struct ks_buf *out);

#endif
