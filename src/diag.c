/* Diagnostics to standard error, counted so the CLI can pick its exit code.
 * A thread reading an article captures its messages instead, so they can
 * be printed in input order whatever the threads' timing. */
#include "diag.h"

#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static int		quiet;
static atomic_size_t	nerrors;
static atomic_size_t	nwarnings;
static _Thread_local struct ks_buf *capture;

/*
 * A file name, or a value quoted in a message, may hold a newline or a
 * terminal escape: shown raw it would split the message or reach the
 * terminal, so control bytes are written as \xNN. In a path a backslash
 * is doubled too, so the form stays unambiguous there.
 */
static void
put_escaped(struct ks_buf *b, const char *s, size_t len, bool path)
{
	size_t start = 0;

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c >= 0x20 && c != 0x7F) && !(path && c == '\\'))
			continue;
		ks_buf_put(b, s + start, i - start);
		if (c == '\\')
			ks_buf_puts(b, "\\\\");
		else
			ks_buf_printf(b, "\\x%02x", c);
		start = i + 1;
	}
	if (len > start)
		ks_buf_put(b, s + start, len - start);
}

void
ks_diag(enum ks_level level, const char *path, size_t line, const char *fmt, ...)
{
	struct ks_buf msg = KS_BUF_INIT, text = KS_BUF_INIT;
	va_list ap;

	if (level == KS_ERROR)
		nerrors++;
	else
		nwarnings++;
	if (level == KS_WARNING && quiet)
		return;
	ks_buf_puts(&msg, "ksconv: ");
	if (path != NULL) {
		put_escaped(&msg, path, strlen(path), true);
		if (line > 0)
			ks_buf_printf(&msg, ":%zu", line);
		ks_buf_puts(&msg, ": ");
	}
	ks_buf_puts(&msg, level == KS_ERROR ? "error: " : "warning: ");
	va_start(ap, fmt);
	ks_buf_vprintf(&text, fmt, ap);
	va_end(ap);
	put_escaped(&msg, text.ptr, text.len, false);
	ks_buf_free(&text);
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
