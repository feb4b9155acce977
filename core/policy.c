/* policy.c: the indicator policy's defaults and its copy out of the configuration. */
#include "core/policy.h"

#include <string.h>

#include "conf/conf.h"

void indicator_policy_defaults(struct indicator_policy *p)
{
	static const double primary[INDICATOR_COUNT] = {4.2, 1.0, 0.9, 4.5, 7.5, 2000, 2.3},
			    junior[INDICATOR_COUNT] = {5.3, 1.0, 0.9, 5.8, 10.2, 2500, 2.4};
	memcpy(p->primary, primary, sizeof primary);
	memcpy(p->junior, junior, sizeof junior);
	p->min_met = 6;
	p->seventh_min_share = 0.85;
	p->cv_max_primary = 0.50;
	p->cv_max_junior = 0.45;
}

void indicator_policy_from_conf(const struct conf *c, struct indicator_policy *p)
{
	memcpy(p->primary, c->ind_primary, sizeof p->primary);
	memcpy(p->junior, c->ind_junior, sizeof p->junior);
	p->min_met = c->min_indicators_met;
	p->seventh_min_share = c->seventh_min_share;
	p->cv_max_primary = c->cv_max_primary;
	p->cv_max_junior = c->cv_max_junior;
}
