/* The command line: options and inputs at the edges, then every article
 * read, cleaned and handed to every writer in input order. */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <malloc.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "article.h"
#include "config.h"
#include "derive.h"
#include "diag.h"
#include "inputs.h"
#include "node.h"
#include "output.h"
#include "reader.h"
#include "run.h"
#include "seen.h"
#include "settings.h"
#include "text.h"
#include "url.h"
#include "version.h"
#include "writer.h"
#include "xalloc.h"

#define DEFAULT_MAX_SIZE (64u << 20)
#define MAX_FORMATS 16

enum {
	EXIT_OK = 0,
	EXIT_INPUT = 1,
	EXIT_FATAL = 2,
};

struct cli {
	const struct ks_writer_class	*formats[MAX_FORMATS];
	size_t				 nformats;
	const char			*output;
	const char			*config;
	bool				 check;
	struct ks_run_opts		 run;
	struct ks_config_given		 given;	/* as options */
	struct ks_settings		 s;
};

struct writer_run {
	const struct ks_writer_class	*cls;
	char				*output;
	void				*state;
	int				 finished;	/* finish() was 0 */
};

/* As many threads as cores: reading, cleaning, rendering are CPU-bound. */
static unsigned
default_jobs(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > 64 ? 64 : (unsigned)n;
}

static void
usage(FILE *f)
{
	fputs("usage: ksconv [OPTIONS] INPUT...\n"
	    "Converts folders of scraped articles (Hexo and Jekyll posts, HTML "
	    "pages,\nplain text) into clean feeds, e-books and Markdown.\n\n"
	    "  -t, --to LIST        formats, comma-separated (see --list-formats)\n"
	    "  -o, --output PATH    the file, or the folder for folder formats "
	    "or\n                       several formats (- is standard output)\n"
	    "      --title TEXT     collection title (default: the input folder's name)\n"
	    "      --subtitle TEXT  collection subtitle\n"
	    "      --author TEXT    collection author (default: the title)\n"
	    "      --lang TAG       collection language (BCP 47)\n"
	    "      --base-url URL   where the output is published\n"
	    "      --id URI         collection id (default: from the base URL)\n"
	    "      --images MODE    keep, link, drop or embed\n"
	    "      --limit N        feeds keep the newest N articles (0: all)\n"
	    "      --no-content     feeds carry summaries, not the full text\n"
	    "      --split-by category  one more feed per category\n"
	    "      --group-by month|category  sections in the EPUB's contents\n"
	    "      --vertical       EPUB in vertical writing (right to left)\n"
	    "      --fetch-images   with --images embed, download remote images\n"
	    "      --max-size BYTES refuse input files larger than this "
	    "(default 64 MiB)\n"
	    "      --config FILE    settings as YAML; options win\n"
	    "      --check          read and clean everything, write nothing\n"
	    "  -j, --jobs N         read, clean, render with N threads (default: "
	    "the cores)\n"
	    "  -q, --quiet          no warnings\n"
	    "  -v, --verbose        say what is read and written\n"
	    "      --list-formats   the formats and what they write\n"
	    "      --version        the version\n"
	    "  -h, --help           this help\n\n"
	    "INPUT is a file, a folder (walked for .md .markdown .html .htm .txt "
	    ".text),\nor - for standard input.\n"
	    "Exit status: 0 all converted, 1 some inputs could not be read, "
	    "2 bad usage\nor an output could not be written.\n\nFormats:\n", f);
	for (size_t i = 0; ks_writers[i] != NULL; i++)
		fprintf(f, "  %-6s %s\n", ks_writers[i]->name,
		    ks_writers[i]->summary);
}

static void
list_formats(void)
{
	for (size_t i = 0; ks_writers[i] != NULL; i++)
		printf("%-6s %-16s %s\n", ks_writers[i]->name,
		    ks_writers[i]->default_name, ks_writers[i]->summary);
}

static int
parse_formats(struct cli *c, const char *list)
{
	char *copy = ks_xstrdup(list), *save = NULL, *name;
	int rc = 0;

	for (name = strtok_r(copy, ",", &save); name != NULL;
	    name = strtok_r(NULL, ",", &save)) {
		const struct ks_writer_class *w = ks_writer_find(name);
		bool dup = false;

		if (w == NULL) {
			ks_error(NULL, 0, "unknown format '%s' (ksconv "
			    "--list-formats shows them)", name);
			rc = -1;
			break;
		}
		for (size_t i = 0; i < c->nformats; i++)
			dup |= c->formats[i] == w;
		if (!dup && c->nformats < MAX_FORMATS)
			c->formats[c->nformats++] = w;
	}
	free(copy);
	return rc;
}

