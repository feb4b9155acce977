/* policy_form.c: the county's policy in one form (`P` or `:policy`) — every option of
 * [exchange] and [indicators] as the database holds it. An administrator's save goes
 * through db/policy.c in one transaction; others see the values, and a save of theirs is
 * refused with the reason. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "db/db.h"
#include "db/policy.h"
#include "tui/form.h"

/* The rows as the form opened: names, revisions and ids by field. */
struct pctx {
	struct app *app;
	struct db_policy_entry *rows;
	int n;
};

static void pctx_free(void *ctx)
{
	struct pctx *c = ctx;
	free(c->rows);
	free(c);
}

/* The text of field i as the INI file would have it. */
static void field_value(struct entry_form *f, const struct db_policy_entry *r, int i, char *out,
	size_t size)
{
	if (!r->choices) {
		form_get_text(f, i, out, size);
		return;
	}
	int k = form_get_choice(f, i);
	const char *p = r->choices;
	for (; k > 0 && strchr(p, '|'); k--)
		p = strchr(p, '|') + 1;
	snprintf(out, size, "%.*s", (int)strcspn(p, "|"), p);
}

static int policy_submit(struct entry_form *f, void *ctx)
{
	struct pctx *c = ctx;
	struct app *a = c->app;
	if (!f->changed) {
		app_msg(a, MSG_INFO, "%s", _("The policy is unchanged."));
		return XQ_OK;
	}
	struct db_policy_change *ch = xcalloc((size_t)c->n, sizeof *ch);
	char(*values)[256] = xcalloc((size_t)c->n, sizeof *values);
	for (int i = 0; i < c->n; i++) {
		field_value(f, &c->rows[i], i, values[i], sizeof values[i]);
		ch[i].key = c->rows[i].name;
		ch[i].value = values[i];
		ch[i].rev = c->rows[i].rev; /* any change by another since the form opened refuses */
	}
	char msg[XQ_MSG_MAX] = "";
	int bad = -1;
	int rc = db_policy_set(app_db(a), ch, c->n, &bad, msg);
	free(ch);
	free(values);
	if (rc == XQ_STALE && bad >= 0) {
		form_refused(f, rc, "policy", c->rows[bad].id, msg);
		return rc;
	}
	if (rc != XQ_OK) {
		if (bad >= 0) {
			form_set_error(f, bad, msg);
			form_set_message(f, MSG_WARN, msg);
		} else
			form_set_message(f, MSG_WARN, msg);
		return rc;
	}
	app_msg(a, MSG_GOOD, "%s", _("The county's policy is saved; the quotas follow it."));
	app_changed(a);
	return XQ_OK;
}

void policy_form_open(struct app *a)
{
	struct pctx *c = xcalloc(1, sizeof *c);
	char msg[XQ_MSG_MAX] = "";
	c->app = a;
	if (db_policy_list(app_db(a), &c->rows, &c->n, msg) != XQ_OK) {
		app_msg(a, MSG_WARN, "%s", msg);
		free(c);
		return;
	}
	bool admin = db_operator(app_db(a))->role == OPROLE_ADMIN;
	struct entry_form *f = form_new(a,
		admin ? _("County policy") : _("County policy (only an admin may change it)"),
		policy_submit, c, pctx_free);
	for (int i = 0; i < c->n; i++) {
		const struct db_policy_entry *r = &c->rows[i];
		if (!r->choices) {
			form_text(f, r->key, r->value, sizeof r->value - 1, true);
			continue;
		}
		/* "a|b" as the choices, the stored one picked */
		const char *labels[8];
		char buf[256];
		int nl = 0, pick = 0;
		xq_copy(buf, sizeof buf, r->choices);
		for (char *save = NULL, *t = strtok_r(buf, "|", &save); t && nl < 8;
		     t = strtok_r(NULL, "|", &save)) {
			if (strcmp(t, r->value) == 0)
				pick = nl;
			labels[nl++] = t;
		}
		form_choice_list(f, r->key, labels, nl, pick, NULL);
	}
	form_open(f);
}
