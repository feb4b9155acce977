/* demo.h: loading the generated demo county (core/demo.c) into a database. */
#ifndef XQ_DB_DEMO_H
#define XQ_DB_DEMO_H

#include "core/demo.h"
#include "db/db.h"

/* Fills an empty database in one transaction; refuses one that holds schools. */
int db_demo_load(struct db *db, enum demo_scale scale, char *msg);
/* The demo county's term, shared rooms, calendar, quotas and bookings (demo_facilities.c). */
int db_demo_facilities(struct db *db, char *msg);
/* The demo county's timetables in one district, solved (demo_timetable.c). */
int db_demo_timetable(struct db *db, char *msg);

#endif
