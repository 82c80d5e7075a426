/* Reading the dates scraped archives write (date_format.c prints them).
 * Everything is computed from the civil calendar, never with mktime or
 * strptime, so no result depends on TZ or the locale. */
#include "date.h"

#include <stdio.h>
#include <string.h>

#include "ascii.h"

/* Longest input after white space is folded; real dates, even JavaScript's
 * "Fri Apr 08 2022 17:57:45 GMT+0800 (China Standard Time)", are far shorter. */
#define DATE_MAX	256

/* The last instant whose year still has four digits: 9999-12-31T23:59:59Z. */
#define MAX_UNIX	INT64_C(253402300799)

/* Full names, matched case-insensitively by any prefix of three letters or
 * more ("Sep", "Sept", "September"). */
static const char *const month_names[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};
static const char *const weekday_names[7] = {
	"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
	"Saturday",
};

/* The zone names RFC 2822 defines, at its offsets: "CST" is US Central, even
 * though a Chinese page writing it alone may mean +08:00. Other names are
 * too ambiguous ("IST" is three zones) to read without a numeric offset. */
static const struct {
	const char	*name;
	int		 offset;	/* minutes east of UTC */
} zone_names[] = {
	{ "GMT", 0 }, { "UT", 0 }, { "UTC", 0 }, { "Z", 0 },
	{ "EST", -5 * 60 }, { "EDT", -4 * 60 },
	{ "CST", -6 * 60 }, { "CDT", -5 * 60 },
	{ "MST", -7 * 60 }, { "MDT", -6 * 60 },
	{ "PST", -8 * 60 }, { "PDT", -7 * 60 },
};

/* Abbreviations tolerated, and ignored, after a numeric offset, as Go prints
 * "2022-04-08 17:57:45 +0800 CST": the number says which zone is meant. */
static const char *const zone_labels[] = {
	"HKT", "JST", "KST", "SGT", "CET", "CEST", "EET", "EEST", "WET",
	"WEST", "BST", "IST", "MSK", "AEST", "AEDT",
};

/* Chinese words before a time saying whether it is morning (1) or from
 * noon on (2): "下午2:30" is 14:30. */
static const struct {
	const char	*word;
	int		 meridiem;
} cjk_meridiems[] = {
	{ "上午", 1 }, { "凌晨", 1 }, { "早上", 1 }, { "清晨", 1 },
	{ "下午", 2 }, { "中午", 2 }, { "晚上", 2 }, { "傍晚", 2 },
};

/* What the parser has read so far; validated and combined only at the end. */
struct fields {
	int	year, mon, day;
	int	hour, min, sec;
	int	meridiem;	/* 0 none, 1 AM, 2 PM */
	int	offset;		/* minutes east of UTC */
	bool	has_time;
	bool	has_zone;
};

static size_t
count_digits(const char *p)
{
	size_t n;

	for (n = 0; ks_ascii_is_digit((unsigned char)p[n]); n++)
		continue;
	return n;
}

static size_t
count_alpha(const char *p)
{
	size_t n;

	for (n = 0; ks_ascii_is_alpha((unsigned char)p[n]); n++)
		continue;
	return n;
}

static bool
same_letters(const char *a, const char *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (ks_ascii_lower((unsigned char)a[i]) != ks_ascii_lower((unsigned char)b[i]))
			return false;
	return true;
}

/*
 * Copies s into buf, folding full-width ASCII forms ("２０２２", "：") to
 * ASCII and every run of white space (including no-break and ideographic
 * spaces) to one space, without leading or trailing space, so the parser
 * only ever meets a single ' '. Returns -1 when the result does not fit.
 */
