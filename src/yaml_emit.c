/* Writing YAML: the Markdown writer's front matter. libyaml does the
 * quoting, after we pick a style that reads back as the same string. */
#include "yaml.h"

#include <yaml.h>

#include <limits.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>

#ifndef YAML_DECLARE
#error "<yaml.h> found src/yaml.h: compile with -iquote src, not -Isrc"
#endif

static int
write_buf(void *data, unsigned char *bytes, size_t size)
{
	ks_buf_put(data, bytes, size);
	return 1;
}

/* Words that a YAML 1.1 or 1.2 reader takes for null or a boolean. */
static const char *const special_words[] = {
	"null", "~", "true", "false", "yes", "no", "on", "off", "y", "n",
	".inf", "+.inf", "-.inf", ".nan", "<<", "=",
};

/* Whether s could be read as a number, date or time by some YAML reader:
 * a digit (after a sign or dot) and then only what numbers, sexagesimals,
 * dates and timestamps are made of. Errs on the side of quoting. */
static bool
looks_numeric(const char *s)
{
	const char *p;

	p = s;
	if (*p == '+' || *p == '-')
		p++;
	if (*p == '.')
		p++;
	if (*p < '0' || *p > '9')
		return false;
	for (; *p; p++)
		if (strchr("0123456789abcdefABCDEFoOxXtTzZ_.:+- ", *p) == NULL)
			return false;
	return true;
}

/* Whether s holds a character that plain or single-quoted style cannot
 * carry as is: line breaks (also NEL, LS, PS), other controls, DEL. */
static bool
needs_escapes(const char *s)
{
	const unsigned char *p;

	for (p = (const unsigned char *)s; *p; p++) {
		if (*p < 0x20 || *p == 0x7F)
			return true;
		if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] < 0xA0)
			return true;
		if (p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0xA8 ||
		    p[2] == 0xA9))
			return true;
		if (p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
			return true;
	}
	return false;
}

/* The style for a scalar: plain only when it surely reads back as the same
 * string; libyaml may still move to a safer style. */
static yaml_scalar_style_t
pick_style(const char *s)
{
	size_t n;

	if (needs_escapes(s))
		return YAML_DOUBLE_QUOTED_SCALAR_STYLE;
	n = strlen(s);
	if (n == 0 || strchr("-?:,[]{}#&*!|>'\"%@` ", s[0]) != NULL ||
	    s[n - 1] == ':' || s[n - 1] == ' ' || strstr(s, ": ") != NULL ||
	    strstr(s, " #") != NULL || looks_numeric(s))
		return YAML_SINGLE_QUOTED_SCALAR_STYLE;
	for (size_t i = 0; i < sizeof(special_words) / sizeof(*special_words);
	    i++)
		if (strcasecmp(s, special_words[i]) == 0)
			return YAML_SINGLE_QUOTED_SCALAR_STYLE;
	return YAML_PLAIN_SCALAR_STYLE;
}

/* Emits s as a scalar; an empty plain one reads back as no value.
 * Returns 0, or -1 when libyaml refuses (invalid UTF-8, too long). */
static int
emit_scalar(yaml_emitter_t *e, const char *s, bool none)
{
	yaml_event_t ev;
	size_t n;

	n = strlen(s);
	if (n > INT_MAX)
		return -1;
	if (!yaml_scalar_event_initialize(&ev, NULL, NULL,
	    (const yaml_char_t *)s, (int)n, 1, 1,
	    none ? YAML_PLAIN_SCALAR_STYLE : pick_style(s)))
		return -1;
	return yaml_emitter_emit(e, &ev) ? 0 : -1;
}

/* Emits one field: a key and its value, scalar or block sequence.
 * Returns 0, or -1 when the emitter fails. */
static int
emit_field(yaml_emitter_t *e, const struct ks_field *f)
{
	yaml_event_t ev;

	if (emit_scalar(e, f->key, false) != 0)
		return -1;
	if (!f->is_list && f->values.len <= 1)
		return emit_scalar(e, f->values.len ? f->values.v[0] : "",
		    f->values.len == 0);
	if (!yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
	    YAML_BLOCK_SEQUENCE_STYLE) || !yaml_emitter_emit(e, &ev))
		return -1;
	for (size_t i = 0; i < f->values.len; i++)
		if (emit_scalar(e, f->values.v[i], false) != 0)
			return -1;
	if (!yaml_sequence_end_event_initialize(&ev) ||
	    !yaml_emitter_emit(e, &ev))
		return -1;
	return 0;
}

int
ks_yaml_emit_fields(const struct ks_fields *fields, struct ks_buf *out)
{
	yaml_emitter_t e;
	yaml_event_t ev;
	size_t start;
	int rc;

	/* libyaml would write "{}": an empty front matter says it better. */
	if (fields->len == 0)
		return 0;
	rc = -1;
	start = out->len;
	if (!yaml_emitter_initialize(&e))
		return -1;
	yaml_emitter_set_output(&e, write_buf, out);
	yaml_emitter_set_unicode(&e, 1);
	yaml_emitter_set_width(&e, -1);
	yaml_emitter_set_break(&e, YAML_LN_BREAK);

	if (!yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING) ||
	    !yaml_emitter_emit(&e, &ev))
		goto out;
	if (!yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1) ||
	    !yaml_emitter_emit(&e, &ev))
		goto out;
	if (!yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
	    YAML_BLOCK_MAPPING_STYLE) || !yaml_emitter_emit(&e, &ev))
		goto out;
	for (size_t i = 0; i < fields->len; i++)
		if (emit_field(&e, &fields->v[i]) != 0)
			goto out;
	if (!yaml_mapping_end_event_initialize(&ev) ||
	    !yaml_emitter_emit(&e, &ev))
		goto out;
	if (!yaml_document_end_event_initialize(&ev, 1) ||
	    !yaml_emitter_emit(&e, &ev))
		goto out;
	if (!yaml_stream_end_event_initialize(&ev) ||
	    !yaml_emitter_emit(&e, &ev) || !yaml_emitter_flush(&e))
		goto out;
	rc = 0;
out:
	yaml_emitter_delete(&e);
	if (rc != 0)
		ks_buf_truncate(out, start);
	return rc;
}
