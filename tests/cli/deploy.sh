#!/bin/sh
# deploy.sh: privilege hygiene and the shared-server deployment. Without privilege: files
# that are not regular files refused, long paths refused, exports and backups 0600, the
# login from the password database, SUDO_USER from root alone, the personal file merged.
# Then, as root with useradd: a setgid installation into a temporary root with throwaway
# users — a viewer's writes refused, the file out of reach, environment tricks ignored,
# the audit naming the real login.
. "$(dirname "$0")/lib.sh"
cd "$T" || exit 1

mode() { stat -c %a "$1"; }
B=${B:-build}

"$BIN" --db a.db init >/dev/null 2>&1
printf 'code,name,level,location\n2145000001,部署小学,primary,urban\n' >one.csv

# --- files that are not regular files -------------------------------------------------
run --db a.db import schools /dev/zero
expect_rc 1 "import from /dev/zero: exit 1"
expect_err '/dev/zero: not a regular file' "import from /dev/zero: says it is not a regular file"
mkfifo fifo
run --db a.db import schools fifo
expect_rc 1 "import from a FIFO: exit 1, without waiting for a writer"
expect_err 'fifo: not a regular file' "import from a FIFO: says why"
mkdir adir
run --db a.db import schools adir
expect_rc 1 "import from a directory: exit 1"
expect_err 'adir: is a directory' "import from a directory: says why"
run --config /dev/zero config
expect_rc 1 "--config /dev/zero: exit 1"
expect_err '/dev/zero: not a regular file' "--config /dev/zero: refused"
XUEQU_CONFIG=/dev/zero "$BIN" config >"$T/out" 2>"$T/err"
rc=$?
expect_rc 1 "XUEQU_CONFIG=/dev/zero: exit 1"
run --config adir config
expect_rc 1 "--config a directory: exit 1"
XUEQU_CONFIG=/dev/null "$BIN" config >"$T/out" 2>"$T/err"
rc=$?
expect_rc 0 "XUEQU_CONFIG=/dev/null: no configuration, exit 0"
run --db a.db export schools -o /dev/null --force
expect_rc 1 "export -o /dev/null --force: exit 1"
expect_err '/dev/null: not a regular file' "export -o /dev/null: refused, not replaced"
[ -c /dev/null ] && ok "export -o /dev/null: /dev/null is still a device" ||
	notok "export -o /dev/null: /dev/null is still a device"
run --db a.db backup --force fifo
expect_rc 1 "backup onto a FIFO: exit 1"
[ -p fifo ] && ok "backup onto a FIFO: the FIFO is untouched" || notok "backup onto a FIFO: the FIFO is untouched"

# --- paths longer than the buffers: refused, never cut ----------------------------------
long=$(printf 'd%.0s' $(seq 1 1100))
run --config "$long.conf" config
expect_rc 1 "--config with a 1100-byte path: exit 1"
expect_err 'longer than 1023 bytes' "--config with a long path: refused, not cut"
mkdir -p "x/$long" 2>/dev/null
env -u XUEQU_CONFIG XDG_CONFIG_HOME="$T/x/$long" HOME="$T" "$BIN" config >"$T/out" 2>"$T/err"
rc=$?
expect_rc 1 "XDG_CONFIG_HOME longer than the buffer: exit 1"
expect_err 'XDG_CONFIG_HOME: .*longer than' "XDG_CONFIG_HOME longer than the buffer: says so"
printf '[database]\npath = %s.db\n' "$long" >longdb.conf
run --config longdb.conf config
expect_rc 1 "[database] path longer than the buffer: exit 1"
expect_err 'too long' "[database] path longer than the buffer: refused"
longlogin=$(printf 'u%.0s' $(seq 1 120))
run --db a.db operator add "$longlogin" viewer
expect_rc 2 "a login longer than the buffer: exit 2"
run --db a.db operator list
grep -q "uuuuuuuuuu" "$T/out" && notok "a long login: nothing cut was stored" ||
	ok "a long login: nothing cut was stored"

