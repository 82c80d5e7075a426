/* Collection settings. */
#include "settings.h"

#include <stdlib.h>

void
ks_settings_free(struct ks_settings *s)
{
	free(s->title);
	free(s->subtitle);
	free(s->author);
	free(s->lang);
	free(s->base_url);
	free(s->id);
	free(s->group_by);
	free(s->image_cache);
	s->group_by = s->image_cache = NULL;
	s->title = s->subtitle = s->author = s->lang = s->base_url = NULL;
	s->id = NULL;
}
