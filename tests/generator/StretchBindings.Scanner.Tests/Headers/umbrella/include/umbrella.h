/* An umbrella header: it declares nothing itself and includes the library's headers with angle brackets. */
#ifndef UMBRELLA_H
#define UMBRELLA_H

#include <stdio.h>
#include <umbrella/core.h>
#include <umbrella/extra.h>

#endif
