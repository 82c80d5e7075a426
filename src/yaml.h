/* The one module that includes <yaml.h> (yaml.c reads, yaml_emit.c
 * writes): front matter and config are read here, and the Markdown
 * writer's front matter is emitted here. */
#ifndef KS_YAML_H
#define KS_YAML_H

#include <stddef.h>

#include "buf.h"
#include "fields.h"

/* Flow collections nested deeper than this are refused before libyaml sees
 * them (libyaml 0.2.5 is quadratic in flow nesting). */
#define KS_YAML_MAX_DEPTH 64
/* More aliases than this in one document are refused (alias bombs). */
#define KS_YAML_MAX_ALIASES 64

/*
 * Parses a YAML mapping (front matter or config) from text[0..len), whose
 * first line is line first_line of path, appending one field per top-level
 * key to *out. Scalars stay strings; sequences (nested ones flattened) make
 * lists; nested mappings make dotted keys; aliases are expanded up to the
 * limits above. An empty document gives no fields.
 * Returns 0, or -1 after reporting "path:line: error: ..." (a syntax error,
 * a top level that is not a mapping, too deep, too many aliases); *out may
 * then hold the fields read before the error.
 */
int	ks_yaml_parse_fields(const char *text, size_t len, const char *path,
	    size_t first_line, struct ks_fields *out);

/*
 * Emits fields as a YAML block mapping (no "---" fences) into out, with
 * libyaml's emitter: unicode on, no line folding, every value a string that
 * reads back as the same string (quoted when plain would mean a number,
 * bool, null, or would not parse). Lists become block sequences.
 * Returns 0, or -1 when the emitter fails (nothing sensible was written).
 */
int	ks_yaml_emit_fields(const struct ks_fields *fields, struct ks_buf *out);

#endif
