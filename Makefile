# xuequ: the one build entry. `make`, `make demo`, `make check`, `make bench`, `make install`.
PREFIX    ?= /usr/local
BINDIR    ?= $(PREFIX)/bin
MANDIR    ?= $(PREFIX)/share/man
LOCALEDIR ?= $(PREFIX)/share/locale
SYSCONFDIR ?= $(if $(filter /usr,$(PREFIX)),/etc,$(PREFIX)/etc)

CC      ?= cc
PKGS     = ncursesw sqlite3 libxml-2.0 libical
CFLAGS  ?= -O2 -g
CFLAGS  += -std=c11 -pthread -D_GNU_SOURCE -Wall -Wextra -Wno-missing-field-initializers \
           -DSQLITE_ENABLE_SESSION -DSQLITE_ENABLE_PREUPDATE_HOOK \
           -I. -I/usr/include/iniparser $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LDLIBS  += $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -lncursesw -ltinfo -lsqlite3 -lxml2 -lical) \
           -lpanelw -liniparser -lnettle -lm -pthread
ifeq ($(SAN),1)
CFLAGS  += -O1 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
LDFLAGS += -fsanitize=address,undefined
endif

B        = build$(if $(filter 1,$(SAN)),-san)
LIB_SRC  = $(wildcard core/*.c db/*.c conf/*.c tui/*.c) $(filter-out cli/main.c,$(wildcard cli/*.c))
LIB_OBJ  = $(LIB_SRC:%.c=$(B)/%.o)
UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)
PO       = $(wildcard po/*.po)
MO       = $(PO:po/%.po=$(B)/locale/%/LC_MESSAGES/xuequ.mo)

BIN      = $(if $(filter 1,$(SAN)),$(B)/xuequ,xuequ)

all: $(BIN) $(MO)

$(B)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -MMD -MP -DLOCALEDIR='"$(LOCALEDIR)"' -DSYSCONFDIR='"$(SYSCONFDIR)"' \
	    -DBINDIR='"$(BINDIR)"' -c $< -o $@

# check's reference: a fresh database's schema and seeded ids, written down by running the
# migrations once (db/gen/schema_fresh.c, linked first with schema_none.c)
$(B)/gen/libxq0.a: $(LIB_OBJ)
	@mkdir -p $(dir $@)
	@rm -f $@
	ar rcs $@ $^

$(B)/gen/schema_fresh: $(B)/db/gen/schema_fresh.o $(B)/db/gen/schema_none.o $(B)/gen/libxq0.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(B)/gen/schema_fresh.c: $(B)/gen/schema_fresh
	XUEQU_CONFIG=/dev/null $< > $@.tmp && mv $@.tmp $@

$(B)/gen/schema_fresh.o: $(B)/gen/schema_fresh.c
	$(CC) $(CFLAGS) -c $< -o $@

$(B)/libxq.a: $(LIB_OBJ) $(B)/gen/schema_fresh.o
	@rm -f $@
	ar rcs $@ $^

$(BIN): $(B)/cli/main.o $(B)/libxq.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(B)/tests/%: tests/unit/%.c $(B)/libxq.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(B)/libxq.a $(LDLIBS) -lcmocka

$(B)/bench/%: tests/bench/%.c $(B)/libxq.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(B)/libxq.a $(LDLIBS)

$(B)/locale/%/LC_MESSAGES/xuequ.mo: po/%.po
	@mkdir -p $(dir $@)
	msgfmt --check -o $@ $<

# Packages a fresh Debian 12 machine lacks; installed through sudo when not root.
DEB_PKGS = gcc make pkg-config libncursesw5-dev libsqlite3-dev libiniparser-dev \
           libcmocka-dev tmux mandoc gettext locales sqlite3 bc time python3 \
           nettle-dev libxml2-dev libical-dev fet fet-data
deps:
	@missing=$$(for p in $(DEB_PKGS); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | \
	    grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	    echo "installing:" $$missing; \
	    SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	    $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

DEMO_DB ?= demo.db
demo: deps
	@$(MAKE) --no-print-directory all
	./xuequ --db $(DEMO_DB) init --demo --force
	XUEQU_LOCALEDIR=$(CURDIR)/build/locale ./xuequ --db $(DEMO_DB)

check: deps
	@$(MAKE) --no-print-directory all $(UNIT_BIN)
	@B=$(B) BIN=$(CURDIR)/$(BIN) XUEQU_LOCALEDIR=$(CURDIR)/$(B)/locale sh tests/run

bench: deps
	@$(MAKE) --no-print-directory all $(B)/bench/longreads
	@BIN=$(CURDIR)/$(BIN) sh tests/bench/run
	@echo
	@BIN=$(CURDIR)/$(BIN) sh tests/bench/keys_scale.sh
	@echo
	@BIN=$(CURDIR)/$(BIN) LONGREADS=$(CURDIR)/$(B)/bench/longreads sh tests/bench/longreads.sh
	@echo
	@BIN=$(CURDIR)/$(BIN) sh tests/bench/cli.sh
	@echo
	@BIN=$(CURDIR)/$(BIN) sh tests/bench/scale.sh
	@echo
	@BIN=$(CURDIR)/$(BIN) sh tests/bench/timetable.sh
	@echo
	@BIN=$(CURDIR)/$(BIN) sh tests/bench/tt_beyond.sh
	@echo
	@BIN=$(CURDIR)/$(BIN) sh tests/bench/tt_repair.sh
	@echo
	@BIN=$(CURDIR)/$(BIN) sh tests/bench/tt_infeasible.sh
	@echo
	@BIN=$(CURDIR)/$(BIN) sh tests/bench/corpus.sh
	@echo
	@BIN=$(CURDIR)/$(BIN) sh tests/bench/tt_seeds.sh

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 \
	    $(DESTDIR)$(SYSCONFDIR)/xuequ
	install -m 755 xuequ $(DESTDIR)$(BINDIR)/xuequ
	install -m 644 man/xuequ.1 $(DESTDIR)$(MANDIR)/man1/xuequ.1
	install -m 644 man/xuequ.conf.5 $(DESTDIR)$(MANDIR)/man5/xuequ.conf.5
	install -m 644 conf/xuequ.conf.sample $(DESTDIR)$(SYSCONFDIR)/xuequ/xuequ.conf.sample
	for mo in $(MO); do l=$${mo#$(B)/locale/}; install -D -m 644 $$mo $(DESTDIR)$(LOCALEDIR)/$$l; done
	@# a real installation (no DESTDIR): the shared-server deployment, see xuequ(1) DEPLOYMENT
	if [ -z "$(DESTDIR)" ] && [ "$$(id -u)" = 0 ]; then $(BINDIR)/xuequ setup; \
	elif [ -z "$(DESTDIR)" ]; then echo "not root: for a shared server run 'sudo $(BINDIR)/xuequ setup'"; fi

clean:
	rm -rf build build-san xuequ demo.db demo.db-wal demo.db-shm

# libFuzzer run of the encoding detection and CSV reader for FUZZ_TIME seconds; findings
# land in build/fuzz/ as crash-* files, the corpus grows in build/fuzz/corpus.
FUZZ_CC   ?= clang
FUZZ_TIME ?= 30
FUZZ_SRC   = tests/fuzz/fuzz_csv.c core/csv.c core/encoding.c core/text.c core/util.c core/priv.c
build/fuzz/fuzz_csv: $(FUZZ_SRC) core/csv.h core/encoding.h core/text.h core/util.h
	@mkdir -p $(dir $@)
	$(FUZZ_CC) -std=c11 -D_GNU_SOURCE -Wall -Wextra -I. -g -O1 \
	    -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
	    -o $@ $(FUZZ_SRC) -lm

FUZZ_CONF_SRC = tests/fuzz/fuzz_conf.c conf/conf.c core/util.c core/i18n.c core/priv.c tui/keys.c
# the key parser's file also names every pane's table: the rest comes from the library
build/fuzz/fuzz_conf: $(FUZZ_CONF_SRC) conf/conf.h tui/keys.h build/libxq.a
	@mkdir -p $(dir $@)
	$(FUZZ_CC) -std=c11 -D_GNU_SOURCE -Wall -Wextra -I. -I/usr/include/iniparser -g -O1 \
	    -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
	    -o $@ $(FUZZ_CONF_SRC) build/libxq.a $(LDLIBS)

# libFuzzer comes with clang and its runtime; installed here when missing
FUZZ_PKGS = clang libclang-rt-14-dev
fuzz-deps: deps
	@missing=$$(for p in $(FUZZ_PKGS); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | \
	    grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	    echo "installing:" $$missing; \
	    SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	    $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

# db/ checks the county's policy with conf/'s option table
FUZZ_DB_SRC = $(wildcard core/*.c db/*.c) conf/conf.c
FUZZ_DB_FLAGS = -std=c11 -D_GNU_SOURCE -DSQLITE_ENABLE_SESSION -DSQLITE_ENABLE_PREUPDATE_HOOK -Wall -Wextra \
	    -I. -I/usr/include/iniparser $(shell pkg-config --cflags libxml-2.0) -g -O1 \
	    -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
build/fuzz/fuzz_import: tests/fuzz/fuzz_import.c $(FUZZ_DB_SRC)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_DB_FLAGS) -o $@ $^ -lsqlite3 -liniparser -lnettle -lxml2 -lical -lm

# an offline pack merged as untrusted input; the corpus starts from a real pack with changes
build/fuzz/fuzz_pack: tests/fuzz/fuzz_pack.c $(FUZZ_DB_SRC)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_DB_FLAGS) -o $@ $^ -lsqlite3 -liniparser -lnettle -lxml2 -lical -lm

# the hours, repeat rules and occurrences of facility bookings (libical)
build/fuzz/fuzz_booking: tests/fuzz/fuzz_booking.c core/booking.c core/util.c core/i18n.c core/timetable.c core/types.c core/priv.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) -std=c11 -D_GNU_SOURCE -Wall -Wextra -I. -g -O1 \
	    -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
	    -o $@ $^ -lical -lm

# a FET timetabler's file, read with libxml2, walked whole
build/fuzz/fuzz_fet: tests/fuzz/fuzz_fet.c core/fetread.c core/util.c core/i18n.c core/priv.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) -std=c11 -D_GNU_SOURCE -Wall -Wextra -I. $(shell pkg-config --cflags libxml-2.0) -g -O1 \
	    -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
	    -o $@ $^ -lxml2 -lm

FUZZ_SERVER = build/fuzz/pack-server.db
$(FUZZ_SERVER): $(BIN)
	@mkdir -p build/fuzz/corpus-pack
	@rm -f $@ $@-wal $@-shm build/fuzz/corpus-pack/seed.xqp
	./$(BIN) --db $@ init --demo >/dev/null
	./$(BIN) --db $@ inspection add --template 1 --school 2145060348 --date 2026-12-10 \
	    --team "$$(id -un)" --stage junior >/dev/null
	./$(BIN) --db $@ inspection score 1 1 >/dev/null
	./$(BIN) --db $@ take --inspection 1 -o build/fuzz/corpus-pack/seed.xqp >/dev/null
	./$(BIN) --db build/fuzz/corpus-pack/seed.xqp inspection score 1 2 3 --note x >/dev/null 2>&1
	./$(BIN) --db build/fuzz/corpus-pack/seed.xqp inspection score 1 1 4 --note x >/dev/null 2>&1

fuzz: fuzz-deps build/fuzz/fuzz_csv build/fuzz/fuzz_conf build/fuzz/fuzz_import build/fuzz/fuzz_pack \
	build/fuzz/fuzz_booking build/fuzz/fuzz_fet $(FUZZ_SERVER)
	@mkdir -p build/fuzz/corpus
	@printf 'a,"b,""c""\r\nd",\n\n"e"\rf' > build/fuzz/corpus/seed-csv
	@printf '\357\273\277\321\247,x\n' > build/fuzz/corpus/seed-bom
	@printf '\321\247\320\243,\264\372\n\224\071\374\066' > build/fuzz/corpus/seed-gb
	@printf '\377\376"\000a\000\n\000"\000' > build/fuzz/corpus/seed-utf16
	build/fuzz/fuzz_csv -max_total_time=$(FUZZ_TIME) -artifact_prefix=build/fuzz/ build/fuzz/corpus
	@mkdir -p build/fuzz/corpus-conf
	@printf '[database]\nbusy_timeout_ms = 2000\n[exchange]\nsubsidy_km = 5, 20\nsubsidy_yuan = 1,2,3\n[keys]\ndistricts.add = C-a F2 Space\n' > build/fuzz/corpus-conf/seed
	build/fuzz/fuzz_conf -max_total_time=$(FUZZ_TIME) -artifact_prefix=build/fuzz/conf- build/fuzz/corpus-conf
	@mkdir -p build/fuzz/corpus-import
	@printf '\000code,name,level,location,students\n2145060690,x,primary,urban,5\n' > build/fuzz/corpus-import/seed-schools
	@printf '\005staff_no,name,gender,school_code,education\nT1,\345\274\240,F,2145060690,bachelor\n' > build/fuzz/corpus-import/seed-teachers
	build/fuzz/fuzz_import -max_total_time=$(FUZZ_TIME) -artifact_prefix=build/fuzz/import- build/fuzz/corpus-import
	@mkdir -p build/fuzz/corpus-booking
	@printf 'mon-fri 16:30-18:30; sat 08:00-12:00\nbiweekly:mon,thu\n2026-06-30\n2026-03-02\n' > build/fuzz/corpus-booking/seed
	@printf '07:30-18:00\nRRULE:FREQ=MONTHLY;BYMONTHDAY=31;COUNT=5\n\n2026-01-31\n' > build/fuzz/corpus-booking/seed2
	build/fuzz/fuzz_booking -max_total_time=$(FUZZ_TIME) -artifact_prefix=build/fuzz/booking- build/fuzz/corpus-booking
	@mkdir -p build/fuzz/corpus-fet
	@printf '<?xml version="1.0" encoding="UTF-8"?>\n<fet version="6.9.0">\n<Institution_Name>\347\254\254\344\270\200\344\270\255\345\255\246</Institution_Name>\n<Days_List><Number_of_Days>2</Number_of_Days><Day><Name>Mon</Name></Day><Day><Name>Tue</Name></Day></Days_List>\n<Hours_List><Number_of_Hours>1</Number_of_Hours><Hour><Name>08:00</Name></Hour></Hours_List>\n<Subjects_List><Subject><Name>\350\257\255\346\226\207</Name></Subject></Subjects_List>\n<Teachers_List><Teacher><Name>Li</Name></Teacher><Teacher><Name>Li</Name></Teacher></Teachers_List>\n<Students_List><Year><Name>Y1</Name><Number_of_Students>40</Number_of_Students><Group><Name>G1</Name><Subgroup><Name>S</Name></Subgroup></Group><Group><Name>G2</Name><Subgroup><Name>S</Name></Subgroup></Group></Year></Students_List>\n<Activities_List><Activity><Teacher>Li</Teacher><Teacher>Wang</Teacher><Students>G1</Students><Students>G2</Students><Id>1</Id><Active>true</Active></Activity></Activities_List>\n<Time_Constraints_List><ConstraintTeacherNotAvailableTimes><Weight_Percentage>95</Weight_Percentage><Teacher>Li</Teacher><Not_Available_Time><Day>Mon</Day><Hour>08:00</Hour></Not_Available_Time><Active>false</Active></ConstraintTeacherNotAvailableTimes></Time_Constraints_List>\n<Space_Constraints_List><ConstraintBasicCompulsorySpace><Weight_Percentage>100</Weight_Percentage></ConstraintBasicCompulsorySpace></Space_Constraints_List>\n</fet>\n' > build/fuzz/corpus-fet/seed
	@printf '<fet version="5.10.0"><Days_List><Number>1</Number><Name> Mon </Name></Days_List><Hours_List><Number>1</Number><Name>1</Name></Hours_List><Rooms_List><Room><Name>R1</Name><Capacity>40</Capacity></Room></Rooms_List></fet>' > build/fuzz/corpus-fet/seed-old
	build/fuzz/fuzz_fet -max_total_time=$(FUZZ_TIME) -artifact_prefix=build/fuzz/fet- build/fuzz/corpus-fet
	XUEQU_FUZZ_SERVER=$(FUZZ_SERVER) build/fuzz/fuzz_pack -max_total_time=$(FUZZ_TIME) -max_len=4000000 \
	    -artifact_prefix=build/fuzz/pack- build/fuzz/corpus-pack

.PHONY: fuzz fuzz-deps

.PHONY: all deps demo check bench install clean
-include $(LIB_OBJ:.o=.d) $(B)/cli/main.d
