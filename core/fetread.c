/* fetread.c: a FET file into plain records (core/fetread.h), read with libxml2's SAX2
 * parser as the file goes by: no tree of the file is built, each item is kept when its
 * element closes, its strings and fields in a few large blocks. What is read is what the
 * whole tree would give: an element's text is all the text within it, that of entities
 * declared in the file included. No network, no external entities; the parser's own errors
 * come back with their line. */
#include "core/fetread.h"

#include <errno.h>
#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "core/i18n.h"
#include "core/util.h"

#define FET_MAX_BYTES (64L << 20)
#define BLOCK 65536
#define HEAD 16 /* a block's first bytes: how much of it is used */
#define LEAF_DEPTH 8 /* below an item, elements this deep are fields whatever is in them */

/* n bytes kept in d, aligned to align (a power of two, HEAD at most): strings and fields live
 * in blocks of BLOCK bytes (or one of their own when longer), so a city's file is not
 * millions of small allocations. NULL when out of memory. */
static void *keep_bytes(struct fet_doc *d, size_t n, size_t align)
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
	size_t fill = blk ? (*(size_t *)blk + align - 1) & ~(align - 1) : BLOCK;
	if (n + HEAD > BLOCK) {
		/* a long one: a block of its own, kept before the block being filled */
		char *own = malloc(HEAD + n);
		if (!own)
			return NULL;
		*(size_t *)own = BLOCK; /* full: never filled further */
		if (blk) {
			d->strings[d->nstrings - 1] = own;
			d->strings[d->nstrings++] = blk;
		} else
			d->strings[d->nstrings++] = own;
		return own + HEAD;
	}
	if (fill + n > BLOCK) {
		blk = malloc(BLOCK);
		if (!blk)
			return NULL;
		fill = HEAD;
		d->strings[d->nstrings++] = blk;
	}
	*(size_t *)blk = fill + n;
	return blk + fill;
}

static const char *keep(struct fet_doc *d, const char *s, size_t n)
{
	if (n == 0)
		return "";
	char *out = keep_bytes(d, n + 1, 1);
	if (!out)
		return NULL;
	memcpy(out, s, n);
	out[n] = '\0';
	return out;
}

/* What an open element is to the reader. */
enum role {
	R_SKIP,	    /* nothing under it is read */
	R_ROOT,	    /* <fet> */
	R_TEXT,	    /* its text is read, with that of every element in it */
	R_NAMES,    /* Days_List, Hours_List */
	R_NAMED,    /* a Day or Hour of them: its first Name is read */
	R_STUDENTS, /* Students_List */
	R_SET,	    /* a Year, Group or Subgroup */
	R_LIST,	    /* one of the lists of items */
	R_ITEM,	    /* an item of a list */
	R_LEAF,	    /* an element of an item: a field unless elements are in it */
};

/* What the text of an R_TEXT element is for. */
enum text_use { T_NONE, T_INSTITUTION, T_DAY, T_HOUR, T_SET_NAME, T_SET_STUDENTS };

struct frame {
	unsigned char role, use;
	bool child; /* R_LEAF: an element in it; R_NAMED: its Name read */
	bool root;
	int arg; /* R_NAMES, R_NAMED: the use of their names; R_SET: the set; R_LIST, R_ITEM:
		  * the list; R_LEAF: how deep below the item (0 for its own elements) */
	int line;
	const xmlChar *name; /* the parser's (interned) name */
	size_t text;	     /* where its text starts in the reader's text */
};

struct reader {
	xmlParserCtxtPtr ctxt;
	struct fet_doc *d;
	struct frame *stack;
	int depth, capstack;
	char *text; /* the text of the elements being read, one after the other */
	size_t len, captext;
	struct fet_field *f; /* the fields of the item being read */
	int nf, capf;
	struct tag {
		const xmlChar *name;
		const char *kept;
	} *tags; /* the element names kept so far, by the parser's pointer */
	size_t ntags, captags;
	bool root_seen, fet, oom;
	int root_line;
};

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

static struct fet_list *list_at(struct fet_doc *d, int k)
{
	return (struct fet_list *)((char *)d + lists[k].off);
}

