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

/* Creates folder path if missing (not its parents). Returns 0, or -1
 * after reporting. */
int	ks_output_mkdir(const char *path);

#endif
