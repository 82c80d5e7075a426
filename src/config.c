/* The config file: YAML through the one YAML module, mapped onto settings. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "fields.h"
#include "inputs.h"
#include "xalloc.h"
#include "yaml.h"

int
ks_config_parse_size(const char *s, size_t *out)
{
	char *end;
	unsigned long long v;

	if (s == NULL || !isdigit((unsigned char)s[0]))
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0 || *end != '\0' || v > (size_t)-1)
		return -1;
	*out = (size_t)v;
	return 0;
}

int
ks_config_parse_images(const char *s, enum ks_images *out)
{
	static const struct {
		const char	*name;
		enum ks_images	 v;
	} names[] = {
		{ "keep", KS_IMAGES_KEEP },
		{ "link", KS_IMAGES_LINK },
		{ "drop", KS_IMAGES_DROP },
		{ "embed", KS_IMAGES_EMBED },
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(s, names[i].name) == 0) {
			*out = names[i].v;
			return 0;
		}
	return -1;
}

int
ks_config_parse_offset(const char *s, int *minutes)
{
	int sign, h, m;

	if (strcmp(s, "UTC") == 0 || strcmp(s, "Z") == 0 ||
	    strcmp(s, "GMT") == 0) {
		*minutes = 0;
		return 0;
	}
	if ((s[0] != '+' && s[0] != '-') || !isdigit((unsigned char)s[1]) ||
	    !isdigit((unsigned char)s[2]))
		return -1;
	sign = s[0] == '-' ? -1 : 1;
	h = (s[1] - '0') * 10 + (s[2] - '0');
	s += 3;
	if (*s == ':')
		s++;
	if (!isdigit((unsigned char)s[0]) || !isdigit((unsigned char)s[1]) ||
	    s[2] != '\0')
		return -1;
	m = (s[0] - '0') * 10 + (s[1] - '0');
	if (h > 18 || m > 59)
		return -1;
	*minutes = sign * (h * 60 + m);
	return 0;
}

static void
set_string(char **dst, const char *v)
{
	if (*dst == NULL && v != NULL)
		*dst = ks_xstrdup(v);
}

int
ks_config_load(const char *path, struct ks_settings *s,
    struct ks_config_given *given)
{
	struct ks_input in = { (char *)path, (char *)path };
	struct ks_buf text = KS_BUF_INIT;
	struct ks_fields f = KS_FIELDS_INIT;
	int rc = -1;

	if (ks_input_load(&in, 1 << 20, &text) != 0)
		goto out;
	if (ks_yaml_parse_fields(ks_buf_cstr(&text), text.len, path, 1, &f) != 0)
		goto out;
	for (size_t i = 0; i < f.len; i++) {
		const struct ks_field *fl = &f.v[i];
		const char *k = fl->key;
		const char *v = fl->values.len ? fl->values.v[0] : NULL;
		enum ks_images im;

		if (v == NULL) {
			continue;
		} else if (strcmp(k, "title") == 0) {
			set_string(&s->title, v);
		} else if (strcmp(k, "subtitle") == 0) {
			set_string(&s->subtitle, v);
		} else if (strcmp(k, "author") == 0) {
			set_string(&s->author, v);
		} else if (strcmp(k, "lang") == 0) {
			set_string(&s->lang, v);
		} else if (strcmp(k, "base_url") == 0) {
			set_string(&s->base_url, v);
		} else if (strcmp(k, "id") == 0) {
			set_string(&s->id, v);
		} else if (strcmp(k, "limit") == 0) {
			size_t n;

			if (ks_config_parse_size(v, &n) != 0) {
				ks_error(path, fl->line, "limit must be a "
				    "number, not '%s'", v);
				goto out;
			}
			if (!given->limit) {
				s->limit = n;
				given->limit = true;
			}
		} else if (strcmp(k, "max_size") == 0) {
			size_t n;

			if (ks_config_parse_size(v, &n) != 0 || n == 0) {
				ks_error(path, fl->line, "max_size must be a "
				    "positive number of bytes, not '%s'", v);
				goto out;
			}
			if (s->max_size == 0)
				s->max_size = n;
		} else if (strcmp(k, "images") == 0) {
			if (ks_config_parse_images(v, &im) != 0) {
				ks_error(path, fl->line, "images must be keep, "
				    "link, drop or embed, not '%s'", v);
				goto out;
			}
			if (!given->images) {
				s->images = im;
				given->images = true;
			}
		} else if (strcmp(k, "timezone") == 0) {
			int m;

			if (ks_config_parse_offset(v, &m) != 0) {
				ks_error(path, fl->line, "timezone must be an "
				    "offset like +08:00, not '%s'", v);
				goto out;
			}
			if (!given->offset) {
				s->default_offset = m;
				given->offset = true;
			}
		} else {
			ks_warn(path, fl->line, "unknown setting '%s' ignored", k);
		}
	}
	rc = 0;
out:
	ks_fields_free(&f);
	ks_buf_free(&text);
	return rc;
}
