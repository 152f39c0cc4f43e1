/* Struct and union layouts: padding, nesting, anonymous members, bit-fields, arrays. */
#ifndef LAYOUT_H
#define LAYOUT_H

#include <stdint.h>
#include <stddef.h>

/** Padding after every small field. */
struct padded {
    char tag;        /**< offset 0 */
    int value;       /**< offset 4 */
    char flag;
    double weight;   /**< offset 16 */
    short tail;
};

/** A struct nested by value and a named nested struct. */
typedef struct outer {
    struct inner {
        uint8_t a;
        uint32_t b;
    } first;
    struct padded second;
    int64_t count;
} outer_t;

/** Overlapping members. */
union number {
    int32_t i;
    float f;
    double d;
    uint8_t bytes[8];
};

/** Anonymous struct and union members (C11). */
typedef struct {
    int kind;
    union {
        int32_t as_int;
        float as_float;
    };
    struct {
        short x;
        short y;
    } point;
} variant_t;

/** Bit-fields, which .NET cannot lay out. */
struct flags {
    unsigned int ready : 1;
    unsigned int mode : 3;
    unsigned int : 0;
    unsigned int level : 7;
    uint16_t plain;
};

/** Arrays, a pointer, a function pointer and a flexible array member. */
struct buffer {
    size_t length;
    const char *name;
    float samples[4][2];
    void (*release)(struct buffer *self, void *context);
    long values[];
};

/** Declared, never defined: opaque. */
struct opaque_thing;
typedef struct opaque_thing opaque_thing_t;

#endif
