/* An unannotated library, for sb-scan suggest: each declaration is a case one of its rules meets. */
#ifndef SUGGEST_H
#define SUGGEST_H

#include <stddef.h>

typedef struct engine engine;

typedef enum engine_status {
    ENGINE_OK = 0,
    ENGINE_ERROR_MEMORY = -1,
    ENGINE_ERROR_ARGUMENT = -2
} engine_status;

typedef void (*engine_callback)(void *user, int progress);

engine_status engine_create(int rate, engine **out);
void engine_destroy(engine *instance);
const char *engine_status_message(engine_status status);

engine_status engine_process(engine *instance, const float *input, size_t input_count, float *output, size_t output_count);
engine_status engine_run(engine *instance, engine_callback callback, void *user);

int engine_get_rate(const engine *instance);
int engine_get_progress(const engine *instance, engine_callback callback);
int engine_add(int a, int b);
int engine_version(void);
int engine_print(const char *format, ...);

#endif
