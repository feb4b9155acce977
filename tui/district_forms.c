/* district_forms.c: the Districts pane's forms and questions — add, edit and delete a
 * district; add, remove and lead member schools; record, edit and end agreements; log
 * activities; filter the list. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/validate.h"
#include "db/school.h"
#include "tui/districts.h"
#include "tui/form.h"

/* What a form is about. */
struct dctx {
	struct districts *d;
	int64_t id, rev;     /* the record edited, 0 when adding */
	int64_t lead;	     /* the district's lead school when the form opened */
	int64_t district_id; /* the district a member or agreement is for */
};

static struct dctx *dctx_new(struct districts *d)
{
	struct dctx *c = xcalloc(1, sizeof *c);
	c->d = d;
	return c;
}

static struct db *ddb(struct districts *d)
{
	return app_db(d->v.app);
}

/* A school already in another district is refused here, naming that district. */
static bool in_other_district(struct entry_form *f, struct db *db, int64_t school_id,
	int64_t district_id, int field)
{
	struct member m;
	struct school s;
	if (db_member_current(db, school_id, &m) != XQ_OK || db_school_get(db, school_id, &s) != XQ_OK)
		return false;
	char text[XQ_MSG_MAX], brief[256];
	if (m.district_id == district_id) {
		snprintf(text, sizeof text, _("%s is already a member of this district (since %s)."),
			s.name, m.from_date);
		snprintf(brief, sizeof brief, "%s", _("already a member"));
	} else {
		snprintf(text, sizeof text,
			_("%s is already in district %s (since %s); a school is in one district at a "
			  "time, so end that membership first."),
			s.name, m.district_name, m.from_date);
		snprintf(brief, sizeof brief, _("in district %s"), m.district_name);
	}
	form_set_error(f, field, brief);
	form_set_message(f, MSG_WARN, text);
	return true;
}

/* districts */

static const char *const district_keys[] = {"name", "form", "lead_school_code", "established_on",
	"note", NULL};

/* The lead school as the form says, once the district itself is saved. */
static int change_lead(struct db *db, struct district *rec, int64_t old_lead, char *msg)
{
	struct member m;
	if (!rec->lead_school_id) {
		if (old_lead && db_member_current(db, old_lead, &m) == XQ_OK && m.district_id == rec->id &&
		    m.role == ROLE_LEAD) {
			m.role = ROLE_MEMBER;
			if (db_member_update(db, &m, msg) != XQ_OK)
				return XQ_ERR;
		}
		return db_district_update_lead(db, rec, msg);
	}
	if (db_member_current(db, rec->lead_school_id, &m) == XQ_OK && m.district_id == rec->id)
		return db_district_set_lead(db, rec->id, rec->lead_school_id, msg);
	struct member add = {0};
	add.district_id = rec->id;
	add.school_id = rec->lead_school_id;
	add.role = ROLE_LEAD;
	return db_member_add(db, &add, msg);
}

static int district_submit(struct entry_form *f, void *ctx)
{
	struct dctx *c = ctx;
	struct app *a = c->d->v.app;
	struct db *db = ddb(c->d);
	struct district rec;
	char msg[XQ_MSG_MAX] = "";
	memset(&rec, 0, sizeof rec);
	rec.id = c->id;
	rec.rev = c->rev;
	form_get_text(f, 0, rec.name, sizeof rec.name);
	rec.form = form_get_choice(f, 1);
	rec.lead_school_id = form_get_school(f, 2);
	form_get_text(f, 3, rec.established_on, sizeof rec.established_on);
	form_get_text(f, 4, rec.note, sizeof rec.note);
	const char *bad = district_validate(&rec, msg);
	if (bad) {
		form_invalid(f, bad, district_keys, msg);
		return XQ_ERR;
	}
	struct member lm;
	if (rec.lead_school_id && db_member_current(db, rec.lead_school_id, &lm) == XQ_OK &&
	    lm.district_id != c->id && in_other_district(f, db, rec.lead_school_id, c->id, 2))
		return XQ_ERR;
	int rc;
	if (!c->id) {
		rc = db_district_insert(db, &rec, msg);
		if (rc != XQ_OK) {
			form_refused(f, rc, "district", 0, msg);
			return rc;
		}
		app_msg(a, MSG_GOOD, _("District %s added."), rec.name);
	} else {
		rc = db_begin(db, msg);
		if (rc == XQ_OK)
			rc = db_district_update(db, &rec, msg);
		if (rc == XQ_OK && rec.lead_school_id != c->lead)
			rc = change_lead(db, &rec, c->lead, msg);
		if (rc == XQ_OK)
			rc = db_commit(db, msg);
		else
			db_rollback(db);
		if (rc != XQ_OK) {
			form_refused(f, rc, "district", c->id, msg);
			return rc;
		}
		app_msg(a, MSG_GOOD, _("District %s saved."), rec.name);
	}
	districts_after_write(c->d, rec.id);
	return XQ_OK;
}

