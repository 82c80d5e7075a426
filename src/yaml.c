/* Reading YAML (front matter, config); with yaml_emit.c, the only files
 * that include libyaml's header. Parsing goes through libyaml's event API
 * into a small tree of our own, so that aliases are expanded by us, under
 * a budget. */
#include "yaml.h"

#include <yaml.h>

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "xalloc.h"

#ifndef YAML_DECLARE
#error "<yaml.h> found src/yaml.h: compile with -iquote src, not -Isrc"
#endif

/* Collections of any kind (block or flow) nested deeper than this are
 * refused as they come: the pre-scan only sees flow nesting, and only
 * roughly, and libyaml's cost grows with the depth of every token. */
#define MAX_NESTING	(2 * KS_YAML_MAX_DEPTH)
/* Nodes, and bytes of keys and values, that aliases may expand to in one
 * document, in all: an alias of an alias of ... (the "billion laughs")
 * stops here. */
#define MAX_EXPANDED	10000
#define MAX_EXPANDED_BYTES (4 << 20)

enum ynode_kind {
	YN_SCALAR,
	YN_SEQ,
	YN_MAP,
	YN_ALIAS,
};

struct ynode {
	enum ynode_kind	  kind;
	size_t		  line;		/* 0-based, in the text */
	char		 *text;		/* scalar */
	bool		  plain;	/* scalar written without quotes */
	struct ynode	**kids;		/* a map: key, value, ... */
	size_t		  nkids;
	size_t		  cap;
	struct ynode	 *target;	/* alias */
};

struct anchor {
	char		*name;
	struct ynode	*node;
};

struct frame {
	struct ynode	*node;
	char		*anchor;	/* registered when the node ends */
};

struct ydoc {
	const char	 *path;
	const char	 *text;
	size_t		  len;
	size_t		  first_line;
	struct ynode	**all;		/* every node, to free them */
	size_t		  nall;
	size_t		  capall;
	struct anchor	 *anchors;
	size_t		  nanchors;
	size_t		  capanchors;
	struct ynode	 *root;
	size_t		  ndocs;
	size_t		  naliases;
	size_t		  expanded;	/* nodes reached by aliases */
	size_t		  expanded_bytes; /* and their text */
	size_t		  alias_line;	/* of the alias expanded */
};

/* Grows *v (of *cap elements of size sz) to hold at least need elements. */
static void
grow(void **v, size_t *cap, size_t need, size_t sz)
{
	size_t n;

	if (need <= *cap)
		return;
	n = *cap ? *cap : 8;
	while (n < need)
		n += n / 2;
	*v = ks_xrealloc(*v, n * sz);
	*cap = n;
}

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Skips the quoted scalar that starts at s[*i], counting its line breaks
 * in *line and keeping *ls at the start of the current line. */
static void
skip_quoted(const char *s, size_t len, size_t *i, size_t *line, size_t *ls)
{
	char q;
	size_t j;

	q = s[*i];
	for (j = *i + 1; j < len; j++) {
		if (s[j] == '\n') {
			(*line)++;
			*ls = j + 1;
		} else if (q == '\'' && s[j] == '\'') {
			if (j + 1 < len && s[j + 1] == '\'')
				j++;
			else
				break;
		} else if (q == '"' && s[j] == '\\') {
			if (j + 1 < len && s[j + 1] == '\n') {
				(*line)++;
				*ls = j + 2;
			}
			j++;
		} else if (q == '"' && s[j] == '"')
			break;
	}
	*i = j < len ? j + 1 : len;
}

/*
 * Finds flow collections ("[" and "{") nested deeper than KS_YAML_MAX_DEPTH
 * in one linear pass, before libyaml sees the text (its scanner is
 * quadratic in flow depth). It knows YAML only roughly: quoted scalars,
 * comments and block scalars are skipped, and a bracket in block context
 * counts only where a node may start. The event loop checks depth again,
 * so a miss here costs time, not safety.
 * Returns true with *line (0-based) set when the text nests too deeply.
 */
