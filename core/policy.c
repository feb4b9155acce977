/* policy.c: the indicator policy's defaults and its copy out of the configuration. */
#include "core/policy.h"

#include <string.h>

#include "conf/conf.h"

void indicator_policy_defaults(struct indicator_policy *p)
{
	static const double primary[INDICATOR_COUNT] = {4.2, 1.0, 0.9, 4.5, 7.5, 2000, 2.3},
			    junior[INDICATOR_COUNT] = {5.3, 1.0, 0.9, 5.8, 10.2, 2500, 2.4};
	memset(p, 0, sizeof *p); /* padding too: policies are compared as memory */
	memcpy(p->primary, primary, sizeof primary);
	memcpy(p->junior, junior, sizeof junior);
	p->min_met = 6;
	p->seventh_min_share = 0.85;
	p->cv_max_primary = 0.50;
	p->cv_max_junior = 0.45;
	p->cv_plain = false;
	p->min_pupils = 50;
	p->junior_weight = 1.1;
	p->count_at_receiving = false;
}

void indicator_policy_from_conf(const struct conf *c, struct indicator_policy *p)
{
	memset(p, 0, sizeof *p);
	memcpy(p->primary, c->ind_primary, sizeof p->primary);
	memcpy(p->junior, c->ind_junior, sizeof p->junior);
	p->min_met = c->min_indicators_met;
	p->seventh_min_share = c->seventh_min_share;
	p->cv_max_primary = c->cv_max_primary;
	p->cv_max_junior = c->cv_max_junior;
	p->cv_plain = c->ind_cv == CONF_CV_PLAIN;
	p->min_pupils = c->ind_min_pupils;
	p->junior_weight = c->ind_junior_weight;
	p->count_at_receiving = c->ind_count_exchanged_at == CONF_COUNT_RECEIVING;
}