/* Out of memory: nothing more is read. */
static void out_of_memory(struct reader *r)
{
	r->oom = true;
	xmlStopParser(r->ctxt);
}

static size_t tag_slot(const struct tag *v, size_t cap, const xmlChar *name)
{
	size_t h = (size_t)(((uintptr_t)name >> 3) * 0x9E3779B97F4A7C15ull);
	for (size_t i = h & (cap - 1);; i = (i + 1) & (cap - 1))
		if (!v[i].name || v[i].name == name)
			return i;
}

/* The element name kept once in the doc, however many elements have it. */
static const char *tag_of(struct reader *r, const xmlChar *name)
{
	if (r->captags) {
		struct tag *t = &r->tags[tag_slot(r->tags, r->captags, name)];
		if (t->name)
			return t->kept;
	}
	if (2 * (r->ntags + 1) > r->captags) {
		size_t cap = r->captags ? 2 * r->captags : 64;
		struct tag *v = calloc(cap, sizeof *v);
		if (!v)
			return NULL;
		for (size_t i = 0; i < r->captags; i++)
			if (r->tags[i].name)
				v[tag_slot(v, cap, r->tags[i].name)] = r->tags[i];
		free(r->tags);
		r->tags = v;
		r->captags = cap;
	}
	const char *kept = keep(r->d, (const char *)name, strlen((const char *)name));
	if (!kept)
		return NULL;
	r->tags[tag_slot(r->tags, r->captags, name)] = (struct tag){name, kept};
	r->ntags++;
	return kept;
}

static bool add_text(struct reader *r, const char *s, size_t n)
{
	if (r->len + n + 1 > r->captext) {
		size_t cap = r->captext ? r->captext : 4096;
		while (r->len + n + 1 > cap)
			cap *= 2;
		char *t = realloc(r->text, cap);
		if (!t)
			return false;
		r->text = t;
		r->captext = cap;
	}
	memcpy(r->text + r->len, s, n);
	r->len += n;
	return true;
}

/* The text of the frame's element, trimmed of white space at both ends; the reader's text
 * ends where that element's began. NUL-terminated in place, valid until more is read. */
static const char *text_of(struct reader *r, const struct frame *f, size_t *n)
{
	*n = 0;
	if (r->len == f->text)
		return "";
	char *s = r->text + f->text;
	size_t len = r->len - f->text;
	while (len && (unsigned char)s[len - 1] <= ' ')
		len--;
	while (len && (unsigned char)*s <= ' ')
		s++, len--;
	s[len] = '\0'; /* room for it: the text keeps a byte more than it holds */
	r->len = f->text;
	*n = len;
	return s;
}

static bool collecting(const struct reader *r)
{
	return r->depth && (r->stack[r->depth - 1].role == R_TEXT || r->stack[r->depth - 1].role == R_LEAF);
}

/* Days_List or Hours_List: <Day><Name>…</Name></Day> (FET 5.23 on) or <Name>…</Name>. */
static bool add_name(const char ***out, int *n, const char *name)
{
	if (!name)
		return false;
	if (*n >= 8 && (*n & (*n - 1)) == 0 ? true : *n == 0) {
		/* full at 0, 8, 16, 32 …: the capacity follows the count, even over two lists */
		int cap = *n ? *n * 2 : 8;
		const char **v = realloc(*out, (size_t)cap * sizeof *v);
		if (!v)
			return false;
		*out = v;
	}
	(*out)[(*n)++] = name;
	return true;
}

/* A year, group or subgroup, its index; -1 when out of memory. */
static int add_set(struct fet_doc *d, int level, int parent, int line)
{
	if (d->nsets == d->capsets) {
		int c = d->capsets ? d->capsets * 2 : 16;
		struct fet_set *v = realloc(d->sets, (size_t)c * sizeof *v);
		if (!v)
			return -1;
		d->sets = v;
		d->capsets = c;
	}
	d->sets[d->nsets] = (struct fet_set){"", level, parent, -1, line};
	return d->nsets++;
}

static bool add_item(struct reader *r, struct fet_list *l, const xmlChar *name, int line)
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
	it->line = line;
	l->n++;
	r->nf = 0;
	return (it->tag = tag_of(r, name)) != NULL;
}