static void
replace(char **dst, const char *v)
{
	free(*dst);
	*dst = ks_xstrdup(v);
}

enum {
	OPT_TITLE = 256, OPT_SUBTITLE, OPT_AUTHOR, OPT_LANG, OPT_BASE_URL,
	OPT_ID, OPT_IMAGES, OPT_LIMIT, OPT_CONFIG, OPT_CHECK, OPT_LIST,
	OPT_VERSION, OPT_MAX_SIZE, OPT_NO_CONTENT, OPT_SPLIT_BY, OPT_GROUP_BY,
	OPT_VERTICAL, OPT_FETCH_IMAGES,
};

/* Returns -1 to go on, or the exit status to stop with. */
static int
parse_args(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "to", required_argument, NULL, 't' },
		{ "output", required_argument, NULL, 'o' },
		{ "title", required_argument, NULL, OPT_TITLE },
		{ "subtitle", required_argument, NULL, OPT_SUBTITLE },
		{ "author", required_argument, NULL, OPT_AUTHOR },
		{ "lang", required_argument, NULL, OPT_LANG },
		{ "base-url", required_argument, NULL, OPT_BASE_URL },
		{ "id", required_argument, NULL, OPT_ID },
		{ "images", required_argument, NULL, OPT_IMAGES },
		{ "limit", required_argument, NULL, OPT_LIMIT },
		{ "max-size", required_argument, NULL, OPT_MAX_SIZE },
		{ "config", required_argument, NULL, OPT_CONFIG },
		{ "no-content", no_argument, NULL, OPT_NO_CONTENT },
		{ "split-by", required_argument, NULL, OPT_SPLIT_BY },
		{ "group-by", required_argument, NULL, OPT_GROUP_BY },
		{ "vertical", no_argument, NULL, OPT_VERTICAL },
		{ "fetch-images", no_argument, NULL, OPT_FETCH_IMAGES },
		{ "check", no_argument, NULL, OPT_CHECK },
		{ "jobs", required_argument, NULL, 'j' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "list-formats", no_argument, NULL, OPT_LIST },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int ch;
	size_t n;

	opterr = 0;	/* said below, as every other message */
	while ((ch = getopt_long(argc, argv, ":t:o:j:qvh", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 't':
			if (parse_formats(c, optarg) != 0)
				return EXIT_FATAL;
			break;
		case 'o':
			c->output = optarg;
			break;
		case OPT_TITLE:
			replace(&c->s.title, optarg);
			break;
		case OPT_SUBTITLE:
			replace(&c->s.subtitle, optarg);
			break;
		case OPT_AUTHOR:
			replace(&c->s.author, optarg);
			break;
		case OPT_LANG:
			replace(&c->s.lang, optarg);
			break;
		case OPT_BASE_URL:
			replace(&c->s.base_url, optarg);
			break;
		case OPT_ID:
			replace(&c->s.id, optarg);
			break;
		case OPT_IMAGES:
			if (ks_config_parse_images(optarg, &c->s.images) != 0) {
				ks_error(NULL, 0, "--images takes keep, link, "
				    "drop or embed, not '%s'", optarg);
				return EXIT_FATAL;
			}
			c->given.images = true;
			break;
		case OPT_LIMIT:
			if (ks_config_parse_size(optarg, &c->s.limit) != 0) {
				ks_error(NULL, 0, "--limit takes a number, "
				    "not '%s'", optarg);
				return EXIT_FATAL;
			}
			c->given.limit = true;
			break;
		case OPT_MAX_SIZE:
			if (ks_config_parse_size(optarg, &c->s.max_size) != 0 ||
			    c->s.max_size == 0) {
				ks_error(NULL, 0, "--max-size takes a positive "
				    "number of bytes, not '%s'", optarg);
				return EXIT_FATAL;
			}
			break;
		case OPT_CONFIG:
			c->config = optarg;
			break;
		case OPT_NO_CONTENT:
			c->s.no_content = true;
			break;
		case OPT_SPLIT_BY:
			if (strcmp(optarg, "category") != 0) {
				ks_error(NULL, 0, "--split-by takes category, "
				    "not '%s'", optarg);
				return EXIT_FATAL;
			}
			c->s.split_by = KS_SPLIT_CATEGORY;
			break;
		case OPT_GROUP_BY:
			if (strcmp(optarg, "month") != 0 &&
			    strcmp(optarg, "category") != 0) {
				ks_error(NULL, 0, "--group-by takes month or "
				    "category, not '%s'", optarg);
				return EXIT_FATAL;
			}
			replace(&c->s.group_by, optarg);
			break;
		case OPT_VERTICAL:
			c->s.vertical = true;
			break;
		case OPT_FETCH_IMAGES:
			c->s.fetch_images = true;
			break;
		case OPT_CHECK:
			c->check = true;
			break;
		case 'j':
			if (ks_config_parse_size(optarg, &n) != 0 || n == 0 ||
			    n > 256) {
				ks_error(NULL, 0, "-j takes a number of threads "
				    "from 1 to 256, not '%s'", optarg);
				return EXIT_FATAL;
			}
			c->run.jobs = (unsigned)n;
			break;
		case 'q':
			c->run.quiet = true;
			ks_diag_set_quiet(1);
			break;
		case 'v':
			c->run.verbose = true;
			break;
		case OPT_LIST:
			list_formats();
			return EXIT_OK;
		case OPT_VERSION:
			printf("ksconv %s\n", KS_VERSION);
			return EXIT_OK;
		case 'h':
			usage(stdout);
			return EXIT_OK;
		case ':':
			ks_error(NULL, 0, "%s needs a value (ksconv --help "
			    "shows the usage)", argv[optind - 1]);
			return EXIT_FATAL;
		default:
			/* A long option known but given a value it does not
			 * take ("--quiet=yes") leaves its code in optopt. */
			if (strncmp(argv[optind - 1], "--", 2) != 0)
				ks_error(NULL, 0, "unknown option '-%c' (ksconv "
				    "--help shows the usage)", optopt);
			else if (optopt != 0)
				ks_error(NULL, 0, "%s takes no value (ksconv "
				    "--help shows the usage)", argv[optind - 1]);
			else
				ks_error(NULL, 0, "unknown option '%s' (ksconv "
				    "--help shows the usage)", argv[optind - 1]);
			return EXIT_FATAL;
		}
	}
	return -1;
}

