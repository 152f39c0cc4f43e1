/* Enums: implicit and explicit values, negative values, 64-bit values, anonymous enums. */
#ifndef ENUMS_H
#define ENUMS_H

/** Colours, numbered from zero. */
enum color {
    COLOR_RED,      /**< the first */
    COLOR_GREEN,
    COLOR_BLUE = 10,
    COLOR_NEXT
};

/** Negative values force a signed underlying type. */
typedef enum result {
    RESULT_OK = 0,
    RESULT_FAILED = -1,
    RESULT_LOWEST = -2147483647 - 1
} result_t;

/** Values past 32 bits widen the underlying type to 64 bits. */
enum wide {
    WIDE_SMALL = 1,
    WIDE_BIG = 0x100000000,
    WIDE_NEGATIVE = -0x100000000
};

/** An unsigned 64-bit maximum. */
enum mask {
    MASK_NONE = 0,
    MASK_ALL = 0xFFFFFFFFFFFFFFFFULL
};

/** A tagless enum named by its typedef. */
typedef enum {
    MODE_FAST = 1,
    MODE_SAFE = 2
} mode_t_;

/* A tagless, unnamed enum declares plain integer constants. */
enum {
    BUFFER_SIZE = 4096,
    BUFFER_COUNT = 3
};

int enums_apply(enum color color, result_t *result, mode_t_ mode);

#endif