static int
normalize(const char *s, char *buf, size_t size)
{
	const unsigned char *p;
	size_t n, adv;
	unsigned c, cp;
	bool space;

	p = (const unsigned char *)s;
	n = 0;
	space = false;
	while (*p != '\0') {
		c = *p;
		adv = 1;
		if (c == ' ' || (c >= '\t' && c <= '\r')) {
			c = ' ';
		} else if (c == 0xC2 && p[1] == 0xA0) {
			c = ' ';
			adv = 2;
		} else if (c == 0xE3 && p[1] == 0x80 && p[2] == 0x80) {
			c = ' ';
			adv = 3;
		} else if (c == 0xEF && (p[1] == 0xBC || p[1] == 0xBD) &&
		    (p[2] & 0xC0) == 0x80) {
			cp = 0xF000 | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
			if (cp >= 0xFF01 && cp <= 0xFF5E) {
				c = cp - 0xFEE0;
				adv = 3;
			}
		}
		if (c == ' ') {
			space = n > 0;
			p += adv;
			continue;
		}
		/* Room for a pending space, this byte and the NUL. */
		if (n + 3 > size)
			return -1;
		if (space)
			buf[n++] = ' ';
		space = false;
		buf[n++] = (char)c;
		p += adv;
	}
	buf[n] = '\0';
	return 0;
}

static const char *
skip_space(const char *p)
{
	while (*p == ' ')
		p++;
	return p;
}

/* Skips a comma, spaces after it, or both ("8, 2022", "8 2022"). */
static const char *
skip_comma(const char *p)
{
	if (*p == ',')
		p++;
	return skip_space(p);
}

/* Reads a number of min to max digits (max at most 4). Returns the end, or
 * NULL when the run of digits is shorter or longer. */
static const char *
read_num(const char *p, size_t min, size_t max, int *v)
{
	size_t n, i;

	n = count_digits(p);
	if (n < min || n > max)
		return NULL;
	*v = 0;
	for (i = 0; i < n; i++)
		*v = *v * 10 + (p[i] - '0');
	return p + n;
}

/* Reads a four-digit year, or a two-digit one by RFC 2822's rule (00-49 are
 * 2000-2049, 50-99 are 1950-1999). Returns the end, or NULL. */
static const char *
read_year(const char *p, bool two_digits, int *year)
{
	size_t n;

	n = count_digits(p);
	if (n == 2 && two_digits) {
		p = read_num(p, 2, 2, year);
		*year += *year < 50 ? 2000 : 1900;
		return p;
	}
	return read_num(p, 4, 4, year);
}

/* Returns the end of the bytes lit if p starts with them, else NULL. */
static const char *
match_lit(const char *p, const char *lit)
{
	size_t n;

	n = strlen(lit);
	return strncmp(p, lit, n) == 0 ? p + n : NULL;
}

/* Matches a whole English word case-insensitively. Returns its end or NULL. */
static const char *
match_word(const char *p, const char *word)
{
	size_t n;

	n = count_alpha(p);
	if (n != strlen(word) || !same_letters(p, word, n))
		return NULL;
	return p + n;
}

/*
 * Matches a month or weekday name from names: the whole name or a prefix of
 * three letters or more, case-insensitively, and a dot after an abbreviation
 * ("Sept."). Sets *idx; returns the end, or NULL when no name matches.
 */
static const char *
match_name(const char *p, const char *const *names, int count, int *idx)
{
	size_t n;
	int i;

	n = count_alpha(p);
	if (n < 3)
		return NULL;
	for (i = 0; i < count; i++) {
		if (n > strlen(names[i]) || !same_letters(p, names[i], n))
			continue;
		*idx = i;
		if (n < strlen(names[i]) && p[n] == '.')
			n++;
		return p + n;
	}
	return NULL;
}

/* Skips an English ordinal suffix after a day ("8th", "1st"). */
static const char *
skip_ordinal(const char *p)
{
	const char *q;

	if ((q = match_word(p, "st")) != NULL ||
	    (q = match_word(p, "nd")) != NULL ||
	    (q = match_word(p, "rd")) != NULL ||
	    (q = match_word(p, "th")) != NULL)
		return q;
	return p;
}

/* Skips a Chinese weekday ("星期五", "周五", "礼拜天"); returns p when there is
 * none. The weekday is not checked against the date: scraped ones are often
 * wrong, and the date is what matters. */
