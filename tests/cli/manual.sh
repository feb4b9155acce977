#!/bin/sh
# manual.sh: xuequ(1) keeps up with the program: its key list is what `xuequ keys --mdoc`
# prints from the action tables, and every command of `xuequ help` has its entry.
. "$(dirname "$0")/lib.sh"
man="$TOP/man/xuequ.1"

"$BIN" keys --mdoc >"$T/keys.mdoc"
if [ -s "$T/keys.mdoc" ] && awk -v k="$T/keys.mdoc" 'BEGIN { while ((getline l < k) > 0) want = want l "\n" }
	{ have = have $0 "\n" } END { exit index(have, want) ? 0 : 1 }' "$man"; then
	ok "the manual's key list is the one the action tables make"
else
	notok "the manual's key list is the one the action tables make (run xuequ keys --mdoc)"
fi

for c in $("$BIN" help | sed -n '/^commands:/,/^$/p' | awk '/^  [a-z]/ { print $1 }'); do
	if grep -qE "^\.It (Xo )?Ic $c( |$)" "$man"; then ok "the manual has the command $c"; else
		notok "the manual has the command $c"; fi
done
