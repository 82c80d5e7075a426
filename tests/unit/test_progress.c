/* The progress bar: drawn only when enabled, not in the first second, at
 * most ten times a second but always at the end, erased once. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "progress.h"

/* What has been written to f since its start, as a string (freed by the
 * caller); f is then emptied. */
static char *
drain(FILE *f)
{
	long len;
	char *s;

	fflush(f);
	len = ftell(f);
	s = calloc(1, (size_t)len + 1);
	rewind(f);
	if (len > 0 && fread(s, 1, (size_t)len, f) != (size_t)len)
		s[0] = '\0';
	rewind(f);
	if (ftruncate(fileno(f), 0) != 0)
		s[0] = '\0';
	return s;
}

/* Whether what was written to f since it was last drained is want. */
static bool
drained_is(FILE *f, const char *want)
{
	char *s = drain(f);
	bool same = strcmp(s, want) == 0;

	if (!same)
		fprintf(stderr, "progress drew \"%s\"\n", s);
	free(s);
	return same;
}

/* A bar started `ago` seconds back, drawing into out whatever stderr is. */
static void
start_at(struct ks_progress *p, size_t total, double ago, FILE *out)
{
	ks_progress_start(p, total, false);
	p->enabled = true;
	p->out = out;
	p->start -= ago;
	p->last -= ago;
}

int
main(void)
{
	struct ks_progress p;
	FILE *out = tmpfile();
	char *s, *after;
	int fill = -1;
	unsigned done = 0, total = 0;
	double rate = -1, left = -1;

	if (out == NULL) {
		perror("tmpfile");
		return 1;
	}

	/* Only on a terminal, never with -q. */
	ks_progress_start(&p, 10, false);
	CHECK(p.enabled == (isatty(STDERR_FILENO) != 0));
	ks_progress_start(&p, 10, true);
	CHECK(!p.enabled);
	p.out = out;
	p.start -= 5;
	ks_progress_update(&p, 5);
	ks_progress_clear(&p);
	CHECK(drained_is(out, ""));

	/* Nothing in the first second, though the last drawing (none) is
	 * long past. */
	start_at(&p, 10, 0.5, out);
	p.last -= 1;
	ks_progress_update(&p, 9);
	CHECK(drained_is(out, ""));
	CHECK(!p.shown);

	/* After it: done/total, the rate, the time left, a bar of 30. */
	start_at(&p, 10, 2, out);
	ks_progress_update(&p, 5);
	s = drain(out);
	CHECK(p.shown);
	CHECK(strncmp(s, "\r[###############               ] 5/10 articles, ",
	    strlen("\r[###############               ] 5/10 articles, "))
	    == 0);
	after = strchr(s, ']');
	CHECK(after != NULL && sscanf(after,
	    "] %u/%u articles, %lf/s, %lfs left%n",
	    &done, &total, &rate, &left, &fill) == 4);
	CHECK_INT(done, 5);
	CHECK_INT(total, 10);
	/* 5 in a little over 2 s: 2 or 3 a second, 2 s left. */
	CHECK(rate >= 2 && rate <= 3);
	CHECK(left >= 1 && left <= 3);
	CHECK(fill > 0 && strcmp(after + fill, "\033[K") == 0);
	free(s);

	/* Not again within a tenth of a second, but always at the end. */
	ks_progress_update(&p, 6);
	CHECK(drained_is(out, ""));
	ks_progress_update(&p, 10);
	s = drain(out);
	CHECK(strncmp(s, "\r[##############################] 10/10 articles, ",
	    strlen("\r[##############################] 10/10 articles, "))
	    == 0);
	CHECK(strstr(s, ", 0s left\033[K") != NULL);
	free(s);

	/* Erased once, so a message starts on a clean line. */
	ks_progress_clear(&p);
	ks_progress_clear(&p);
	CHECK(drained_is(out, "\r\033[K"));
	CHECK(!p.shown);

	/* No articles: no bar, nothing to erase. */
	start_at(&p, 0, 2, out);
	ks_progress_update(&p, 0);
	ks_progress_clear(&p);
	CHECK(drained_is(out, ""));

	fclose(out);
	return ks_check_done("progress");
}
