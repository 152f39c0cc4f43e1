/* Declarations whose types the scan must describe as C means them. */
#ifndef SCAN_CTYPES_H
#define SCAN_CTYPES_H

#include <stdarg.h>
#include <stddef.h>
#include <sys/time.h>

/* No prototype: called with no arguments, not variadic. */
int old_style();
int no_arguments(void);
int formatted(const char *format, ...);
int with_list(const char *format, va_list arguments);

extern int counter;
extern const double ratio;
extern char *names[4];
static int hidden;

/* A record of another header held by value is recorded too; one behind a pointer is not. */
struct timed {
    struct timeval when;
    struct timespec *later;
    unsigned ready : 1;
};

#endif
