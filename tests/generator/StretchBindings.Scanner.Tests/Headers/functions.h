/* Functions and the types in their signatures: platform-sized integers, function pointers,
   variadic functions, arrays, and declarations the generator cannot bind. */
#ifndef FUNCTIONS_H
#define FUNCTIONS_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

/** A callback that receives a context pointer and a count. */
typedef int (*progress_fn)(void *context, size_t done, size_t total);

/** A function type (not a pointer). */
typedef void release_fn(void *memory);

/** A union, fine behind a pointer, not by value. */
typedef union value {
    int64_t integer;
    double real;
} value_t;

/** Platform-explicit integers: long is 8 bytes on LP64 Linux, 4 on Windows. */
long sum_longs(long a, unsigned long b, long long c);

/** Fixed-width and pointer-sized integers. */
int64_t mix(int8_t a, uint16_t b, int32_t c, uint64_t d, size_t e, ptrdiff_t f, intptr_t g, bool h);

/** Takes a callback and a release function. */
int run_with_progress(progress_fn progress, void *context, release_fn *release);

/** A printf-like function. */
int log_message(int level, const char *format, ...);

/** Array parameters decay to pointers; sizes are kept in the spelling only. */
void fill(float samples[16], const double *weights, char *const names[]);

/** Returns a function pointer. */
progress_fn default_progress(void);

/** Takes no arguments at all. */
void no_arguments(void);

/** A union by value cannot be bound. */
value_t make_value(int64_t integer);

/** A union by value as a parameter cannot be bound either. */
double value_as_double(value_t value);

/** Behind a pointer a union is fine. */
double value_ptr_as_double(const value_t *value);

/** Has internal linkage: no library exports it. */
static inline int twice(int x) { return 2 * x; }

/** A global variable. */
extern int global_counter;

/** A function-like macro. */
#define SQUARE(x) ((x) * (x))

/* Constants the compiler evaluates. */
/** A decimal constant. */
#define ANSWER 42
#define HEX_MASK 0xFF00
#define NEGATIVE (-7)
#define BIG_UNSIGNED 0xFFFFFFFFFFFFFFFFULL
#define SHIFTED (1u << 31)
#define DERIVED (ANSWER * 2 + 1)
#define LONG_VALUE 5000000000L
#define CAST_VALUE ((int16_t)-3)
#define RATIO 0.25
#define SINGLE 1.5f
#define GREETING "hello"
#define CHAR_VALUE 'A'
#define SIZE_OF_VALUE sizeof(value_t)

/* Not constants: skipped. */
#define EMPTY
#define EXPORT __attribute__((visibility("default")))
#define STORAGE extern
#define CALLS no_arguments()

#endif
