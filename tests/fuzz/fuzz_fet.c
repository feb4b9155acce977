/* fuzz_fet.c: libFuzzer target for the FET file reader: the input is a FET file; whatever
 * reads is walked whole (every field of every item of every list, each students set found
 * by its name, the teachers indexed by name) and the answers checked against the records. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/fetread.h"
#include "core/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void walk(const struct fet_list *l)
{
	for (int i = 0; i < l->n; i++) {
		const struct fet_item *it = &l->v[i];
		if (!it->tag || it->nf < 0)
			abort();
		for (int k = 0; k < it->nf; k++) {
			const struct fet_field *f = &it->f[k];
			if (!f->tag || !f->text)
				abort();
			/* the first field of its tag is what fet_get and fet_line answer */
			int first = fet_next(it, f->tag, 0);
			if (first < 0 || first > k || fet_get(it, f->tag) != it->f[first].text ||
			    fet_line(it, f->tag) != it->f[first].line)
				abort();
			/* fet_next walks every field of the tag, this one included */
			int j = first;
			while (j >= 0 && j < k)
				j = fet_next(it, f->tag, j + 1);
			if (j != k)
				abort();
			/* texts are trimmed */
			size_t n = strlen(f->text);
			if (n && ((unsigned char)f->text[0] <= ' ' || (unsigned char)f->text[n - 1] <= ' '))
				abort();
		}
		double w = fet_weight(it);
		if (w != -1 && !(w >= 0 && w <= 100))
			abort();
		bool active = fet_active(it);
		const char *a = fet_get(it, "Active");
		if (active != !(a && strcmp(a, "false") == 0))
			abort();
		if (fet_next(it, "\x01", 0) != -1 || fet_line(it, "\x01") != it->line)
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fet_doc d;
	char msg[XQ_MSG_MAX];
	if (fet_read_memory((const char *)data, size, "fuzz.fet", &d, msg) != XQ_OK)
		return 0;
	if (!d.version || !d.institution || d.ndays < 1 || d.nhours < 1)
		abort();
	for (int i = 0; i < d.ndays; i++)
		if (fet_index(d.days, d.ndays, d.days[i]) > i)
			abort();
	for (int i = 0; i < d.nhours; i++)
		if (fet_index(d.hours, d.nhours, d.hours[i]) > i)
			abort();
	const struct fet_list *lists[] = {&d.subjects, &d.tags, &d.teachers, &d.buildings,
					  &d.rooms, &d.activities, &d.time, &d.space};
	for (size_t i = 0; i < XQ_NELEM(lists); i++)
		walk(lists[i]);
	for (int i = 0; i < d.nsets; i++) {
		const struct fet_set *s = &d.sets[i];
		if (!s->name || s->level < 0 || s->level > 2 || s->parent >= i ||
		    (s->level == 0) != (s->parent == -1) ||
		    (s->parent >= 0 && d.sets[s->parent].level != s->level - 1) || s->students < -1)
			abort();
		int k = fet_set_find(&d, s->name);
		if (k < 0 || k > i || strcmp(d.sets[k].name, s->name) != 0)
			abort();
	}
	struct fet_names x;
	if (fet_names_of_list(&x, &d.teachers) == XQ_OK) {
		for (int i = 0; i < d.teachers.n; i++) {
			const char *name = fet_get(&d.teachers.v[i], "Name");
			if (!name)
				continue;
			int k = fet_names_find(&x, name);
			/* the first teacher of that name, the same as a plain search finds */
			if (k < 0 || k > i || k != fet_find(&d.teachers, name))
				abort();
		}
		fet_names_free(&x);
	}
	fet_doc_free(&d);
	return 0;
}
