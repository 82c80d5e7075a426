/* Dates as scraped archives write them, read into one UTC instant plus the
 * offset the author wrote, so writers can print either. */
#ifndef KS_DATE_H
#define KS_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Offsets beyond this are not real zones (RFC 3339 allows up to ±23:59,
 * but no zone has ever been more than 14 hours from UTC): the parser
 * refuses them, the formatters clamp to them. */
#define KS_DATE_MAX_OFFSET	(18 * 60)
#define KS_DATE_SECS_PER_DAY	86400

struct ks_date {
	int64_t	utc;		/* seconds since 1970-01-01T00:00:00Z */
	int	offset;		/* the original UTC offset, in minutes */
	bool	known;		/* false: the article is undated */
	bool	has_time;	/* false: only a day was given (00:00 at offset) */
	bool	has_zone;	/* false: no zone given; default_offset was used */
};

/*
 * Parses s into *out. Accepts RFC 2822 ("Fri, 03 Dec 2021 07:09:21 GMT",
 * with or without the weekday, zones GMT/UT/UTC/Z/EST.../+hhmm), RFC 3339
 * and ISO 8601 ("2021-12-03T07:09:21Z", "2021-12-03 07:09:21 +0800",
 * "2021-12-03T07:09:21.123+08:00", "2021-12-03"), "2021/02/27" (with an
 * optional time), "2022年4月8日 14:30", English month names ("Apr 8, 2022",
 * "8 April 2022", "April 8, 2022 2:30 PM"), and Unix seconds (an all-digit
 * string of 9 or more digits). Leading and trailing white space is ignored.
 * A date without a zone is taken at default_offset minutes from UTC.
 * Returns 0, or -1 when s is not a date it can read (*out is then zeroed).
 */
int	ks_date_parse(const char *s, int default_offset, struct ks_date *out);

/* Days since 1970-01-01 of a proleptic Gregorian date (month 1-12). */
int64_t	ks_date_days_from_civil(int64_t y, unsigned m, unsigned d);

/* RFC 3339 in the original offset: "2022-04-08T17:57:45+08:00" ("Z" when
 * the offset is 0). buf must hold 32 bytes. Returns buf. */
char	*ks_date_format_rfc3339(const struct ks_date *d, char *buf);
/* RFC 3339 in UTC: "2022-04-08T09:57:45Z". buf must hold 32 bytes. */
char	*ks_date_format_utc(const struct ks_date *d, char *buf);
/* RFC 822 with English names and a numeric zone, in the original offset:
 * "Fri, 08 Apr 2022 17:57:45 +0800". buf must hold 40 bytes. */
char	*ks_date_format_rfc822(const struct ks_date *d, char *buf);

#endif
