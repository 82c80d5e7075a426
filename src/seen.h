/* Duplicate detection: articles with the same normalized text are kept
 * once, and two with one id are reported. A hash set of such hashes,
 * each with the first path that had it (not a copy: a run keeps every
 * input's path anyway). */
#ifndef KS_SEEN_H
#define KS_SEEN_H

#include <stddef.h>
#include <stdint.h>

struct ks_seen_slot {
	uint64_t	 hash;
	const char	*path;	/* NULL: empty slot */
};

struct ks_seen {
	struct ks_seen_slot	*v;
	size_t			 len;
	size_t			 cap;	/* a power of two, or 0 */
};

#define KS_SEEN_INIT { NULL, 0, 0 }

/* Returns the path of an earlier article with this hash, or NULL after
 * recording path, which must outlive s, under it. */
const char	*ks_seen_check(struct ks_seen *s, uint64_t hash, const char *path);
void		 ks_seen_free(struct ks_seen *s);
/* A 64-bit hash of a string taken as it is (FNV-1a), for such a set and
 * the writers' set of page names. */
uint64_t	 ks_seen_hash(const char *s);

#endif
