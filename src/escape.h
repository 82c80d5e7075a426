/* Every escaper, one per output context, in one file (STYLE §13). Each also
 * replaces what XML 1.0 forbids (C0 but tab/LF/CR, U+FFFE, U+FFFF, lone
 * surrogates) with U+FFFD, so no output can be broken by one character. */
#ifndef KS_ESCAPE_H
#define KS_ESCAPE_H

#include <stddef.h>

#include "buf.h"

/* Text content of HTML or XML: & < > escaped. */
void	ks_escape_html_text(struct ks_buf *out, const char *s);
/* An attribute value in double quotes: & < > " escaped. */
void	ks_escape_html_attr(struct ks_buf *out, const char *s);
/* Clean text (see ks_xml_clean) escaped as libxml2's xmlTextWriter
 * escapes element text (xmlEncodeSpecialChars), byte for byte: < > & "
 * and CR, nothing else; so our bytes and libxml2's can be mixed. */
void	ks_escape_xml_writer_text(struct ks_buf *out, const char *s);
/* A copy of s with XML-forbidden characters replaced, nothing else
 * escaped (for xmlTextWriter, which escapes markup but not those). The
 * caller frees. */
char	*ks_xml_clean(const char *s);

#endif
