#ifndef SIBLINGS_PART_H
#define SIBLINGS_PART_H

/** Declared in a sibling header. */
typedef struct part {
    int id;
} part_t;

int part_function(const part_t *part);

#define PART_LIMIT 16

#endif
