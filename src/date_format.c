/* Printing dates as RFC 3339 and RFC 822 (date.c reads them), from the
 * civil calendar, never with strftime, so no output depends on TZ or the
 * locale. */
#include "date.h"

#include <stdio.h>

/* The names RFC 822 prints, in English whatever the locale. */
static const char *const rfc822_days[7] = {
	"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat",
};
static const char *const rfc822_months[12] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
	"Nov", "Dec",
};

/* Offsets beyond ±18 hours can only come from a hand-built struct ks_date;
 * clamping them keeps the printed zone to two digits of hours. */
static int
clamp_offset(int offset)
{
	if (offset > KS_DATE_MAX_OFFSET)
		return KS_DATE_MAX_OFFSET;
	if (offset < -KS_DATE_MAX_OFFSET)
		return -KS_DATE_MAX_OFFSET;
	return offset;
}

/* A local time of day broken into fields for printing. */
struct civil {
	int	year, mon, day, hour, min, sec;
	int	wday;		/* 0 is Sunday */
};

/*
 * Breaks an instant seen at offset minutes into fields (Hinnant's
 * civil_from_days), dividing with floor so times before 1970 come out right.
 * Instants outside years 0000-9999 are clamped to them, so every formatter's
 * output fits its documented buffer. offset must be within ±18 hours.
 */
static void
to_civil(int64_t utc, int offset, struct civil *c)
{
	int64_t lo, hi, t, z, era, doe, yoe, doy, mp, secs;

	lo = ks_date_days_from_civil(0, 1, 1) * KS_DATE_SECS_PER_DAY;
	hi = ks_date_days_from_civil(10000, 1, 1) * KS_DATE_SECS_PER_DAY - 1;
	t = utc < lo ? lo : utc > hi ? hi : utc;
	t += (int64_t)offset * 60;
	t = t < lo ? lo : t > hi ? hi : t;

	z = t / KS_DATE_SECS_PER_DAY;
	secs = t % KS_DATE_SECS_PER_DAY;
	if (secs < 0) {
		secs += KS_DATE_SECS_PER_DAY;
		z--;
	}
	c->hour = (int)(secs / 3600);
	c->min = (int)(secs / 60 % 60);
	c->sec = (int)(secs % 60);
	/* 1970-01-01, day 0, was a Thursday (4); z % 7 may be negative. */
	c->wday = (int)((z % 7 + 7 + 4) % 7);

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	c->day = (int)(doy - (153 * mp + 2) / 5 + 1);
	c->mon = (int)(mp < 10 ? mp + 3 : mp - 9);
	c->year = (int)(yoe + era * 400 + (c->mon <= 2));
}

/* Prints the date and time of c as RFC 3339 without a zone; returns the
 * number of bytes written (19). */
static int
put_rfc3339(const struct civil *c, char *buf, size_t size)
{
	return snprintf(buf, size, "%04d-%02d-%02dT%02d:%02d:%02d", c->year,
	    c->mon, c->day, c->hour, c->min, c->sec);
}

char *
ks_date_format_rfc3339(const struct ks_date *d, char *buf)
{
	struct civil c;
	int n, off, a;

	off = clamp_offset(d->offset);
	a = off < 0 ? -off : off;
	to_civil(d->utc, off, &c);
	n = put_rfc3339(&c, buf, 32);
	if (off == 0)
		snprintf(buf + n, 32 - (size_t)n, "Z");
	else
		snprintf(buf + n, 32 - (size_t)n, "%c%02d:%02d",
		    off < 0 ? '-' : '+', a / 60, a % 60);
	return buf;
}

char *
ks_date_format_utc(const struct ks_date *d, char *buf)
{
	struct civil c;
	int n;

	to_civil(d->utc, 0, &c);
	n = put_rfc3339(&c, buf, 32);
	snprintf(buf + n, 32 - (size_t)n, "Z");
	return buf;
}

char *
ks_date_format_rfc822(const struct ks_date *d, char *buf)
{
	struct civil c;
	int off, a;

	off = clamp_offset(d->offset);
	to_civil(d->utc, off, &c);
	a = off < 0 ? -off : off;
	snprintf(buf, 40, "%s, %02d %s %04d %02d:%02d:%02d %c%02d%02d",
	    rfc822_days[c.wday], c.day, rfc822_months[c.mon - 1], c.year,
	    c.hour, c.min, c.sec, off < 0 ? '-' : '+', a / 60, a % 60);
	return buf;
}
