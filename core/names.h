/* names.h: school names where space is short — the short name (简称), or the name without
 * the prefix all the names shown share (the county's name, 柳江区). */
#ifndef XQ_NAMES_H
#define XQ_NAMES_H

#include <stddef.h>

/* The bytes of the prefix that the n names share, cut back to end just after a place's
 * suffix (区 县 市 旗): "柳江区" for 柳江区拉堡小学 and 柳江区拉堡镇中心小学; 0 when none. */
size_t names_prefix_len(const char *const *names, int n);
/* As names_prefix_len, with one more name: *len (start it at (size_t)-1) narrows to what
 * the names so far share, as bytes; names_prefix_cut then cuts it back to a suffix. */
void names_prefix_add(size_t *len, const char **first, const char *name);
size_t names_prefix_cut(const char *first, size_t len);
/* The name to show where space is short: the short name when there is one, else name
 * without its first prefix_len bytes (when something is left). */
const char *name_shown(const char *name, const char *short_name, size_t prefix_len);

#endif
