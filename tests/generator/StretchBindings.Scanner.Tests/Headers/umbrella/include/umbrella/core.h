#ifndef UMBRELLA_CORE_H
#define UMBRELLA_CORE_H

#include <stddef.h>

/** A connection. */
typedef struct umbrella_conn umbrella_conn;

/** Opens a connection. */
umbrella_conn *umbrella_open(const char *name);

void umbrella_close(umbrella_conn *conn);

#define UMBRELLA_VERSION 3

#endif
