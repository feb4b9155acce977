/* timetable.c: term names, clock times and travel minutes (core/timetable.h). */
#include "core/timetable.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "conf/conf.h"

void timetable_policy_defaults(struct timetable_policy *p)
{
	p->speed_kmh = 30;
	p->detour = 1.3;
}

void timetable_policy_from_conf(const struct conf *c, struct timetable_policy *p)
{
	p->speed_kmh = c->travel_speed_kmh;
	p->detour = c->travel_detour;
}

static bool digits(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

bool term_name_ok(const char *s)
{
	if (!s || strlen(s) != 11 || !digits(s, 4) || s[4] != '-' || !digits(s + 5, 4) || s[9] != '/' ||
	    s[10] < '1' || s[10] > '4')
		return false;
	int a, b;
	return sscanf(s, "%4d-%4d", &a, &b) == 2 && b == a + 1;
}

int clock_parse(const char *s)
{
	if (!s || strlen(s) != 5 || !digits(s, 2) || s[2] != ':' || !digits(s + 3, 2))
		return -1;
	int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
	if (m > 59 || h > 24 || (h == 24 && m > 0))
		return -1;
	return h * 60 + m;
}

void clock_format(int minutes, char *out)
{
	if (minutes < 0 || minutes > 24 * 60)
		minutes = 0;
	snprintf(out, 6, "%02d:%02d", minutes / 60, minutes % 60);
}

int travel_minutes(double km, const struct timetable_policy *p)
{
	if (isnan(km) || km < 0 || p->speed_kmh <= 0)
		return -1;
	double m = km * p->detour / p->speed_kmh * 60;
	/* a hair's breadth over a whole minute is that minute, not the next */
	return (int)ceil(m - 1e-9);
}
