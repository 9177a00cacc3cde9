/*
** timefmt.c — dates as people give and read them: "YYYY-MM-DD" on the
** command line means local midnight, and exported times are ISO-8601 local
** time with the UTC offset so they stay unambiguous across DST changes.
** Only conversions here: nothing reads the clock.
*/
#include "store_int.h"

#include <string.h>
#include <time.h>

static time_t to_seconds(qk_ms t) {
  /* Floor, so times before 1970 fall in the right second too. */
  return (time_t)(t >= 0 ? t / 1000 : -((-t + 999) / 1000));
}

int qk_store_parse_date(const char *text, qk_ms *out) {
  if (!text || strlen(text) != 10 || text[4] != '-' || text[7] != '-') return -1;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && (text[i] < '0' || text[i] > '9')) return -1;
  struct tm tm;
  memset(&tm, 0, sizeof tm);
  tm.tm_year = (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 + (text[3] - '0') - 1900;
  tm.tm_mon = (text[5] - '0') * 10 + (text[6] - '0') - 1;
  tm.tm_mday = (text[8] - '0') * 10 + (text[9] - '0');
  tm.tm_isdst = -1;
  int y = tm.tm_year, m = tm.tm_mon, d = tm.tm_mday;
  time_t t = mktime(&tm);
  /* mktime normalises 2024-02-30 to March 1st: a changed day means the
  ** date did not exist. */
  if (t == (time_t)-1 || tm.tm_year != y || tm.tm_mon != m || tm.tm_mday != d) return -1;
  *out = (qk_ms)t * 1000;
  return 0;
}

qk_ms qk_store_local_day_start(qk_ms t) {
  time_t sec = to_seconds(t);
  struct tm tm;
  if (!localtime_r(&sec, &tm)) return t;
  tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
  tm.tm_isdst = -1;
  time_t day = mktime(&tm);
  return day == (time_t)-1 ? t : (qk_ms)day * 1000;
}

void qk_store_format_time(qk_ms t, char *out, size_t len) {
  time_t sec = to_seconds(t);
  struct tm tm;
  if (!len) return;
  if (!localtime_r(&sec, &tm)) {
    snprintf(out, len, "%lld", (long long)t);
    return;
  }
  /* By hand, not strftime + snprintf: an export formats two or three
  ** times per answer, a million of them in a big export. */
  long off = tm.tm_gmtoff / 60;
  char sign = off < 0 ? '-' : '+';
  if (off < 0) off = -off;
  long year = tm.tm_year + 1900L;
  if (year < 0 || year > 9999 || len < 26) {
    snprintf(out, len, "%04ld-%02d-%02dT%02d:%02d:%02d%c%02ld:%02ld", year, tm.tm_mon + 1, tm.tm_mday,
             tm.tm_hour, tm.tm_min, tm.tm_sec, sign, off / 60, off % 60);
    return;
  }
  const long parts[] = {year / 100, year % 100, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                        off / 60 % 100, off % 60};
  static const char seps[9] = {0, 0, '-', '-', 'T', ':', ':', 0, ':'}; /* before each part */
  char *o = out;
  for (int i = 0; i < 9; i++) {
    if (i == 7) *o++ = sign;
    else if (seps[i]) *o++ = seps[i];
    *o++ = (char)('0' + parts[i] / 10);
    *o++ = (char)('0' + parts[i] % 10);
  }
  *o = 0;
}
