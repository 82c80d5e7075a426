/* Reading in parallel, delivering in order: workers take inputs from a
 * window ahead of the consumer, so memory stays bounded by the window;
 * the consumer reads from it too while its next article is not ready. */
#include "run.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "progress.h"
#include "reader.h"
#include "xalloc.h"

#define WINDOW_PER_JOB 4

struct slot {
	struct ks_article	*a;	/* NULL: the input could not be read */
	void			*prepared;
	struct ks_buf		 msgs;	/* its diagnostics, in order */
	bool			 ready;
};

struct pool {
	const struct ks_inputs		*in;
	const struct ks_settings	*s;
	const struct ks_run_opts	*o;
	ks_run_prepare			 prepare;
	ks_run_deliver			 deliver;
	void				*ctx;
	pthread_mutex_t			 mu;
	pthread_cond_t			 ready;	/* slot `awaited` was filled */
	pthread_cond_t			 space;	/* a slot was emptied */
	struct slot			*slots;	/* a ring of `window` */
	size_t				 window;
	size_t				 next;	/* the next input to take */
	size_t				 consumed;
	/* The input the consumer sleeps for, or SIZE_MAX: only its slot
	 * wakes it, so it sleeps about once per article, not per slot. */
	size_t				 awaited;
};

/* Reads input i into slot (outside any lock). */
static void
read_one(const struct pool *p, size_t i, struct slot *out)
{
	const struct ks_input *in = &p->in->v[i];
	const char *name = strcmp(in->path, "-") == 0 ? "<stdin>" : in->path;
	struct ks_buf data = KS_BUF_INIT;

	ks_diag_capture(&out->msgs);
	if (p->o->verbose)
		ks_buf_printf(&out->msgs, "ksconv: reading %s\n", name);
	out->a = NULL;
	if (ks_input_load(in, p->s->max_size, &data) == 0)
		ks_read_article(name, in->key, ks_buf_cstr(&data), data.len,
		    p->s, &out->a);
	if (out->a != NULL && p->prepare != NULL)
		out->prepared = p->prepare(p->ctx, out->a);
	ks_diag_capture(NULL);
	ks_buf_free(&data);
}

/*
 * With p->mu held: takes the next input and reads it into its slot (the
 * lock released meanwhile, held again on return), waking the consumer
 * when it waits for that one.
 */
static void
take_next(struct pool *p)
{
	struct slot result;
	size_t i = p->next++;

	pthread_mutex_unlock(&p->mu);
	memset(&result, 0, sizeof(result));
	read_one(p, i, &result);
	pthread_mutex_lock(&p->mu);
	result.ready = true;
	p->slots[i % p->window] = result;
	if (p->awaited == i)
		pthread_cond_signal(&p->ready);
}

/* Is there an input to take, with room for it in the window? */
static bool
can_take(const struct pool *p)
{
	return p->next < p->in->len && p->next < p->consumed + p->window;
}