static const char *
skip_cjk_weekday(const char *p)
{
	static const char *const words[] = {
		"星期", "礼拜", "禮拜", "周", "週",
	};
	static const char *const days[] = {
		"一", "二", "三", "四", "五", "六", "日", "天",
	};
	const char *q, *r;
	size_t i, j;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		if ((q = match_lit(p, words[i])) == NULL)
			continue;
		for (j = 0; j < sizeof(days) / sizeof(days[0]); j++)
			if ((r = match_lit(q, days[j])) != NULL)
				return r;
	}
	return p;
}

/*
 * Reads a UTC offset: "+08:00", "+0800", "+08" or "+8". Returns the end, or
 * NULL when it is malformed or beyond ±18 hours.
 */
static const char *
parse_offset(const char *p, int *offset)
{
	int sign, h, m;

	if (*p != '+' && *p != '-')
		return NULL;
	sign = *p++ == '-' ? -1 : 1;
	m = 0;
	if (count_digits(p) == 4) {
		h = (p[0] - '0') * 10 + (p[1] - '0');
		m = (p[2] - '0') * 10 + (p[3] - '0');
		p += 4;
	} else {
		if ((p = read_num(p, 1, 2, &h)) == NULL)
			return NULL;
		if (*p == ':' && (p = read_num(p + 1, 2, 2, &m)) == NULL)
			return NULL;
	}
	if (m > 59 || h * 60 + m > KS_DATE_MAX_OFFSET)
		return NULL;
	*offset = sign * (h * 60 + m);
	return p;
}

/* Skips a zone abbreviation written after a numeric offset, which already
 * says what the zone is; returns p when none follows. */
static const char *
skip_zone_label(const char *p)
{
	const char *q;
	size_t i;

	q = skip_space(p);
	for (i = 0; i < sizeof(zone_names) / sizeof(zone_names[0]); i++)
		if (match_word(q, zone_names[i].name) != NULL)
			return q + strlen(zone_names[i].name);
	for (i = 0; i < sizeof(zone_labels) / sizeof(zone_labels[0]); i++)
		if (match_word(q, zone_labels[i]) != NULL)
			return q + strlen(zone_labels[i]);
	return p;
}

/*
 * Reads a zone at p: a numeric offset, one of RFC 2822's names, or
 * "GMT+8"/"UTC+08:00". Sets the offset in *f. Returns the end, or NULL when
 * there is no zone at p.
 */
static const char *
parse_zone(const char *p, struct fields *f)
{
	const char *q;
	size_t i;
	int off;

	if ((q = parse_offset(p, &off)) != NULL) {
		f->offset = off;
		f->has_zone = true;
		return skip_zone_label(q);
	}
	for (i = 0; i < sizeof(zone_names) / sizeof(zone_names[0]); i++) {
		if ((q = match_word(p, zone_names[i].name)) == NULL)
			continue;
		off = zone_names[i].offset;
		if (off == 0 && strlen(zone_names[i].name) > 1 &&
		    (*q == '+' || *q == '-') &&
		    (q = parse_offset(q, &off)) == NULL)
			return NULL;
		f->offset = off;
		f->has_zone = true;
		return q;
	}
	return NULL;
}

/* Matches "AM", "PM", "a.m." or "p.m." at p, setting *meridiem to 1 or 2.
 * Returns the end, or NULL. */
static const char *
match_meridiem(const char *p, int *meridiem)
{
	int c;

	c = ks_ascii_lower((unsigned char)p[0]);
	if (c != 'a' && c != 'p')
		return NULL;
	*meridiem = c == 'a' ? 1 : 2;
	if (ks_ascii_lower((unsigned char)p[1]) == 'm' &&
	    !ks_ascii_is_alpha((unsigned char)p[2]))
		return p + 2;
	if (p[1] == '.' && ks_ascii_lower((unsigned char)p[2]) == 'm' && p[3] == '.')
		return p + 4;
	return NULL;
}

