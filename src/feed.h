/* What the Atom, RSS and JSON Feed writers share: collecting one rendered
 * part per article in a temporary file, the feed's "now", newest-first
 * order, --limit, --split-by category, the file names and self links of
 * the feeds, and streaming them out atomically. It knows no output
 * syntax: each writer renders its own parts. */
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

/*
 * One article's entry. Its part, the bytes the writer rendered (everything
 * but the dates, which may wait for "now"), is not kept in memory: parts
 * go to an anonymous temporary file (the spill) a megabyte at a time, and
 * ks_feed_finish reads them back in the feed's order. So memory holds about
 * a hundred bytes per article, however large the archive, and with --limit
 * N only the entries that may still be shown (about 2N, more when split by
 * category); a small feed never touches the disk.
 */
struct ks_feed_entry {
	size_t		 index;		/* input order */
	struct ks_date	 published;	/* undated: "now", from ks_feed_finish */
	struct ks_date	 updated;	/* a->updated, else published */
	bool		 undated;	/* published is the feed's "now" */
	size_t		*cats;		/* --split-by category: its places */
	size_t		 ncats;		/* in the feed's cats, each once */
	uint64_t	 off;		/* the part's place in the spill file */
	size_t		 len;		/* its length */
	size_t		 cut;		/* where in it the dates go */
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

/* A feed file being written: its bytes stream to a temporary file that
 * takes the feed's name when complete. */
struct ks_feed_out;

/*
 * Renders one feed document: its own bytes through ks_feed_out_put, each
 * entry's through ks_feed_out_entry. Returns 0, or -1 after reporting.
 */
typedef int (*ks_feed_render_fn)(const struct ks_feed *f,
	    const struct ks_feed_view *view, struct ks_feed_out *out);

struct ks_feed {
	const struct ks_settings *s;
	const char		 *format;	/* "atom", for messages */
	const char		 *ext;		/* ".atom", for split feeds */
	char			 *output;
	char			 *lang;		/* s->lang, else the first article's;
						 * NULL when neither is a valid tag */
	struct ks_wu_slugs	  slugs;	/* the html writer's page names */
	struct ks_feed_entry	**v;		/* with --limit, only those
						 * that may still be shown */
	size_t			  len;
	size_t			  cap;
	size_t			  added;	/* entries ever added */
	size_t			  prune_at;	/* with --limit: when len is */
	int64_t			  newest;	/* of every date added */
	struct ks_strs		  undated;	/* their paths, input order */
	struct ks_strs		  cats;		/* for --split-by category:
						 * in first-seen order */
	int64_t			  now;		/* set by ks_feed_finish */
	int			  spill;	/* the parts' file; -1 before one */
	uint64_t		  spilled;	/* its length, pending included */
	struct ks_buf		  pending;	/* parts not in it yet (~1 MB) */
	bool			  bad;		/* an entry is missing (reported):
						 * the feed is not written */
	ks_feed_render_fn	  render;	/* the writer's syntax */
};

/*
 * Starts a feed written to output, rendered by render: the state of a
 * feed writer, whose finish and free are ks_feed_finish and ks_feed_free.
 * Warns when there is no base URL. Returns NULL after reporting when
 * --split-by needs a file and output is stdout.
 */
struct ks_feed *ks_feed_begin(const struct ks_settings *s,
	    const char *output, const char *format, const char *ext,
	    ks_feed_render_fn render);

/*
 * Adds an entry for a (in input order), whose part the caller then writes
 * with ks_feed_put and ks_feed_cut and ends with ks_feed_end. *link is
 * the entry's link (the caller frees it) or NULL.
 */
struct ks_feed_entry *ks_feed_add(struct ks_feed *f,
	    const struct ks_article *a, char **link);
/* Appends bytes to the part of the entry added last. */
void	ks_feed_put(struct ks_feed *f, const void *bytes, size_t len);
void	ks_feed_puts(struct ks_feed *f, const char *s);
/* Marks the place in that part where the writer's render puts the dates
 * (ks_feed_out_entry). Without it they go at its start. */
void	ks_feed_cut(struct ks_feed *f);
/* Ends the part (and writes the pending parts to the spill once they
 * are large). Returns 0, or -1 after reporting (once) that the spill
 * could not be written. */
int	ks_feed_end(struct ks_feed *f);
/*
 * Ends an XML entry whose opening tag the caller has put and whose
 * children prepare() rendered: the dates' place marked after the tag,
 * xml with link (NULL: none) put in at byte at, then close. Returns what
 * ks_feed_end returns.
 */
int	ks_feed_end_spliced(struct ks_feed *f, const struct ks_buf *xml,
	    size_t at, const struct ks_buf *link, const char *close);
/* Marks the feed as failed, for a writer that could not render an entry
 * (and reported it): it is then not written. Returns -1. */
int	ks_feed_fail(struct ks_feed *f);

/*
 * Whether ks_feed_add will give a's entry a link. That is known before the
 * link itself, whose page name depends on the articles before: prepare()
 * can lay out an entry with or without one.
 */
bool	ks_feed_has_link(const struct ks_settings *s,
	    const struct ks_article *a);

/* The categories and tags of a, each once, in order. The caller frees
 * the list with ks_strs_free. */
void	ks_feed_terms(const struct ks_article *a, struct ks_strs *out);

/* tag as a language tag RFC 4287 and RSS readers accept ("zh_CN" becomes
 * "zh-CN"), or NULL when it cannot be one. The caller frees. */
char	*ks_feed_lang(const char *tag);

/* The article's full body as the HTML every feed carries (remote images
 * kept unless --images says link or drop). It is valid UTF-8 without
 * what XML forbids (every text and attribute of it went through the
 * escapers), so writers need not clean it again. The caller frees it. */
char	*ks_feed_content_html(const struct ks_settings *s,
	    const struct ks_article *a);

/*
 * Dates the undated entries with the feed's "now" (warning once for each),
 * sorts newest first, then renders and writes the main feed and, with
 * --split-by category, one feed per category next to it, each atomically.
 * Returns 0, or -1 after reporting.
 */
int	ks_feed_finish(void *state);

/* Appends bytes of the feed document. Errors are reported once and make
 * ks_feed_finish fail; the render goes on regardless. */
void	ks_feed_out_put(struct ks_feed_out *o, const void *bytes, size_t len);
void	ks_feed_out_puts(struct ks_feed_out *o, const char *s);
/* Appends e's part, read back from the spill file, with dates (the
 * writer's markup of e's dates) at the part's cut. */
void	ks_feed_out_entry(struct ks_feed_out *o, const struct ks_feed_entry *e,
	    const char *dates);

/* Frees the feed ks_feed_begin made (NULL is fine). */
void	ks_feed_free(void *state);

/* The feed's "now" as a date (UTC). */
struct ks_date ks_feed_date(int64_t utc);

#endif
