/*
 * Every compiler-provided C header the scanner's own builtin headers cover, and the C library
 * headers that include them, with constants and a struct that use what they define: a scan with the
 * scanner's builtin headers must read exactly as one with clang's own resource directory.
 */
#include <stddef.h>
#include <stdarg.h>
#include <stdbool.h>
#include <limits.h>
#include <float.h>
#include <stdalign.h>
#include <stdnoreturn.h>
#include <iso646.h>
#include <stdint.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <time.h>
#include <signal.h>
#include <pthread.h>
#include <math.h>
#include <unistd.h>
#include <sys/types.h>
#define MY_INT_MAX INT_MAX
#define MY_UINT_MAX UINT_MAX
#define MY_FLT FLT_EPSILON
#define MY_CHARBIT CHAR_BIT
#define MY_LLMIN LLONG_MIN
#define MY_MB MB_LEN_MAX
typedef struct { max_align_t a; size_t s; ptrdiff_t p; wchar_t w; va_list v; bool b; } builtins_t;
int takes(builtins_t* a, va_list v, wint_t w);
