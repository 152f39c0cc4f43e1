/* Holds struct timeval and struct tm of the system headers by value, as does meters.h: both are
   bound into one namespace (EndToEnd/SharedRecordEndToEndTests.cs). */
#ifndef STRETCHBINDINGS_ALARMS_H
#define STRETCHBINDINGS_ALARMS_H
#include <sys/time.h>
#include <time.h>

struct alarm_entry {
    struct timeval due;
    struct tm calendar;
    int id;
};

/* libc's, declared again here so that this header binds it. */
time_t timegm(struct tm *calendar);

#endif
