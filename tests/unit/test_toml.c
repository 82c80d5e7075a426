/* Tests for src/toml.c: the subset Hugo writes (strings of every kind,
 * numbers, booleans and date-times kept as text, arrays, inline and
 * [table] tables as dotted keys), what it refuses and on which line, and
 * the TOML front matters of the corpus. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fields_check.h"
#include "frontmatter.h"
#include "toml.h"

/* TOML front matters of /work/shared/corpus (each file's head up to the
 * line after its closing fence), with what they must give. */
static const struct {
	const char	*name;
	size_t		 nfields;
	const char	*key;
	size_t		 line;
	const char	*value;
	const char	*list_key;
	size_t		 list_len;
	const char	*text;
} corpus[] = {
	{ "042_hugobasic-emoji.md", 5, "title", 3, "Emoji Support", "tags", 1,
	    "+++\n"
	    "author = \"Hugo Authors\"\n"
	    "title = \"Emoji Support\"\n"
	    "date = \"2019-03-05\"\n"
	    "description = \"Guide to emoji usage in Hugo\"\n"
	    "tags = [\n"
	    "    \"emoji\",\n"
	    "]\n"
	    "+++\n" },
	{ "043_hugobasic-mdsyntax.md", 8, "title", 3, "Markdown Syntax Guide", "tags", 3,
	    "+++\n"
	    "author = \"Hugo Authors\"\n"
	    "title = \"Markdown Syntax Guide\"\n"
	    "date = \"2019-03-11\"\n"
	    "description = \"Sample article showcasing basic Markdown syntax and formatting for HTML elements.\"\n"
	    "tags = [\n"
	    "    \"markdown\",\n"
	    "    \"css\",\n"
	    "    \"html\",\n"
	    "]\n"
	    "categories = [\n"
	    "    \"themes\",\n"
	    "    \"syntax\",\n"
	    "]\n"
	    "series = [\"Themes Guide\"]\n"
	    "aliases = [\"migrate-from-jekyl\"]\n"
	    "+++\n" },
	{ "044_hugobasic-placeholder.md", 5, "title", 3, "Placeholder Text", "tags", 2,
	    "+++\n"
	    "author = \"Hugo Authors\"\n"
	    "title = \"Placeholder Text\"\n"
	    "date = \"2019-03-09\"\n"
	    "description = \"Lorem Ipsum Dolor Si Amet\"\n"
	    "tags = [\n"
	    "    \"markdown\",\n"
	    "    \"text\",\n"
	    "]\n"
	    "+++\n" },
	{ "048_hugobasic-gofr.md", 11, "title", 10, "Introduction aux modèles (Hu)go", "categories", 1,
	    "+++\n"
	    "categories = [\"Go\"]\n"
	    "date = \"2014-04-02\"\n"
	    "description = \"\"\n"
	    "featured = \"pic02.jpg\"\n"
	    "featuredalt = \"\"\n"
	    "featuredpath = \"date\"\n"
	    "linktitle = \"\"\n"
	    "slug = \"Introduction aux modeles Hugo\"\n"
	    "title = \"Introduction aux modèles (Hu)go\"\n"
	    "type = \"posts\"\n"
	    "[ author ]\n"
	    "  name = \"Michael Henderson\"\n"
	    "+++\n" },
};

static int
parse(const char *s, size_t first_line, struct ks_fields *f)
{
	return ks_toml_parse_fields(s, strlen(s), "fm.md", first_line, f);
}

/* Parses s, which must fail; returns the message printed. */
static const char *
parse_error(const char *s, size_t first_line)
{
	struct ks_fields f = KS_FIELDS_INIT;
	const char *msg;
	int rc;

	capture();
	rc = parse(s, first_line, &f);
	msg = captured();
	CHECK_INT(rc, -1);
	ks_fields_free(&f);
	return msg;
}

static size_t
line_of(const struct ks_fields *f, const char *key)
{
	const struct ks_field *fl;

	fl = ks_fields_get(f, key);
	return fl ? fl->line : 0;
}

static void
test_hugo(void)
{
	struct ks_fields f = KS_FIELDS_INIT;

	CHECK_INT(parse("title = \"快手公益 \\\"慈爱助孤\\\"\"\n"
	    "date = 2019-03-11T00:00:00+08:00\n"
	    "draft = false\n"
	    "tags = [\"a\",\"b\"]\n"
	    "\n"
	    "[params]\n"
	    "author = \"x\"\n", 2, &f), 0);
	CHECK_INT(f.len, 5);
	CHECK_STR(val(&f, "title", 0), "快手公益 \"慈爱助孤\"");
	CHECK(!is_list(&f, "title"));
	CHECK_INT(line_of(&f, "title"), 2);
	CHECK_STR(val(&f, "date", 0), "2019-03-11T00:00:00+08:00");
	CHECK_STR(val(&f, "draft", 0), "false");
	CHECK(is_list(&f, "tags"));
	CHECK_INT(nvals(&f, "tags"), 2);
	CHECK_STR(val(&f, "tags", 1), "b");
	CHECK_STR(f.v[4].key, "params.author");
	CHECK_STR(val(&f, "params.author", 0), "x");
	CHECK_INT(line_of(&f, "params.author"), 8);
	ks_fields_free(&f);
}