static bool
flow_too_deep(const char *s, size_t len, size_t *line)
{
	size_t i, ls, ln, depth, ref, block_ref, j, k;
	bool node, in_block;
	char c;

	i = ls = ln = depth = ref = block_ref = 0;
	node = true;
	in_block = false;
	while (i < len) {
		if (i == ls) {
			for (j = i; j < len && s[j] == ' '; j++)
				continue;
			if (in_block) {
				for (k = j; k < len && is_blank(s[k]) &&
				    s[k] != '\n'; k++)
					continue;
				if (k >= len || s[k] == '\n' ||
				    j - i > block_ref) {
					for (; i < len && s[i] != '\n'; i++)
						continue;
					if (i < len) {
						ls = ++i;
						ln++;
					}
					continue;
				}
				in_block = false;
			}
			if (depth == 0) {
				node = true;
				ref = j - i;
			}
			i = j;
			if (i >= len)
				break;
		}
		c = s[i];
		if (c == '\n') {
			ls = ++i;
			ln++;
			continue;
		}
		if (c == '#' && (i == ls || s[i - 1] == ' ' ||
		    s[i - 1] == '\t')) {
			while (i < len && s[i] != '\n')
				i++;
			continue;
		}
		if (depth > 0) {
			if (c == '[' || c == '{') {
				if (++depth > KS_YAML_MAX_DEPTH) {
					*line = ln;
					return true;
				}
			} else if (c == ']' || c == '}') {
				if (--depth == 0)
					node = false;
			} else if ((c == '\'' || c == '"') && (i == ls ||
			    strchr(" \t\r[{,:", s[i - 1]) != NULL)) {
				skip_quoted(s, len, &i, &ln, &ls);
				continue;
			}
			i++;
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\r') {
			i++;
			continue;
		}
		if (node && (c == '&' || c == '!')) {
			/* An anchor or a tag: the node itself comes next. */
			while (i < len && !is_blank(s[i]))
				i++;
			continue;
		}
		if (node && (c == '[' || c == '{')) {
			depth = 1;
			i++;
			continue;
		}
		if (node && (c == '\'' || c == '"')) {
			skip_quoted(s, len, &i, &ln, &ls);
			node = false;
			continue;
		}
		if (node && (c == '|' || c == '>')) {
			in_block = true;
			block_ref = ref;
			while (i < len && s[i] != '\n')
				i++;
			continue;
		}
		if ((node && (c == '-' || c == '?')) || c == ':') {
			if (i + 1 >= len || is_blank(s[i + 1])) {
				if (c != ':')
					ref = i - ls;
				node = true;
				i++;
				continue;
			}
		}
		if (node)
			ref = i - ls;
		node = false;
		i++;
	}
	return false;
}

static struct ynode *
node_new(struct ydoc *d, enum ynode_kind kind, size_t line)
{
	struct ynode *n;

	n = ks_xcalloc(1, sizeof(*n));
	n->kind = kind;
	n->line = line;
	grow((void **)&d->all, &d->capall, d->nall + 1, sizeof(*d->all));
	d->all[d->nall++] = n;
	return n;
}

static void
doc_free(struct ydoc *d)
{
	for (size_t i = 0; i < d->nall; i++) {
		free(d->all[i]->text);
		free(d->all[i]->kids);
		free(d->all[i]);
	}
	free(d->all);
	for (size_t i = 0; i < d->nanchors; i++)
		free(d->anchors[i].name);
	free(d->anchors);
}

static void
anchor_add(struct ydoc *d, const char *name, struct ynode *n)
{
	grow((void **)&d->anchors, &d->capanchors, d->nanchors + 1,
	    sizeof(*d->anchors));
	d->anchors[d->nanchors].name = ks_xstrdup(name);
	d->anchors[d->nanchors].node = n;
	d->nanchors++;
}

/* The node of the latest anchor of this name, or NULL: an anchor of a
 * collection is only known once the collection ends, so an alias cannot
 * point into its own ancestor and the tree has no cycles. */
static struct ynode *
anchor_find(const struct ydoc *d, const char *name)
{
	for (size_t i = d->nanchors; i > 0; i--)
		if (strcmp(d->anchors[i - 1].name, name) == 0)
			return d->anchors[i - 1].node;
	return NULL;
}

static size_t
file_line(const struct ydoc *d, size_t line)
{
	return d->first_line + line;
}

