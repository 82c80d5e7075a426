/* Renders a body tree as HTML (feeds, the html writer) or XHTML (EPUB).
 * Only what the tree holds can come out: no attribute but href, src, alt,
 * title, start and a text-align style on table cells. */
#ifndef KS_RENDER_H
#define KS_RENDER_H

#include <stdbool.h>

#include "buf.h"
#include "node.h"
#include "settings.h"

struct ks_render_opts {
	bool		xhtml;		/* <br/>, <img .../>, <hr/> (EPUB) */
	enum ks_images	images;		/* KEEP (DEFAULT means KEEP), LINK, DROP;
					 * EMBED is the EPUB writer's business:
					 * it sets image_src below */
	int		heading_shift;	/* added to heading levels, capped at 6
					 * (chapters put the title in <h1>) */
	/* When set, called for each image URL; returns the src to use
	 * (the caller frees it) or NULL to render the image per `images`
	 * as if it were LINK. Lets the EPUB writer embed local copies. */
	char		*(*image_src)(void *ctx, const char *url);
	void		*image_ctx;
};

/* Appends the HTML of body's children (not a wrapper) to out. */
void	ks_render_html(struct ks_buf *out, const struct ks_node *body,
	    const struct ks_render_opts *o);

#endif
