/* A minimal unit-test harness: each test program counts its checks and
 * prints one "NAME: N passed, N failed" line; tests/run-unit.sh adds them up. */
#ifndef KS_CHECK_H
#define KS_CHECK_H

#include <stdio.h>
#include <string.h>

static int ks_check_passed;
static int ks_check_failed;

#define CHECK(cond) do {						\
	if (cond) {							\
		ks_check_passed++;					\
	} else {							\
		ks_check_failed++;					\
		fprintf(stderr, "%s:%d: check failed: %s\n",		\
		    __FILE__, __LINE__, #cond);				\
	}								\
} while (0)

#define CHECK_STR(got, want) do {					\
	const char *g_ = (got), *w_ = (want);				\
	if ((g_ == NULL && w_ == NULL) ||				\
	    (g_ != NULL && w_ != NULL && strcmp(g_, w_) == 0)) {	\
		ks_check_passed++;					\
	} else {							\
		ks_check_failed++;					\
		fprintf(stderr, "%s:%d: %s\n  got:  %s\n  want: %s\n",	\
		    __FILE__, __LINE__, #got, g_ ? g_ : "(null)",	\
		    w_ ? w_ : "(null)");				\
	}								\
} while (0)

#define CHECK_INT(got, want) do {					\
	long long g_ = (long long)(got), w_ = (long long)(want);	\
	if (g_ == w_) {							\
		ks_check_passed++;					\
	} else {							\
		ks_check_failed++;					\
		fprintf(stderr, "%s:%d: %s\n  got:  %lld\n  want: %lld\n", \
		    __FILE__, __LINE__, #got, g_, w_);			\
	}								\
} while (0)

/* Prints the summary line and returns the exit status for main. */
static inline int
ks_check_done(const char *name)
{
	printf("%s: %d passed, %d failed\n", name, ks_check_passed,
	    ks_check_failed);
	return ks_check_failed ? 1 : 0;
}

#endif
