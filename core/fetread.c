/* fetread.c: a FET file into plain records (core/fetread.h), read with libxml2's tree
 * parser. No network, no external entities; the parser's own errors come back with their
 * line. */
#include "core/fetread.h"

#include <errno.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/util.h"

#define FET_MAX_BYTES (64L << 20)
#define BLOCK 65536

/* The strings live in blocks of BLOCK bytes (or one of their own when longer), each block's
 * first bytes holding how much of it is used, so a city's file is not a million small
 * allocations. */
static char *keep(struct fet_doc *d, const char *s, size_t n)
{
	if (d->nstrings == d->capstrings) {
		int cap = d->capstrings ? d->capstrings * 2 : 16;
		char **v = realloc(d->strings, (size_t)cap * sizeof *v);
		if (!v)
			return NULL;
		d->strings = v;
		d->capstrings = cap;
	}
	char *blk = d->nstrings ? d->strings[d->nstrings - 1] : NULL;
	size_t fill = blk ? *(size_t *)blk : BLOCK;
	if (n + 1 + sizeof(size_t) > BLOCK) {
		/* a long string: a block of its own, kept before the block being filled */
		char *own = malloc(sizeof(size_t) + n + 1);
		if (!own)
			return NULL;
		*(size_t *)own = BLOCK; /* full: never filled further */
		memcpy(own + sizeof(size_t), s, n);
		own[sizeof(size_t) + n] = '\0';
		if (blk) {
			d->strings[d->nstrings - 1] = own;
			d->strings[d->nstrings++] = blk;
		} else
			d->strings[d->nstrings++] = own;
		return own + sizeof(size_t);
	}
	if (fill + n + 1 > BLOCK) {
		blk = malloc(BLOCK);
		if (!blk)
			return NULL;
		fill = sizeof(size_t);
		d->strings[d->nstrings++] = blk;
	}
	char *out = blk + fill;
	memcpy(out, s, n);
	out[n] = '\0';
	*(size_t *)blk = fill + n + 1;
	return out;
}

/* The element's text, trimmed of white space at both ends, kept in d. */
static const char *text_of(struct fet_doc *d, xmlNode *n)
{
	xmlChar *c = xmlNodeGetContent(n);
	const char *s = c ? (const char *)c : "";
	size_t len = strlen(s);
	while (len && (unsigned char)s[len - 1] <= ' ')
		len--;
	while (len && (unsigned char)*s <= ' ')
		s++, len--;
	const char *out = keep(d, s, len);
	xmlFree(c);
	return out;
}

/* An element's line. libxml2 keeps an element's line in 16 bits: past line 65535 it is
 * the line where the text before it ends (a text's line is kept whole). */
static int line_of(xmlNode *n)
{
	long line = xmlGetLineNo(n);
	if (n->line < 65535 || n->type != XML_ELEMENT_NODE)
		return (int)line;
	for (xmlNode *p = n->prev; p; p = p->prev) {
		if (p->type == XML_TEXT_NODE)
			return (int)xmlGetLineNo(p); /* the line where that text ends */
		if (p->type == XML_ELEMENT_NODE)
			break;
	}
	return n->parent && n->parent->type == XML_ELEMENT_NODE ? line_of(n->parent) : (int)line;
}

