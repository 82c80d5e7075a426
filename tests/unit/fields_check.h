/* Helpers for the front-matter parser tests: capture the messages a
 * parser prints, and read fields back by key. */
#ifndef KS_FIELDS_CHECK_H
#define KS_FIELDS_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "diag.h"
#include "fields.h"

static struct ks_buf captured_messages;

/* Collects this thread's messages until captured(). */
static void
capture(void)
{
	ks_buf_clear(&captured_messages);
	ks_diag_capture(&captured_messages);
}

/* Stops collecting; returns the messages (valid until the next capture). */
static const char *
captured(void)
{
	ks_diag_capture(NULL);
	return ks_buf_cstr(&captured_messages);
}

/* The i-th value of the last field called key, or NULL. */
static const char *
val(const struct ks_fields *f, const char *key, size_t i)
{
	const struct ks_field *fl = ks_fields_get(f, key);

	return fl && i < fl->values.len ? fl->values.v[i] : NULL;
}

/* How many values the field has; (size_t)-1 when there is no such key. */
static size_t
nvals(const struct ks_fields *f, const char *key)
{
	const struct ks_field *fl = ks_fields_get(f, key);

	return fl ? fl->values.len : (size_t)-1;
}

static bool
is_list(const struct ks_fields *f, const char *key)
{
	const struct ks_field *fl = ks_fields_get(f, key);

	return fl && fl->is_list;
}

#endif
