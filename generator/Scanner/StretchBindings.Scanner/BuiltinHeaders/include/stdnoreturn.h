/* stdnoreturn.h of the StretchBindings header scanner (see stddef.h beside it). */
#ifndef __SB_STDNORETURN_H
#define __SB_STDNORETURN_H
#ifndef __cplusplus
#define noreturn _Noreturn
#endif
#endif