static bool is(xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static bool has_element_child(xmlNode *n)
{
	for (xmlNode *c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			return true;
	return false;
}

static bool add_field(struct fet_doc *d, struct fet_item *it, int *cap, xmlNode *n)
{
	if (it->nf == *cap) {
		int c = *cap ? *cap * 2 : 8;
		struct fet_field *v = realloc(it->f, (size_t)c * sizeof *v);
		if (!v)
			return false;
		it->f = v;
		*cap = c;
	}
	struct fet_field *f = &it->f[it->nf];
	f->tag = keep(d, (const char *)n->name, strlen((const char *)n->name));
	f->text = text_of(d, n);
	f->line = (int)line_of(n);
	if (!f->tag || !f->text)
		return false;
	it->nf++;
	return true;
}

/* The leaves under n, in document order. */
static bool add_leaves(struct fet_doc *d, struct fet_item *it, int *cap, xmlNode *n, int depth)
{
	for (xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (depth < 8 && has_element_child(c)) {
			if (!add_leaves(d, it, cap, c, depth + 1))
				return false;
		} else if (!add_field(d, it, cap, c))
			return false;
	}
	return true;
}

static bool add_item(struct fet_doc *d, struct fet_list *l, xmlNode *n)
{
	if (l->n == l->cap) {
		int c = l->cap ? l->cap * 2 : 16;
		struct fet_item *v = realloc(l->v, (size_t)c * sizeof *v);
		if (!v)
			return false;
		l->v = v;
		l->cap = c;
	}
	struct fet_item *it = &l->v[l->n];
	memset(it, 0, sizeof *it);
	it->tag = keep(d, (const char *)n->name, strlen((const char *)n->name));
	it->line = (int)line_of(n);
	l->n++;
	int cap = 0;
	return it->tag && add_leaves(d, it, &cap, n, 0);
}

/* Every element child of list is an item, except the counts FET writes before them. */
static bool read_list(struct fet_doc *d, struct fet_list *l, xmlNode *list)
{
	for (xmlNode *c = list->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && strncmp((const char *)c->name, "Number", 6) != 0 &&
		    !add_item(d, l, c))
			return false;
	return true;
}

/* Days_List or Hours_List: <Day><Name>…</Name></Day> (FET 5.23 on) or <Name>…</Name>. */
static bool read_names(struct fet_doc *d, xmlNode *list, const char *each, const char ***out, int *n)
{
	for (xmlNode *c = list->children; c; c = c->next) {
		xmlNode *name = NULL;
		if (is(c, "Name"))
			name = c;
		else if (is(c, each))
			for (xmlNode *g = c->children; g && !name; g = g->next)
				if (is(g, "Name"))
					name = g;
		if (!name)
			continue;
		if (*n >= 8 && (*n & (*n - 1)) == 0 ? true : *n == 0) {
			/* full at 0, 8, 16, 32 …: the capacity follows the count, even over two lists */
			int cap = *n ? *n * 2 : 8;
			const char **v = realloc(*out, (size_t)cap * sizeof *v);
			if (!v)
				return false;
			*out = v;
		}
		if (!((*out)[(*n)++] = text_of(d, name)))
			return false;
	}
	return true;
}

static bool add_set(struct fet_doc *d, xmlNode *n, int level, int parent)
{
	if (d->nsets == d->capsets) {
		int c = d->capsets ? d->capsets * 2 : 16;
		struct fet_set *v = realloc(d->sets, (size_t)c * sizeof *v);
		if (!v)
			return false;
		d->sets = v;
		d->capsets = c;
	}
	int me = d->nsets++;
	struct fet_set *s = &d->sets[me];
	s->name = "";
	s->level = level;
	s->parent = parent;
	s->students = -1;
	s->line = (int)line_of(n);
	static const char *const child[] = {"Group", "Subgroup", ""};
	for (xmlNode *c = n->children; c; c = c->next) {
		if (is(c, "Name")) {
			if (!(d->sets[me].name = text_of(d, c)))
				return false;
		} else if (is(c, "Number_of_Students")) {
			const char *t = text_of(d, c);
			if (!t)
				return false;
			char *end;
			long v = strtol(t, &end, 10);
			d->sets[me].students = *t && !*end && v >= 0 && v < 1000000 ? (int)v : -1;
		} else if (level < 2 && is(c, child[level]) && !add_set(d, c, level + 1, me))
			return false;
	}
	return true;
}

/* The parser's first error, kept instead of printed. */
struct first_error {
	bool set;
	int line;
	char text[256];
};

static void keep_error(void *ctx, const xmlError *e)
{
	struct first_error *f = ctx;
	if (f->set || !e)
		return;
	f->set = true;
	f->line = e->line;
	snprintf(f->text, sizeof f->text, "%s", e->message ? e->message : "");
}

static int parse_error(const struct first_error *f, xmlParserCtxtPtr ctx, const char *name, char *msg)
{
	if (f->set && f->text[0]) {
		char text[256];
		snprintf(text, sizeof text, "%s", f->text);
		size_t n = strlen(text);
		while (n && (text[n - 1] == '\n' || text[n - 1] == ' '))
			text[--n] = '\0';
		xq_msg(msg, _("%s:%d: not a readable XML file: %s"), name, f->line, text);
		return XQ_ERR;
	}
	const xmlError *e = xmlCtxtGetLastError(ctx);
	if (e && e->message) {
		char text[256];
		snprintf(text, sizeof text, "%s", e->message);
		size_t n = strlen(text);
		while (n && (text[n - 1] == '\n' || text[n - 1] == ' '))
			text[--n] = '\0';
		xq_msg(msg, _("%s:%d: not a readable XML file: %s"), name, e->line, text);
	} else
		xq_msg(msg, _("%s: not a readable XML file"), name);
	return XQ_ERR;
}

int fet_read_memory(const char *buf, size_t len, const char *name, struct fet_doc *doc, char *msg)
{
	memset(doc, 0, sizeof *doc);
	if (len > (size_t)FET_MAX_BYTES) {
		xq_msg(msg, _("%s: larger than 64 MiB"), name);
		return XQ_ERR;
	}
	xmlParserCtxtPtr ctx = xmlNewParserCtxt();
	if (!ctx) {
		xq_msg(msg, "%s", _("out of memory"));
		return XQ_ERR;
	}
	struct first_error first = {0};
	xmlSetStructuredErrorFunc(&first, (xmlStructuredErrorFunc)keep_error);
	xmlDocPtr x = xmlCtxtReadMemory(ctx, buf, (int)len, name, NULL,
		XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (!x) {
		int rc = parse_error(&first, ctx, name, msg);
		xmlFreeParserCtxt(ctx);
		return rc;
	}
	xmlFreeParserCtxt(ctx);
	xmlNode *root = xmlDocGetRootElement(x);
	int rc = XQ_OK;
	if (!root || !is(root, "fet")) {
		xq_msg(msg, _("%s:%d: not a FET file (its root element is not <fet>)"), name,
			root ? (int)line_of(root) : 1);
		xmlFreeDoc(x);
		return XQ_ERR;
	}
	xmlChar *v = xmlGetProp(root, BAD_CAST "version");
	doc->version = keep(doc, v ? (const char *)v : "", v ? strlen((const char *)v) : 0);
	xmlFree(v);
	doc->institution = "";
	bool ok = doc->version != NULL;
	static const struct {
		const char *tag;
		size_t off;
	} lists[] = {
		{"Subjects_List", offsetof(struct fet_doc, subjects)},
		{"Activity_Tags_List", offsetof(struct fet_doc, tags)},
		{"Teachers_List", offsetof(struct fet_doc, teachers)},
		{"Buildings_List", offsetof(struct fet_doc, buildings)},
		{"Rooms_List", offsetof(struct fet_doc, rooms)},
		{"Activities_List", offsetof(struct fet_doc, activities)},
		{"Time_Constraints_List", offsetof(struct fet_doc, time)},
		{"Space_Constraints_List", offsetof(struct fet_doc, space)},
	};
	for (xmlNode *c = root->children; c && ok; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is(c, "Institution_Name"))
			ok = (doc->institution = text_of(doc, c)) != NULL;
		else if (is(c, "Days_List"))
			ok = read_names(doc, c, "Day", &doc->days, &doc->ndays);
		else if (is(c, "Hours_List"))
			ok = read_names(doc, c, "Hour", &doc->hours, &doc->nhours);
		else if (is(c, "Students_List")) {
			for (xmlNode *y = c->children; y && ok; y = y->next)
				if (is(y, "Year"))
					ok = add_set(doc, y, 0, -1);
		} else
			for (size_t i = 0; i < XQ_NELEM(lists); i++)
				if (is(c, lists[i].tag))
					ok = read_list(doc, (struct fet_list *)((char *)doc + lists[i].off), c);
	}
	if (!ok) {
		xq_msg(msg, "%s", _("out of memory"));
		rc = XQ_ERR;
	} else if (doc->ndays == 0 || doc->nhours == 0) {
		xq_msg(msg, _("%s: a FET file names its days and hours (Days_List, Hours_List)"), name);
		rc = XQ_ERR;
	}
	xmlFreeDoc(x);
	if (rc != XQ_OK)
		fet_doc_free(doc);
	return rc;
}

int fet_read_file(const char *path, struct fet_doc *doc, char *msg)
{
	memset(doc, 0, sizeof *doc);
	FILE *f = fopen(path, "rb");
	if (!f) {
		xq_msg(msg, _("cannot open %s: %s"), path, strerror(errno));
		return XQ_ERR;
	}
	char *buf = NULL;
	size_t len = 0, cap = 0;
	for (;;) {
		if (len == cap) {
			if (cap > (size_t)FET_MAX_BYTES) {
				fclose(f);
				free(buf);
				xq_msg(msg, _("%s: larger than 64 MiB"), path);
				return XQ_ERR;
			}
			cap = cap ? cap * 2 : 65536;
			char *b = realloc(buf, cap);
			if (!b) {
				fclose(f);
				free(buf);
				xq_msg(msg, "%s", _("out of memory"));
				return XQ_ERR;
			}
			buf = b;
		}
		size_t got = fread(buf + len, 1, cap - len, f);
		len += got;
		if (got == 0)
			break;
	}
	bool bad = ferror(f);
	fclose(f);
	if (bad) {
		free(buf);
		xq_msg(msg, _("cannot read %s"), path);
		return XQ_ERR;
	}
	int rc = fet_read_memory(buf, len, path, doc, msg);
	free(buf);
	return rc;
}

static void list_free(struct fet_list *l)
{
	for (int i = 0; i < l->n; i++)
		free(l->v[i].f);
	free(l->v);
}

void fet_doc_free(struct fet_doc *d)
{
	list_free(&d->subjects);
	list_free(&d->tags);
	list_free(&d->teachers);
	list_free(&d->buildings);
	list_free(&d->rooms);
	list_free(&d->activities);
	list_free(&d->time);
	list_free(&d->space);
	free(d->days);
	free(d->hours);
	free(d->sets);
	for (int i = 0; i < d->nstrings; i++)
		free(d->strings[i]);
	free(d->strings);
	memset(d, 0, sizeof *d);
}

const char *fet_get(const struct fet_item *it, const char *tag)
{
	int i = fet_next(it, tag, 0);
	return i < 0 ? NULL : it->f[i].text;
}

int fet_line(const struct fet_item *it, const char *tag)
{
	int i = fet_next(it, tag, 0);
	return i < 0 ? it->line : it->f[i].line;
}

int fet_next(const struct fet_item *it, const char *tag, int from)
{
	for (int i = from < 0 ? 0 : from; i < it->nf; i++)
		if (strcmp(it->f[i].tag, tag) == 0)
			return i;
	return -1;
}

bool fet_active(const struct fet_item *it)
{
	const char *a = fet_get(it, "Active");
	return !a || strcmp(a, "false") != 0;
}

double fet_weight(const struct fet_item *it)
{
	const char *w = fet_get(it, "Weight_Percentage");
	if (!w)
		return 100;
	/* digits, a point and digits: the same in every locale, no hex, no exponent */
	double v = 0, scale = 1;
	bool digits = false, point = false;
	for (const char *p = w; *p; p++) {
		if (*p >= '0' && *p <= '9') {
			digits = true;
			if (point)
				v += (*p - '0') * (scale /= 10);
			else
				v = v * 10 + (*p - '0');
		} else if (*p == '.' && !point)
			point = true;
		else
			return -1;
		if (v > 100)
			return -1;
	}
	return digits ? v : -1;
}

int fet_set_find(const struct fet_doc *doc, const char *name)
{
	for (int i = 0; i < doc->nsets; i++)
		if (strcmp(doc->sets[i].name, name) == 0)
			return i;
	return -1;
}

int fet_find(const struct fet_list *l, const char *name)
{
	for (int i = 0; i < l->n; i++) {
		const char *n = fet_get(&l->v[i], "Name");
		if (n && strcmp(n, name) == 0)
			return i;
	}
	return -1;
}

int fet_index(const char *const *names, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (strcmp(names[i], name) == 0)
			return i;
	return -1;
}

static int name_cmp(const void *a, const void *b)
{
	const struct fet_name *x = a, *y = b;
	int c = strcmp(x->name, y->name);
	return c ? c : (x->index > y->index) - (x->index < y->index);
}

int fet_names_init(struct fet_names *x, const char *const *names, int n)
{
	x->n = 0;
	x->v = malloc((size_t)(n > 0 ? n : 1) * sizeof *x->v);
	if (!x->v)
		return XQ_ERR;
	for (int i = 0; i < n; i++)
		if (names[i])
			x->v[x->n++] = (struct fet_name){names[i], i};
	qsort(x->v, (size_t)x->n, sizeof *x->v, name_cmp);
	return XQ_OK;
}

int fet_names_of_list(struct fet_names *x, const struct fet_list *l)
{
	const char **names = malloc((size_t)(l->n > 0 ? l->n : 1) * sizeof *names);
	if (!names)
		return XQ_ERR;
	for (int i = 0; i < l->n; i++)
		names[i] = fet_get(&l->v[i], "Name");
	int rc = fet_names_init(x, names, l->n);
	free(names);
	return rc;
}

int fet_names_find(const struct fet_names *x, const char *name)
{
	int lo = 0, hi = x->n;
	while (lo < hi) { /* the first entry not below name */
		int mid = lo + (hi - lo) / 2;
		if (strcmp(x->v[mid].name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < x->n && strcmp(x->v[lo].name, name) == 0 ? x->v[lo].index : -1;
}

void fet_names_free(struct fet_names *x)
{
	free(x->v);
	x->v = NULL;
	x->n = 0;
}
