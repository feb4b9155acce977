#!/bin/sh
# Every man page is mdoc and mandoc -Tlint clean.
for p in "$TOP"/man/*.[0-9]; do
	msgs=$(mandoc -Tlint -Wwarning "$p" 2>&1)
	if [ -z "$msgs" ]; then echo "ok - mandoc -Tlint $(basename "$p")"
	else echo "not ok - mandoc -Tlint $(basename "$p")"; echo "$msgs" | sed 's/^/# /'; fi
done
