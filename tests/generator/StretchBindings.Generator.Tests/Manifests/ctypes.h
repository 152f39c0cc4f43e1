/* C type coverage: every shape of type the bindings must lay out as the C compiler does. The
   layout test compiles a sizeof/offsetof program against this header and compares it with the
   generated structs; the globals are libc's, so the test reads and writes real exported data. */
#ifndef CTYPES_H
#define CTYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <wchar.h>
#include <sys/socket.h>
#include <sys/time.h>

typedef enum ct_color_e { CT_RED, CT_GREEN, CT_BLUE } ct_color_t;

/* A tagless enum named by its typedef (CtMode), and a struct (CompileTests renames it ct_mode to make the two clash). */
struct ct_settings { int value; };
typedef enum { CT_MODE_FAST = 1, CT_MODE_SLOW = 2 } ct_mode_t;

typedef int (*ct_compare_fn)(const void *left, const void *right);

/* An array type: parameters of it and pointers to it decay to its element, as in C. */
typedef double ct_complex[2];

struct ct_point { int x; int y; };

/** Fixed arrays of every kind of element. */
struct ct_arrays {
    size_t sizes[3];
    long longs[2];
    unsigned long ulongs[2];
    wchar_t wide[5];
    char name[7];
    bool flags[3];
    double matrix[2][3];
    const char *names[4];
    ct_compare_fn compares[2];
    struct ct_point points[3];
    struct ct_point grid[2][2];
    ct_color_t colors[3];
    ct_complex value;
    int64_t big[2];
    void *opaque[2];
};

/** Named members of anonymous struct and union types, and arrays of them. */
typedef struct {
    int type;
    union {
        struct { int x, y; } motion;
        struct { int code; unsigned int modifiers; } key;
        char raw[12];
    } u;
    struct { short a; short b; } pairs[2];
    union { int i; float f; };
} ct_event;

/** Bit-fields among plain fields. */
struct ct_bits {
    uint8_t head;
    unsigned int ready : 1;
    unsigned int mode : 3;
    int delta : 5;
    unsigned int : 0;
    unsigned int level : 7;
    bool on : 1;
    uint16_t plain;
    unsigned long long wide : 40;
    long long negative : 20;
    ct_color_t color : 2;
};

/** A flexible array member. */
struct ct_message {
    uint32_t length;
    uint16_t kind;
    unsigned char payload[];
};

/** Packed and over-aligned layouts. */
struct __attribute__((packed)) ct_packed {
    char tag;
    int value;
    double weight;
    short tail;
};

#pragma pack(push, 2)
struct ct_pack2 {
    char tag;
    int value;
    char flag;
};
#pragma pack(pop)

struct __attribute__((aligned(32))) ct_aligned {
    int value;
    char tag;
};

struct ct_holds_aligned {
    char first;
    struct ct_aligned inner;
    int _Alignas(16) later;
};

/** A field .NET cannot express: left out, its bytes kept. */
struct ct_precise {
    int before;
    long double precise;
    int after;
};

/** Platform-sized integers. */
struct ct_platform {
    long l;
    unsigned long ul;
    wchar_t w;
    size_t s;
    ptrdiff_t d;
};

/** Types other headers declare, held by value. */
struct ct_socket {
    int fd;
    struct sockaddr address;
    struct timeval timeout;
};

/** A function-pointer typedef as a field, and enums named by their typedef. */
struct ct_sorter {
    ct_compare_fn compare;
    ct_color_t color;
    ct_mode_t mode;
    struct ct_settings settings;
};

void ct_scale(ct_complex *values, ct_complex factor, size_t count);
int ct_no_parameters();
int ct_sort(struct ct_sorter *sorter, ct_compare_fn compare);

/* libc's own globals, declared again here as any library's header would. */
extern char **environ;
extern int opterr;
extern char *optarg;
extern const int ct_missing_constant;

#endif
