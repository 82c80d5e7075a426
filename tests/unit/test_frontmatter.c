/* Tests for src/frontmatter.c: fences, BOM, blank lines, CRLF, unclosed
 * blocks, and the seed files of the repository. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "frontmatter.h"

#ifndef KS_SRCDIR
#define KS_SRCDIR "."
#endif

static struct ks_fm_split sp;

/* Splits a C string; returns ks_fm_split's status. */
static int
split(const char *s)
{
	return ks_fm_split(s, strlen(s), &sp);
}

/* The front matter of the last split string s (in a static buffer). */
static char *
fm(const char *s)
{
	static char b[256];

	snprintf(b, sizeof(b), "%.*s", (int)sp.fm_len, s + sp.fm_start);
	return b;
}

static void
test_none(void)
{
	const char *s;

	CHECK_INT(split(""), 0);
	CHECK_INT(sp.kind, KS_FM_NONE);
	CHECK_INT(sp.body_start, 0);
	CHECK_INT(sp.body_line, 1);

	CHECK_INT(split("Just text.\n---\nmore\n"), 0);
	CHECK_INT(sp.kind, KS_FM_NONE);
	CHECK_INT(sp.body_start, 0);

	/* Only the BOM is skipped when there is no front matter. */
	s = "\xEF\xBB\xBF\n\ntitle: x\n";
	CHECK_INT(split(s), 0);
	CHECK_INT(sp.kind, KS_FM_NONE);
	CHECK_INT(sp.body_start, 3);
	CHECK_INT(sp.body_line, 1);

	/* A rule of four dashes, a fence with text after it, an indented
	 * fence: none opens front matter. */
	CHECK_INT(split("----\ntitle: x\n----\n"), 0);
	CHECK_INT(sp.kind, KS_FM_NONE);
	CHECK_INT(split("--- title: x\n---\n"), 0);
	CHECK_INT(sp.kind, KS_FM_NONE);
	CHECK_INT(split(" ---\ntitle: x\n---\n"), 0);
	CHECK_INT(sp.kind, KS_FM_NONE);
	CHECK_INT(split("++\na = 1\n++\n"), 0);
	CHECK_INT(sp.kind, KS_FM_NONE);

	/* Blank lines only. */
	CHECK_INT(split("\n \t\r\n\n"), 0);
	CHECK_INT(sp.kind, KS_FM_NONE);
	CHECK_INT(sp.body_start, 0);
}

static void
test_yaml(void)
{
	const char *s;

	s = "---\ntitle: x\ntags: [a]\n---\nBody\n";
	CHECK_INT(split(s), 0);
	CHECK_INT(sp.kind, KS_FM_YAML);
	CHECK_STR(fm(s), "title: x\ntags: [a]\n");
	CHECK_INT(sp.fm_line, 2);
	CHECK_STR(s + sp.body_start, "Body\n");
	CHECK_INT(sp.body_line, 5);

	/* BOM, blank lines of spaces, tabs and CR, fences with trailing
	 * blanks, CRLF everywhere. */
	s = "\xEF\xBB\xBF\r\n  \t\r\n---  \r\ntitle: x\r\n---\t\r\nBody\r\n";
	CHECK_INT(split(s), 0);
	CHECK_INT(sp.kind, KS_FM_YAML);
	CHECK_STR(fm(s), "title: x\r\n");
	CHECK_INT(sp.fm_line, 4);
	CHECK_STR(s + sp.body_start, "Body\r\n");
	CHECK_INT(sp.body_line, 6);

	/* "..." closes YAML too. */
	s = "---\na: 1\n...\nBody";
	CHECK_INT(split(s), 0);
	CHECK_STR(fm(s), "a: 1\n");
	CHECK_STR(s + sp.body_start, "Body");

	/* An empty block, and a closing fence at the very end. */
	s = "---\n---\nBody";
	CHECK_INT(split(s), 0);
	CHECK_INT(sp.kind, KS_FM_YAML);
	CHECK_INT(sp.fm_len, 0);
	CHECK_INT(sp.fm_line, 2);
	CHECK_STR(s + sp.body_start, "Body");
	CHECK_INT(sp.body_line, 3);
	s = "---\na: 1\n---";
	CHECK_INT(split(s), 0);
	CHECK_STR(fm(s), "a: 1\n");
	CHECK_INT(sp.body_start, strlen(s));
	CHECK_INT(sp.body_line, 4);

	/* Only a fence at the start of a line closes; "----" does not. */
	s = "---\na: |\n  ---\n----\nb: 2\n---\nBody\n";
	CHECK_INT(split(s), 0);
	CHECK_STR(fm(s), "a: |\n  ---\n----\nb: 2\n");
	CHECK_INT(sp.body_line, 7);

	/* "+++" does not close YAML. */
	s = "---\na: 1\n+++\n---\n";
	CHECK_INT(split(s), 0);
	CHECK_STR(fm(s), "a: 1\n+++\n");
}

