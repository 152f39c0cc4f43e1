/* Includes a header beside it and one below it: both are the library's own, under its directory. */
#ifndef SIBLINGS_MAIN_H
#define SIBLINGS_MAIN_H

#include <stddef.h>
#include "part.h"
#include "detail/inner.h"

int main_function(part_t *part, inner_t inner);

#endif