/* Matches the Chinese mark after an hour ("14时", "2点"). Returns its end,
 * or NULL. */
static const char *
match_hour_mark(const char *p)
{
	const char *q;

	if ((q = match_lit(p, "时")) != NULL ||
	    (q = match_lit(p, "時")) != NULL ||
	    (q = match_lit(p, "点")) != NULL ||
	    (q = match_lit(p, "點")) != NULL)
		return q;
	return NULL;
}

/* True when p starts a time of day ("7:09", "14时"), not a year or day. */
static bool
looks_like_clock(const char *p)
{
	size_t n;

	n = count_digits(p);
	return (n == 1 || n == 2) &&
	    (p[n] == ':' || match_hour_mark(p + n) != NULL);
}

/*
 * Reads a time of day, "7:09", "07:09:21.123" or Chinese "14时30分05秒", into
 * *f; a fraction of a second is dropped. Returns the end, or NULL when p is
 * not a time. Ranges are checked later, once AM/PM is known.
 */
static const char *
parse_clock(const char *p, struct fields *f)
{
	const char *q;
	bool cjk;

	if ((p = read_num(p, 1, 2, &f->hour)) == NULL)
		return NULL;
	cjk = false;
	if (*p == ':')
		p++;
	else if ((q = match_hour_mark(p)) != NULL) {
		p = q;
		cjk = true;
	} else
		return NULL;
	f->has_time = true;
	f->min = f->sec = 0;
	if (cjk) {
		/* "14时" alone, "14时30分", "14时30分05秒", "14点30". */
		if (!ks_ascii_is_digit((unsigned char)*p))
			return p;
		if ((p = read_num(p, 1, 2, &f->min)) == NULL)
			return NULL;
		if ((q = match_lit(p, "分")) != NULL)
			p = q;
		if (ks_ascii_is_digit((unsigned char)*p)) {
			if ((p = read_num(p, 1, 2, &f->sec)) == NULL)
				return NULL;
			if ((q = match_lit(p, "秒")) != NULL)
				p = q;
		}
		return p;
	}
	if ((p = read_num(p, 2, 2, &f->min)) == NULL)
		return NULL;
	if (*p == ':') {
		if ((p = read_num(p + 1, 2, 2, &f->sec)) == NULL)
			return NULL;
		if ((*p == '.' || *p == ',') && ks_ascii_is_digit((unsigned char)p[1]))
			p += 1 + count_digits(p + 1);
	}
	return p;
}

/*
 * Reads a time of day and what may follow it: AM/PM, then a zone. Returns
 * the end, or NULL when p is not a time. A word that is not a zone is left
 * for the caller, which refuses it as trailing text.
 */
static const char *
parse_clock_zone(const char *p, struct fields *f)
{
	const char *q;
	int meridiem;

	if ((p = parse_clock(p, f)) == NULL)
		return NULL;
	if ((q = match_meridiem(skip_space(p), &meridiem)) != NULL) {
		if (f->meridiem != 0)
			return NULL;
		f->meridiem = meridiem;
		p = q;
	}
	if ((q = parse_zone(skip_space(p), f)) != NULL)
		p = q;
	return p;
}

/*
 * Reads what may follow a date: nothing, or a time (after "T" when allow_t,
 * or after a space, a comma or "at") with its zone. Returns the end, or NULL
 * when a time is started but malformed.
 */
static const char *
after_date(const char *p, struct fields *f, bool allow_t)
{
	const char *q, *r;

	if (allow_t && (*p == 'T' || *p == 't'))
		return parse_clock_zone(p + 1, f);
	q = skip_comma(skip_space(p));
	if ((r = match_word(q, "at")) != NULL && *r == ' ')
		q = skip_space(r);
	if (ks_ascii_is_digit((unsigned char)*q))
		return parse_clock_zone(q, f);
	return p;
}

/*
 * Reads the rest of a Chinese date after "年": "4月8日", then an optional
 * weekday, 上午/下午 and time. Returns the end, or NULL.
 */