/* Fills the defaults DESIGN §2 gives for what neither option nor config set. */
/* Whether s starts with a URI scheme and its colon ("urn:", "https:"). */
static bool
has_scheme(const char *s)
{
	size_t n = 0;

	if (!isalpha((unsigned char)s[0]))
		return false;
	while (isalnum((unsigned char)s[n]) || s[n] == '+' || s[n] == '-' ||
	    s[n] == '.')
		n++;
	return s[n] == ':' && s[n + 1] != '\0';
}

/*
 * Refuses the collection's values that would make an invalid feed or book:
 * an empty title (epubcheck: dc:title must not be empty), an id that is
 * not an absolute URI (RFC 4287 4.2.6), an address that is not http(s).
 * Returns 0, or -1 after reporting.
 */
static int
check_settings(const struct ks_settings *s)
{
	const struct {
		const char	*name;
		const char	*value;
	} texts[] = {
		{ "title", s->title }, { "subtitle", s->subtitle },
		{ "author", s->author }, { "lang", s->lang },
		{ "id", s->id }, { "base-url", s->base_url },
	};
	char *tag = NULL;

	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		const char *v = texts[i].value;

		if (v != NULL && v[strspn(v, " \t\r\n")] == '\0') {
			ks_error(NULL, 0, "%s must not be empty", texts[i].name);
			return -1;
		}
	}
	if (s->id != NULL && (!has_scheme(s->id) || strpbrk(s->id, " \t"))) {
		ks_error(NULL, 0, "id must be an absolute URI such as "
		    "urn:uuid:... or https://..., not '%s'", s->id);
		return -1;
	}
	if (s->lang != NULL && (tag = ks_lang_tag(s->lang)) == NULL) {
		ks_error(NULL, 0, "lang must be a language tag (BCP 47) such "
		    "as zh-CN or en, not '%s'", s->lang);
		return -1;
	}
	free(tag);
	if (s->base_url != NULL && !ks_url_is_http(s->base_url)) {
		ks_error(NULL, 0, "base-url must be an http or https address, "
		    "not '%s'", s->base_url);
		return -1;
	}
	return 0;
}

