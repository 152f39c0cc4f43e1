/* Functions bound from libraries that lack them: EndToEnd/LoadFailureTests.cs checks what a call reports. */
#ifndef STRETCHBINDINGS_ABSENT_H
#define STRETCHBINDINGS_ABSENT_H

/* Bound from a library that does not exist. */
int stretchbindings_absent_function(int value);

/* Bound from zlib, which has no such function. */
unsigned int zlib_absent_function(unsigned int value);

#endif
