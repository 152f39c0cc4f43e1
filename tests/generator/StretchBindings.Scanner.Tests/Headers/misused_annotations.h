/* Known annotations in the wrong place or naming things that do not exist. */
#ifndef MISUSED_ANNOTATIONS_H
#define MISUSED_ANNOTATIONS_H

#include <stretchbindings/annotations.h>

/* The destroy function does not exist. */
typedef struct SB_HANDLE(widget_create, widget_free) widget widget_t;

int widget_create(widget_t **out SB_OUT_HANDLE);

/* The count names no parameter. */
int widget_read(widget_t *w, float *data SB_OUT_BUFFER(length), int count);

/* out_handle on something that is not a pointer to a pointer. */
int widget_bad_out(int *out SB_OUT_HANDLE);

/* short_call belongs on functions, not parameters. */
int widget_misplaced(int value SB_SHORT_CALL);

#endif
