/*
 * stdarg.h of the StretchBindings header scanner (see stddef.h beside it): variable arguments
 * through clang's builtins. With __need___va_list only the C library's __gnuc_va_list is defined.
 */
#ifndef __GNUC_VA_LIST
#define __GNUC_VA_LIST 1
typedef __builtin_va_list __gnuc_va_list;
#endif

#ifndef __need___va_list
#ifndef __SB_STDARG_H
#define __SB_STDARG_H
#ifndef _VA_LIST
#define _VA_LIST
typedef __builtin_va_list va_list;
#endif
#define va_start(ap, last) __builtin_va_start(ap, last)
#define va_end(ap) __builtin_va_end(ap)
#define va_arg(ap, type) __builtin_va_arg(ap, type)
#define va_copy(destination, source) __builtin_va_copy(destination, source)
#define __va_copy(destination, source) __builtin_va_copy(destination, source)
#endif
#endif

#undef __need___va_list
