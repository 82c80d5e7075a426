/* ks_run_tasks: with one job the tasks run in order on the calling
 * thread; with more, every task is under way at once, even when there
 * are more tasks than jobs; failures are counted. */
#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <time.h>

#include "check.h"
#include "run.h"

#define MAX_TASKS 8

struct meeting {
	pthread_mutex_t	 mu;
	pthread_cond_t	 all_in;
	size_t		 n;		/* tasks expected */
	size_t		 arrived;
	size_t		 order[MAX_TASKS];	/* i, in the order tasks began */
	pthread_t	 thread[MAX_TASKS];	/* the thread of task i */
	size_t		 fail_at;	/* this task returns 1; n: none does */
	bool		 wait;		/* wait for every task to arrive */
};

/* Arrives, and with m->wait waits up to five seconds for the others:
 * returns 1 when they did not all come, as when tasks queue behind a
 * bounded number of threads. */
static int
meet(void *ctx, size_t i)
{
	struct meeting *m = ctx;
	struct timespec until;
	int rc = 0;

	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += 5;
	pthread_mutex_lock(&m->mu);
	m->thread[i] = pthread_self();
	m->order[m->arrived++] = i;
	pthread_cond_broadcast(&m->all_in);
	while (m->wait && m->arrived < m->n && rc != ETIMEDOUT)
		rc = pthread_cond_timedwait(&m->all_in, &m->mu, &until);
	if (m->wait && m->arrived < m->n)
		rc = 1;
	else
		rc = i == m->fail_at;
	pthread_mutex_unlock(&m->mu);
	return rc;
}

static void
meeting_init(struct meeting *m, size_t n, bool wait, size_t fail_at)
{
	memset(m, 0, sizeof(*m));
	pthread_mutex_init(&m->mu, NULL);
	pthread_cond_init(&m->all_in, NULL);
	m->n = n;
	m->wait = wait;
	m->fail_at = fail_at;
}

static void
meeting_free(struct meeting *m)
{
	pthread_cond_destroy(&m->all_in);
	pthread_mutex_destroy(&m->mu);
}

int
main(void)
{
	struct meeting m;

	/* One job: in order, on this thread. */
	meeting_init(&m, 4, false, 4);
	CHECK_INT(ks_run_tasks(4, 1, meet, &m), 0);
	CHECK_INT(m.arrived, 4);
	for (size_t i = 0; i < 4; i++) {
		CHECK_INT(m.order[i], i);
		CHECK(pthread_equal(m.thread[i], pthread_self()));
	}
	meeting_free(&m);

	/* Two jobs, three tasks: all three at once (each waits for the
	 * others, which two threads taking turns would never give). */
	meeting_init(&m, 3, true, 3);
	CHECK_INT(ks_run_tasks(3, 2, meet, &m), 0);
	CHECK_INT(m.arrived, 3);
	CHECK(!pthread_equal(m.thread[0], m.thread[1]));
	CHECK(!pthread_equal(m.thread[0], m.thread[2]));
	CHECK(!pthread_equal(m.thread[1], m.thread[2]));
	meeting_free(&m);

	/* Six tasks, more jobs than that: still all at once, and a failure
	 * is counted. */
	meeting_init(&m, 6, true, 4);
	CHECK_INT(ks_run_tasks(6, 16, meet, &m), 1);
	CHECK_INT(m.arrived, 6);
	meeting_free(&m);

	/* A failure with one job. */
	meeting_init(&m, 3, false, 0);
	CHECK_INT(ks_run_tasks(3, 1, meet, &m), 1);
	meeting_free(&m);

	/* No task at all. */
	meeting_init(&m, 0, false, 0);
	CHECK_INT(ks_run_tasks(0, 2, meet, &m), 0);
	CHECK_INT(m.arrived, 0);
	meeting_free(&m);
	return ks_check_done("run");
}
