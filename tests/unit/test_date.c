/* Unit tests for src/date.c and src/date_format.c. Every expected epoch
 * was computed independently with GNU date, e.g.
 * `date -u -d '2022-04-08 17:57:45 +0800' +%s`. */
#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>

#include "check.h"
#include "date.h"

/* Parses s and checks every field; names the input when something fails,
 * since the harness can only report this function's line. */
static void
parses(const char *s, int default_offset, int64_t utc, int offset,
    bool has_time, bool has_zone)
{
	struct ks_date d;
	int failed;

	failed = ks_check_failed;
	CHECK_INT(ks_date_parse(s, default_offset, &d), 0);
	CHECK_INT(d.utc, utc);
	CHECK_INT(d.offset, offset);
	CHECK(d.known);
	CHECK_INT(d.has_time, has_time);
	CHECK_INT(d.has_zone, has_zone);
	if (ks_check_failed != failed)
		fprintf(stderr, "  input: \"%s\"\n", s);
}

/* Checks that s is refused and that *out is left zeroed, even when it held
 * a date before. */
static void
refuses(const char *s)
{
	struct ks_date d;
	int failed;

	failed = ks_check_failed;
	d.utc = 12345;
	d.offset = 60;
	d.known = d.has_time = d.has_zone = true;
	CHECK_INT(ks_date_parse(s, 0, &d), -1);
	CHECK_INT(d.utc, 0);
	CHECK_INT(d.offset, 0);
	CHECK(!d.known && !d.has_time && !d.has_zone);
	if (ks_check_failed != failed)
		fprintf(stderr, "  input: \"%s\"\n", s);
}

/* Parses s and checks all three formatters. */
static void
formats(const char *s, const char *rfc3339, const char *utc,
    const char *rfc822)
{
	struct ks_date d;
	char buf[40];

	CHECK_INT(ks_date_parse(s, 0, &d), 0);
	CHECK_STR(ks_date_format_rfc3339(&d, buf), rfc3339);
	CHECK_STR(ks_date_format_utc(&d, buf), utc);
	CHECK_STR(ks_date_format_rfc822(&d, buf), rfc822);
}

static void
test_rfc2822(void)
{
	parses("Fri, 03 Dec 2021 07:09:21 GMT", 0, 1638515361, 0, true, true);
	parses("03 Dec 2021 07:09:21 GMT", 0, 1638515361, 0, true, true);
	parses("Fri, 3 Dec 2021 07:09:21 UT", 0, 1638515361, 0, true, true);
	parses("Fri, 03 Dec 2021 07:09:21 UTC", 0, 1638515361, 0, true,
	    true);
	parses("Fri, 03 Dec 2021 07:09:21 Z", 0, 1638515361, 0, true, true);
	parses("Fri 03 Dec 2021 07:09:21 gmt", 0, 1638515361, 0, true, true);
	parses("Friday, 03 December 2021 07:09:21 GMT", 0, 1638515361, 0,
	    true, true);
	parses("fri, 03 dec 2021 07:09:21 +0000", 0, 1638515361, 0, true,
	    true);
	/* Seconds are optional. */
	parses("Fri, 03 Dec 2021 07:09 GMT", 0, 1638515340, 0, true, true);
	/* Two-digit years: 00-49 are 20xx, 50-99 19xx. */
	parses("Fri, 03 Dec 21 07:09:21 GMT", 0, 1638515361, 0, true, true);
	parses("Sun, 06 Nov 94 08:49:37 GMT", 0, 784111777, 0, true, true);
	parses("1 Jan 49 00:00:00 GMT", 0, 2493072000, 0, true, true);
	parses("1 Jan 50 00:00:00 GMT", 0, -631152000, 0, true, true);
	/* RFC 850's dashes. */
	parses("Friday, 03-Dec-21 07:09:21 GMT", 0, 1638515361, 0, true,
	    true);
	/* Named North American zones. */
	parses("Fri, 03 Dec 2021 07:09:21 EST", 0, 1638533361, -300, true,
	    true);
	parses("Fri, 03 Dec 2021 07:09:21 EDT", 0, 1638529761, -240, true,
	    true);
	parses("Fri, 03 Dec 2021 07:09:21 CST", 0, 1638536961, -360, true,
	    true);
	parses("Fri, 03 Dec 2021 07:09:21 CDT", 0, 1638533361, -300, true,
	    true);
	parses("Fri, 03 Dec 2021 07:09:21 MST", 0, 1638540561, -420, true,
	    true);
	parses("Fri, 03 Dec 2021 07:09:21 MDT", 0, 1638536961, -360, true,
	    true);
	parses("Fri, 03 Dec 2021 07:09:21 PST", 0, 1638544161, -480, true,
	    true);
	parses("Fri, 03 Dec 2021 07:09:21 PDT", 0, 1638540561, -420, true,
	    true);
	/* Numeric zones, with and without a colon, and a comment after. */
	parses("Fri, 03 Dec 2021 07:09:21 +0800", 0, 1638486561, 480, true,
	    true);
	parses("Fri, 03 Dec 2021 07:09:21 +08:00", 0, 1638486561, 480, true,
	    true);
	parses("Fri, 03 Dec 2021 07:09:21 -0330", 0, 1638527961, -210, true,
	    true);
	parses("Fri, 03 Dec 2021 07:09:21 +0800 (CST)", 0, 1638486561, 480,
	    true, true);
	parses("Fri, 03 Dec 2021 07:09:21 GMT (Coordinated Universal Time)",
	    0, 1638515361, 0, true, true);
	/* No zone: default_offset, and has_zone false. */
	parses("Fri, 03 Dec 2021 07:09:21", 480, 1638486561, 480, true,
	    false);
	/* The weekday is not checked against the date (scrapers get it
	 * wrong); the date wins. */
	parses("Mon, 03 Dec 2021 07:09:21 GMT", 0, 1638515361, 0, true, true);
}

