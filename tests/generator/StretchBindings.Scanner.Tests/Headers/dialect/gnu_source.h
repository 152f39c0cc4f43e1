/* Needs glibc's GNU extensions: cookie_io_functions_t is declared only with _GNU_SOURCE. */
#include <stdio.h>

FILE *gnu_source_open(void *cookie, cookie_io_functions_t functions);