# --- replacing a database needs its admin -----------------------------------------------
"$BIN" --db shared.db init >/dev/null 2>&1
"$BIN" --db shared.db operator add xqt_other_admin admin >/dev/null 2>&1
"$BIN" --db shared.db operator add "$(id -un)" viewer >/dev/null 2>&1
run --db shared.db init --force
expect_rc 1 "init --force by a viewer: exit 1"
expect_err 'needs the admin role' "init --force by a viewer: needs the admin role"
run --db shared.db backup --force shared.db
expect_rc 1 "backup onto the live database by a viewer: exit 1"
expect_err 'needs the admin role' "backup onto the live database: needs the admin role"
run --db shared.db backup copy.db
expect_rc 0 "a viewer still backs up to another file"
is "$(sqlite3 shared.db "SELECT count(*) FROM operator")" 2 "the viewer's database is untouched"
printf 'not a database at all, but somebody\047s file\n' >notdb.db
run --db notdb.db init --force
expect_rc 1 "init --force over a file that is not a database: exit 1"
expect_err 'remove the file yourself' "init --force over a non-database: leaves it to its owner"

# --- new files: the owner's alone -------------------------------------------------------
run --db new.db init
is "$(mode new.db)" 600 "a new database is 0600"
run --db new.db export schools -o out.csv
is "$(mode out.csv)" 600 "an export is 0600"
run --db new.db export schools -o out.csv --force
is "$(mode out.csv)" 600 "a replaced export is 0600"
run --db new.db backup bk.db
is "$(mode bk.db)" 600 "a backup is 0600"
(umask 000 && "$BIN" --db new.db export schools -o out2.csv >/dev/null 2>&1)
is "$(mode out2.csv)" 600 "an export is 0600 even under umask 000"

# --- the personal file merges over the system one ----------------------------------------
mkdir -p xdg/xuequ
printf '[ui]\nlanguage = zh\n[database]\npath = personal.db\n[exchange]\nmin_ratio = 0.5\n[keys]\ndistricts.add = A\n' \
	>xdg/xuequ/xuequ.conf
printf '[exchange]\nmin_ratio = 0.3\n[ui]\ncolor = never\n' >sys.conf
XDG_CONFIG_HOME="$T/xdg" "$BIN" --config sys.conf config >"$T/out" 2>"$T/err"
rc=$?
expect_rc 0 "personal file over --config: exit 0"
expect_out '^language = zh[[:space:]]+# .*xdg/xuequ/xuequ.conf$' "personal file: [ui] counts"
expect_out '^path = personal.db[[:space:]]+# .*xdg/xuequ/xuequ.conf$' "personal file: [database] counts"
expect_out '^districts.add = A[[:space:]]+# .*xdg/xuequ/xuequ.conf$' "personal file: [keys] count"
expect_out '^min_ratio = 0\.3[[:space:]]+# sys.conf$' "personal file: [exchange] does not override policy"
expect_out '^color = never[[:space:]]+# sys.conf$' "the other file's [ui] keys stay"
expect_out '^# personal file: .*xdg/xuequ/xuequ.conf$' "config names the personal file"
expect_err 'warning: .*\[exchange\] ignored: county policy is kept in the database' \
	"personal file: [exchange] ignored with a warning"

# --- who acts: the password database, SUDO_USER from root only ---------------------------
me=$(id -un)
SUDO_USER=someone_else LOGNAME=nobody_else "$BIN" --db a.db import schools one.csv >/dev/null 2>&1
audit_last() { sqlite3 "$1" "SELECT login || '|' || coalesce(sudo_user, '') FROM audit ORDER BY id DESC LIMIT 1"; }
if ! command -v sqlite3 >/dev/null 2>&1; then
	ok "audit login # SKIP no sqlite3"
elif [ "$(id -u)" = 0 ]; then
	is "$(audit_last a.db)" "$me|someone_else" "as root: login from passwd, SUDO_USER recorded"
else
	is "$(audit_last a.db)" "$me|" "not root: login from passwd, SUDO_USER ignored"
fi
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1; then
	chmod 755 "$T"
	setpriv --reuid=54321 --regid=54321 --clear-groups "$BIN" --db "$T/nouser.db" init \
		>"$T/out" 2>"$T/err"
	rc=$?
	expect_rc 1 "a uid without a passwd entry: exit 1"
	expect_err 'user id 54321 has no entry in the password database' "a uid without a passwd entry: says so"
	[ ! -e nouser.db ] && ok "a uid without a passwd entry: no database made" ||
		notok "a uid without a passwd entry: no database made"
else
	ok "unknown uid # SKIP needs root and setpriv"
fi

