#!/bin/sh
# help.sh: per-command help — `xuequ help COMMAND` and `xuequ COMMAND --help` show the
# command's usage, every option it takes, and an example, in English and in Chinese.
. "$(dirname "$0")/lib.sh"
cd "$T" || exit 1

run help
commands=$(awk '/^  [a-z]+ /{print $1}' "$T/out")
[ "$(echo "$commands" | wc -l)" -ge 10 ] && ok "help lists the commands" || notok "help lists the commands ($commands)"

for c in $commands; do
	run --db none.db help "$c"
	expect_rc 0 "help $c: exit 0"
	expect_out "^usage: xuequ $c( |\$)" "help $c: the usage line"
	expect_out '^examples:' "help $c: has examples"
	expect_out "^  xuequ .*$c" "help $c: an example runs $c"
	cp "$T/out" "$T/help.$c"
	# every option of the usage line is explained
	for o in $(sed -n 1p "$T/help.$c" | grep -oE -- '--[a-z-]+' | sort -u); do
		if sed '1,2d' "$T/help.$c" | grep -q -- "$o"; then ok "help $c: explains $o"; else
			notok "help $c: explains $o"; fi
	done
	[ "$c" = help ] || [ "$c" = version ] && continue
	run --db none.db "$c" --help
	expect_rc 0 "$c --help: exit 0"
	same "$T/out" "$T/help.$c" "$c --help: the same text as help $c"
done
[ ! -e none.db ] && ok "help opened no database" || notok "help opened no database"

# the exchange command's subcommands and options
for w in eligible quota list subsidy add approve complete plan --year --school --format --wide; do
	grep -q -- "$w" "$T/help.exchange" && ok "help exchange: mentions $w" || notok "help exchange: mentions $w"
done
run --db none.db exchange list --help
expect_rc 0 "exchange list --help: exit 0"
same "$T/out" "$T/help.exchange" "exchange list --help: the exchange help"
# -- ends the options: what follows is an argument
run --db none.db init -- --help
expect_rc 2 "init -- --help: --help after -- is an argument"

# help of an unknown command is misuse
run help frobnicate
expect_rc 2 "help of an unknown command: exit 2"
expect_err "frobnicate" "help of an unknown command: names it"

# in Chinese
printf '[ui]\nlanguage = zh\n' >zh.conf
run --config zh.conf help export
expect_rc 0 "help export in Chinese: exit 0"
expect_out '^选项：' "help export in Chinese: options heading"
expect_out '^示例：' "help export in Chinese: examples heading"
expect_out 'Excel 和 WPS' "help export in Chinese: the encodings for Excel and WPS"
expect_out 'gb18030' "help export in Chinese: the option values stay as typed"