static bool add_field(struct reader *r, const struct frame *f)
{
	if (r->nf == r->capf) {
		int c = r->capf ? r->capf * 2 : 16;
		struct fet_field *v = realloc(r->f, (size_t)c * sizeof *v);
		if (!v)
			return false;
		r->f = v;
		r->capf = c;
	}
	size_t n;
	const char *text = text_of(r, f, &n);
	struct fet_field *x = &r->f[r->nf];
	x->tag = tag_of(r, f->name);
	x->text = keep(r->d, text, n);
	x->line = f->line;
	if (!x->tag || !x->text)
		return false;
	r->nf++;
	return true;
}

/* The item's fields, kept with the strings. */
static bool end_item(struct reader *r, struct fet_list *l)
{
	struct fet_item *it = &l->v[l->n - 1];
	it->nf = r->nf;
	if (!r->nf)
		return true;
	it->f = keep_bytes(r->d, (size_t)r->nf * sizeof *it->f, _Alignof(struct fet_field));
	if (!it->f)
		return false;
	memcpy(it->f, r->f, (size_t)r->nf * sizeof *it->f);
	return true;
}

static bool is(const xmlChar *name, const char *s)
{
	return strcmp((const char *)name, s) == 0;
}

/* What an element is, by its parent's role. */
static struct frame open_under(struct reader *r, struct frame *up, const xmlChar *name, int line)
{
	struct frame f = {.role = R_SKIP, .name = name, .line = line, .text = r->len};
	static const char *const child[] = {"Group", "Subgroup", ""};
	struct fet_doc *d = r->d;
	bool ok = true;
	switch (up->role) {
	case R_ROOT:
		if (is(name, "Institution_Name"))
			f.role = R_TEXT, f.use = T_INSTITUTION;
		else if (is(name, "Days_List"))
			f.role = R_NAMES, f.arg = T_DAY;
		else if (is(name, "Hours_List"))
			f.role = R_NAMES, f.arg = T_HOUR;
		else if (is(name, "Students_List"))
			f.role = R_STUDENTS;
		else
			for (size_t i = 0; i < XQ_NELEM(lists); i++)
				if (is(name, lists[i].tag))
					f.role = R_LIST, f.arg = (int)i;
		break;
	case R_NAMES:
		if (is(name, "Name"))
			f.role = R_TEXT, f.use = (unsigned char)up->arg;
		else if (is(name, up->arg == T_DAY ? "Day" : "Hour"))
			f.role = R_NAMED, f.arg = up->arg;
		break;
	case R_NAMED:
		if (!up->child && is(name, "Name")) {
			up->child = true;
			f.role = R_TEXT, f.use = (unsigned char)up->arg;
		}
		break;
	case R_STUDENTS:
		if (is(name, "Year")) {
			f.role = R_SET;
			ok = (f.arg = add_set(d, 0, -1, line)) >= 0;
		}
		break;
	case R_SET: {
		int level = d->sets[up->arg].level;
		if (is(name, "Name"))
			f.role = R_TEXT, f.use = T_SET_NAME, f.arg = up->arg;
		else if (is(name, "Number_of_Students"))
			f.role = R_TEXT, f.use = T_SET_STUDENTS, f.arg = up->arg;
		else if (level < 2 && is(name, child[level])) {
			f.role = R_SET;
			ok = (f.arg = add_set(d, level + 1, up->arg, line)) >= 0;
		}
		break;
	}
	case R_LIST: /* every element is an item, except the counts FET writes before them */
		if (strncmp((const char *)name, "Number", 6) != 0) {
			f.role = R_ITEM;
			f.arg = up->arg;
			ok = add_item(r, list_at(d, up->arg), name, line);
		}
		break;
	case R_ITEM:
		f.role = R_LEAF;
		break;
	case R_LEAF:
		up->child = true;
		if (up->arg < LEAF_DEPTH)
			f.role = R_LEAF, f.arg = up->arg + 1;
		else
			f.role = R_TEXT; /* within a field */
		break;
	case R_TEXT:
		f.role = R_TEXT;
		break;
	}
	if (!ok)
		out_of_memory(r);
	return f;
}