# --- a setgid installation into a temporary root ------------------------------------------
if [ "$(id -u)" != 0 ] || ! command -v useradd >/dev/null 2>&1 || ! command -v setpriv >/dev/null 2>&1 ||
	! command -v sqlite3 >/dev/null 2>&1; then
	ok "setgid installation # SKIP needs root, useradd, setpriv and sqlite3"
	exit 0
fi
sfx=$$
GRP=xqt_g_$sfx
ADM=xqt_admin_$sfx
VIEW=xqt_viewer_$sfx
cleanup() {
	for u in "$ADM" "$VIEW"; do userdel "$u" >/dev/null 2>&1; done
	groupdel "$GRP" >/dev/null 2>&1
	rm -rf "$T"
}
trap cleanup EXIT
trap 'cleanup; exit 1' INT TERM HUP
chmod 755 "$T"
R=$T/root
mkdir -p "$R/bin" "$R/etc" "$R/locale" "$R/obj" "$T/h_admin" "$T/h_view"

# the binary of that root: the three files that know SYSCONFDIR, LOCALEDIR and BINDIR
# compiled for it, the rest from the build
san=
case "$B" in *-san) san="-O1 -fsanitize=address,undefined -fno-omit-frame-pointer" ;; esac
if [ -n "$san" ]; then
	# LeakSanitizer cannot stop a setgid (non-dumpable) process, which cannot read its own
	# /proc/self/environ for ASAN_OPTIONS either: the option is compiled in
	printf 'const char *__asan_default_options(void);\nconst char *__asan_default_options(void) { return "detect_leaks=0"; }\n' \
		>"$R/obj/asan_options.c"
	cc $san -c "$R/obj/asan_options.c" -o "$R/obj/asan_options.o" 2>"$T/cc.err"
fi
cflags="-std=c11 -D_GNU_SOURCE -DSQLITE_ENABLE_SESSION -DSQLITE_ENABLE_PREUPDATE_HOOK -I$TOP -I/usr/include/iniparser $(pkg-config --cflags ncursesw sqlite3 libxml-2.0 2>/dev/null) $san"
libs="$(pkg-config --libs ncursesw sqlite3 libxml-2.0 libical 2>/dev/null || echo -lncursesw -ltinfo -lsqlite3 -lxml2 -lical) -lpanelw -liniparser -lnettle -lm"
built=true
[ -z "$san" ] || [ -f "$R/obj/asan_options.o" ] || built=false
for f in conf/conf.c core/i18n.c cli/cmd_setup.c; do
	cc $cflags -DSYSCONFDIR="\"$R/etc\"" -DLOCALEDIR="\"$R/locale\"" -DBINDIR="\"$R/bin\"" \
		-c "$TOP/$f" -o "$R/obj/$(basename "$f" .c).o" 2>"$T/cc.err" || built=false