static void
report_parser(const struct ydoc *d, const yaml_parser_t *p)
{
	const char *problem;
	size_t line;

	problem = p->problem ? p->problem : "cannot parse";
	if (p->error == YAML_READER_ERROR) {
		/* Reader errors have an offset, not a mark. */
		line = 0;
		for (size_t i = 0; i < p->problem_offset && i < d->len; i++)
			if (d->text[i] == '\n')
				line++;
		if (p->problem_value != -1)
			ks_error(d->path, file_line(d, line),
			    "YAML: %s (0x%X)", problem,
			    (unsigned)p->problem_value);
		else
			ks_error(d->path, file_line(d, line), "YAML: %s",
			    problem);
		return;
	}
	line = p->problem_mark.line;
	if (p->context)
		ks_error(d->path, file_line(d, line), "YAML: %s %s", problem,
		    p->context);
	else
		ks_error(d->path, file_line(d, line), "YAML: %s", problem);
}

/* Hangs n under the innermost open collection, or makes it the root.
 * Returns 0, or -1 after reporting a root that is not a mapping. */
static int
attach(struct ydoc *d, struct frame *stack, size_t depth, struct ynode *n)
{
	struct ynode *p;

	if (depth == 0) {
		if (n->kind != YN_MAP) {
			ks_error(d->path, file_line(d, n->line),
			    "YAML: the top level is not a mapping of keys to "
			    "values");
			return -1;
		}
		d->root = n;
		return 0;
	}
	p = stack[depth - 1].node;
	grow((void **)&p->kids, &p->cap, p->nkids + 1, sizeof(*p->kids));
	p->kids[p->nkids++] = n;
	return 0;
}

/* Opens a sequence or mapping: hangs it in the tree and pushes it.
 * Returns 0, or -1 after reporting nesting deeper than MAX_NESTING or a
 * root that is not a mapping. */
static int
open_node(struct ydoc *d, struct frame *stack, size_t *depth,
    enum ynode_kind kind, size_t line, const yaml_char_t *anchor)
{
	struct ynode *n;

	if (*depth == MAX_NESTING) {
		ks_error(d->path, file_line(d, line),
		    "YAML nested deeper than %d levels", MAX_NESTING);
		return -1;
	}
	n = node_new(d, kind, line);
	if (attach(d, stack, *depth, n) != 0)
		return -1;
	stack[*depth].node = n;
	stack[*depth].anchor = ks_xstrdup((const char *)anchor);
	(*depth)++;
	return 0;
}

/*
 * Adds what one event says to d's tree.
 * Returns 1 at the end of the stream, 0 for more, or -1 after reporting a
 * second document, a root that is not a mapping, nesting deeper than
 * MAX_NESTING, too many aliases or an undefined alias.
 */
static int
on_event(struct ydoc *d, const yaml_event_t *ev, struct frame *stack,
    size_t *depth)
{
	struct ynode *n;
	size_t line;

	line = ev->start_mark.line;
	switch (ev->type) {
	case YAML_STREAM_END_EVENT:
		return 1;
	case YAML_DOCUMENT_START_EVENT:
		if (++d->ndocs == 1)
			return 0;
		ks_error(d->path, file_line(d, line),
		    "YAML: more than one document");
		return -1;
	case YAML_SCALAR_EVENT:
		n = node_new(d, YN_SCALAR, line);
		n->text = ks_xstrndup((const char *)ev->data.scalar.value,
		    ev->data.scalar.length);
		n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		if (ev->data.scalar.anchor)
			anchor_add(d, (const char *)ev->data.scalar.anchor, n);
		return attach(d, stack, *depth, n);
	case YAML_SEQUENCE_START_EVENT:
		return open_node(d, stack, depth, YN_SEQ, line,
		    ev->data.sequence_start.anchor);
	case YAML_MAPPING_START_EVENT:
		return open_node(d, stack, depth, YN_MAP, line,
		    ev->data.mapping_start.anchor);
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		(*depth)--;
		if (stack[*depth].anchor) {
			anchor_add(d, stack[*depth].anchor, stack[*depth].node);
			free(stack[*depth].anchor);
		}
		return 0;
	case YAML_ALIAS_EVENT:
		if (++d->naliases > KS_YAML_MAX_ALIASES) {
			ks_error(d->path, file_line(d, line),
			    "too many YAML aliases (more than %d)",
			    KS_YAML_MAX_ALIASES);
			return -1;
		}
		n = node_new(d, YN_ALIAS, line);
		n->target = anchor_find(d, (const char *)ev->data.alias.anchor);
		if (n->target == NULL) {
			ks_error(d->path, file_line(d, line),
			    "YAML: alias *%s names no anchor before it",
			    (const char *)ev->data.alias.anchor);
			return -1;
		}
		return attach(d, stack, *depth, n);
	default:
		return 0;
	}
}

