/* The output batch: files land in chunks, each flushed before any of it
 * is renamed, a few per file written after it; commit lands the rest, and
 * free removes the temporaries not renamed. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "output.h"

/* How many names in dir end in ".md" (landed) and hold ".tmp-" (not). */
static void
count(const char *dir, int *landed, int *temps)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t n;

	*landed = *temps = 0;
	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		n = strlen(e->d_name);
		if (strstr(e->d_name, ".tmp-") != NULL)
			(*temps)++;
		else if (n > 3 && strcmp(e->d_name + n - 3, ".md") == 0)
			(*landed)++;
	}
	closedir(d);
}

static int
write_file(struct ks_output_batch *b, const char *dir, int i)
{
	char path[512], text[32];

	snprintf(path, sizeof(path), "%s/f%02d.md", dir, i);
	snprintf(text, sizeof(text), "file %d\n", i);
	return ks_output_batch_write(b, path, text, strlen(text));
}

/* f<i>.md holds "file <i>". */
static int
holds(const char *dir, int i)
{
	char path[512], want[32], got[32] = "";
	FILE *f;

	snprintf(path, sizeof(path), "%s/f%02d.md", dir, i);
	snprintf(want, sizeof(want), "file %d\n", i);
	if ((f = fopen(path, "r")) == NULL)
		return 0;
	if (fgets(got, sizeof(got), f) == NULL)
		got[0] = '\0';
	fclose(f);
	return strcmp(got, want) == 0;
}

int
main(void)
{
	char dir[] = "/tmp/ks-test-output-XXXXXX";
	struct ks_output_batch b = KS_OUTPUT_BATCH_INIT;
	int landed, temps, all = 1;

	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	b.chunk = 4;
	/* The first chunk is flushed at the 4th file, then lands two by two
	 * with the files written after it. */
	for (int i = 0; i < 4; i++)
		CHECK_INT(write_file(&b, dir, i), 0);
	count(dir, &landed, &temps);
	CHECK_INT(landed, 0);
	CHECK_INT(temps, 4);
	CHECK_INT(write_file(&b, dir, 4), 0);
	count(dir, &landed, &temps);
	CHECK_INT(landed, 2);
	CHECK_INT(write_file(&b, dir, 5), 0);
	count(dir, &landed, &temps);
	CHECK_INT(landed, 4);
	CHECK_INT(temps, 2);
	/* Ten files: the second chunk (4-7) is flushed at the 8th and has
	 * landed by the 10th; the batch forgot the first one's names. */
	for (int i = 6; i < 10; i++)
		CHECK_INT(write_file(&b, dir, i), 0);
	count(dir, &landed, &temps);
	CHECK_INT(landed, 8);
	CHECK_INT(temps, 2);
	CHECK(b.len <= 6);
	CHECK_INT(ks_output_batch_commit(&b), 0);
	count(dir, &landed, &temps);
	CHECK_INT(landed, 10);
	CHECK_INT(temps, 0);
	for (int i = 0; i < 10; i++)
		all &= holds(dir, i);
	CHECK(all);
	/* Files not landed when the batch is freed go away; landed ones
	 * stay. */
	for (int i = 10; i < 15; i++)
		CHECK_INT(write_file(&b, dir, i), 0);
	ks_output_batch_free(&b);
	count(dir, &landed, &temps);
	CHECK_INT(temps, 0);
	CHECK_INT(landed, 12);
	CHECK(holds(dir, 10) && holds(dir, 11));
	{
		char cmd[600];

		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
		CHECK_INT(system(cmd), 0);
	}
	return ks_check_done("output");
}