void district_form_open(struct districts *d, bool edit)
{
	struct app *a = d->v.app;
	struct district rec;
	memset(&rec, 0, sizeof rec);
	rec.form = FORM_GROUP;
	date_today(rec.established_on);
	struct dctx *c = dctx_new(d);
	if (edit) {
		const struct district_row *r = districts_current(d);
		if (!r || db_district_get(ddb(d), r->d.id, &rec) != XQ_OK) {
			app_msg(a, MSG_WARN, "%s", _("That district is gone."));
			free(c);
			return;
		}
		c->id = rec.id;
		c->rev = rec.rev;
		c->lead = rec.lead_school_id;
	}
	char title[256];
	if (edit)
		snprintf(title, sizeof title, _("Edit district %s"), rec.name);
	else
		snprintf(title, sizeof title, "%s", _("New district"));
	struct entry_form *f = form_new(a, title, district_submit, c, free);
	form_text(f, N_("Name"), rec.name, NAME_LEN, true);
	form_choice(f, N_("Form"), form_items, rec.form, NULL);
	form_school(f, N_("Lead school"), rec.lead_school_id, false);
	form_date(f, N_("Established on"), rec.established_on, false);
	form_note(f, N_("Note"), rec.note, TEXT_LEN);
	form_open(f);
}

static void district_delete_yes(void *ctx)
{
	struct districts *d = ctx;
	char msg[XQ_MSG_MAX] = "", text[XQ_MSG_MAX];
	int rc = db_district_delete(ddb(d), d->ask_id, d->ask_rev, msg);
	if (rc == XQ_OK) {
		app_msg(d->v.app, MSG_GOOD, _("District %s deleted."), d->ask_name);
	} else {
		refusal_text(d->v.app, rc, "district", d->ask_id, msg, text, sizeof text);
		app_msg(d->v.app, MSG_WARN, "%s", text);
	}
	districts_after_write(d, 0);
}

void district_delete_ask(struct districts *d)
{
	const struct district_row *r = districts_current(d);
	if (!r)
		return;
	d->ask_id = r->d.id;
	d->ask_rev = r->d.rev;
	xq_copy(d->ask_name, sizeof d->ask_name, r->d.name);
	char q[512];
	snprintf(q, sizeof q, _("Delete district %s and end its %ld memberships? (y/n)"), r->d.name,
		r->members);
	prompt_confirm(d->v.app, q, district_delete_yes, d);
}

static int filter_submit(struct entry_form *f, void *ctx)
{
	struct districts *d = ctx;
	d->q.form = form_get_choice(f, 0);
	list_reload(&d->list);
	d->detail_stale = true;
	return XQ_OK;
}

void district_filter_open(struct districts *d)
{
	struct entry_form *f = form_new(d->v.app, _("Filter districts"), filter_submit, d, NULL);
	form_choice(f, N_("Form"), form_items, d->q.form, _("any"));
	form_open(f);
}

/* members */

static const char *const member_keys[] = {"school_code", "role", "from_date", NULL};

static int member_submit(struct entry_form *f, void *ctx)
{
	struct dctx *c = ctx;
	struct db *db = ddb(c->d);
	struct member m;
	char msg[XQ_MSG_MAX] = "";
	memset(&m, 0, sizeof m);
	m.district_id = c->district_id;
	m.school_id = form_get_school(f, 0);
	m.role = form_get_choice(f, 1);
	form_get_text(f, 2, m.from_date, sizeof m.from_date);
	const char *bad = member_validate(&m, msg);
	if (bad) {
		form_invalid(f, bad, member_keys, msg);
		return XQ_ERR;
	}
	if (in_other_district(f, db, m.school_id, c->district_id, 0))
		return XQ_ERR;
	int rc = db_member_add(db, &m, msg);
	if (rc != XQ_OK) {
		form_refused(f, rc, "member", 0, msg);
		return rc;
	}
	struct school s;
	struct district dd;
	if (db_school_get(db, m.school_id, &s) == XQ_OK && db_district_get(db, m.district_id, &dd) == XQ_OK)
		app_msg(c->d->v.app, MSG_GOOD, _("%s joined district %s."), s.name, dd.name);
	districts_select_member(c->d, m.school_id);
	c->d->detail_focus = true;
	districts_after_write(c->d, m.district_id);
	return XQ_OK;
}

