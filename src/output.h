/* Outputs that cannot be lost: written to a temporary file in the same
 * folder, flushed to disk, then renamed over the old one. */
#ifndef KS_OUTPUT_H
#define KS_OUTPUT_H

#include <stddef.h>

/*
 * Writes data[0..len) to path atomically ("-" is standard output).
 * Returns 0, or -1 after reporting "ksconv: PATH: error: ..."; then the
 * temporary file is removed and an older file at path is untouched.
 */
int	ks_output_write(const char *path, const char *data, size_t len);

/*
 * A folder of many files (Markdown, html pages): an fsync per file costs
 * more than the whole conversion, so each file goes to a temporary beside
 * its path unsynced, and commit makes them durable with one syncfs before
 * renaming them all. Files of a run that fails later still land when
 * commit is called; free removes whatever was not committed.
 */
struct ks_output_batch {
	char	**tmp;		/* temporary files written */
	char	**dest;		/* the paths they become */
	size_t	  len;
	size_t	  cap;
};

#define KS_OUTPUT_BATCH_INIT { NULL, NULL, 0, 0 }

/* Writes data to a temporary for path. Returns 0, or -1 after reporting
 * (no temporary is then left). */
int	ks_output_batch_write(struct ks_output_batch *b, const char *path,
	    const char *data, size_t len);
/* Flushes the file system once and renames every temporary. Returns 0, or
 * -1 after reporting each file that could not be renamed. */
int	ks_output_batch_commit(struct ks_output_batch *b);
/* Removes the temporaries not committed and frees the batch. */
void	ks_output_batch_free(struct ks_output_batch *b);

/* Creates folder path if missing (not its parents). Returns 0, or -1
 * after reporting. */
int	ks_output_mkdir(const char *path);

#endif
