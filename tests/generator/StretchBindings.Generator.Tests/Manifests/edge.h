/* Edge cases for the generator's snapshot and compile tests. Scanned into edge.native.json with
 *   dotnet exec sb-scan.dll scan edge.h --library edge -I ../../../native/include -o edge.native.json
 */
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <wchar.h>
#include <sys/types.h>
#include <stretchbindings/annotations.h>

/** A plain integer constant. */
#define EDGE_ANSWER 42
#define EDGE_BIG 0xFFFFFFFFFFFFFFFFULL
#define EDGE_NEGATIVE (-7)
#define EDGE_HALF 0.5
#define EDGE_QUARTER 0.25f
/** A string with characters that need escaping. */
#define EDGE_GREETING "tab\there \"quoted\" back\\slash"

/** Modes, with a name that starts with a digit once the prefix is gone. */
typedef enum edge_mode { EDGE_MODE_2D = 1, EDGE_MODE_3D = 2, EDGE_MODE_NONE = 0 } edge_mode;

/** A wide unsigned enum. */
enum edge_flags { EDGE_FLAG_LOW = 1, EDGE_FLAG_HIGH = 0x8000000000000000ULL };

typedef void (*edge_callback)(void* user, int value);

/** A complete struct with arrays, a nested struct, a callback and an anonymous union. */
typedef struct edge_point {
    /** Horizontal. */
    double x;
    double y;
    char name[16];
    unsigned char flags[3];
    bool visible;
    struct edge_inner { short a; long b; } inner;
    edge_callback on_change;
    union {
        int as_int;
        float as_float;
    };
    size_t count;
} edge_point;

/** A union. */
typedef union edge_value { int64_t i; double d; uint8_t bytes[8]; } edge_value;

/** Bit-fields, bound as properties. */
struct edge_bits { unsigned a : 3; unsigned b : 5; int c; };

/** Used only through pointers. */
typedef struct edge_opaque edge_opaque;

/** Keywords as parameter names, and an unnamed one. */
int edge_keywords(int string, int out, int base, int event, const char* object, int);

/** Every integer type of the mapping table. */
void edge_integers(int8_t a, signed char b, uint8_t c, unsigned char d, char e, short f, unsigned short g,
                   int h, int32_t i, unsigned j, uint32_t k, long l, unsigned long m, long long n, int64_t o,
                   unsigned long long p, uint64_t q, size_t r, uintptr_t s, ssize_t t, ptrdiff_t u, intptr_t v,
                   float w, double x, wchar_t y);

/** A bool in and out. */
SB_SHORT_CALL bool edge_is_even(int value, bool strict);

/** Takes a callback: keeps the GC transition. */
void edge_register(edge_callback callback, void* user);

/** Takes a C string. */
SB_SHORT_CALL size_t edge_length(const char* text);

/** Structs by value and by pointer. */
edge_point edge_move(edge_point point, const edge_value* value, edge_opaque* opaque, struct edge_bits* bits);

/** Buffers with a shared count. */
int edge_mix(const float* left SB_IN_BUFFER(count), const float* right SB_IN_BUFFER(count), float* out SB_OUT_BUFFER(count), short count);

/** A mode. */
edge_mode edge_get_mode(void);

/** Variadic: not bound. */
int edge_printf(const char* format, ...);

/** long double: not bound. */
long double edge_precise(long double value);

/** A function pointer result. */
edge_callback edge_default_callback(void);
