/* Hugo's {{< highlight >}} blocks as CommonMark fences. */
#include "shortcode.h"

#include <string.h>

/* The line starting at s[i] (without its newline) ends at the return. */
static size_t
line_end(const char *s, size_t len, size_t i)
{
	const char *nl = memchr(s + i, '\n', len - i);

	return nl ? (size_t)(nl - s) : len;
}

/*
 * Is s[i..end) "{{< highlight LANG ... >}}" (closing: "{{< /highlight >}}"),
 * with < or %? On an opening line, *lang and *lang_len get LANG (may be
 * empty).
 */
static int
is_highlight(const char *s, size_t i, size_t end, int closing,
    const char **lang, size_t *lang_len)
{
	const char *word = closing ? "/highlight" : "highlight";
	size_t n = strlen(word);
	char mark;

	while (i < end && (s[i] == ' ' || s[i] == '\t'))
		i++;
	while (end > i && (s[end - 1] == ' ' || s[end - 1] == '\t' ||
	    s[end - 1] == '\r'))
		end--;
	if (end - i < 6 || s[i] != '{' || s[i + 1] != '{' ||
	    (s[i + 2] != '<' && s[i + 2] != '%'))
		return 0;
	mark = s[i + 2] == '<' ? '>' : '%';
	if (s[end - 1] != '}' || s[end - 2] != '}' || s[end - 3] != mark)
		return 0;
	i += 3;
	end -= 3;
	while (i < end && s[i] == ' ')
		i++;
	if (end - i < n || memcmp(s + i, word, n) != 0 ||
	    (i + n < end && s[i + n] != ' '))
		return 0;
	i += n;
	while (i < end && s[i] == ' ')
		i++;
	if (closing)
		return i == end;
	*lang = s + i;
	*lang_len = 0;
	while (i + *lang_len < end && s[i + *lang_len] != ' ' &&
	    s[i + *lang_len] != '"')
		(*lang_len)++;
	return 1;
}

/* The longest run of backticks in s[from..to). */
static size_t
longest_backticks(const char *s, size_t from, size_t to)
{
	size_t best = 0, run = 0;

	for (size_t i = from; i < to; i++) {
		run = s[i] == '`' ? run + 1 : 0;
		if (run > best)
			best = run;
	}
	return best;
}

size_t
ks_shortcode_highlight(const char *md, size_t len, struct ks_buf *out)
{
	size_t i = 0, copied = 0, count = 0;

	while (i < len) {
		size_t end = line_end(md, len, i), j, fence;
		const char *lang;
		size_t lang_len;

		if (!is_highlight(md, i, end, 0, &lang, &lang_len)) {
			i = end + 1;
			continue;
		}
		/* Find the closing line. */
		for (j = end + 1; j < len; j = line_end(md, len, j) + 1)
			if (is_highlight(md, j, line_end(md, len, j), 1, NULL,
			    NULL))
				break;
		if (j >= len) {
			i = end + 1;
			continue;
		}
		fence = longest_backticks(md, end + 1, j) + 1;
		if (fence < 3)
			fence = 3;
		ks_buf_put(out, md + copied, i - copied);
		for (size_t k = 0; k < fence; k++)
			ks_buf_putc(out, '`');
		ks_buf_put(out, lang, lang_len);
		ks_buf_putc(out, '\n');
		ks_buf_put(out, md + end + 1, j - (end + 1));
		for (size_t k = 0; k < fence; k++)
			ks_buf_putc(out, '`');
		i = line_end(md, len, j);
		copied = i;
		count++;
	}
	/* Nothing replaced: out stays empty and nothing was copied. */
	if (count > 0)
		ks_buf_put(out, md + copied, len - copied);
	return count;
}