static void
test_iso(void)
{
	parses("2021-12-03T07:09:21Z", 0, 1638515361, 0, true, true);
	parses("2021-12-03t07:09:21z", 0, 1638515361, 0, true, true);
	parses("2021-12-03 07:09:21", 0, 1638515361, 0, true, false);
	parses("2021-12-03 07:09:21", 480, 1638486561, 480, true, false);
	parses("2021-12-03 07:09:21", -300, 1638533361, -300, true, false);
	parses("2022-04-08 17:57:45 +0800", 0, 1649411865, 480, true, true);
	parses("2021-12-03T07:09:21.123+08:00", 0, 1638486561, 480, true,
	    true);
	parses("2021-12-03T07:09:21,5Z", 0, 1638515361, 0, true, true);
	parses("2021-12-03T07:09:21+08", 0, 1638486561, 480, true, true);
	parses("2021-12-03T07:09:21-03:30", 0, 1638527961, -210, true, true);
	parses("2021-12-03T07:09", 0, 1638515340, 0, true, false);
	parses("2021-12-03", 0, 1638489600, 0, false, false);
	parses("2022-04-08", 480, 1649347200, 480, false, false);
	parses("2021-12-03 07:09:21 +08:00", 0, 1638486561, 480, true, true);
	parses("2021-12-03 07:09:21 UTC", 0, 1638515361, 0, true, true);
	parses("2021-12-03 07:09:21 GMT+8", 0, 1638486561, 480, true, true);
	parses("2021-12-03 07:09:21 UTC+08:00", 0, 1638486561, 480, true,
	    true);
	/* Go's time.String: the abbreviation after the number is ignored. */
	parses("2022-04-08 17:57:45.123456789 +0800 CST", 0, 1649411865, 480,
	    true, true);
	/* A leap second is clamped to :59. */
	parses("2016-12-31T23:59:60Z", 0, 1483228799, 0, true, true);
	/* Surrounding and inner white space, including U+3000 and U+00A0. */
	parses("  \t2021-12-03T07:09:21Z\n", 0, 1638515361, 0, true, true);
	parses("\xe3\x80\x80" "2021-12-03\xc2\xa0" "07:09:21  Z ", 0,
	    1638515361, 0, true, true);
}

static void
test_slashes(void)
{
	parses("2021/02/27", 0, 1614384000, 0, false, false);
	parses("2021/2/7 14:30", 0, 1612708200, 0, true, false);
	parses("2021/02/27 14:30:05", 0, 1614436205, 0, true, false);
	parses("2021.02.27", 0, 1614384000, 0, false, false);
	parses("2021.02.27 14:30:05", 0, 1614436205, 0, true, false);
	parses("2022-4-8", 0, 1649376000, 0, false, false);
}