static void
test_values(void)
{
	struct ks_fields f = KS_FIELDS_INIT;

	CHECK_INT(parse("esc = \"t\\tn\\nq\\\"b\\\\ \\u00e9\\U0001F648\"\n"
	    "lit = 'C:\\path\\\"x\"'\n"
	    "empty = \"\"\n"
	    "ml = \"\"\"\n"
	    "one \\\n"
	    "    two\r\n"
	    "three\"\"\"\"\"\n"
	    "mll = '''\n"
	    "raw \\n ''quoted''\n"
	    "'''\n"
	    "i = 1_000\n"
	    "neg = -17\n"
	    "hex = 0xDEAD_beef\n"
	    "oct = 0o755\n"
	    "bin = 0b1101\n"
	    "fl = -3.14e+2\n"
	    "fl2 = 6.626e-34\n"
	    "inf = -inf\n"
	    "nan = nan\n"
	    "t = true\n"
	    "odt = 1979-05-27T07:32:00.999999-07:00\n"
	    "odtz = 1979-05-27t07:32:00Z\n"
	    "ldt = 1979-05-27 07:32:00\n"
	    "ld = 1979-05-27\n"
	    "lt = 00:32:00.5\n"
	    "  indented\t=\t\"ok\"   # comment\n", 1, &f), 0);
	CHECK_STR(val(&f, "esc", 0), "t\tn\nq\"b\\ é🙈");
	CHECK_STR(val(&f, "lit", 0), "C:\\path\\\"x\"");
	CHECK_INT(nvals(&f, "empty"), 1);
	CHECK_STR(val(&f, "empty", 0), "");
	/* First line break dropped, "\" ends a line, CRLF becomes LF, and
	 * two quotes may end the content. */
	CHECK_STR(val(&f, "ml", 0), "one two\nthree\"\"");
	CHECK_STR(val(&f, "mll", 0), "raw \\n ''quoted''\n");
	CHECK_STR(val(&f, "i", 0), "1_000");
	CHECK_STR(val(&f, "neg", 0), "-17");
	CHECK_STR(val(&f, "hex", 0), "0xDEAD_beef");
	CHECK_STR(val(&f, "oct", 0), "0o755");
	CHECK_STR(val(&f, "bin", 0), "0b1101");
	CHECK_STR(val(&f, "fl", 0), "-3.14e+2");
	CHECK_STR(val(&f, "fl2", 0), "6.626e-34");
	CHECK_STR(val(&f, "inf", 0), "-inf");
	CHECK_STR(val(&f, "nan", 0), "nan");
	CHECK_STR(val(&f, "t", 0), "true");
	CHECK_STR(val(&f, "odt", 0), "1979-05-27T07:32:00.999999-07:00");
	CHECK_STR(val(&f, "odtz", 0), "1979-05-27t07:32:00Z");
	CHECK_STR(val(&f, "ldt", 0), "1979-05-27 07:32:00");
	CHECK_STR(val(&f, "ld", 0), "1979-05-27");
	CHECK_STR(val(&f, "lt", 0), "00:32:00.5");
	CHECK_STR(val(&f, "indented", 0), "ok");
	CHECK_INT(line_of(&f, "mll"), 8);
	CHECK_INT(line_of(&f, "i"), 11);
	ks_fields_free(&f);
}

