/* Diagnostics: every message ksconv prints about its input or output goes
 * through here, as "ksconv: PATH[:LINE]: error|warning: what is wrong". */
#ifndef KS_DIAG_H
#define KS_DIAG_H

#include <stddef.h>

#include "buf.h"

enum ks_level {
	KS_WARNING,
	KS_ERROR,
};

/* line 0 means "no line". path NULL means a message about ksconv itself. */
void	ks_diag(enum ks_level level, const char *path, size_t line,
	    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
#define ks_warn(path, line, ...) ks_diag(KS_WARNING, (path), (line), __VA_ARGS__)
#define ks_error(path, line, ...) ks_diag(KS_ERROR, (path), (line), __VA_ARGS__)

/* Until called again with NULL, this thread's messages are appended to
 * `to` instead of being printed. */
void	ks_diag_capture(struct ks_buf *to);
/* Quiet drops warnings (errors are always printed). */
void	ks_diag_set_quiet(int quiet);
size_t	ks_diag_errors(void);
size_t	ks_diag_warnings(void);
void	ks_diag_reset(void);

#endif