static void
test_chinese(void)
{
	parses("2022年4月8日", 0, 1649376000, 0, false, false);
	parses("2022年4月8日", 480, 1649347200, 480, false, false);
	parses("2022年4月8日 14:30", 0, 1649428200, 0, true, false);
	parses("2022年04月08日14:30:05", 0, 1649428205, 0, true, false);
	parses("2022年4月8日 14时30分", 0, 1649428200, 0, true, false);
	parses("2022年4月8日14时30分05秒", 0, 1649428205, 0, true, false);
	parses("2022年4月8日 星期五 14:30", 0, 1649428200, 0, true, false);
	parses("2022年4月8日 周五", 0, 1649376000, 0, false, false);
	parses("2022年4月8日 下午2:30", 0, 1649428200, 0, true, false);
	parses("2022年4月8日 上午12:30", 0, 1649377800, 0, true, false);
	parses("2022年4月8號", 0, 1649376000, 0, false, false);
	/* Full-width digits and colon. */
	parses("２０２２年４月８日　１４：３０", 0, 1649428200, 0, true, false);
	parses("２０２２-０４-０８", 0, 1649376000, 0, false, false);

	refuses("2022年4月8日 下午");
	refuses("2022年13月8日");
	refuses("2022年4月");
	refuses("2022年4月8日 来源：新华社");
}

static void
test_english(void)
{
	parses("Apr 8, 2022", 0, 1649376000, 0, false, false);
	parses("April 8, 2022", 0, 1649376000, 0, false, false);
	parses("april 8 2022", 0, 1649376000, 0, false, false);
	parses("Apr. 8, 2022", 0, 1649376000, 0, false, false);
	parses("Sept 8, 2022", 0, 1662595200, 0, false, false);
	parses("8 April 2022", 0, 1649376000, 0, false, false);
	parses("8th April 2022", 0, 1649376000, 0, false, false);
	parses("8th of April, 2022", 0, 1649376000, 0, false, false);
	parses("April 8th, 2022", 0, 1649376000, 0, false, false);
	parses("8 Apr 2022 14:30", 0, 1649428200, 0, true, false);
	parses("April 8, 2022 2:30 PM", 0, 1649428200, 0, true, false);
	parses("April 8, 2022 2:30 pm", 0, 1649428200, 0, true, false);
	parses("April 8, 2022 2:30pm", 0, 1649428200, 0, true, false);
	parses("April 8, 2022 at 2:30 p.m.", 0, 1649428200, 0, true, false);
	parses("April 8, 2022, 12:00 AM", 0, 1649376000, 0, true, false);
	parses("April 8, 2022 12:30 PM", 0, 1649421000, 0, true, false);
	parses("April 8, 2022 2:30 PM EDT", 0, 1649442600, -240, true, true);
	parses("Friday, April 8, 2022", 0, 1649376000, 0, false, false);
	parses("FRIDAY, APRIL 8, 2022", 0, 1649376000, 0, false, false);
	/* asctime, date(1) and JavaScript's Date.prototype.toString. */
	parses("Fri Dec  3 07:09:21 2021", 0, 1638515361, 0, true, false);
	parses("Fri Dec 3 07:09:21 UTC 2021", 0, 1638515361, 0, true, true);
	parses("Fri Apr 08 2022 17:57:45 GMT+0800 (China Standard Time)", 0,
	    1649411865, 480, true, true);
	parses("Fri Apr 08 2022 17:57:45 GMT+0800 (中国标准时间)", 0,
	    1649411865, 480, true, true);

	refuses("April 8, 2022 13:30 PM");
	refuses("April 8, 2022 0:30 PM");
	refuses("Apr 8");
	refuses("Ap 8, 2022");
	refuses("Foo 8, 2022");
	refuses("8 Apr 022");
	refuses("April 8, 2022 at");
}

static void
test_unix(void)
{
	parses("1638515361", 480, 1638515361, 0, true, true);
	parses(" 1649411865 ", 0, 1649411865, 0, true, true);
	parses("100000000", 0, 100000000, 0, true, true);
	parses("253402300799", 0, 253402300799, 0, true, true);
	refuses("12345");
	refuses("12345678");
	refuses("253402300800");
	/* Milliseconds are not seconds. */
	refuses("1638515361000");
	refuses("1638515361 GMT");
}