static void
test_arrays_tables(void)
{
	struct ks_fields f = KS_FIELDS_INIT;

	CHECK_INT(parse("# leading comment\r\n"
	    "tags = [\r\n"
	    "    \"emoji\",  # why\r\n"
	    "\r\n"
	    "    'two', [3, [4.5, true]],\r\n"
	    "]\r\n"
	    "none = []\r\n"
	    "a.b . \"c.d\" = 1\r\n"
	    "\"quoted key\" = 2\r\n"
	    "'lit key' = 3\r\n"
	    "bare-key_9 = 4\r\n"
	    "it = { x = 1, y = \"s\", z = { w = [1, 2] }, e = {} }\r\n"
	    "[ author ]\r\n"
	    "  name = \"Michael Henderson\"\r\n"
	    "[a.x]\r\n"
	    "k = 'v'\r\n", 1, &f), 0);
	CHECK(is_list(&f, "tags"));
	CHECK_INT(nvals(&f, "tags"), 5);
	CHECK_STR(val(&f, "tags", 0), "emoji");
	CHECK_STR(val(&f, "tags", 1), "two");
	CHECK_STR(val(&f, "tags", 2), "3");
	CHECK_STR(val(&f, "tags", 3), "4.5");
	CHECK_STR(val(&f, "tags", 4), "true");
	CHECK_INT(line_of(&f, "tags"), 2);
	CHECK(is_list(&f, "none"));
	CHECK_INT(nvals(&f, "none"), 0);
	CHECK_STR(val(&f, "a.b.c.d", 0), "1");
	CHECK_INT(line_of(&f, "a.b.c.d"), 8);
	CHECK_STR(val(&f, "quoted key", 0), "2");
	CHECK_STR(val(&f, "lit key", 0), "3");
	CHECK_STR(val(&f, "bare-key_9", 0), "4");
	CHECK_STR(val(&f, "it.x", 0), "1");
	CHECK_STR(val(&f, "it.y", 0), "s");
	CHECK(is_list(&f, "it.z.w"));
	CHECK_STR(val(&f, "it.z.w", 1), "2");
	CHECK_INT(nvals(&f, "it.e"), 0);
	CHECK(!is_list(&f, "it.e"));
	CHECK_STR(val(&f, "author.name", 0), "Michael Henderson");
	CHECK_INT(line_of(&f, "author.name"), 14);
	CHECK_STR(val(&f, "a.x.k", 0), "v");
	CHECK_INT(f.len, 12);
	ks_fields_free(&f);

	/* Empty text, only comments and blanks. */
	CHECK_INT(parse("", 1, &f), 0);
	CHECK_INT(parse("\n# c\n  \n\t# d\r\n", 1, &f), 0);
	CHECK_INT(f.len, 0);
	ks_fields_free(&f);
}

