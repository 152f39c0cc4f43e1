#ifndef SIBLINGS_INNER_H
#define SIBLINGS_INNER_H

typedef unsigned short inner_t;

int inner_function(inner_t value);

#endif
