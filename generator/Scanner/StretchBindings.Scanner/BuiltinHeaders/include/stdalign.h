/* stdalign.h of the StretchBindings header scanner (see stddef.h beside it). */
#ifndef __SB_STDALIGN_H
#define __SB_STDALIGN_H
#ifndef __cplusplus
#define alignas _Alignas
#define alignof _Alignof
#endif
#define __alignas_is_defined 1
#define __alignof_is_defined 1
#endif
