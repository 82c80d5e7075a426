/* What every harness shares: the input made clean UTF-8 the way the
 * reader makes it before any parser sees it, and quiet diagnostics. */
#ifndef KS_FUZZ_UTIL_H
#define KS_FUZZ_UTIL_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "diag.h"
#include "utf8.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Appends data[0..size) to out as valid UTF-8 without bad controls, the
 * contract of every parser behind the reader (src/utf8.h). */
static inline void
fuzz_clean_text(const uint8_t *data, size_t size, struct ks_buf *out)
{
	(void)ks_utf8_repair((const char *)data, size, out, NULL);
}

/* Warnings are the common case on fuzzed input; printing them costs more
 * than the parsing. Errors still print (-close_fd_mask=2 hides them). */
static inline void
fuzz_quiet(void)
{
	ks_diag_set_quiet(1);
}

#endif
