/* test_list.c: the list widget's reload (tui/list.c) over a source held in memory that
 * counts what it is asked: after a write the screen's rows are read where they were and the
 * selected row's place is asked only when it is not there; the selection follows its row
 * when rows come or go before it, and stays at its index when its row is gone; scrolling,
 * and a list not painted yet, read a window of screens around the row. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tui/list.h"

#define MAXROWS 200

struct fake {
	int64_t ids[MAXROWS];
	int n;
	int pages, positions, last_limit;
};

static long f_count(void *ctx)
{
	return ((struct fake *)ctx)->n;
}

static int f_page(void *ctx, long offset, int limit, void *rows)
{
	struct fake *f = ctx;
	f->pages++;
	f->last_limit = limit;
	int k = 0;
	for (long i = offset; i < f->n && k < limit; i++)
		((int64_t *)rows)[k++] = f->ids[i];
	return k;
}

static long f_position(void *ctx, int64_t id)
{
	struct fake *f = ctx;
	f->positions++;
	for (int i = 0; i < f->n; i++)
		if (f->ids[i] == id)
			return i;
	return -1;
}

static int64_t f_row_id(const void *row)
{
	return *(const int64_t *)row;
}

static const struct list_source source = {
	.row_size = sizeof(int64_t), .count = f_count, .page = f_page, .position = f_position,
	.row_id = f_row_id};

static void fill(struct fake *f, int n)
{
	memset(f, 0, sizeof *f);
	for (int i = 0; i < n; i++)
		f->ids[i] = 100 + i;
	f->n = n;
}

/* 120 rows listed as painted: a screen of 10 rows, row 57 selected */
static void shown(struct list *l, struct fake *f)
{
	fill(f, 120);
	list_init(l, &source, f);
	/* not painted yet, it reads a window that fills any screen */
	assert_true(f->last_limit > 10);
	l->height = 10;
	l->painted = true;
	list_select_index(l, 57);
	assert_int_equal(l->sel_id, 157);
	f->pages = f->positions = 0;
}

static void test_reload_in_place(void **state)
{
	(void)state;
	struct fake f;
	struct list l;
	shown(&l, &f);
	long top = l.top;
	list_reload(&l); /* nothing moved: one read of the screen, no place asked */
	assert_int_equal(f.positions, 0);
	assert_int_equal(f.pages, 1);
	assert_int_equal(f.last_limit, 10);
	assert_int_equal(l.sel, 57);
	assert_int_equal(l.top, top);
	assert_int_equal(l.sel_id, 157);
	/* the rows on screen need no more reads */
	f.pages = 0;
	for (long i = l.top; i < l.top + 10; i++)
		assert_int_equal(*(const int64_t *)list_row(&l, i), 100 + i);
	assert_int_equal(f.pages, 0);
	/* one past them: a window of screens around the row */
	assert_non_null(list_row(&l, l.top + 10));
	assert_int_equal(f.pages, 1);
	assert_true(f.last_limit > 10);
	list_free(&l);
}

static void test_reload_follows(void **state)
{
	(void)state;
	struct fake f;
	struct list l;
	shown(&l, &f);
	/* a row comes before the selected one: it is asked for and followed */
	memmove(&f.ids[1], &f.ids[0], (size_t)f.n * sizeof *f.ids);
	f.ids[0] = 999;
	f.n++;
	list_reload(&l);
	assert_int_equal(f.positions, 1);
	assert_int_equal(l.sel, 58);
	assert_int_equal(l.sel_id, 157);
	assert_true(l.sel >= l.top && l.sel < l.top + 10);
	/* the selected row goes: the selection stays at its index, on the row now there */
	f.pages = f.positions = 0;
	memmove(&f.ids[58], &f.ids[59], (size_t)(f.n - 59) * sizeof *f.ids);
	f.n--;
	list_reload(&l);
	assert_int_equal(f.positions, 1);
	assert_int_equal(l.sel, 58);
	assert_int_equal(l.sel_id, 158);
	/* the list shrinks below the selection: the last row */
	f.n = 30;
	list_reload(&l);
	assert_int_equal(l.count, 30);
	assert_int_equal(l.sel, 29);
	assert_int_equal(l.sel_id, f.ids[29]);
	/* and empties */
	f.n = 0;
	list_reload(&l);
	assert_int_equal(l.count, 0);
	assert_int_equal(l.sel_id, 0);
	assert_null(list_selected(&l));
	list_free(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reload_in_place),
		cmocka_unit_test(test_reload_follows),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