/* Reads the events of one document into d's tree.
 * Returns 0, or -1 after reporting an error (see on_event). */
static int
build(struct ydoc *d, yaml_parser_t *p)
{
	struct frame stack[MAX_NESTING];
	yaml_event_t ev;
	size_t depth;
	int rc, r;

	rc = -1;
	depth = 0;
	for (;;) {
		if (!yaml_parser_parse(p, &ev)) {
			report_parser(d, p);
			goto out;
		}
		r = on_event(d, &ev, stack, &depth);
		yaml_event_delete(&ev);
		if (r < 0)
			goto out;
		if (r > 0)
			break;
	}
	rc = 0;
out:
	while (depth > 0)
		free(stack[--depth].anchor);
	return rc;
}

/*
 * Counts a node reached through an alias, and the bytes of text it adds,
 * against MAX_EXPANDED and MAX_EXPANDED_BYTES.
 * Returns 0, or -1 after reporting that the aliases expand too far.
 */
static int
charge(struct ydoc *d, bool aliased, size_t bytes)
{
	if (!aliased)
		return 0;
	if (++d->expanded > MAX_EXPANDED) {
		ks_error(d->path, file_line(d, d->alias_line),
		    "YAML aliases expand to more than %d values",
		    MAX_EXPANDED);
		return -1;
	}
	d->expanded_bytes += bytes;
	if (d->expanded_bytes > MAX_EXPANDED_BYTES) {
		ks_error(d->path, file_line(d, d->alias_line),
		    "YAML aliases expand to more than %d bytes",
		    MAX_EXPANDED_BYTES);
		return -1;
	}
	return 0;
}

/* Follows an alias, noting where an expansion starts. */
static const struct ynode *
deref(struct ydoc *d, const struct ynode *n, bool *aliased)
{
	if (n->kind != YN_ALIAS)
		return n;
	if (!*aliased)
		d->alias_line = n->line;
	*aliased = true;
	return n->target;
}

/*
 * Appends the scalars under n to values, flattening nested sequences (and
 * taking the values of a mapping met inside a sequence, without its keys).
 * An empty plain scalar ("- " with nothing) adds nothing.
 * Returns 0, or -1 after reporting an expansion over budget.
 */
static int
collect(struct ydoc *d, const struct ynode *n, bool aliased, unsigned level,
    struct ks_strs *values)
{
	n = deref(d, n, &aliased);
	if (charge(d, aliased, n->text ? strlen(n->text) : 0) != 0)
		return -1;
	if (level > MAX_NESTING) {
		ks_error(d->path, file_line(d, d->alias_line),
		    "YAML aliases nest deeper than %d levels", MAX_NESTING);
		return -1;
	}
	switch (n->kind) {
	case YN_SCALAR:
		if (!(n->plain && n->text[0] == '\0'))
			ks_strs_push(values, n->text);
		return 0;
	case YN_SEQ:
		for (size_t i = 0; i < n->nkids; i++)
			if (collect(d, n->kids[i], aliased, level + 1,
			    values) != 0)
				return -1;
		return 0;
	case YN_MAP:
		for (size_t i = 1; i < n->nkids; i += 2)
			if (collect(d, n->kids[i], aliased, level + 1,
			    values) != 0)
				return -1;
		return 0;
	default:
		return 0;
	}
}

static int walk_map(struct ydoc *, const struct ynode *, const char *,
    bool, unsigned, struct ks_fields *);

/* A "<<" merge key: adds the keys of the mapping v, or of each mapping in
 * the sequence v, under prefix. Returns 0, or -1 as walk_map does. */
