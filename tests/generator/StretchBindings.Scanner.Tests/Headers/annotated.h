/* Every interop annotation, used as intended. */
#ifndef ANNOTATED_H
#define ANNOTATED_H

#include <stretchbindings/annotations.h>

typedef enum SB_STATUS(codec_status_message) codec_status {
    CODEC_OK = 0,
    CODEC_ERROR = -1
} codec_status;

typedef struct SB_HANDLE(codec_open, codec_close) SB_SINGLE_THREADED codec codec_t;

SB_SHORT_CALL const char *codec_status_message(codec_status status);

codec_status codec_open(int rate, codec_t **out SB_OUT_HANDLE);

void codec_close(codec_t *codec);

codec_status codec_encode(codec_t *codec,
                          const short *input SB_IN_BUFFER(input_count), int input_count,
                          unsigned char *output SB_OUT_BUFFER(output_capacity), long output_capacity);

/* Another tool's annotation: not ours, ignored with a warning. */
__attribute__((annotate("othertool:inline"))) int codec_version(void);

#endif
