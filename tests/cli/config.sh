#!/bin/sh
# config.sh: `xuequ config`, --config, XUEQU_CONFIG, XDG_CONFIG_HOME, bad values, unknown
# keys, [database] path, and the sample file.
. "$(dirname "$0")/lib.sh"
cd "$T" || exit 1

# defaults: every key, each marked "# default"
run config
expect_rc 0 "config: exit 0"
expect_no_err "config: no warnings without a file"
expect_out "^# configuration file: $XUEQU_CONFIG\$" "config: names the file of XUEQU_CONFIG"
keys=$(grep -cE '^[a-z_0-9]+ = ' "$T/out")
defaults=$(grep -cE '^[a-z_0-9]+ = .*# default$' "$T/out")
is "$defaults" "$keys" "config: every key says # default"
between 30 200 "$keys" "config: all the keys"
for s in database ui exchange indicators; do
	grep -qx "\[$s\]" "$T/out" && ok "config: section [$s]" || notok "config: section [$s]"
done
for k in path busy_timeout_ms language min_years_at_school min_ratio backbone_min_ratio \
	subsidy_km subsidy_yuan cv_max_primary cv_max_junior; do
	grep -qE "^$k = " "$T/out" && ok "config: key $k" || notok "config: key $k"
done
expect_out '^min_ratio = 0\.1[[:space:]]+# default$' "config: min_ratio defaults to 0.1"
expect_out '^busy_timeout_ms = 5000[[:space:]]+# default$' "config: busy_timeout_ms defaults to 5000"
cp "$T/out" defaults.out
sed 's/[[:space:]]*#.*$//' defaults.out | grep ' = ' >defaults.values
run config extra
expect_rc 2 "config with an argument: exit 2"
run config --bogus
expect_rc 2 "config with an unknown option: exit 2"

# values from --config FILE show the file as their source
printf '[exchange]\nmin_ratio = 0.25\nmin_years_at_school = 3\n\n[ui]\nlanguage = zh\n' >c1.conf
run --config c1.conf config
expect_rc 0 "--config: exit 0"
expect_no_err "--config: no warnings"
expect_out '^# configuration file: c1.conf' "--config: names the file"
expect_out '^min_ratio = 0\.25[[:space:]]+# c1.conf$' "--config: min_ratio from the file"
expect_out '^min_years_at_school = 3[[:space:]]+# c1.conf$' "--config: min_years_at_school from the file"
expect_out '^language = zh[[:space:]]+# c1.conf$' "--config: language from the file"
expect_out '^backbone_min_ratio = 0\.2[[:space:]]+# default$' "--config: the others stay default"
is "$(grep -c '# c1.conf$' "$T/out")" 3 "--config: exactly the three keys from the file"

# unknown keys and sections: a warning, exit 0
printf '[exchange]\nmin_ratio = 0.3\nfrobnication = 1\n[nosuchsection]\nx = 1\n' >unknown.conf
run --config unknown.conf config
expect_rc 0 "an unknown key: exit 0"
expect_err '^xuequ: warning: .*frobnication' "an unknown key: a warning naming it"
expect_err '^xuequ: warning: .*nosuchsection' "an unknown section: a warning naming it"
expect_out '^min_ratio = 0\.3[[:space:]]+# unknown.conf$' "an unknown key: the known ones still read"

# bad values: exit 1 naming the key and the value
bad_conf() { # NAME TEXT KEY VALUE
	printf "$2" >bad.conf
	run --config bad.conf config
	expect_rc 1 "$1: exit 1"
	expect_err "^xuequ: bad.conf: .*$3.*$4" "$1: names the key and the value"
	is "$(wc -c <"$T/out" | tr -d ' ')" 0 "$1: prints no configuration"
	run --config bad.conf --db none.db export schools
	expect_rc 1 "$1: other commands refuse to run too"
}
bad_conf "min_ratio = 1.5" '[exchange]\nmin_ratio = 1.5\n' min_ratio '1\.5'
bad_conf "busy_timeout_ms = abc" '[database]\nbusy_timeout_ms = abc\n' busy_timeout_ms abc
bad_conf "busy_timeout_ms = -1" '[database]\nbusy_timeout_ms = -1\n' busy_timeout_ms -1
bad_conf "language = fr" '[ui]\nlanguage = fr\n' language fr
bad_conf "allow_cross_district = maybe" '[exchange]\nallow_cross_district = maybe\n' allow_cross_district maybe
bad_conf "reference_date = 02-30" '[exchange]\nreference_date = 02-30\n' reference_date 02-30
bad_conf "subsidy_km descending" '[exchange]\nsubsidy_km = 30, 10, 60\n' subsidy_km '30, 10'
bad_conf "cv_max_primary = x" '[indicators]\ncv_max_primary = x\n' cv_max_primary x
[ ! -e none.db ] && ok "a bad config creates no database" || notok "a bad config creates no database"