void member_form_open(struct districts *d)
{
	const struct district_row *r = districts_current(d);
	if (!r)
		return;
	struct dctx *c = dctx_new(d);
	c->district_id = r->d.id;
	char title[256], today[DATE_LEN];
	snprintf(title, sizeof title, _("Add a member school to %s"), r->d.name);
	date_today(today);
	struct entry_form *f = form_new(d->v.app, title, member_submit, c, free);
	form_school(f, N_("School"), 0, true);
	form_choice(f, N_("Role"), role_items, ROLE_MEMBER, NULL);
	form_date(f, N_("Member from"), today, true);
	form_open(f);
}

static void member_remove_yes(void *ctx)
{
	struct districts *d = ctx;
	char msg[XQ_MSG_MAX] = "", text[XQ_MSG_MAX];
	int rc = db_member_end(ddb(d), d->ask_id, d->ask_rev, "", msg);
	if (rc == XQ_OK) {
		app_msg(d->v.app, MSG_GOOD, _("%s left the district."), d->ask_name);
	} else {
		refusal_text(d->v.app, rc, "member", d->ask_id, msg, text, sizeof text);
		app_msg(d->v.app, MSG_WARN, "%s", text);
	}
	districts_after_write(d, 0);
}

void member_remove_ask(struct districts *d)
{
	const struct member_row *m = districts_member(d);
	if (!m)
		return;
	d->ask_id = m->m.id;
	d->ask_rev = m->m.rev;
	xq_copy(d->ask_name, sizeof d->ask_name, m->school_name);
	char q[512];
	snprintf(q, sizeof q, _("Remove %s from district %s? (y/n)"), m->school_name, d->row.d.name);
	prompt_confirm(d->v.app, q, member_remove_yes, d);
}

void member_set_lead(struct districts *d)
{
	const struct member_row *m = districts_member(d);
	if (!m)
		return;
	struct app *a = d->v.app;
	if (m->m.role == ROLE_LEAD) {
		app_msg(a, MSG_INFO, _("%s is the lead school already."), m->school_name);
		return;
	}
	char msg[XQ_MSG_MAX] = "", name[NAME_LEN];
	xq_copy(name, sizeof name, m->school_name);
	if (db_district_set_lead(ddb(d), m->m.district_id, m->m.school_id, msg) != XQ_OK) {
		app_msg(a, MSG_WARN, _("Refused: %s"), msg);
		return;
	}
	app_msg(a, MSG_GOOD, _("%s is now the lead school of %s."), name, d->row.d.name);
	districts_after_write(d, 0);
}

/* agreements and activities */

static const char *const agreement_keys[] = {"supporting_school_code", "supported_school_code",
	"start_date", "end_date", "goals", NULL};

static int agreement_submit(struct entry_form *f, void *ctx)
{
	struct dctx *c = ctx;
	struct db *db = ddb(c->d);
	struct agreement ag;
	char msg[XQ_MSG_MAX] = "";
	memset(&ag, 0, sizeof ag);
	ag.id = c->id;
	ag.rev = c->rev;
	ag.supporting_id = form_get_school(f, 0);
	ag.supported_id = form_get_school(f, 1);
	form_get_text(f, 2, ag.start_date, sizeof ag.start_date);
	form_get_text(f, 3, ag.end_date, sizeof ag.end_date);
	form_get_text(f, 4, ag.goals, sizeof ag.goals);
	const char *bad = agreement_validate(&ag, msg);
	if (bad) {
		form_invalid(f, bad, agreement_keys, msg);
		return XQ_ERR;
	}
	int rc = c->id ? db_agreement_update(db, &ag, msg) : db_agreement_insert(db, &ag, msg);
	if (rc != XQ_OK) {
		form_refused(f, rc, "agreement", c->id, msg);
		return rc;
	}
	app_msg(c->d->v.app, MSG_GOOD, "%s", c->id ? _("Agreement saved.") : _("Agreement recorded."));
	districts_select_agreement(c->d, ag.id);
	c->d->detail_focus = true;
	districts_after_write(c->d, 0);
	return XQ_OK;
}

void agreement_form_open(struct districts *d, bool edit)
{
	struct app *a = d->v.app;
	const struct district_row *r = districts_current(d);
	if (!r)
		return;
	struct agreement ag;
	memset(&ag, 0, sizeof ag);
	struct dctx *c = dctx_new(d);
	c->district_id = r->d.id;
	if (edit) {
		const struct agreement_row *ar = districts_agreement(d);
		if (!ar || db_agreement_get(ddb(d), ar->a.id, &ag) != XQ_OK) {
			free(c);
			return;
		}
		c->id = ag.id;
		c->rev = ag.rev;
	} else {
		/* the lead school supports, the member under the cursor is supported */
		const struct member_row *m = districts_member(d);
		ag.supporting_id = r->d.lead_school_id;
		if (m && m->m.school_id != ag.supporting_id)
			ag.supported_id = m->m.school_id;
		date_today(ag.start_date);
	}
	struct entry_form *f = form_new(a, edit ? _("Edit the agreement") : _("New support agreement"),
		agreement_submit, c, free);
	form_school(f, N_("Supporting school"), ag.supporting_id, true);
	form_school(f, N_("Supported school"), ag.supported_id, true);
	form_date(f, N_("Start date"), ag.start_date, true);
	form_date(f, N_("End date"), ag.end_date, false);
	form_text(f, N_("Goals"), ag.goals, TEXT_LEN, false);
	form_open(f);
}

