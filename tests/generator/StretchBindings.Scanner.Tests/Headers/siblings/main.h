/* Includes a header beside it and one below it: recorded only with --include-siblings. */
#ifndef SIBLINGS_MAIN_H
#define SIBLINGS_MAIN_H

#include <stddef.h>
#include "part.h"
#include "detail/inner.h"

int main_function(part_t *part, inner_t inner);

#endif