/* What an element's end adds to the doc. */
static bool close_frame(struct reader *r, struct frame *f)
{
	struct fet_doc *d = r->d;
	size_t n;
	if (f->role == R_LEAF) {
		if (f->arg == LEAF_DEPTH || !f->child)
			return add_field(r, f);
		r->len = f->text;
		return true;
	}
	if (f->role == R_ITEM)
		return end_item(r, list_at(d, f->arg));
	if (f->role != R_TEXT || f->use == T_NONE)
		return true;
	const char *text = text_of(r, f, &n);
	switch (f->use) {
	case T_INSTITUTION:
		return (d->institution = keep(d, text, n)) != NULL;
	case T_DAY:
		return add_name(&d->days, &d->ndays, keep(d, text, n));
	case T_HOUR:
		return add_name(&d->hours, &d->nhours, keep(d, text, n));
	case T_SET_NAME:
		return (d->sets[f->arg].name = keep(d, text, n)) != NULL;
	case T_SET_STUDENTS: {
		char *end;
		long v = strtol(text, &end, 10);
		d->sets[f->arg].students = *text && !*end && v >= 0 && v < 1000000 ? (int)v : -1;
		return true;
	}
	}
	return true;
}

/* The SAX2 callbacks. Within an entity's text the parser calls them on a parser of its own
 * (ctx is not the reader's): libxml2's tree builder makes the entity's nodes then, as it
 * would for the whole tree, and each reference to the entity reads their text. */
static void on_start(void *ctx, const xmlChar *name, const xmlChar *prefix, const xmlChar *uri, int nns,
	const xmlChar **ns, int nattr, int ndefaulted, const xmlChar **attr)
{
	xmlParserCtxtPtr c = ctx;
	struct reader *r = c->_private;
	if (c != r->ctxt) {
		xmlSAX2StartElementNs(ctx, name, prefix, uri, nns, ns, nattr, ndefaulted, attr);
		return;
	}
	if (r->oom)
		return;
	if (r->depth == r->capstack) {
		int cap = r->capstack ? 2 * r->capstack : 32;
		struct frame *v = realloc(r->stack, (size_t)cap * sizeof *v);
		if (!v) {
			out_of_memory(r);
			return;
		}
		r->stack = v;
		r->capstack = cap;
	}
	int line = xmlSAX2GetLineNumber(ctx);
	struct frame f;
	if (r->depth == 0) {
		/* the root: built as the tree would have it, for its version */
		xmlSAX2StartElementNs(ctx, name, prefix, uri, nns, ns, nattr, ndefaulted, attr);
		f = (struct frame){.role = R_SKIP, .root = true, .name = name, .line = line};
		if (!r->root_seen) {
			r->root_seen = true;
			r->root_line = line;
			r->fet = is(name, "fet");
		}
		if (r->fet && c->node) {
			xmlChar *v = xmlGetProp(c->node, BAD_CAST "version");
			r->d->version = keep(r->d, v ? (const char *)v : "", v ? strlen((const char *)v) : 0);
			xmlFree(v);
			if (!r->d->version)
				out_of_memory(r);
			f.role = R_ROOT;
		}
	} else
		f = open_under(r, &r->stack[r->depth - 1], name, line);
	r->stack[r->depth++] = f;
}

static void on_end(void *ctx, const xmlChar *name, const xmlChar *prefix, const xmlChar *uri)
{
	xmlParserCtxtPtr c = ctx;
	struct reader *r = c->_private;
	if (c != r->ctxt) {
		xmlSAX2EndElementNs(ctx, name, prefix, uri);
		return;
	}
	if (r->oom || !r->depth)
		return;
	struct frame *f = &r->stack[--r->depth];
	if (f->root)
		xmlSAX2EndElementNs(ctx, name, prefix, uri);
	else if (!close_frame(r, f))
		out_of_memory(r);
}

static void on_text(void *ctx, const xmlChar *s, int n)
{
	xmlParserCtxtPtr c = ctx;
	struct reader *r = c->_private;
	if (c != r->ctxt)
		xmlSAX2Characters(ctx, s, n);
	else if (!r->oom && collecting(r) && !add_text(r, (const char *)s, (size_t)n))
		out_of_memory(r);
}

