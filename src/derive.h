/* Metadata derived from an article's text: title, language, summary, id,
 * slug and the duplicate key. Pure functions of their inputs. */
#ifndef KS_DERIVE_H
#define KS_DERIVE_H

#include <stddef.h>
#include <stdint.h>

#include "article.h"

/* The first sentence of text (plain, valid UTF-8): up to the first
 * 。！？!? (or ". " after a Latin word), with closing quotes kept, cut at 60
 * characters with "…". NULL when text has no letters. The caller frees. */
char	*ks_derive_title(const char *text);

/* "zh" when Han dominates, "ja" when kana appears, "ko" for hangul, "en"
 * when Latin letters dominate, else "und". Returns a static string. */
const char *ks_derive_lang(const char *text);

/* At most max_chars characters of plain text with white space folded, cut
 * at a word or character boundary with "…" when longer. The caller frees. */
char	*ks_derive_summary(const char *text, size_t max_chars);

/* A name-based (v5, SHA-1) UUID of the ksconv namespace, base_url (may be
 * NULL) and key, as "urn:uuid:xxxxxxxx-xxxx-5xxx-xxxx-xxxxxxxxxxxx".
 * The caller frees. */
char	*ks_derive_uuid(const char *base_url, const char *key);

/*
 * A file-name slug: CJK letters, Latin letters (lower-cased ASCII) and
 * digits kept, every other run turned into one '-', no leading or
 * trailing '-', cut at a character boundary to at most max_bytes bytes.
 * Never contains '/', '\\', "..", or a leading dot; "article" when nothing
 * is left. The caller frees.
 */
char	*ks_derive_slug(const char *title, size_t max_bytes);

/* A 64-bit FNV-1a hash of text with all white space removed and ASCII
 * lower-cased: equal for "the same normalized text". */
uint64_t ks_derive_text_hash(const char *text);

/*
 * Fills what the article lacks, from its body: title (derived, marked),
 * lang (detected, unless given), summary, id (given_id when it is an
 * absolute URI, else ks_derive_uuid(base_url, given_id or link or key)),
 * and text_hash (of the body's text and the title, for duplicates).
 */
void	ks_derive_article(struct ks_article *a, const char *base_url);

#endif
