/* The progress bar: done/total, articles per second, time left. */
#include "progress.h"

#include <time.h>
#include <unistd.h>

#define BAR_WIDTH 30

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void
ks_progress_start(struct ks_progress *p, size_t total, bool quiet)
{
	p->out = stderr;
	p->enabled = !quiet && isatty(STDERR_FILENO);
	p->shown = false;
	p->total = total;
	p->start = p->last = now();
}

void
ks_progress_update(struct ks_progress *p, size_t done)
{
	double t, rate, left;
	size_t fill;

	if (!p->enabled || p->total == 0)
		return;
	t = now();
	if (t - p->start < 1.0 || (t - p->last < 0.1 && done < p->total))
		return;
	p->last = t;
	rate = (double)done / (t - p->start);
	left = rate > 0 ? (double)(p->total - done) / rate : 0;
	fill = done * BAR_WIDTH / p->total;
	fprintf(p->out, "\r[%.*s%*s] %zu/%zu articles, %.0f/s, %.0fs left\033[K",
	    (int)fill, "##############################",
	    (int)(BAR_WIDTH - fill), "", done, p->total, rate, left);
	fflush(p->out);
	p->shown = true;
}

void
ks_progress_clear(struct ks_progress *p)
{
	if (p->shown) {
		fputs("\r\033[K", p->out);
		fflush(p->out);
		p->shown = false;
	}
}