static void on_cdata(void *ctx, const xmlChar *s, int n)
{
	xmlParserCtxtPtr c = ctx;
	struct reader *r = c->_private;
	if (c != r->ctxt)
		xmlSAX2CDataBlock(ctx, s, n);
	else if (!r->oom && collecting(r) && !add_text(r, (const char *)s, (size_t)n))
		out_of_memory(r);
}

/* A reference to an entity whose nodes are made: their text, as the tree gives it. */
static void on_reference(void *ctx, const xmlChar *name)
{
	xmlParserCtxtPtr c = ctx;
	struct reader *r = c->_private;
	if (c != r->ctxt) {
		xmlSAX2Reference(ctx, name);
		return;
	}
	if (r->oom || !collecting(r))
		return;
	xmlNodePtr ref = xmlNewReference(c->myDoc, name);
	xmlChar *text = ref ? xmlNodeGetContent(ref) : NULL;
	if (text && !add_text(r, (const char *)text, strlen((const char *)text)))
		out_of_memory(r);
	xmlFree(text);
	xmlFreeNode(ref);
}

static void on_comment(void *ctx, const xmlChar *text)
{
	xmlParserCtxtPtr c = ctx;
	if (c != ((struct reader *)c->_private)->ctxt)
		xmlSAX2Comment(ctx, text);
}