static int
resolve_settings(struct cli *c, const struct ks_inputs *in)
{
	struct ks_settings *s = &c->s;
	const char *epoch = getenv("SOURCE_DATE_EPOCH");

	if (check_settings(s) != 0)
		return -1;
	if (s->lang != NULL) {
		char *tag = ks_lang_tag(s->lang);	/* zh_CN is zh-CN */

		free(s->lang);
		s->lang = tag;
	}

	if (s->title == NULL)
		s->title = ks_xstrdup(in->first_folder ? in->first_folder :
		    "ksconv");
	if (s->author == NULL)
		s->author = ks_xstrdup(s->title);
	if (s->id == NULL)
		s->id = ks_derive_uuid(s->base_url, "");
	if (s->max_size == 0)
		s->max_size = DEFAULT_MAX_SIZE;
	if (epoch != NULL && epoch[0] != '\0') {
		char *end;
		long long v;

		errno = 0;
		v = strtoll(epoch, &end, 10);
		if (errno != 0 || *end != '\0' || v < 0) {
			ks_error(NULL, 0, "SOURCE_DATE_EPOCH must be a number of "
			    "seconds, not '%s'", epoch);
			return -1;
		}
		s->has_epoch = true;
		s->epoch = v;
	}
	return 0;
}

static char *
output_path(const struct cli *c, const struct ks_writer_class *w)
{
	struct ks_buf b = KS_BUF_INIT;
	struct stat st;

	if (c->nformats == 1) {
		if (c->output == NULL)
			return ks_xstrdup(w->to_stdout ? "-" : w->default_name);
		/* Like cp: a file format given a folder writes into it. */
		if (w->folder || stat(c->output, &st) != 0 ||
		    !S_ISDIR(st.st_mode))
			return ks_xstrdup(c->output);
	}
	ks_buf_printf(&b, "%s/%s", c->output, w->default_name);
	return ks_buf_detach(&b);
}

/*
 * Is output one of the input files? Writing it would destroy an article
 * before (or while) it is read. Compares device and inode, so another
 * spelling of the same path is caught too. Returns true after reporting.
 */
static bool
output_is_input(const char *output, const struct ks_inputs *in)
{
	struct stat out, st;

	if (strcmp(output, "-") == 0 || stat(output, &out) != 0 ||
	    !S_ISREG(out.st_mode))
		return false;
	for (size_t i = 0; i < in->len; i++)
		if (strcmp(in->v[i].path, "-") != 0 &&
		    stat(in->v[i].path, &st) == 0 && st.st_dev == out.st_dev &&
		    st.st_ino == out.st_ino) {
			ks_error(output, 0, "refusing to overwrite an input "
			    "file with output");
			return true;
		}
	return false;
}

/*
 * What this run will write, left out of the folders it reads: an archive
 * converted in place (-o out inside the input folder) must not read the
 * last run's pages, Markdown files and index back as articles.
 */
static void
leave_out_outputs(const struct cli *c, struct ks_inputs *in)
{
	if (c->output != NULL && strcmp(c->output, "-") != 0)
		ks_inputs_leave_out(in, c->output);
	for (size_t i = 0; i < c->nformats; i++) {
		char *path = output_path(c, c->formats[i]);

		if (strcmp(path, "-") != 0)
			ks_inputs_leave_out(in, path);
		free(path);
	}
}

/* Whether one of the formats asked for is among names (NULL-ended). */
static bool
asked_for(const struct cli *c, const char *const *names)
{
	for (size_t i = 0; i < c->nformats; i++)
		for (size_t k = 0; names[k] != NULL; k++)
			if (strcmp(c->formats[i]->name, names[k]) == 0)
				return true;
	return false;
}

/* Says which options the formats asked for do not use: --vertical with
 * --to md is most likely a mistake in the --to. */
static void
warn_unused_options(const struct cli *c)
{
	static const char *const book[] = { "epub", NULL };
	static const char *const feeds[] = { "atom", "rss", "json", NULL };
	const struct ks_settings *s = &c->s;
	const struct {
		bool			 given;
		const char		*option;
		const char *const	*formats;
		const char		*said;
	} opts[] = {
		{ s->vertical, "--vertical", book, "epub" },
		{ s->group_by != NULL, "--group-by", book, "epub" },
		{ s->fetch_images, "--fetch-images", book, "epub" },
		{ s->split_by != KS_SPLIT_NONE, "--split-by", feeds,
		    "atom, rss or json" },
	};

	if (c->nformats == 0)
		return;	/* --check */
	for (size_t i = 0; i < sizeof(opts) / sizeof(opts[0]); i++)
		if (opts[i].given && !asked_for(c, opts[i].formats))
			ks_warn(NULL, 0, "%s applies to --to %s only; ignored",
			    opts[i].option, opts[i].said);
}

