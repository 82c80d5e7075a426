/* What the Atom, RSS and JSON Feed writers share: collecting one rendered
 * part per article, the feed's "now", newest-first order, --limit,
 * --split-by category, and the file names and self links of the feeds.
 * It knows no output syntax: each writer renders its own parts. */
#ifndef KS_FEED_H
#define KS_FEED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "article.h"
#include "buf.h"
#include "date.h"
#include "settings.h"
#include "strs.h"
#include "wutil.h"

/* One article's entry: its dates, and the part the writer rendered at
 * add() time (everything but the dates, which may wait for "now"). */
struct ks_feed_entry {
	size_t		 index;		/* input order */
	char		*path;		/* for messages */
	struct ks_date	 published;	/* known after ks_feed_order */
	struct ks_date	 updated;	/* a->updated, else published */
	bool		 undated;	/* published is the feed's "now" */
	struct ks_strs	 categories;	/* for --split-by category */
	void		*part;		/* the writer's; freed by free_part */
};

/* The feed being written: the main one, or one category's. */
struct ks_feed_view {
	const char		 *path;		/* the output file, "-" = stdout */
	const char		 *id;		/* the feed's id */
	const char		 *title;
	const char		 *category;	/* NULL for the main feed */
	char			 *self;		/* this file's URL, or NULL */
	struct ks_date		  updated;	/* the newest entry's update */
	struct ks_feed_entry	**v;		/* newest first, --limit applied */
	size_t			  len;
};

struct ks_feed;

/* Renders one feed document into out. Returns 0, or -1 after reporting. */
typedef int (*ks_feed_render_fn)(const struct ks_feed *f,
	    const struct ks_feed_view *view, struct ks_buf *out);

struct ks_feed {
	const struct ks_settings *s;
	const char		 *format;	/* "atom", for messages */
	const char		 *ext;		/* ".atom", for split feeds */
	char			 *output;
	char			 *lang;		/* s->lang, else the first article's;
						 * NULL when neither is a valid tag */
	struct ks_wu_slugs	  slugs;	/* the html writer's page names */
	struct ks_feed_entry	**v;
	size_t			  len;
	size_t			  cap;
	int64_t			  now;		/* set by ks_feed_order */
	void			(*free_part)(void *part);
};

/*
 * Starts a feed written to output. Warns when there is no base URL; fails
 * (after reporting) when --split-by needs a file and output is stdout.
 * Returns 0 or -1.
 */
int	ks_feed_init(struct ks_feed *f, const struct ks_settings *s,
	    const char *output, const char *format, const char *ext,
	    void (*free_part)(void *));

/*
 * Adds an entry for a (in input order) and returns it, for the caller to
 * set its part; *link is the entry's link (the caller frees it) or NULL.
 */
struct ks_feed_entry *ks_feed_add(struct ks_feed *f,
	    const struct ks_article *a, char **link);

/* The categories and tags of a, each once, in order. The caller frees
 * the list with ks_strs_free. */
void	ks_feed_terms(const struct ks_article *a, struct ks_strs *out);

/* tag as a language tag RFC 4287 and RSS readers accept ("zh_CN" becomes
 * "zh-CN"), or NULL when it cannot be one. The caller frees. */
char	*ks_feed_lang(const char *tag);

/* The article's full body as the HTML every feed carries (remote images
 * kept unless --images says link or drop). The caller frees it. */
char	*ks_feed_content_html(const struct ks_settings *s,
	    const struct ks_article *a);

/*
 * Dates the undated entries with the feed's "now" (warning once for each),
 * sorts newest first, then renders and writes the main feed and, with
 * --split-by category, one feed per category next to it, each atomically.
 * Returns 0, or -1 after reporting.
 */
int	ks_feed_write(struct ks_feed *f, ks_feed_render_fn render);

/* Frees everything but the struct. */
void	ks_feed_free(struct ks_feed *f);

/* The feed's "now" as a date (UTC). */
struct ks_date ks_feed_date(int64_t utc);

#endif
