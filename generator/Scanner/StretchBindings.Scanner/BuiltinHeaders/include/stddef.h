/*
 * stddef.h of the StretchBindings header scanner: the compiler's part of <stddef.h>, written from the
 * C standard and clang's predefined macros, for a libclang that comes without its own resource
 * directory (docs/header-scanner.md). C libraries ask for single names with __need_<name>; without
 * one, every name is defined.
 */
#if !defined(__need_size_t) && !defined(__need_ptrdiff_t) && !defined(__need_wchar_t) && \
    !defined(__need_NULL) && !defined(__need_wint_t) && !defined(__need_max_align_t) && !defined(__need_offsetof)
#define __SB_STDDEF_ALL 1
#endif

#if defined(__SB_STDDEF_ALL) || defined(__need_size_t)
#ifndef _SIZE_T
#define _SIZE_T
typedef __SIZE_TYPE__ size_t;
#endif
#endif

#if defined(__SB_STDDEF_ALL) || defined(__need_ptrdiff_t)
#ifndef _PTRDIFF_T
#define _PTRDIFF_T
typedef __PTRDIFF_TYPE__ ptrdiff_t;
#endif
#endif

/* wchar_t is a keyword in C++. */
#if (defined(__SB_STDDEF_ALL) || defined(__need_wchar_t)) && !defined(__cplusplus)
#ifndef _WCHAR_T
#define _WCHAR_T
typedef __WCHAR_TYPE__ wchar_t;
#endif
#endif

#if defined(__need_wint_t)
#ifndef _WINT_T
#define _WINT_T
typedef __WINT_TYPE__ wint_t;
#endif
#endif

#if defined(__SB_STDDEF_ALL) || defined(__need_NULL)
#undef NULL
#ifdef __cplusplus
#define NULL __null
#else
#define NULL ((void *)0)
#endif
#endif

#if defined(__SB_STDDEF_ALL) || defined(__need_offsetof)
#ifndef offsetof
#define offsetof(type, member) __builtin_offsetof(type, member)
#endif
#endif

#if (defined(__SB_STDDEF_ALL) || defined(__need_max_align_t)) && \
    ((defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L) || (defined(__cplusplus) && __cplusplus >= 201103L))
#ifndef __SB_MAX_ALIGN_T
#define __SB_MAX_ALIGN_T
/* The most strictly aligned scalar types, as the platform ABIs define max_align_t; the member names
   are clang's own, so that a manifest describing it reads the same with clang's resource directory. */
typedef struct {
  long long __clang_max_align_nonce1 __attribute__((__aligned__(__alignof__(long long))));
  long double __clang_max_align_nonce2 __attribute__((__aligned__(__alignof__(long double))));
} max_align_t;
#endif
#endif

#undef __SB_STDDEF_ALL
#undef __need_size_t
#undef __need_ptrdiff_t
#undef __need_wchar_t
#undef __need_NULL
#undef __need_wint_t
#undef __need_max_align_t
#undef __need_offsetof
