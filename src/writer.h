/* The writer interface: every output format is one file implementing this,
 * plus one line in the registry (src/writers.c). Writers see the article
 * model and the settings only, never a reader. */
#ifndef KS_WRITER_H
#define KS_WRITER_H

#include <stdbool.h>

#include "article.h"
#include "settings.h"

struct ks_writer_class {
	const char	*name;		/* for --to */
	const char	*default_name;	/* its file or folder inside -o DIR */
	const char	*summary;	/* one line for --list-formats */
	bool		 folder;	/* writes a folder of files */
	bool		 to_stdout;	/* alone without -o: standard output */

	/*
	 * Starts a run writing to output (a file, "-" for standard output, or
	 * a folder for folder writers). Returns the writer's state, or NULL
	 * after reporting why it cannot start.
	 */
	void	*(*begin)(const struct ks_settings *s, const char *output);
	/*
	 * Optional (NULL: add() gets a NULL part). Renders, on a reading
	 * thread, the part of one article that needs nothing but the article,
	 * the settings and what begin() set up, so that work runs in
	 * parallel too; several articles are prepared at once, so it only
	 * reads state. Returns the part for add(); free_part frees one that
	 * add() never gets (the article was a duplicate).
	 */
	void	*(*prepare)(const void *state, const struct ks_settings *s,
		    const struct ks_article *a);
	void	 (*free_part)(void *part);
	/*
	 * Takes one article's part (prepare's, whose owner it becomes, or
	 * NULL) and does the rest; it reads the article's body only when it
	 * got no part (when every writer got one, the body is freed on the
	 * reading thread already). Articles come in input order.
	 * Returns 0, or -1 after reporting an error (the run then exits 2).
	 */
	int	 (*add)(void *state, const struct ks_article *a, void *part);
	/* Orders the parts and writes the output atomically. Returns 0 or -1
	 * after reporting; on -1 no half-written output is left. It may run
	 * on another thread, beside the other writers' finish: it touches
	 * nothing but its state. */
	int	 (*finish)(void *state);
	/* Frees the state (after finish, or instead of it). */
	void	 (*free)(void *state);
};

/* The registry, ending with NULL. */
extern const struct ks_writer_class *const ks_writers[];

/* The writer called name, or NULL. */
const struct ks_writer_class *ks_writer_find(const char *name);

/* prepare() when the writer has one, then add(), on the calling thread:
 * for callers that hand over articles one at a time. */
int	ks_writer_add(const struct ks_writer_class *w, void *state,
	    const struct ks_settings *s, const struct ks_article *a);

#endif
