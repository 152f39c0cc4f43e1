#ifndef UMBRELLA_EXTRA_H
#define UMBRELLA_EXTRA_H

#include <umbrella/core.h>

int umbrella_send(umbrella_conn *conn, const void *data, size_t length);

/* Neither is exported by the library: a static inline function and a function-like macro. */
static inline int umbrella_is_open(const umbrella_conn *conn) { return conn != 0; }

#define UMBRELLA_SEND_STRING(conn, text) umbrella_send((conn), (text), sizeof(text) - 1)

#endif
