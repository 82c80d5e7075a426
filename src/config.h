/* The YAML config file (--config): the same settings as the options. */
#ifndef KS_CONFIG_H
#define KS_CONFIG_H

#include <stdbool.h>

#include "settings.h"

/* The settings given as options, whose values (a default one too, as
 * --limit 0 or --images keep) the file does not change. */
struct ks_config_given {
	bool	images;
	bool	offset;
	bool	limit;
};

/*
 * Reads path into s, setting only what s does not have yet and given does
 * not name (so options set first win); sets given for what it sets. Keys:
 * title, subtitle, author, lang, base_url, id, limit, images, timezone
 * (+hh:mm for zone-less dates), max_size. Unknown keys are warnings.
 * Returns 0, or -1 after reporting.
 */
int	ks_config_load(const char *path, struct ks_settings *s,
	    struct ks_config_given *given);

/* Parses "+08:00", "-0500", "UTC", "Z" into minutes. Returns 0 or -1. */
int	ks_config_parse_offset(const char *s, int *minutes);

/* Parses "keep", "link", "drop", "embed". Returns 0 or -1. */
int	ks_config_parse_images(const char *s, enum ks_images *out);

/* Parses a whole non-negative decimal number. Returns 0 or -1. */
int	ks_config_parse_size(const char *s, size_t *out);

#endif
