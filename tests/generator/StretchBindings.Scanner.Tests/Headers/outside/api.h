/* Declares nothing itself; its only functions are in a header outside its include roots. */
#include "../siblings/part.h"

typedef int outside_status;