static void
test_toml(void)
{
	const char *s;

	s = "\n+++\ntitle = \"x\"\n+++\n\nBody\n";
	CHECK_INT(split(s), 0);
	CHECK_INT(sp.kind, KS_FM_TOML);
	CHECK_STR(fm(s), "title = \"x\"\n");
	CHECK_INT(sp.fm_line, 3);
	CHECK_STR(s + sp.body_start, "\nBody\n");
	CHECK_INT(sp.body_line, 5);

	/* TOML closes with "+++" only. */
	s = "+++\na = 1\n---\n...\n+++ \r\nBody";
	CHECK_INT(split(s), 0);
	CHECK_STR(fm(s), "a = 1\n---\n...\n");
	CHECK_STR(s + sp.body_start, "Body");
}

static void
test_unclosed(void)
{
	const char *s;

	s = "\n---\ntitle: x\n";
	CHECK_INT(split(s), -1);
	CHECK_INT(sp.kind, KS_FM_YAML);
	CHECK_INT(sp.fm_line, 2);
	CHECK_INT(sp.fm_start, 1);
	CHECK_INT(sp.body_start, 1);
	CHECK_INT(sp.body_line, 2);

	/* A Markdown rule first, then text: unclosed, by design. */
	CHECK_INT(split("---\n\nSome text after a rule.\n"), -1);
	CHECK_INT(split("---"), -1);
	CHECK_INT(split("---\n"), -1);
	CHECK_INT(split("+++\na = 1\n---\n"), -1);
	CHECK_INT(sp.kind, KS_FM_TOML);
	CHECK_INT(split("---\na: 1\n ---\n"), -1);
}

/* Reads a whole file; the caller frees it. NULL when it cannot. */
static char *
slurp(const char *path, size_t *len)
{
	FILE *fp;
	char *b;
	long n;

	if ((fp = fopen(path, "rb")) == NULL)
		return NULL;
	b = NULL;
	if (fseek(fp, 0, SEEK_END) == 0 && (n = ftell(fp)) >= 0 &&
	    fseek(fp, 0, SEEK_SET) == 0) {
		b = malloc((size_t)n + 1);
		*len = fread(b, 1, (size_t)n, fp);
		b[*len] = '\0';
	}
	fclose(fp);
	return b;
}

static void
test_seeds(void)
{
	static const struct {
		const char	*name;
		enum ks_fm_kind	 kind;
		size_t		 fm_line;
		size_t		 body_line;
		const char	*fm_head;
		const char	*body_head;
	} seeds[] = {
		{ "000_6c9a9a2a37b9e920.txt", KS_FM_YAML, 3, 14,
		    "title: '快手响应国际助残日发起", "\n<div>" },
		{ "001_65768461d97a4e44.txt", KS_FM_YAML, 3, 14,
		    "title: '共享芬芳", "\n<div>" },
		{ "002_fcbe19827e66f562.txt", KS_FM_YAML, 3, 14,
		    "title: '快手公益与湘西州", "\n<div>" },
		{ "003_024a42d1340e107e.txt", KS_FM_NONE, 1, 1,
		    NULL, "主管单位:山西省社会科学院\n" },
		{ "004_3c9ac8582064baac.txt", KS_FM_YAML, 2, 8,
		    "layout: post\ntitle: \"短视频", "<p style=" },
	};
	char path[512], *text;
	size_t len;

	for (size_t i = 0; i < sizeof(seeds) / sizeof(*seeds); i++) {
		snprintf(path, sizeof(path), "%s/seeds/%s", KS_SRCDIR,
		    seeds[i].name);
		text = slurp(path, &len);
		CHECK(text != NULL);
		if (text == NULL)
			continue;
		CHECK_INT(ks_fm_split(text, len, &sp), 0);
		CHECK_INT(sp.kind, seeds[i].kind);
		CHECK_INT(sp.fm_line, seeds[i].fm_line);
		CHECK_INT(sp.body_line, seeds[i].body_line);
		if (seeds[i].fm_head)
			CHECK(strncmp(text + sp.fm_start, seeds[i].fm_head,
			    strlen(seeds[i].fm_head)) == 0);
		CHECK(strncmp(text + sp.body_start, seeds[i].body_head,
		    strlen(seeds[i].body_head)) == 0);
		CHECK(sp.body_start <= len);
		if (seeds[i].kind != KS_FM_NONE)
			/* The closing fence follows the front matter. */
			CHECK(strncmp(text + sp.fm_start + sp.fm_len, "---",
			    3) == 0);
		free(text);
	}
}

int
main(void)
{
	test_none();
	test_yaml();
	test_toml();
	test_unclosed();
	test_seeds();
	return ks_check_done("frontmatter");
}
