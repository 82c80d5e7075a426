/* An open-addressing hash set of article text (or id) hashes. */
#include "seen.h"

#include <stdlib.h>

#include "xalloc.h"

static struct ks_seen_slot *
find(struct ks_seen_slot *v, size_t cap, uint64_t hash)
{
	size_t i = (size_t)hash & (cap - 1);

	while (v[i].path != NULL && v[i].hash != hash)
		i = (i + 1) & (cap - 1);
	return &v[i];
}

static void
grow(struct ks_seen *s)
{
	size_t cap = s->cap ? s->cap * 2 : 64;
	struct ks_seen_slot *v = ks_xcalloc(cap, sizeof(*v));

	for (size_t i = 0; i < s->cap; i++)
		if (s->v[i].path != NULL)
			*find(v, cap, s->v[i].hash) = s->v[i];
	free(s->v);
	s->v = v;
	s->cap = cap;
}

const char *
ks_seen_check(struct ks_seen *s, uint64_t hash, const char *path)
{
	struct ks_seen_slot *slot;

	if ((s->len + 1) * 4 > s->cap * 3)
		grow(s);
	slot = find(s->v, s->cap, hash);
	if (slot->path != NULL)
		return slot->path;
	slot->hash = hash;
	slot->path = path;
	s->len++;
	return NULL;
}

void
ks_seen_free(struct ks_seen *s)
{
	free(s->v);
	s->v = NULL;
	s->len = s->cap = 0;
}

uint64_t
ks_seen_hash(const char *s)
{
	uint64_t h = UINT64_C(0xcbf29ce484222325);

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= UINT64_C(0x100000001b3);
	}
	return h;
}
