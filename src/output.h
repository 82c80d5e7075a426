/* Outputs that cannot be lost: written to a temporary file in the same
 * folder, flushed to disk, then renamed over the old one. */
#ifndef KS_OUTPUT_H
#define KS_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "buf.h"

/*
 * Writes data[0..len) to path atomically ("-" is standard output).
 * Returns 0, or -1 after reporting "ksconv: PATH: error: ..."; then the
 * temporary file is removed and an older file at path is untouched.
 */
int	ks_output_write(const char *path, const char *data, size_t len);

/*
 * A folder of many files (Markdown, html pages): an fsync per file costs
 * more than the whole conversion, so each file goes to a temporary in its
 * folder unsynced; every KS_OUTPUT_BATCH_CHUNK files (or chunk) one
 * syncfs makes them durable, and its files are renamed into place a few
 * per file written after it; commit flushes and renames the rest. Files
 * of a run that fails later still land when commit is called; free
 * removes the temporaries not renamed.
 */
struct ks_output_batch {
	/* Each temporary's path, NUL-ended, then the path it becomes, one
	 * pair after another in one buffer (a large run writes a hundred
	 * thousand: two small blocks for each fragmented the heap). */
	struct ks_buf	 names;
	size_t		*at;		/* where each starts in names */
	size_t		 len;
	size_t		 cap;
	size_t		 synced;	/* [0, synced) are flushed */
	size_t		 renamed;	/* [0, renamed) are in place */
	bool		 unsynced;	/* a flush failed: wait for commit */
	size_t		 chunk;		/* files per flush; 0: the default */
};

#define KS_OUTPUT_BATCH_INIT { KS_BUF_INIT, NULL, 0, 0, 0, 0, false, 0 }

/* Files written between two flushes: a syncfs costs a few milliseconds on
 * a disk, so one per 4 096 files is lost in the time spent writing them. */
#define KS_OUTPUT_BATCH_CHUNK	4096

/* Whether path is a symbolic link, after reporting it: an output renamed
 * over it would replace the link, and the file it points to, which the
 * user reads, would go stale. */
bool	ks_output_is_link(const char *path);

/* Writes data to a temporary for path, and renames a few earlier ones
 * into place. Returns 0, or -1 after reporting (no temporary is then left
 * for path; an earlier file that could not be renamed is reported). */
int	ks_output_batch_write(struct ks_output_batch *b, const char *path,
	    const char *data, size_t len);
/*
 * Writes data, the file of the input `of`, to a new temporary in folder,
 * named after no file ksconv writes (".ksconv.tmp-XXXXXX"): on a reading
 * thread, before the file's name is known. Returns the temporary's path
 * (the caller frees it, and gives it to ks_output_batch_adopt or removes
 * it), or NULL after reporting "FOLDER: error: cannot write the file of
 * OF: ..."; no temporary is left then.
 */
char	*ks_output_temp_in(const char *folder, const char *of,
	    const char *data, size_t len);
/* Removes a temporary of ks_output_temp_in that no batch adopted, and
 * frees its path: the free_part of a writer whose parts are such
 * temporaries (void *, to be one). */
void	ks_output_temp_discard(void *tmp);
/* Takes tmp, a temporary of ks_output_temp_in, as the file path; from
 * here on the batch renames or removes it. Renames a few earlier ones
 * into place, as ks_output_batch_write. A symbolic link at path is not
 * replaced: tmp is removed. Returns 0, or -1 after reporting that link or
 * an earlier file that could not be renamed. */
int	ks_output_batch_adopt(struct ks_output_batch *b, const char *tmp,
	    const char *path);
/* Flushes the file system once and renames every temporary left. Returns
 * 0, or -1 after reporting each file that could not be renamed. */
int	ks_output_batch_commit(struct ks_output_batch *b);
/* Removes the temporaries not committed and frees the batch. */
void	ks_output_batch_free(struct ks_output_batch *b);

/* Whether the folder path goes into is missing, after reporting it: a typo
 * in -o is said plainly, not as a temporary file that cannot be made. */
bool	ks_output_parent_missing(const char *path);
/* Creates folder path if missing (not its parents). Returns 0, or -1
 * after reporting. */
int	ks_output_mkdir(const char *path);

/* Writes all of data[0..len) to fd, through short writes and signals.
 * Returns 0, or -1 with errno set. */
int	ks_output_write_all(int fd, const char *data, size_t len);

/* The mode of every file ksconv writes, less the umask, as cp and cc
 * make theirs. */
#define KS_OUTPUT_MODE	0666

/*
 * Creates a new file from pattern, whose last six characters are XXXXXX
 * and become random ones (like mkstemp, but with mode less the umask, not
 * 0600, so no fchmod is needed). Returns the descriptor, or -1 with errno
 * set.
 */
int	ks_output_open_temp(char *pattern, mode_t mode);

/* Where temporary files that are not beside an output go: TMPDIR, else
 * /tmp. */
const char *ks_output_temp_dir(void);

/* A temporary file in ks_output_temp_dir() whose name starts with prefix,
 * unlinked at once, so it goes away however the run ends: for what a
 * writer spills. Returns the descriptor, or -1 with errno set. */
int	ks_output_anon_temp(const char *prefix);

#endif