static void *
worker(void *arg)
{
	struct pool *p = arg;

	pthread_mutex_lock(&p->mu);
	while (p->next < p->in->len) {
		if (can_take(p))
			take_next(p);
		else
			pthread_cond_wait(&p->space, &p->mu);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

/* Prints a slot's messages and delivers its article. */
static int
consume(const struct pool *p, size_t i, struct slot *sl,
    struct ks_progress *pr)
{
	int status = 1;

	if (sl->msgs.len > 0) {
		ks_progress_clear(pr);
		fputs(sl->msgs.ptr, stderr);
	}
	ks_buf_free(&sl->msgs);
	if (sl->a != NULL)
		status = p->deliver(p->ctx, i, sl->a, sl->prepared);
	sl->a = NULL;
	sl->prepared = NULL;
	return status;
}

static int
run_serial(const struct pool *p, struct ks_progress *pr)
{
	int status = 0, rc;

	for (size_t i = 0; i < p->in->len; i++) {
		struct slot sl;

		memset(&sl, 0, sizeof(sl));
		read_one(p, i, &sl);
		if ((rc = consume(p, i, &sl, pr)) > status)
			status = rc;
		ks_progress_update(pr, i + 1);
	}
	return status;
}

int
ks_run_inputs(const struct ks_inputs *in, const struct ks_settings *s,
    const struct ks_run_opts *o, ks_run_prepare prepare,
    ks_run_deliver deliver, void *ctx)
{
	struct pool p;
	struct ks_progress pr;
	pthread_t *threads;
	unsigned jobs = o->jobs ? o->jobs : 1, started = 0;
	int status = 0, rc;

	memset(&p, 0, sizeof(p));
	p.in = in;
	p.s = s;
	p.o = o;
	p.prepare = prepare;
	p.deliver = deliver;
	p.ctx = ctx;
	ks_progress_start(&pr, in->len, o->quiet);
	if (jobs > in->len)
		jobs = in->len ? (unsigned)in->len : 1;
	if (jobs == 1) {
		status = run_serial(&p, &pr);
		ks_progress_clear(&pr);
		return status;
	}
	p.window = (size_t)jobs * WINDOW_PER_JOB;
	p.awaited = SIZE_MAX;
	p.slots = ks_xcalloc(p.window, sizeof(*p.slots));
	pthread_mutex_init(&p.mu, NULL);
	pthread_cond_init(&p.ready, NULL);
	pthread_cond_init(&p.space, NULL);
	/* This thread reads too, between deliveries: one worker fewer. */
	threads = ks_xcalloc(jobs, sizeof(*threads));
	for (unsigned t = 0; t + 1 < jobs; t++)
		if (pthread_create(&threads[started], NULL, worker, &p) == 0)
			started++;
	if (started == 0) {
		/* No thread could start: read here instead. */
		status = run_serial(&p, &pr);
		goto out;
	}
	for (size_t i = 0; i < in->len; i++) {
		struct slot sl;

		pthread_mutex_lock(&p.mu);
		/* Reads ahead rather than sleep while input i is read. */
		while (!p.slots[i % p.window].ready) {
			if (can_take(&p)) {
				take_next(&p);
				continue;
			}
			p.awaited = i;
			pthread_cond_wait(&p.ready, &p.mu);
			p.awaited = SIZE_MAX;
		}
		sl = p.slots[i % p.window];
		memset(&p.slots[i % p.window], 0, sizeof(sl));
		p.consumed++;
		pthread_cond_broadcast(&p.space);
		pthread_mutex_unlock(&p.mu);
		if ((rc = consume(&p, i, &sl, &pr)) > status)
			status = rc;
		ks_progress_update(&pr, i + 1);
	}
out:
	for (unsigned t = 0; t < started; t++)
		pthread_join(threads[t], NULL);
	ks_progress_clear(&pr);
	free(threads);
	free(p.slots);
	pthread_cond_destroy(&p.space);
	pthread_cond_destroy(&p.ready);
	pthread_mutex_destroy(&p.mu);
	return status;
}

/* The tasks of ks_run_tasks and what became of each. */
struct tasks {
	size_t		  n;
	atomic_size_t	  next;
	int		(*task)(void *ctx, size_t i);
	void		 *ctx;
	int		 *rc;
	struct ks_buf	 *msgs;
};

static void *
task_worker(void *arg)
{
	struct tasks *t = arg;
	size_t i;

	while ((i = atomic_fetch_add(&t->next, 1)) < t->n) {
		ks_diag_capture(&t->msgs[i]);
		t->rc[i] = t->task(t->ctx, i);
		ks_diag_capture(NULL);
	}
	return NULL;
}

size_t
ks_run_tasks(size_t n, unsigned jobs, int (*task)(void *ctx, size_t i),
    void *ctx)
{
	struct tasks t = { n, 0, task, ctx, NULL, NULL };
	pthread_t *threads;
	size_t started = 0;
	size_t failed = 0;

	if (jobs <= 1 || n <= 1) {
		for (size_t i = 0; i < n; i++)
			if (task(ctx, i) != 0)
				failed++;
		return failed;
	}
	t.rc = ks_xcalloc(n, sizeof(*t.rc));
	t.msgs = ks_xcalloc(n, sizeof(*t.msgs));
	threads = ks_xcalloc(n, sizeof(*threads));
	/* A thread per task, even beyond jobs: three tasks of a size on two
	 * threads leave a core idle while the third runs alone, where three
	 * threads share both cores to the end. This thread takes tasks too. */
	for (size_t k = 0; k + 1 < n; k++)
		if (pthread_create(&threads[started], NULL, task_worker,
		    &t) == 0)
			started++;
	task_worker(&t);
	for (size_t k = 0; k < started; k++)
		pthread_join(threads[k], NULL);
	for (size_t i = 0; i < n; i++) {
		if (t.msgs[i].len > 0)
			fputs(t.msgs[i].ptr, stderr);
		ks_buf_free(&t.msgs[i]);
		if (t.rc[i] != 0)
			failed++;
	}
	free(threads);
	free(t.msgs);
	free(t.rc);
	return failed;
}