static void
test_errors(void)
{
	const char *m;
	char *s;

	m = parse_error("a = 1\n[[posts]]\nb = 2\n", 5);
	CHECK_STR(m, "ksconv: fm.md:6: error: TOML: arrays of tables are not "
	    "supported\n");
	m = parse_error("a = 1\n\na = 2\n", 1);
	CHECK_STR(m, "ksconv: fm.md:3: error: TOML: duplicate key a\n");
	m = parse_error("[t]\na = 1\n[t]\n", 1);
	CHECK_STR(m, "ksconv: fm.md:3: error: TOML: table [t] defined "
	    "twice\n");
	m = parse_error("a = 1\n[a]\n", 1);
	CHECK_STR(m, "ksconv: fm.md:2: error: TOML: duplicate key a\n");
	m = parse_error("a = 1\na.b = 2\n", 1);
	CHECK_STR(m, "ksconv: fm.md:2: error: TOML: key a already holds a "
	    "value\n");
	m = parse_error("a.b = 1\na = 2\n", 1);
	CHECK(strstr(m, "fm.md:2: error: TOML: duplicate key a") != NULL);
	m = parse_error("a = {b = 1}\na.c = 2\n", 1);
	CHECK(strstr(m, "fm.md:2: error: TOML: key a already holds") != NULL);
	m = parse_error("a = 1\na.b = {}\n", 1);
	CHECK(strstr(m, "fm.md:2: error: TOML: key a already holds") != NULL);
	m = parse_error("a = {}\na = {}\n", 1);
	CHECK(strstr(m, "fm.md:2: error: TOML: duplicate key a") != NULL);
	m = parse_error("[t]\nk = 1\n[u]\n[t.k]\n", 1);
	CHECK(strstr(m, "fm.md:4: error: TOML: duplicate key t.k") != NULL);
	m = parse_error("a = 007\n", 1);
	CHECK_STR(m, "ksconv: fm.md:1: error: TOML: invalid value \"007\"\n");
	m = parse_error("\na = 1.\n", 1);
	CHECK_STR(m, "ksconv: fm.md:2: error: TOML: invalid value \"1.\"\n");
	m = parse_error("a = True\n", 1);
	CHECK(strstr(m, "invalid value \"True\"") != NULL);
	m = parse_error("a = 2019-13-01\n", 1);
	CHECK(strstr(m, "invalid value \"2019-13-01\"") != NULL);
	m = parse_error("a = 1979-05-27T25:00:00\n", 1);
	CHECK(strstr(m, "invalid value") != NULL);
	m = parse_error("a = bare words\n", 1);
	CHECK(strstr(m, "invalid value \"bare\"") != NULL);
	m = parse_error("a = \"open\nb = 1\n", 1);
	CHECK_STR(m, "ksconv: fm.md:1: error: TOML: unterminated string\n");
	m = parse_error("a = \"\"\"open\n\nb = 1\n", 4);
	CHECK_STR(m, "ksconv: fm.md:4: error: TOML: unterminated multi-line "
	    "string\n");
	m = parse_error("a = [1,\n 2\n", 1);
	CHECK_STR(m, "ksconv: fm.md:1: error: TOML: unterminated array\n");
	m = parse_error("a = [1 2]\n", 1);
	CHECK(strstr(m, "expected ',' or ']' in an array") != NULL);
	m = parse_error("a = [{b = 1}]\n", 1);
	CHECK(strstr(m, "inline tables inside arrays are not supported")
	    != NULL);
	m = parse_error("a = {b = 1\n}\n", 1);
	CHECK(strstr(m, "expected ',' or '}' in an inline table") != NULL);
	m = parse_error("a 1\n", 1);
	CHECK_STR(m, "ksconv: fm.md:1: error: TOML: expected '=' after the "
	    "key a\n");
	m = parse_error("a = 1 b = 2\n", 1);
	CHECK_STR(m, "ksconv: fm.md:1: error: TOML: expected the end of the "
	    "line\n");
	m = parse_error("a =\n", 1);
	CHECK(strstr(m, "expected a value") != NULL);
	m = parse_error("= 1\n", 1);
	CHECK(strstr(m, "expected a key") != NULL);
	m = parse_error("é = 1\n", 1);
	CHECK(strstr(m, "expected a key") != NULL);
	m = parse_error("a = \"\\q\"\n", 1);
	CHECK(strstr(m, "invalid escape \\q in a string") != NULL);
	m = parse_error("a = \"\\u12\"\n", 1);
	CHECK(strstr(m, "\\u needs 4 hex digits") != NULL);
	m = parse_error("a = \"\\uD800\"\n", 1);
	CHECK(strstr(m, "is not a character") != NULL);
	m = parse_error("[t\n", 1);
	CHECK(strstr(m, "expected ']' after the table name") != NULL);
	m = parse_error("a = '''x''''''\n", 1);
	CHECK(strstr(m, "too many quotes") != NULL);

	/* Nesting: 64 levels are fine, 65 are not. */
	s = malloc(300);
	strcpy(s, "a = ");
	for (int i = 0; i < 64; i++)
		strcat(s, "[");
	strcat(s, "1");
	for (int i = 0; i < 64; i++)
		strcat(s, "]");
	{
		struct ks_fields f = KS_FIELDS_INIT;

		CHECK_INT(parse(s, 1, &f), 0);
		CHECK_STR(val(&f, "a", 0), "1");
		ks_fields_free(&f);
	}
	strcpy(s, "a = ");
	for (int i = 0; i < 65; i++)
		strcat(s, "[");
	m = parse_error(s, 1);
	CHECK(strstr(m, "arrays nested deeper than 64 levels") != NULL);
	free(s);
	s = malloc(65 * 5 + 10);
	strcpy(s, "a = ");
	for (int i = 0; i < 65; i++)
		strcat(s, "{b= ");
	m = parse_error(s, 1);
	CHECK(strstr(m, "nested deeper than 64 levels") != NULL ||
	    strstr(m, "more than 64 parts") != NULL);
	free(s);
}

static void
test_corpus(void)
{
	struct ks_fields f = KS_FIELDS_INIT;
	const struct ks_field *fl;
	struct ks_fm_split sp;
	const char *text;

	for (size_t i = 0; i < sizeof(corpus) / sizeof(*corpus); i++) {
		text = corpus[i].text;
		CHECK_INT(ks_fm_split(text, strlen(text), &sp), 0);
		CHECK_INT(sp.kind, KS_FM_TOML);
		CHECK_INT(ks_toml_parse_fields(text + sp.fm_start, sp.fm_len,
		    corpus[i].name, sp.fm_line, &f), 0);
		CHECK_INT(f.len, corpus[i].nfields);
		fl = ks_fields_get(&f, corpus[i].key);
		CHECK(fl != NULL);
		if (fl) {
			CHECK_INT(fl->line, corpus[i].line);
			CHECK_STR(fl->values.len ? fl->values.v[0] : NULL,
			    corpus[i].value);
		}
		CHECK(is_list(&f, corpus[i].list_key));
		CHECK_INT(nvals(&f, corpus[i].list_key), corpus[i].list_len);
		ks_fields_free(&f);
	}
}

int
main(void)
{
	test_hugo();
	test_values();
	test_arrays_tables();
	test_errors();
	test_corpus();
	return ks_check_done("toml");
}