static const char *
parse_cjk_date(const char *p, struct fields *f)
{
	const char *q, *r, *end;
	size_t i;

	if ((p = read_num(p, 1, 2, &f->mon)) == NULL ||
	    (p = match_lit(p, "月")) == NULL ||
	    (p = read_num(p, 1, 2, &f->day)) == NULL)
		return NULL;
	if ((q = match_lit(p, "日")) == NULL &&
	    (q = match_lit(p, "号")) == NULL &&
	    (q = match_lit(p, "號")) == NULL)
		return NULL;
	end = q;
	q = skip_space(q);
	if ((r = skip_cjk_weekday(q)) != q) {
		end = r;
		q = skip_space(r);
	}
	for (i = 0; i < sizeof(cjk_meridiems) / sizeof(cjk_meridiems[0]);
	    i++) {
		if ((r = match_lit(q, cjk_meridiems[i].word)) != NULL) {
			f->meridiem = cjk_meridiems[i].meridiem;
			q = skip_space(r);
			break;
		}
	}
	if (ks_ascii_is_digit((unsigned char)*q))
		return parse_clock_zone(q, f);
	return f->meridiem != 0 ? NULL : end;
}

/*
 * Reads a date that starts with the day: "03 Dec 2021 07:09:21 GMT",
 * "8 April 2022", "8th of April, 2022", "03-Dec-21". Returns the end, or
 * NULL.
 */
static const char *
parse_day_first(const char *p, struct fields *f)
{
	const char *q;

	if ((p = read_num(p, 1, 2, &f->day)) == NULL)
		return NULL;
	p = skip_ordinal(p);
	if (*p == '-')
		p++;
	else if (*p == ' ')
		p = skip_space(p);
	else
		return NULL;
	if ((q = match_word(p, "of")) != NULL && *q == ' ')
		p = skip_space(q);
	if ((p = match_name(p, month_names, 12, &f->mon)) == NULL)
		return NULL;
	f->mon++;
	q = *p == '-' ? p + 1 : skip_comma(p);
	if (q == p && p[-1] != '.')
		return NULL;
	if ((p = read_year(q, true, &f->year)) == NULL)
		return NULL;
	return after_date(p, f, false);
}

/*
 * Reads a date that starts with the month's name: "Apr 8, 2022",
 * "April 8th 2022 at 2:30 PM", and asctime's "Dec  3 07:09:21 2021".
 * Returns the end, or NULL.
 */
static const char *
parse_month_first(const char *p, struct fields *f)
{
	const char *q;

	if ((p = match_name(p, month_names, 12, &f->mon)) == NULL)
		return NULL;
	f->mon++;
	if (*p != ' ' && p[-1] != '.')
		return NULL;
	p = skip_space(p);
	if ((p = read_num(p, 1, 2, &f->day)) == NULL)
		return NULL;
	p = skip_ordinal(p);
	q = skip_space(p);
	if (q != p && looks_like_clock(q)) {
		/* asctime and date(1): the time, maybe a zone, then the year. */
		if ((q = parse_clock_zone(q, f)) == NULL)
			return NULL;
		q = skip_space(q);
		return read_year(q, false, &f->year);
	}
	if ((q = skip_comma(p)) == p ||
	    (p = read_year(q, true, &f->year)) == NULL)
		return NULL;
	return after_date(p, f, false);
}

/*
 * Reads a date that starts with digits: "2021-12-03T07:09:21Z",
 * "2021/2/7 14:30", "2021.02.27", "2022年4月8日", or a day first.
 * Returns the end, or NULL.
 */
static const char *
parse_numeric(const char *p, struct fields *f)
{
	const char *q;
	char sep;
	size_t n;

	n = count_digits(p);
	if (n == 1 || n == 2)
		return parse_day_first(p, f);
	if ((p = read_num(p, 4, 4, &f->year)) == NULL)
		return NULL;
	if ((q = match_lit(p, "年")) != NULL)
		return parse_cjk_date(q, f);
	sep = *p;
	if (sep != '-' && sep != '/' && sep != '.')
		return NULL;
	if ((p = read_num(p + 1, 1, 2, &f->mon)) == NULL || *p != sep ||
	    (p = read_num(p + 1, 1, 2, &f->day)) == NULL)
		return NULL;
	return after_date(p, f, true);
}