static void
test_refusals(void)
{
	refuses("");
	refuses("   ");
	refuses("tomorrow");
	refuses("2021-13-01");
	refuses("2021-00-01");
	refuses("2021-12-00");
	refuses("2021-02-30");
	refuses("2021-04-31");
	refuses("2021-12-03 25:00");
	refuses("2021-12-03 24:00:00");
	refuses("2021-12-03 07:60");
	refuses("2021-12-03 07:09:61");
	refuses("2021-12-03 7");
	refuses("2021-12-03T");
	refuses("2021-12-03 07:9");
	refuses("Apr 32, 2022");
	refuses("Feb 29, 2021");
	refuses("2021-12-03T07:09:21Z junk");
	refuses("2021-12-03T07:09:21Zjunk");
	refuses("2021-12-03 junk");
	refuses("2021-12-03 07:09:21 +1900");
	refuses("2021-12-03 07:09:21 +0860");
	refuses("2021-12-03 07:09:21 +080");
	refuses("2021-12-03 07:09:21 CEST");
	refuses("2021-12-03 07:09:21 GMT+");
	refuses("2021-12-03 07:09:21 (unclosed");
	refuses("2021-12/03");
	refuses("21-12-03");
	refuses("0999-12-03");
	refuses("12/03/2021");
	refuses("Fri,");
	refuses("2021-12-03\n07:09:21 ++0800");
	/* Broken UTF-8 is refused, not read past. */
	refuses("2021-12-03\xef\xbc");
	refuses("2021-12-03\xef");
	refuses("2022\xe5\xb9");
}

static void
test_lengths(void)
{
	char buf[1200];

	/* White space runs fold to one space, so padding does not count
	 * towards the length limit... */
	memset(buf, ' ', sizeof(buf));
	memcpy(buf + 500, "2021-12-03", 10);
	buf[sizeof(buf) - 1] = '\0';
	parses(buf, 0, 1638489600, 0, false, false);
	/* ...but a long comment does, and is refused rather than cut. */
	memcpy(buf, "2021-12-03 (", 12);
	memset(buf + 12, 'x', 1000);
	memcpy(buf + 1012, ")", 2);
	refuses(buf);
}

static void
test_leap_years(void)
{
	parses("2020-02-29", 0, 1582934400, 0, false, false);
	parses("2000-02-29", 0, 951782400, 0, false, false);
	refuses("2021-02-29");
	refuses("1900-02-29");
	refuses("2100-02-29");
	/* Day 60 of a leap year is March 1st; days_from_civil counts it. */
	CHECK_INT(ks_date_days_from_civil(2020, 3, 1) -
	    ks_date_days_from_civil(2020, 2, 28), 2);
	CHECK_INT(ks_date_days_from_civil(2021, 3, 1) -
	    ks_date_days_from_civil(2021, 2, 28), 1);
	CHECK_INT(ks_date_days_from_civil(1900, 3, 1) -
	    ks_date_days_from_civil(1900, 2, 28), 1);
}

static void
test_days_from_civil(void)
{
	CHECK_INT(ks_date_days_from_civil(1970, 1, 1), 0);
	CHECK_INT(ks_date_days_from_civil(1969, 12, 31), -1);
	CHECK_INT(ks_date_days_from_civil(2000, 3, 1), 11017);
	CHECK_INT(ks_date_days_from_civil(1900, 1, 1), -25567);
	CHECK_INT(ks_date_days_from_civil(0, 1, 1), -719528);
	CHECK_INT(ks_date_days_from_civil(-1, 12, 31), -719529);
}

