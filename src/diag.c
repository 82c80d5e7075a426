/* Diagnostics to standard error, counted so the CLI can pick its exit code. */
#include "diag.h"

#include <stdarg.h>
#include <stdio.h>

static int	quiet;
static size_t	nerrors;
static size_t	nwarnings;

void
ks_diag(enum ks_level level, const char *path, size_t line, const char *fmt, ...)
{
	va_list ap;

	if (level == KS_ERROR)
		nerrors++;
	else
		nwarnings++;
	if (level == KS_WARNING && quiet)
		return;
	fputs("ksconv: ", stderr);
	if (path != NULL) {
		if (line > 0)
			fprintf(stderr, "%s:%zu: ", path, line);
		else
			fprintf(stderr, "%s: ", path);
	}
	fputs(level == KS_ERROR ? "error: " : "warning: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
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