/* Starts every writer. Returns 0, or -1 after reporting. */
static int
begin_writers(struct cli *c, const struct ks_inputs *in,
    struct writer_run *runs)
{
	if (c->nformats > 1) {
		if (c->output == NULL || strcmp(c->output, "-") == 0) {
			ks_error(NULL, 0, "several formats need -o DIR, the "
			    "folder to write them into");
			return -1;
		}
		if (ks_output_parent_missing(c->output) ||
		    ks_output_mkdir(c->output) != 0)
			return -1;
	}
	for (size_t i = 0; i < c->nformats; i++) {
		runs[i].cls = c->formats[i];
		runs[i].output = output_path(c, c->formats[i]);
		if (strcmp(runs[i].output, "-") != 0 &&
		    ks_output_parent_missing(runs[i].output))
			return -1;
		if (output_is_input(runs[i].output, in))
			return -1;
		/* A folder format's -o may well be a link to where the site
		 * is served; a file's is not replaced (nor are the files a
		 * folder format writes: ks_output_batch_adopt). */
		if (!runs[i].cls->folder && strcmp(runs[i].output, "-") != 0 &&
		    ks_output_is_link(runs[i].output))
			return -1;
		runs[i].state = runs[i].cls->begin(&c->s, runs[i].output);
		if (runs[i].state == NULL)
			return -1;
	}
	return 0;
}

/* What prepare() and deliver() need: the writers, the settings and the
 * duplicate set. */
struct delivery {
	struct writer_run		*runs;
	size_t				 nruns;
	const struct ks_settings	*s;
	const struct ks_inputs		*in;
	struct ks_seen			 seen;	/* text hashes */
	struct ks_seen			 ids;	/* hashes of the ids given */
	size_t				 kept;	/* articles handed to writers */
};

/*
 * Each writer's prepared part of a, on a reading thread: an array in the
 * order of the writers, or NULL when no writer prepares anything. When
 * every writer has its part, no add() reads the body: it is freed here,
 * not on the one thread that delivers.
 */
static void *
prepare(void *ctx, struct ks_article *a)
{
	const struct delivery *d = ctx;
	void **parts = NULL;
	bool body_needed = false;

	for (size_t i = 0; i < d->nruns; i++) {
		if (d->runs[i].cls->prepare == NULL) {
			body_needed = true;
			continue;
		}
		if (parts == NULL)
			parts = ks_xcalloc(d->nruns, sizeof(*parts));
		parts[i] = d->runs[i].cls->prepare(d->runs[i].state, d->s,
		    a);
		if (parts[i] == NULL)
			body_needed = true;
	}
	if (!body_needed && d->nruns > 0) {
		ks_node_free(a->body);
		a->body = NULL;
	}
	return parts;
}

/* Hands one article to every writer, unless its text was seen before. */
static int
deliver(void *ctx, size_t input, struct ks_article *a, void *prepared)
{
	struct delivery *d = ctx;
	void **parts = prepared;
	const char *first, *other, *path;
	int status = EXIT_OK;

	/* The article's path is the input's ("<stdin>" for "-"), which the
	 * run keeps longer than the sets. */
	path = strcmp(d->in->v[input].path, "-") == 0 ? "<stdin>" :
	    d->in->v[input].path;
	first = ks_seen_check(&d->seen, a->text_hash, path);
	if (first != NULL)
		ks_warn(a->path, 0, "the same text as %s; kept once", first);
	/* Two articles with one id (most often one source link) are one
	 * entry to a feed reader, which keeps whichever it saw last. */
	else if (a->id != NULL && (other = ks_seen_check(&d->ids,
	    ks_seen_hash(a->id), path)) != NULL)
		ks_warn(a->path, 0, "the same id as %s (%s): feed readers "
		    "show only one of them", other, a->id);
	if (first == NULL)
		d->kept++;
	for (size_t i = 0; i < d->nruns; i++) {
		const struct ks_writer_class *cls = d->runs[i].cls;
		void *part = parts ? parts[i] : NULL;

		if (first == NULL) {
			if (cls->add(d->runs[i].state, a, part) != 0)
				status = EXIT_FATAL;
		} else if (part != NULL) {
			cls->free_part(part);
		}
	}
	free(parts);
	ks_article_free(a);
	return status;
}