static void agreement_end_yes(void *ctx)
{
	struct districts *d = ctx;
	struct app *a = d->v.app;
	struct agreement ag;
	char msg[XQ_MSG_MAX] = "", text[XQ_MSG_MAX];
	int rc = db_agreement_get(ddb(d), d->ask_id, &ag);
	if (rc == XQ_OK && ag.rev != d->ask_rev)
		rc = XQ_STALE;
	if (rc == XQ_OK) {
		date_today(ag.end_date);
		rc = db_agreement_update(ddb(d), &ag, msg);
	}
	if (rc == XQ_OK) {
		app_msg(a, MSG_GOOD, _("The agreement ends on %s."), ag.end_date);
	} else {
		refusal_text(a, rc, "agreement", d->ask_id, msg[0] ? msg : _("the agreement is gone"), text,
			sizeof text);
		app_msg(a, MSG_WARN, "%s", text);
	}
	districts_after_write(d, 0);
}

void agreement_end_ask(struct districts *d)
{
	const struct agreement_row *ar = districts_agreement(d);
	if (!ar)
		return;
	char today[DATE_LEN], q[768];
	date_today(today);
	if (ar->a.end_date[0] && strcmp(ar->a.end_date, today) <= 0) {
		app_msg(d->v.app, MSG_INFO, _("The agreement ended on %s."), ar->a.end_date);
		return;
	}
	d->ask_id = ar->a.id;
	d->ask_rev = ar->a.rev;
	snprintf(q, sizeof q, _("End the agreement %s → %s today (%s)? (y/n)"), ar->supporting_name,
		ar->supported_name, today);
	prompt_confirm(d->v.app, q, agreement_end_yes, d);
}

static const char *const activity_keys[] = {"date", "kind", "note", NULL};

static int activity_submit(struct entry_form *f, void *ctx)
{
	struct dctx *c = ctx;
	struct activity act;
	char msg[XQ_MSG_MAX] = "";
	memset(&act, 0, sizeof act);
	act.agreement_id = c->id;
	form_get_text(f, 0, act.date, sizeof act.date);
	act.kind = form_get_choice(f, 1);
	form_get_text(f, 2, act.note, sizeof act.note);
	const char *bad = activity_validate(&act, msg);
	struct agreement ag;
	if (!bad && db_agreement_get(ddb(c->d), c->id, &ag) == XQ_OK)
		bad = activity_in_agreement(&act, &ag, msg);
	if (bad) {
		form_invalid(f, bad, activity_keys, msg);
		return XQ_ERR;
	}
	int rc = db_activity_insert(ddb(c->d), &act, msg);
	if (rc != XQ_OK) {
		form_refused(f, rc, "activity", 0, msg);
		return rc;
	}
	app_msg(c->d->v.app, MSG_GOOD, _("Activity logged: %s %s."), act.date,
		ui_enum(activity_kind_items, act.kind));
	districts_select_agreement(c->d, c->id);
	districts_after_write(c->d, 0);
	return XQ_OK;
}

void activity_form_open(struct districts *d)
{
	const struct agreement_row *ar = districts_agreement(d);
	if (!ar)
		return;
	struct dctx *c = dctx_new(d);
	c->id = ar->a.id;
	char title[512], today[DATE_LEN];
	snprintf(title, sizeof title, _("Activity under %s → %s"), ar->supporting_name,
		ar->supported_name);
	/* today, or the nearest day of the agreement's term */
	date_today(today);
	if (strcmp(today, ar->a.start_date) < 0)
		xq_copy(today, sizeof today, ar->a.start_date);
	else if (ar->a.end_date[0] && strcmp(today, ar->a.end_date) > 0)
		xq_copy(today, sizeof today, ar->a.end_date);
	struct entry_form *f = form_new(d->v.app, title, activity_submit, c, free);
	form_date(f, N_("Date"), today, true);
	form_choice(f, N_("Kind"), activity_kind_items, ACT_LECTURE, NULL);
	form_note(f, N_("Note"), "", TEXT_LEN);
	form_open(f);
}