static void on_pi(void *ctx, const xmlChar *target, const xmlChar *data)
{
	xmlParserCtxtPtr c = ctx;
	if (c != ((struct reader *)c->_private)->ctxt)
		xmlSAX2ProcessingInstruction(ctx, target, data);
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

/* A file being read for the parser. */
struct file_in {
	FILE *f;
	size_t got;
	bool bad, big;
};

static int file_read(void *ctx, char *buf, int len)
{
	struct file_in *in = ctx;
	size_t n = fread(buf, 1, (size_t)len, in->f);
	if (n == 0 && ferror(in->f)) {
		in->bad = true;
		return -1;
	}
	if ((in->got += n) > (size_t)FET_MAX_BYTES) {
		in->big = true;
		return -1;
	}
	return (int)n;
}

/* Reads the file from in, or from buf (len bytes) when in is NULL, into doc. */
static int read_doc(const char *buf, size_t len, struct file_in *in, const char *name, struct fet_doc *doc,
	char *msg)
{
	memset(doc, 0, sizeof *doc);
	xmlParserCtxtPtr ctx = xmlNewParserCtxt();
	if (!ctx) {
		xq_msg(msg, "%s", _("out of memory"));
		return XQ_ERR;
	}
	struct reader r = {.ctxt = ctx, .d = doc};
	doc->institution = "";
	ctx->_private = &r;
	xmlSAXHandlerPtr sax = ctx->sax;
	sax->startElementNs = on_start;
	sax->endElementNs = on_end;
	sax->characters = on_text;
	sax->ignorableWhitespace = on_text;
	sax->cdataBlock = on_cdata;
	sax->reference = on_reference;
	sax->comment = on_comment;
	sax->processingInstruction = on_pi;
	struct first_error first = {0};
	xmlSetStructuredErrorFunc(&first, (xmlStructuredErrorFunc)keep_error);
	int opts = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES;
	xmlDocPtr x = in ? xmlCtxtReadIO(ctx, file_read, NULL, in, name, NULL, opts)
			 : xmlCtxtReadMemory(ctx, buf, (int)len, name, NULL, opts);
	xmlSetStructuredErrorFunc(NULL, NULL);
	free(r.stack);
	free(r.text);
	free(r.f);
	free(r.tags);
	int rc = XQ_ERR;
	if (in && in->bad)
		xq_msg(msg, _("cannot read %s"), name);
	else if (in && in->big)
		xq_msg(msg, _("%s: larger than 64 MiB"), name);
	else if (!x)
		parse_error(&first, ctx, name, msg);
	else if (!r.root_seen || !r.fet)
		xq_msg(msg, _("%s:%d: not a FET file (its root element is not <fet>)"), name,
			r.root_seen ? r.root_line : 1);
	else if (r.oom)
		xq_msg(msg, "%s", _("out of memory"));
	else if (doc->ndays == 0 || doc->nhours == 0)
		xq_msg(msg, _("%s: a FET file names its days and hours (Days_List, Hours_List)"), name);
	else
		rc = XQ_OK;
	xmlFreeDoc(x);
	xmlFreeParserCtxt(ctx);
	if (rc != XQ_OK)
		fet_doc_free(doc);
	return rc;
}

int fet_read_memory(const char *buf, size_t len, const char *name, struct fet_doc *doc, char *msg)
{
	if (len > (size_t)FET_MAX_BYTES) {
		memset(doc, 0, sizeof *doc);
		xq_msg(msg, _("%s: larger than 64 MiB"), name);
		return XQ_ERR;
	}
	return read_doc(buf, len, NULL, name, doc, msg);
}

/* Whether a file that begins with head (n bytes) is UTF-8 to libxml2, which then converts
 * nothing: read a piece at a time, it says what it says of the whole in memory. A file in
 * another encoding is converted as it is read, and a fault in it found sooner or later
 * depending on how much is read at once: such a file is read whole first. */
static bool plain_utf8(const char *head, size_t n)
{
	const unsigned char *h = (const unsigned char *)head;
	if (n >= 3 && h[0] == 0xEF && h[1] == 0xBB && h[2] == 0xBF)
		h += 3, n -= 3;
	if (n >= 2 && ((h[0] == 0xFE && h[1] == 0xFF) || (h[0] == 0xFF && h[1] == 0xFE)))
		return false; /* UTF-16 */
	for (size_t i = 0; i < n && i < 4; i++)
		if (h[i] == 0 || h[i] >= 0x80)
			return false; /* UTF-16, UCS-4, EBCDIC or unknown */
	if (n < 5 || memcmp(h, "<?xml", 5) != 0)
		return true;
	const char *decl = (const char *)h, *end = NULL, *e = NULL;
	for (size_t i = 0; i + 1 < n && !end; i++)
		if (decl[i] == '?' && decl[i + 1] == '>')
			end = decl + i;
	if (!end)
		return false;
	for (const char *q = decl; q + 8 <= end && !e; q++)
		if (memcmp(q, "encoding", 8) == 0)
			e = q;
	if (!e)
		return true;
	e += 8;
	while (e < end && (*e == ' ' || *e == '\t' || *e == '\r' || *e == '\n' || *e == '='))
		e++;
	if (e >= end || (*e != '"' && *e != '\''))
		return false;
	const char *v = e + 1, *q = memchr(v, *e, (size_t)(end - v));
	if (!q)
		return false;
	size_t len = (size_t)(q - v);
	return (len == 5 && strncasecmp(v, "UTF-8", 5) == 0) || (len == 4 && strncasecmp(v, "UTF8", 4) == 0);
}

int fet_read_file(const char *path, struct fet_doc *doc, char *msg)
{
	memset(doc, 0, sizeof *doc);
	FILE *f = fopen(path, "rb");
	if (!f) {
		xq_msg(msg, _("cannot open %s: %s"), path, strerror(errno));
		return XQ_ERR;
	}
	/* the parser asks for some kilobytes at a time: read from the file a quarter MiB */
	setvbuf(f, NULL, _IOFBF, 256 * 1024);
	struct stat st;
	if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode)) {
		if (st.st_size > FET_MAX_BYTES) {
			fclose(f);
			xq_msg(msg, _("%s: larger than 64 MiB"), path);
			return XQ_ERR;
		}
		char head[4096];
		size_t n = fread(head, 1, sizeof head, f);
		if (!ferror(f) && plain_utf8(head, n) && fseek(f, 0, SEEK_SET) == 0) {
			/* read as the parser goes */
			struct file_in in = {f, 0, false, false};
			int rc = read_doc(NULL, 0, &in, path, doc, msg);
			fclose(f);
			return rc;
		}
		clearerr(f);
		if (fseek(f, 0, SEEK_SET) != 0) {
			fclose(f);
			xq_msg(msg, _("cannot read %s"), path);
			return XQ_ERR;
		}
	}
	/* anything else whole first */
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
