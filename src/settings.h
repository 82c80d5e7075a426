/* Collection metadata and output options: what the command line and the
 * config file set, and what every writer reads. */
#ifndef KS_SETTINGS_H
#define KS_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum ks_images {
	KS_IMAGES_DEFAULT,	/* each writer's own default */
	KS_IMAGES_KEEP,
	KS_IMAGES_LINK,
	KS_IMAGES_DROP,
	KS_IMAGES_EMBED,
};

/* How feeds are split into extra feeds next to the main one. */
enum ks_split {
	KS_SPLIT_NONE,
	KS_SPLIT_CATEGORY,	/* --split-by category: one feed per category */
};

struct ks_settings {
	char		*title;		/* never NULL once resolved */
	char		*subtitle;
	char		*author;	/* never NULL once resolved */
	char		*lang;
	char		*base_url;
	char		*id;		/* never NULL once resolved */
	size_t		 limit;		/* feeds keep the newest N; 0 = all */
	enum ks_images	 images;
	bool		 has_epoch;	/* SOURCE_DATE_EPOCH was set */
	int64_t		 epoch;
	int		 default_offset;	/* minutes, for zone-less dates */
	size_t		 max_size;	/* bytes; larger input files are refused */
	/* Feed writers (issue 4): --no-content writes summaries only;
	 * --split-by category adds one feed per category. */
	bool		 no_content;
	enum ks_split	 split_by;
	/* EPUB writer (issue 5): --group-by month|category makes sections of
	 * the table of contents (NULL: flat); --vertical writes vertical-rl
	 * with a right-to-left page progression; --fetch-images downloads
	 * remote images for --images embed into image_cache (NULL: the
	 * user's cache folder, $XDG_CACHE_HOME/ksconv/images). */
	char		*group_by;
	bool		 vertical;
	bool		 fetch_images;
	char		*image_cache;
};

/* Frees the strings; the struct itself is the caller's. */
void	ks_settings_free(struct ks_settings *s);

#endif
