/* An annotation outside the vocabulary must be an error, not silently dropped. */
#ifndef UNKNOWN_ANNOTATION_H
#define UNKNOWN_ANNOTATION_H

__attribute__((annotate("sb:fast_call"))) int compute(int x);

#endif
