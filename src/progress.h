/* A one-line progress bar on standard error: only on a terminal, only
 * after the first second, never with -q. */
#ifndef KS_PROGRESS_H
#define KS_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct ks_progress {
	FILE	*out;		/* stderr */
	bool	enabled;	/* stderr is a terminal and not quiet */
	bool	shown;		/* a bar is on the screen now */
	size_t	total;
	double	start;		/* seconds, monotonic */
	double	last;		/* when the bar was last drawn */
};

void	ks_progress_start(struct ks_progress *p, size_t total, bool quiet);
/* Redraws the bar for `done` articles when it is due (10 times a second). */
void	ks_progress_update(struct ks_progress *p, size_t done);
/* Erases the bar so a message can be printed on a clean line. */
void	ks_progress_clear(struct ks_progress *p);

#endif
