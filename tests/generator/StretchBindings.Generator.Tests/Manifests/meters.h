/* Holds struct timeval and struct tm of the system headers by value, as does alarms.h: both are
   bound into one namespace (EndToEnd/SharedRecordEndToEndTests.cs). */
#ifndef STRETCHBINDINGS_METERS_H
#define STRETCHBINDINGS_METERS_H
#include <sys/time.h>
#include <time.h>

struct meter_reading {
    double value;
    struct timeval taken;
    struct tm local;
};

/* libc's, declared again here so that this header binds it. */
int gettimeofday(struct timeval *now, void *zone);

#endif