static void
test_formats(void)
{
	struct ks_date d;
	char buf[40];

	formats("2022-04-08 17:57:45 +0800", "2022-04-08T17:57:45+08:00",
	    "2022-04-08T09:57:45Z", "Fri, 08 Apr 2022 17:57:45 +0800");
	formats("Fri, 03 Dec 2021 07:09:21 GMT", "2021-12-03T07:09:21Z",
	    "2021-12-03T07:09:21Z", "Fri, 03 Dec 2021 07:09:21 +0000");
	formats("2021-12-03T07:09:21-03:30", "2021-12-03T07:09:21-03:30",
	    "2021-12-03T10:39:21Z", "Fri, 03 Dec 2021 07:09:21 -0330");
	/* The local date differs from the UTC one. */
	formats("2022-01-01 01:00 +0800", "2022-01-01T01:00:00+08:00",
	    "2021-12-31T17:00:00Z", "Sat, 01 Jan 2022 01:00:00 +0800");
	/* Before 1970: floor division, not truncation. */
	formats("1969-12-31T23:59:59Z", "1969-12-31T23:59:59Z",
	    "1969-12-31T23:59:59Z", "Wed, 31 Dec 1969 23:59:59 +0000");
	formats("1969-07-20 20:17:40 -0500", "1969-07-20T20:17:40-05:00",
	    "1969-07-21T01:17:40Z", "Sun, 20 Jul 1969 20:17:40 -0500");
	formats("1900-01-01", "1900-01-01T00:00:00Z", "1900-01-01T00:00:00Z",
	    "Mon, 01 Jan 1900 00:00:00 +0000");
	formats("1000-01-01", "1000-01-01T00:00:00Z", "1000-01-01T00:00:00Z",
	    "Wed, 01 Jan 1000 00:00:00 +0000");
	formats("9999-12-31 23:59:59", "9999-12-31T23:59:59Z",
	    "9999-12-31T23:59:59Z", "Fri, 31 Dec 9999 23:59:59 +0000");
	formats("2000-02-29 12:00", "2000-02-29T12:00:00Z",
	    "2000-02-29T12:00:00Z", "Tue, 29 Feb 2000 12:00:00 +0000");

	/* Hand-built values: the epoch, a negative instant, and out-of-range
	 * ones that must still fit the documented buffer sizes. */
	d.known = d.has_time = d.has_zone = true;
	d.utc = 0;
	d.offset = 0;
	CHECK_STR(ks_date_format_rfc822(&d, buf),
	    "Thu, 01 Jan 1970 00:00:00 +0000");
	d.utc = -1;
	d.offset = 60;
	CHECK_STR(ks_date_format_rfc3339(&d, buf), "1970-01-01T00:59:59+01:00");
	d.utc = INT64_MIN;
	d.offset = -100000;
	CHECK_STR(ks_date_format_rfc3339(&d, buf), "0000-01-01T00:00:00-18:00");
	CHECK(strlen(ks_date_format_rfc822(&d, buf)) < 40);
	d.utc = INT64_MAX;
	d.offset = 100000;
	CHECK_STR(ks_date_format_utc(&d, buf), "9999-12-31T23:59:59Z");
	CHECK_STR(ks_date_format_rfc822(&d, buf),
	    "Fri, 31 Dec 9999 23:59:59 +1800");
}

/* Every date the parser accepts prints back to the same instant. */
static void
test_round_trip(void)
{
	static const char *const inputs[] = {
		"2022-04-08 17:57:45 +0800", "1969-07-20 20:17:40 -0500",
		"Fri, 03 Dec 2021 07:09:21 EST", "1000-01-01", "1638515361",
	};
	struct ks_date d, e;
	char buf[40];
	size_t i;

	for (i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++) {
		CHECK_INT(ks_date_parse(inputs[i], 0, &d), 0);
		CHECK_INT(ks_date_parse(ks_date_format_rfc3339(&d, buf), 0, &e),
		    0);
		CHECK_INT(e.utc, d.utc);
		CHECK_INT(e.offset, d.offset);
		CHECK_INT(ks_date_parse(ks_date_format_rfc822(&d, buf), 0, &e),
		    0);
		CHECK_INT(e.utc, d.utc);
		CHECK_INT(e.offset, d.offset);
		CHECK_INT(ks_date_parse(ks_date_format_utc(&d, buf), 0, &e), 0);
		CHECK_INT(e.utc, d.utc);
		CHECK_INT(e.offset, 0);
	}
}

int
main(void)
{
	/* The parser must not depend on the process's zone or locale. */
	setenv("TZ", "Asia/Shanghai", 1);
	setenv("LC_ALL", "zh_CN.UTF-8", 1);
	tzset();
	setlocale(LC_ALL, "");

	test_rfc2822();
	test_iso();
	test_slashes();
	test_chinese();
	test_english();
	test_unix();
	test_refusals();
	test_lengths();
	test_leap_years();
	test_days_from_civil();
	test_formats();
	test_round_trip();
	return ks_check_done("date");
}
