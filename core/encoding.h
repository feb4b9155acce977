/* encoding.h: detecting the text encoding of imported files and converting to and from
 * UTF-8, so that CSV written by Chinese Excel or WPS reads as well as our own. */
#ifndef XQ_ENCODING_H
#define XQ_ENCODING_H

#include <stdbool.h>
#include <stddef.h>

enum text_encoding { ENC_UTF8, ENC_UTF8_BOM, ENC_GB18030, ENC_UTF16LE, ENC_UTF16BE };

/* Detect the encoding of a file's bytes and return a malloc'd NUL-terminated UTF-8 copy
 * (BOM removed), *outlen its length, *enc what was found. Detection: UTF-8 BOM; UTF-16 BOMs;
 * valid UTF-8 (plain ASCII counts as UTF-8); otherwise GB18030 (which covers GBK/GB2312, what
 * Chinese Excel and WPS write) converted with iconv, when the bytes look like it (mostly
 * GB2312 characters). A file that is mostly UTF-8 is never read as GB18030: its bad bytes
 * are refused. NULL on failure, with msg naming the line and what is wrong, e.g. "line 12:
 * invalid byte sequence (not UTF-8 or GB18030)" or "line 5: not UTF-8: found bytes CD F5
 * B7 BC ("王芳" in GB18030); the rest of the file is UTF-8". */
char *enc_to_utf8(const char *buf, size_t len, size_t *outlen, enum text_encoding *enc,
		  char *msg);
/* Convert a file's bytes from the named encoding (any name iconv knows, or one of
 * enc_parse's) to a malloc'd NUL-terminated UTF-8 copy, a leading BOM removed; for --encoding.
 * NULL with msg "line N: ..." when a byte sequence is invalid, or naming an unknown encoding. */
char *enc_to_utf8_as(const char *buf, size_t len, const char *name, size_t *outlen, char *msg);
/* True when iconv can convert from the named encoding. */
bool enc_known(const char *name);
/* Convert UTF-8 to enc (for exports meant for Excel: ENC_UTF8_BOM prepends a BOM; ENC_GB18030
 * converts; the UTF-16 forms start with their BOM). malloc'd and followed by NUL bytes,
 * *outlen set. NULL with msg on failure, including input that is not valid UTF-8. */
char *enc_from_utf8(const char *utf8, size_t len, enum text_encoding enc, size_t *outlen,
		    char *msg);
/* The same for one piece of a text written piece by piece, each ending at a line's end:
 * only the first gets the byte order mark; lines_before (the lines of the pieces before
 * it) numbers the lines of messages as in the whole text. */
char *enc_from_utf8_part(const char *utf8, size_t len, enum text_encoding enc, bool first,
			 long lines_before, size_t *outlen, char *msg);
/* "UTF-8", "UTF-8 with BOM", "GB18030", "UTF-16LE", "UTF-16BE". */
const char *enc_name(enum text_encoding enc);
/* "utf-8"/"utf8", "utf-8-bom", "gb18030"/"gbk"/"gb2312", "utf-16le", "utf-16be" (any case)
 * -> enum, -1 otherwise. */
int enc_parse(const char *s);

#endif