done
$built && cc $san -o "$R/bin/xuequ" "$TOP/$B/cli/main.o" "$R"/obj/*.o "$TOP/$B/libxq.a" $libs 2>>"$T/cc.err" ||
	built=false
if ! $built; then
	notok "setgid installation: the binary for the temporary root builds"
	sed 's/^/#   /' "$T/cc.err" | head -5
	exit 1
fi
cp -r "$TOP/$B/locale/." "$R/locale/"
XB=$R/bin/xuequ
# dbq SQL: root's look into the database, read-only: a read-write sqlite3 closing last
# would remove the -wal and -shm that setup made
dbq() { sqlite3 -readonly "$DB" "$1"; }
DATA=$R/data
DB=$DATA/xuequ.db

# useradd: tried a few times, as another program may hold the lock of /etc/passwd
add_user() { # NAME HOME
	for _try in 1 2 3; do
		useradd -M -N -s /bin/sh -d "$2" "$1" 2>>"$T/err" && return 0
		sleep 1
	done
	return 1
}
: >"$T/err"
if ! add_user "$ADM" "$T/h_admin" || ! add_user "$VIEW" "$T/h_view"; then
	ok "setgid installation # SKIP useradd failed: $(head -1 "$T/err")"
	exit 0
fi
chown "$ADM" "$T/h_admin"
chown "$VIEW" "$T/h_view"

# as USER CMD...: runs CMD as that user, in their home, with a bare environment
as() {
	_u=$1
	shift
	_h=$T/h_admin
	[ "$_u" = "$VIEW" ] && _h=$T/h_view
	(cd "$_h" && setpriv --reuid="$_u" --regid="$(id -g "$_u")" --init-groups \
		env -i PATH=/usr/bin:/bin HOME="$_h" LC_ALL=C.UTF-8 "$@")
}
# xs USER ARGS...: the installed xuequ as USER; stdout, stderr and status as run does
xs() {
	_u=$1
	shift
	as "$_u" "$XB" "$@" >"$T/out" 2>"$T/err"
	rc=$?
}

# setup, as root through sudo for the admin
env -u XUEQU_CONFIG SUDO_USER="$ADM" "$XB" setup --data-dir "$DATA" --group "$GRP" >"$T/out" 2>"$T/err"
rc=$?
expect_rc 0 "setup: exit 0"
getent group "$GRP" >/dev/null && ok "setup: the group exists" || notok "setup: the group exists"
is "$(stat -c '%a %G' "$XB")" "2755 $GRP" "setup: the binary is setgid to the group"
is "$(stat -c '%a %U %G' "$DATA")" "2770 root $GRP" "setup: the data directory is root:GROUP 2770"
is "$(stat -c '%a %G' "$DB")" "660 $GRP" "setup: the database is 0660, of the group"
is "$(stat -c '%a %U %G' "$DB-wal" "$DB-shm" | sort -u)" "660 root $GRP" \
	"setup: the -wal and -shm exist, root's, 0660, so no operator ever creates them"
grep -qx "path = $DB" "$R/etc/xuequ/xuequ.conf" && ok "setup: the system configuration names the database" ||
	notok "setup: the system configuration names the database"
is "$(stat -c %a "$R/etc/xuequ/xuequ.conf")" 644 "setup: the system configuration is readable by all"
is "$(dbq "SELECT login || ' ' || role FROM operator")" "$ADM admin" \
	"setup: the caller behind sudo is the first admin"
"$BIN" --config "$R/etc/xuequ/xuequ.conf" config >"$T/out" 2>"$T/err"
expect_no_err "setup: the system configuration it wrote reads without warnings"
setpriv --reuid="$VIEW" --regid="$(id -g "$VIEW")" --init-groups "$XB" setup --data-dir "$T/nope" \
	>"$T/out" 2>"$T/err"
rc=$?
expect_rc 1 "setup as a user: exit 1"
expect_err 'setup must run as root' "setup as a user: says so"

# does the setgid bit take effect here (no nosuid mount)?
if command -v findmnt >/dev/null 2>&1 && findmnt -n -o OPTIONS -T "$XB" | grep -qw nosuid; then
	ok "setgid checks # SKIP $T is on a nosuid mount: the setgid bit has no effect there"
	exit 0
fi
if grep -qE '^NoNewPrivs:[[:space:]]+1' /proc/self/status 2>/dev/null; then
	ok "setgid checks # SKIP no_new_privs is set: the setgid bit has no effect"
	exit 0
fi
xs "$ADM" operator list
expect_rc 0 "the admin reaches the database through the setgid binary"
expect_out "$ADM +admin" "the admin is listed as admin"

xs "$ADM" operator add "$VIEW" viewer
expect_rc 0 "the admin registers a viewer"
cp one.csv "$T/h_admin/one.csv"
cp one.csv "$T/h_view/one.csv"
chown "$VIEW" "$T/h_view/one.csv"
xs "$ADM" import schools one.csv
expect_rc 0 "the admin imports through the binary"
is "$(dbq "SELECT login || '|' || coalesce(sudo_user, '') FROM audit WHERE tbl = 'school' ORDER BY id DESC LIMIT 1")" \
	"$ADM|" "the audit row names the admin's real login"

# the viewer: through the binary, reads yes, writes no
xs "$VIEW" export schools
expect_rc 0 "the viewer reads through the binary"
expect_out '部署小学' "the viewer sees the data"
printf 'code,name,level,location\n2145000002,第二小学,primary,urban\n' >"$T/h_view/two.csv"
chown "$VIEW" "$T/h_view/two.csv"
xs "$VIEW" import schools two.csv
expect_rc 1 "the viewer's import is refused"
expect_err 'permission denied' "the viewer's import: permission denied"
xs "$VIEW" operator add "$VIEW" admin
expect_rc 1 "the viewer cannot make themselves admin"
xs "$VIEW" init --force
expect_rc 1 "the viewer cannot replace the database with init --force"
expect_err 'created by root' "init --force under setgid: root's job"
xs "$ADM" init --force
expect_rc 1 "nor can the admin: the file would be theirs"
xs "$VIEW" backup --force "$DB"
expect_rc 1 "the viewer cannot back up onto the live database"
expect_err 'needs the admin role' "backup onto the live database: needs the admin role"
xs "$VIEW" backup --force "$DB-wal"
expect_rc 1 "the viewer cannot back up onto the live -wal"
is "$(dbq "SELECT count(*) FROM school")" 1 "the database still has its one school"
mv "$DB" "$DB.away"
xs "$VIEW" init
expect_rc 1 "with the database gone, a user cannot create one and become its admin"
expect_err 'created by root' "init under setgid: says root creates the database"
[ ! -e "$DB" ] && ok "init under setgid: no database made" || notok "init under setgid: no database made"
mv "$DB.away" "$DB"

# the viewer: the file itself is out of reach
as "$VIEW" cat "$DB" >/dev/null 2>&1 && notok "the viewer cannot read the file" || ok "the viewer cannot read the file"
as "$VIEW" dbq "DELETE FROM audit" >/dev/null 2>&1 &&
	notok "the viewer cannot write the file with sqlite3" || ok "the viewer cannot write the file with sqlite3"
as "$VIEW" ls "$DATA" >/dev/null 2>&1 && notok "the viewer cannot list the data directory" ||
	ok "the viewer cannot list the data directory"
is "$(dbq "SELECT count(*) > 0 FROM audit")" 1 "the audit is intact"

# the viewer: files they name are opened with their own rights
xs "$VIEW" import schools "$DB"
expect_rc 1 "the viewer cannot import the group's file"
expect_err 'Permission denied' "import of the group's file: permission denied"
xs "$VIEW" export schools -o "$DATA/leak.csv"
expect_rc 1 "the viewer cannot export into the data directory"
[ ! -e "$DATA/leak.csv" ] && ok "no export landed in the data directory" || notok "no export landed in the data directory"
xs "$VIEW" backup mine.db
expect_rc 0 "the viewer backs up to their own file"
is "$(stat -c '%a %U %G' "$T/h_view/mine.db")" "600 $VIEW $(id -gn "$VIEW")" \
	"the viewer's backup is theirs, 0600, not of the group"
xs "$VIEW" export schools -o mine.csv
is "$(stat -c '%a %G' "$T/h_view/mine.csv")" "600 $(id -gn "$VIEW")" "the viewer's export is theirs, 0600"

# the viewer: environment and options that would choose other files
cp a.db "$T/h_view/own.db"
chown "$VIEW" "$T/h_view/own.db"
printf '[database]\npath = %s/own.db\n' "$T/h_view" >"$T/h_view/evil.conf"
chown "$VIEW" "$T/h_view/evil.conf"
xs "$VIEW" --config evil.conf export schools
expect_rc 2 "--config under setgid: exit 2"
expect_err '\-\-config is refused' "--config under setgid: refused"
xs "$VIEW" --db own.db export schools
expect_rc 2 "--db of another file under setgid: exit 2"
expect_err '\-\-db .* is refused' "--db of another file: refused"
xs "$VIEW" --db "$DB" export schools
expect_rc 0 "--db naming the configured database: allowed"
xs "$VIEW" --trace-timing t.txt
expect_rc 2 "--trace-timing under setgid: exit 2"
as "$VIEW" env XUEQU_CONFIG="$T/h_view/evil.conf" "$XB" config >"$T/out" 2>"$T/err"
expect_out "^# database: $DB\$" "XUEQU_CONFIG under setgid: ignored"
mkdir -p "$T/h_view/.config/xuequ"
cp "$T/h_view/evil.conf" "$T/h_view/.config/xuequ/xuequ.conf"
as "$VIEW" env XDG_CONFIG_HOME="$T/h_view/.config" "$XB" config >"$T/out" 2>"$T/err"
expect_out "^# database: $DB\$" "XDG_CONFIG_HOME and ~/.config under setgid: ignored"
as "$VIEW" env SUDO_USER="$ADM" LOGNAME="$ADM" USER="$ADM" "$XB" import schools two.csv >"$T/out" 2>"$T/err"
rc=$?
expect_rc 1 "SUDO_USER, LOGNAME and USER from a viewer: still the viewer, refused"
expect_err "permission denied: $VIEW" "the refusal names the real login"
printf 'code,name,level,location\n2145000003,第三小学,primary,urban\n' >"$T/h_admin/three.csv"
as "$ADM" env SUDO_USER="$VIEW" "$XB" import schools three.csv >"$T/out" 2>"$T/err"
rc=$?
expect_rc 0 "the admin imports with SUDO_USER set"
is "$(dbq "SELECT login || '|' || coalesce(sudo_user, '') FROM audit WHERE tbl = 'school' AND after LIKE '%2145000003%'")" \
	"$ADM|" "SUDO_USER from a non-root user is not recorded"

# translations: only the installed catalogues
mkdir -p "$T/evil/zh_CN/LC_MESSAGES"
printf 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "With no command, xuequ opens the full-screen console."\nmsgstr "EVIL CATALOGUE"\n' \
	>"$T/evil.po"
msgfmt -o "$T/evil/zh_CN/LC_MESSAGES/xuequ.mo" "$T/evil.po"
chmod -R a+rX "$T/evil"
as "$VIEW" env LANGUAGE=zh_CN XUEQU_LOCALEDIR="$T/evil" "$BIN" --config /dev/null help >"$T/out" 2>&1
expect_out 'EVIL CATALOGUE' "without setgid, XUEQU_LOCALEDIR is used (the check can fail)"
as "$VIEW" env LANGUAGE=zh_CN XUEQU_LOCALEDIR="$T/evil" "$XB" help >"$T/out" 2>&1
grep -q 'EVIL' "$T/out" && notok "under setgid, XUEQU_LOCALEDIR is ignored" ||
	ok "under setgid, XUEQU_LOCALEDIR is ignored"
expect_out '不带命令时' "under setgid, the installed catalogue is used"

# check: the modes
xs "$ADM" check
expect_rc 0 "check as the admin: exit 0"
grep -q 'warning' "$T/err" && notok "check: no mode warnings after setup" || ok "check: no mode warnings after setup"
chmod o+r "$DB"
xs "$ADM" check
expect_err "warning: $DB: every user" "check: warns of a world-readable database"
chmod o-r "$DB"
chmod 2775 "$DATA"
xs "$ADM" check
expect_err "warning: $DATA: .*2770" "check: warns of a data directory not 2770"
chmod 2770 "$DATA"

# an operator never owns a file of the database: without the -shm nothing opens
n=$(dbq "SELECT count(*) FROM school")
mv "$DB-shm" "$DB-shm.away"
xs "$ADM" export schools
expect_rc 1 "with the -shm gone, the binary refuses to open the database"
expect_err 'xuequ setup' "with the -shm gone: says how to repair"
[ ! -e "$DB-shm" ] && ok "with the -shm gone: no operator-owned -shm made" || notok "with the -shm gone: no operator-owned -shm made"
rm -f "$DB-shm.away"

# setup again: the database is kept, the -shm made again, only [database] path changed
printf '# the county'"'"'s own\n[ui]\nlanguage = zh\n[database]\npath = /old/place.db\nbusy_timeout_ms = 7000\n' \
	>"$R/etc/xuequ/xuequ.conf"
[ ! -e "$DB-shm" ] && ok "before setup again: the -shm is missing" || notok "before setup again: the -shm is missing"
env -u XUEQU_CONFIG "$XB" setup --data-dir "$DATA" --group "$GRP" >"$T/out" 2>"$T/err"
rc=$?
expect_rc 0 "setup again: exit 0"
is "$(stat -c '%a %U %G' "$DB-shm")" "660 root $GRP" "setup again: the -shm is back, root's"
expect_out 'kept|保留' "setup again: says the database is kept"
is "$(dbq "SELECT count(*) FROM school")" "$n" "setup again: the data is still there"
is "$(grep -c "^path = " "$R/etc/xuequ/xuequ.conf")" 1 "setup again: one path line in the configuration"
printf '# the county'"'"'s own\n[ui]\nlanguage = zh\n[database]\npath = %s\nbusy_timeout_ms = 7000\n' "$DB" >want.conf
same want.conf "$R/etc/xuequ/xuequ.conf" "setup again: only the path changed in the configuration"
xs "$VIEW" export schools
expect_rc 0 "setup again: the viewer reads again"