/*
 * For a build with glibc's malloc (make MALLOC_LIBS=; the default links
 * mimalloc, which keeps freed memory for reuse by itself, and ignores
 * this). glibc maps every block over 128 KB afresh and unmaps it when
 * freed, and gives back the top of a heap once 128 KB of it is free; each
 * article takes and frees several such blocks (its file, the deflate
 * state of its chapter, libxml2's buffers), so the kernel zeroed
 * those pages again for every article: a fifth of a run was system time.
 * Blocks up to 4 MB then come from the heap, and up to 32 MB of free heap
 * is kept for the next article.
 */
static void
keep_large_blocks(void)
{
#if defined(__GLIBC__) && defined(M_MMAP_THRESHOLD) && \
    defined(M_TRIM_THRESHOLD)
	mallopt(M_MMAP_THRESHOLD, 4 << 20);
	mallopt(M_TRIM_THRESHOLD, 32 << 20);
#endif
}

/*
 * Finishes the i-th writer: writes out what it gathered. Writers share no
 * state, and the largest outputs are written here (the zip's chapters,
 * the feeds' entries), so they are finished side by side.
 */
static int
finish_writer(void *ctx, size_t i)
{
	struct writer_run *runs = ctx;
	int rc = runs[i].cls->finish(runs[i].state);

	runs[i].finished = rc == 0;
	return rc;
}

int
main(int argc, char **argv)
{
	struct cli c;
	struct ks_inputs in = KS_INPUTS_INIT;
	struct delivery d = { NULL, 0, NULL, NULL, KS_SEEN_INIT, KS_SEEN_INIT, 0 };
	struct writer_run runs[MAX_FORMATS];
	int status = EXIT_OK, rc;

	memset(&c, 0, sizeof(c));
	memset(runs, 0, sizeof(runs));
	keep_large_blocks();
	ks_reader_init();
	c.run.jobs = default_jobs();
	if ((rc = parse_args(&c, argc, argv)) >= 0) {
		status = rc;
		goto out;
	}
	if (optind >= argc) {
		ks_error(NULL, 0, "no input (ksconv --help shows the usage)");
		status = EXIT_FATAL;
		goto out;
	}
	if (c.nformats == 0 && !c.check) {
		ks_error(NULL, 0, "no output format: use --to (or --check)");
		status = EXIT_FATAL;
		goto out;
	}
	if (c.check)
		c.nformats = 0;
	if (c.config != NULL &&
	    ks_config_load(c.config, &c.s, &c.given) != 0) {
		status = EXIT_FATAL;
		goto out;
	}
	warn_unused_options(&c);
	leave_out_outputs(&c, &in);
	for (int i = optind; i < argc; i++)
		if (ks_inputs_add(&in, argv[i]) != 0)
			status = EXIT_INPUT;
	if (in.len == 0 && status == EXIT_OK)
		ks_warn(NULL, 0, "no input files found (folders are read for "
		    ".md, .markdown, .html, .htm, .txt and .text files)");
	if (resolve_settings(&c, &in) != 0 || begin_writers(&c, &in, runs) != 0) {
		status = EXIT_FATAL;
		goto out;
	}
	d.runs = runs;
	d.nruns = c.nformats;
	d.s = &c.s;
	d.in = &in;
	rc = ks_run_inputs(&in, &c.s, &c.run, prepare, deliver, &d);
	if (rc > status)
		status = rc;
	/* A typo in the input path must not replace the last good outputs
	 * with empty ones. */
	if (d.kept == 0 && status != EXIT_OK && c.nformats > 0) {
		ks_error(NULL, 0, "no article could be read; nothing written");
		goto out;
	}
	if (ks_run_tasks(c.nformats, c.run.jobs, finish_writer, runs) > 0)
		status = EXIT_FATAL;
	for (size_t i = 0; c.run.verbose && i < c.nformats; i++)
		if (runs[i].finished)
			fprintf(stderr, "ksconv: wrote %s\n",
			    strcmp(runs[i].output, "-") == 0 ? "<stdout>" :
			    runs[i].output);
out:
	for (size_t i = 0; i < MAX_FORMATS; i++) {
		if (runs[i].state != NULL)
			runs[i].cls->free(runs[i].state);
		free(runs[i].output);
	}
	ks_seen_free(&d.seen);
	ks_seen_free(&d.ids);
	ks_reader_cleanup();
	ks_inputs_free(&in);
	ks_settings_free(&c.s);
	return status;
}
