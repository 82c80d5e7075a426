/* The reading stage of a run: every input loaded, read and cleaned, by
 * several threads when asked, and handed on strictly in input order so
 * the output never depends on the threads' timing. */
#ifndef KS_RUN_H
#define KS_RUN_H

#include <stdbool.h>

#include "article.h"
#include "inputs.h"
#include "settings.h"

/* Called on the reading thread right after an article is read: the work
 * on it that depends on no other article, so it runs in parallel; it may
 * also drop what of a delivery will not need. It may only read ctx.
 * Returns what deliver() gets with the article. */
typedef void	*(*ks_run_prepare)(void *ctx, struct ks_article *a);

/* Called in input order for each article read, input i of the list, with
 * what prepare made of it (a and prepared are the callee's to free).
 * Returns an exit status. */
typedef int	(*ks_run_deliver)(void *ctx, size_t i, struct ks_article *a,
		    void *prepared);

struct ks_run_opts {
	unsigned	jobs;		/* threads; 1 reads on the calling thread */
	bool		verbose;	/* say which file is read */
	bool		quiet;		/* no progress bar either */
};

/*
 * Reads every input with ks_read_article, prepares each article read
 * (prepare may be NULL) and delivers the articles in order; each
 * input's messages are printed just before it is delivered.
 * Returns the worst status: 1 when some input could not be read, or the
 * worst deliver() returned.
 */
int	ks_run_inputs(const struct ks_inputs *in, const struct ks_settings *s,
	    const struct ks_run_opts *o, ks_run_prepare prepare,
	    ks_run_deliver deliver, void *ctx);

/*
 * Runs task(ctx, i) for every i below n: one after another when jobs is
 * 1, else each on its own thread (the calling thread among them), all
 * at once whatever jobs is, for the few long tasks of a run's end to
 * share the cores to the last. The tasks must share nothing; each
 * one's messages are held and printed in the order of i once all are
 * done, so what a run prints never depends on the threads. Returns how
 * many tasks returned nonzero.
 */
size_t	ks_run_tasks(size_t n, unsigned jobs,
	    int (*task)(void *ctx, size_t i), void *ctx);

#endif
