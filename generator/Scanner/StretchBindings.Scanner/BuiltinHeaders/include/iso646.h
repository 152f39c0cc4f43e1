/* iso646.h of the StretchBindings header scanner (see stddef.h beside it); these are keywords in C++. */
#ifndef __SB_ISO646_H
#define __SB_ISO646_H
#ifndef __cplusplus
#define and &&
#define and_eq &=
#define bitand &
#define bitor |
#define compl ~
#define not !
#define not_eq !=
#define or ||
#define or_eq |=
#define xor ^
#define xor_eq ^=
#endif
#endif