# a missing --config file
run --config nosuch.conf config
expect_rc 1 "a missing --config file: exit 1"
expect_err 'nosuch.conf' "a missing --config file: names it"
XUEQU_CONFIG=nosuch.conf "$BIN" config >"$T/out" 2>"$T/err"
rc=$?
expect_rc 1 "a missing XUEQU_CONFIG file: exit 1"
expect_err 'nosuch.conf' "a missing XUEQU_CONFIG file: names it"
# no file at all: every value is a default
mkdir -p home
env -u XUEQU_CONFIG HOME="$T/home" XDG_CONFIG_HOME="$T/home/.config" "$BIN" config >"$T/out" 2>"$T/err"
rc=$?
expect_rc 0 "no configuration file: exit 0"
if [ -e /etc/xuequ/xuequ.conf ] || [ -e /usr/local/etc/xuequ/xuequ.conf ]; then
	ok "no configuration file: says so # SKIP a system-wide file exists"
else
	expect_out '^# configuration file: \(none\)' "no configuration file: says so"
fi

# XUEQU_CONFIG
XUEQU_CONFIG=c1.conf "$BIN" config >"$T/out" 2>"$T/err"
rc=$?
expect_rc 0 "XUEQU_CONFIG: exit 0"
expect_out '^min_ratio = 0\.25[[:space:]]+# c1.conf$' "XUEQU_CONFIG: the file is read"
XUEQU_CONFIG=c1.conf "$BIN" --config unknown.conf config >"$T/out" 2>"$T/err"
expect_out '^min_ratio = 0\.3[[:space:]]+# unknown.conf$' "--config wins over XUEQU_CONFIG"
# XDG_CONFIG_HOME when XUEQU_CONFIG is not set
mkdir -p xdg/xuequ
printf '[ui]\nlanguage = zh\n[exchange]\nterm_years = 3\n' >xdg/xuequ/xuequ.conf
env -u XUEQU_CONFIG XDG_CONFIG_HOME="$T/xdg" "$BIN" config >"$T/out" 2>"$T/err"
rc=$?
expect_rc 0 "XDG_CONFIG_HOME: exit 0"
expect_out '^language = zh[[:space:]]+# .*xdg/xuequ/xuequ.conf$' "XDG_CONFIG_HOME: the file is read"
XUEQU_CONFIG=c1.conf XDG_CONFIG_HOME="$T/xdg" "$BIN" config >"$T/out" 2>"$T/err"
expect_out '^term_years = 2[[:space:]]+# default$' "XUEQU_CONFIG wins over XDG_CONFIG_HOME"

# [database] path is used when --db is absent
printf '[database]\npath = from-config.db\n' >db.conf
run --config db.conf init
expect_rc 0 "[database] path: init exit 0"
[ -f from-config.db ] && ok "[database] path: init creates that file" ||
	notok "[database] path: init creates that file"
[ ! -e xuequ.db ] && ok "[database] path: not the default name" || notok "[database] path: not the default name"
printf 'code,name,level,location\n2145000001,配置小学,primary,urban\n' >one.csv
run --config db.conf import schools one.csv
expect_rc 0 "[database] path: import into it"
is "$(rows from-config.db schools)" 1 "[database] path: the import went into that file"
run --config db.conf config
expect_out '^# database: from-config.db' "[database] path: config names the database"
run --config db.conf --db other.db init
expect_rc 0 "--db wins over [database] path"
[ -f other.db ] && ok "--db wins over [database] path: creates the --db file" ||
	notok "--db wins over [database] path: creates the --db file"
is "$(rows from-config.db schools)" 1 "--db wins over [database] path: the configured one untouched"
printf '[database]\nbusy_timeout_ms = 100\n' >busy.conf
run --config busy.conf --db other.db check
expect_rc 0 "busy_timeout_ms from the file: commands run"

# the sample parses back: as is, everything is a default and nothing warns
run config --sample
expect_rc 0 "config --sample: exit 0"
cp "$T/out" sample.conf
grep -q '^# ' sample.conf && ok "config --sample: commented" || notok "config --sample: commented"
run --config sample.conf config
expect_rc 0 "the sample as --config: exit 0"
expect_no_err "the sample as --config: no warnings"
is "$(grep -cE '^[a-z_0-9]+ = .*# default$' "$T/out")" "$keys" "the sample as --config: every key default"
# every key of the sample, uncommented, gives the default values from the file
sed 's/^; \([a-z_0-9]* = \)/\1/' sample.conf >uncommented.conf
is "$(grep -cE '^[a-z_0-9]+ = ' uncommented.conf)" "$keys" "the sample has every key"
run --config uncommented.conf config
expect_rc 0 "the sample uncommented: exit 0"
expect_no_err "the sample uncommented: no warnings"
is "$(grep -c '# uncommented.conf$' "$T/out")" "$keys" "the sample uncommented: every key from the file"
sed 's/[[:space:]]*#.*$//' "$T/out" | grep ' = ' >uncommented.values
same defaults.values uncommented.values "the sample uncommented: the defaults"

# the checked-in sample is what `config --sample` writes
if [ -f "$TOP/conf/xuequ.conf.sample" ]; then
	same "$TOP/conf/xuequ.conf.sample" sample.conf "conf/xuequ.conf.sample is the output of config --sample"
else
	notok "conf/xuequ.conf.sample exists"
fi