static int
merge(struct ydoc *d, const struct ynode *v, const char *prefix,
    bool aliased, unsigned level, struct ks_fields *out)
{
	const struct ynode *m;
	bool ma;

	if (v->kind == YN_MAP)
		return walk_map(d, v, prefix, aliased, level + 1, out);
	for (size_t i = 0; i < v->nkids; i++) {
		ma = aliased;
		m = deref(d, v->kids[i], &ma);
		if (m->kind == YN_MAP &&
		    walk_map(d, m, prefix, ma, level + 1, out) != 0)
			return -1;
	}
	return 0;
}

/*
 * Appends one field per key of map to out; nested mappings become dotted
 * keys under prefix (NULL at the top), a "<<" merge key adds the keys of
 * the mapping(s) it names.
 * Returns 0, or -1 after reporting a key that is not a scalar or an
 * expansion over budget.
 */
static int
walk_map(struct ydoc *d, const struct ynode *map, const char *prefix,
    bool aliased, unsigned level, struct ks_fields *out)
{
	const struct ynode *k, *v;
	struct ks_field *f;
	char *full;
	bool ka, va;
	size_t line;
	int rc;

	if (level > MAX_NESTING) {
		ks_error(d->path, file_line(d, d->alias_line),
		    "YAML aliases nest deeper than %d levels", MAX_NESTING);
		return -1;
	}
	for (size_t i = 0; i + 1 < map->nkids; i += 2) {
		ka = va = aliased;
		/* Keys reached through an alias are reported where it is. */
		line = file_line(d, aliased ? d->alias_line :
		    map->kids[i]->line);
		k = deref(d, map->kids[i], &ka);
		v = deref(d, map->kids[i + 1], &va);
		if (charge(d, ka, 0) != 0)
			return -1;
		if (k->kind != YN_SCALAR) {
			ks_error(d->path, line, "YAML: a key is not a string");
			return -1;
		}
		if (k->plain && strcmp(k->text, "<<") == 0 &&
		    (v->kind == YN_MAP || v->kind == YN_SEQ)) {
			if (merge(d, v, prefix, va, level, out) != 0)
				return -1;
			continue;
		}
		if (prefix) {
			full = ks_xmalloc(strlen(prefix) + strlen(k->text) + 2);
			strcpy(full, prefix);
			strcat(full, ".");
			strcat(full, k->text);
		} else
			full = ks_xstrdup(k->text);
		/* Keys grow with the path: an expanded one costs all of it. */
		rc = charge(d, va, strlen(full) + (v->text ?
		    strlen(v->text) : 0));
		if (rc != 0) {
			free(full);
			return -1;
		}
		switch (v->kind) {
		case YN_SCALAR:
			f = ks_fields_add(out, full, false, line);
			if (!(v->plain && v->text[0] == '\0'))
				ks_strs_push(&f->values, v->text);
			break;
		case YN_SEQ:
			f = ks_fields_add(out, full, true, line);
			for (size_t j = 0; rc == 0 && j < v->nkids; j++)
				rc = collect(d, v->kids[j], va, level + 1,
				    &f->values);
			break;
		case YN_MAP:
			if (v->nkids == 0)
				ks_fields_add(out, full, false, line);
			else
				rc = walk_map(d, v, full, va, level + 1, out);
			break;
		default:
			break;
		}
		free(full);
		if (rc != 0)
			return -1;
	}
	return 0;
}

int
ks_yaml_parse_fields(const char *text, size_t len, const char *path,
    size_t first_line, struct ks_fields *out)
{
	struct ydoc d;
	yaml_parser_t parser;
	size_t line;
	int rc;

	rc = -1;
	memset(&d, 0, sizeof(d));
	d.path = path;
	d.text = text;
	d.len = len;
	d.first_line = first_line ? first_line : 1;
	if (flow_too_deep(text, len, &line)) {
		ks_error(path, file_line(&d, line),
		    "YAML flow collections nested deeper than %d levels",
		    KS_YAML_MAX_DEPTH);
		return -1;
	}
	if (!yaml_parser_initialize(&parser)) {
		ks_error(path, d.first_line, "YAML: out of memory");
		return -1;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
	if (build(&d, &parser) != 0)
		goto out;
	if (d.root && walk_map(&d, d.root, NULL, false, 0, out) != 0)
		goto out;
	rc = 0;
out:
	yaml_parser_delete(&parser);
	doc_free(&d);
	return rc;
}
