/* Diagnostics to standard error, counted so the CLI can pick its exit code.
 * A thread reading an article captures its messages instead, so they can
 * be printed in input order whatever the threads' timing. */
#include "diag.h"

#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>

static int		quiet;
static atomic_size_t	nerrors;
static atomic_size_t	nwarnings;
static _Thread_local struct ks_buf *capture;

void
ks_diag(enum ks_level level, const char *path, size_t line, const char *fmt, ...)
{
	struct ks_buf msg = KS_BUF_INIT;
	va_list ap;

	if (level == KS_ERROR)
		nerrors++;
	else
		nwarnings++;
	if (level == KS_WARNING && quiet)
		return;
	ks_buf_puts(&msg, "ksconv: ");
	if (path != NULL) {
		if (line > 0)
			ks_buf_printf(&msg, "%s:%zu: ", path, line);
		else
			ks_buf_printf(&msg, "%s: ", path);
	}
	ks_buf_puts(&msg, level == KS_ERROR ? "error: " : "warning: ");
	va_start(ap, fmt);
	ks_buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	ks_buf_putc(&msg, '\n');
	if (capture != NULL)
		ks_buf_put(capture, msg.ptr, msg.len);
	else
		fputs(msg.ptr, stderr);
	ks_buf_free(&msg);
}

void
ks_diag_capture(struct ks_buf *to)
{
	capture = to;
}

void
ks_diag_set_quiet(int q)
{
	quiet = q;
}

size_t
ks_diag_errors(void)
{
	return nerrors;
}

size_t
ks_diag_warnings(void)
{
	return nwarnings;
}

void
ks_diag_reset(void)
{
	nerrors = nwarnings = 0;
}