/* Reads a date in English, maybe after a weekday ("Fri, 03 Dec 2021",
 * "Friday, April 8, 2022"). Returns the end, or NULL. */
static const char *
parse_english(const char *p, struct fields *f)
{
	const char *q;
	int wday;

	if ((q = match_name(p, weekday_names, 7, &wday)) != NULL) {
		if (*q == ',')
			q++;
		p = skip_space(q);
	}
	if (ks_ascii_is_digit((unsigned char)*p))
		return parse_day_first(p, f);
	return parse_month_first(p, f);
}

/* Skips an RFC 2822 comment at the end, "(CST)" or "(China Standard Time)".
 * Returns true when nothing else is left. */
static bool
at_end(const char *p)
{
	p = skip_space(p);
	if (*p == '(') {
		if ((p = strchr(p, ')')) == NULL)
			return false;
		p = skip_space(p + 1);
	}
	return *p == '\0';
}

static bool
is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
days_in_month(int y, int m)
{
	static const int days[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
	};

	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

/* Applies AM/PM and checks every field's range; clamps a leap second to
 * :59. Returns false when some field is out of range. */
static bool
settle(struct fields *f)
{
	if (f->year < 1000 || f->year > 9999 || f->mon < 1 || f->mon > 12 ||
	    f->day < 1 || f->day > days_in_month(f->year, f->mon))
		return false;
	if (f->meridiem != 0) {
		if (f->hour > 12 || (f->meridiem == 2 && f->hour == 0))
			return false;
		if (f->meridiem == 2 && f->hour < 12)
			f->hour += 12;
		else if (f->meridiem == 1 && f->hour == 12)
			f->hour = 0;
	}
	if (f->hour > 23 || f->min > 59 || f->sec > 60)
		return false;
	if (f->sec == 60)
		f->sec = 59;
	return true;
}

/* Reads 9 to 12 digits as Unix seconds, up to the end of year 9999.
 * Returns false when s is not such a number. */
static bool
parse_unix(const char *s, int64_t *utc)
{
	size_t n, i;
	int64_t v;

	n = count_digits(s);
	if (n < 9 || n > 12 || s[n] != '\0')
		return false;
	v = 0;
	for (i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	if (v > MAX_UNIX)
		return false;
	*utc = v;
	return true;
}

int
ks_date_parse(const char *s, int default_offset, struct ks_date *out)
{
	char buf[DATE_MAX];
	struct fields f;
	const char *p;
	int64_t days;

	memset(out, 0, sizeof(*out));
	if (normalize(s, buf, sizeof(buf)) == -1 || buf[0] == '\0')
		return -1;
	if (parse_unix(buf, &out->utc)) {
		out->known = out->has_time = out->has_zone = true;
		return 0;
	}
	memset(&f, 0, sizeof(f));
	f.offset = default_offset;
	if (ks_ascii_is_digit((unsigned char)buf[0]))
		p = parse_numeric(buf, &f);
	else
		p = parse_english(buf, &f);
	if (p == NULL || !at_end(p) || !settle(&f))
		return -1;
	days = ks_date_days_from_civil(f.year, (unsigned)f.mon,
	    (unsigned)f.day);
	out->utc = days * KS_DATE_SECS_PER_DAY + f.hour * 3600 + f.min * 60 + f.sec -
	    (int64_t)f.offset * 60;
	out->offset = f.offset;
	out->known = true;
	out->has_time = f.has_time;
	out->has_zone = f.has_zone;
	return 0;
}

/* Howard Hinnant's days_from_civil: eras of 400 years make the leap-year
 * rule exact, and starting the year in March puts Feb 29 last. */
int64_t
ks_date_days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (int64_t)(m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}
