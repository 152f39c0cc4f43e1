/* The function annotations beyond annotated.h: status results, an error check, UTF-8 strings, renames. */
#ifndef STATUS_CODES_H
#define STATUS_CODES_H

#include <stddef.h>
#include <stretchbindings/annotations.h>

typedef struct SB_RENAME(Store) store store_t;

typedef struct secret secret_t;

const char *store_errstr(int code);

unsigned store_is_error(size_t result);

const char *store_error_name(size_t result);

SB_STATUS_RESULT(store_errstr, 0) int store_open(const char *path SB_RENAME(location), store_t **out);

SB_STATUS_RESULT(store_errstr, 100|101) int store_step(store_t *s);

SB_STATUS_RESULT(store_errstr, >=0) int store_count(store_t *s);

SB_ERROR_CHECK(store_is_error, store_error_name) size_t store_read(store_t *s, void *dst, size_t capacity);

int store_put(store_t *s, char *key SB_UTF8, unsigned char *value SB_UTF8);

SB_UTF8_RESULT const unsigned char *store_name(store_t *s);

SB_RENAME(Reveal) int store_reveal(secret_t *x);

secret_t *store_secret(void);

#endif
