/* The list of input files: named files, folders walked recursively in
 * sorted order, and standard input. */
#ifndef KS_INPUTS_H
#define KS_INPUTS_H

#include <stddef.h>
#include <sys/types.h>

#include "buf.h"

struct ks_input {
	char		*path;	/* for messages and reading; "-" is standard
				 * input */
	const char	*key;	/* the id key: path relative to its input
				 * folder (in path's block, freed with it) */
};

struct ks_file_id {
	dev_t		 dev;
	ino_t		 ino;
};

struct ks_inputs {
	struct ks_input	*v;
	size_t		 len;
	size_t		 cap;
	char		*first_folder;	/* name of the first folder given */
	struct ks_file_id *skip;	/* left out of every folder walked */
	size_t		 nskip;
};

#define KS_INPUTS_INIT { NULL, 0, 0, NULL, NULL, 0 }

/*
 * Adds arg: a file (read whatever its name), a folder (walked for .md,
 * .markdown, .html, .htm, .txt and .text files, hidden entries skipped,
 * names sorted bytewise), or "-". Returns 0, or -1 after reporting an
 * argument that does not exist or cannot be listed.
 */
int	ks_inputs_add(struct ks_inputs *in, const char *arg);
/*
 * Leaves path (a file or folder, when it exists) out of the folders walked
 * by later ks_inputs_add() calls; named as an argument, it is still read.
 */
void	ks_inputs_leave_out(struct ks_inputs *in, const char *path);
void	ks_inputs_free(struct ks_inputs *in);

/*
 * Reads the whole input into out. Returns 0, or -1 after reporting why
 * (cannot open or read, larger than max_size bytes).
 */
int	ks_input_load(const struct ks_input *in, size_t max_size,
	    struct ks_buf *out);

#endif
