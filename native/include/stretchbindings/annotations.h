/*
 * StretchBindings interop annotations.
 *
 * Plain macros that tell the StretchBindings header scanner how a C API may be
 * called from .NET. Under clang they expand to __attribute__((annotate("sb:..."))),
 * which the scanner reads through libclang; every other compiler sees nothing,
 * so a header that uses them stays an ordinary C header.
 *
 * Vocabulary (the text after "sb:" is what the manifest records):
 *
 *   SB_SHORT_CALL                 on a function: bounded, never blocks, never calls
 *                                 back into managed code. Safe to call without a GC
 *                                 transition. Everything else keeps the transition.
 *   SB_HANDLE(create, destroy)    on an opaque struct: an instance type, created and
 *                                 destroyed by the named functions.
 *   SB_SINGLE_THREADED            on an opaque struct: an instance may move between
 *                                 threads but must never be used by two at once.
 *   SB_OUT_HANDLE                 on a `T**` parameter of a create function: receives
 *                                 the new instance.
 *   SB_IN_BUFFER(count)           on a pointer parameter: read-only buffer whose
 *                                 element count is the named parameter.
 *   SB_OUT_BUFFER(count)          on a pointer parameter: buffer the call writes,
 *                                 whose element count is the named parameter.
 *   SB_STATUS(message_fn)         on an enum: the enum is a status code (zero is
 *                                 success, negative values are errors) and the named
 *                                 function turns a code into a message. A function
 *                                 returning this enum has a status result.
 *   SB_STATUS_RESULT(message_fn, success)
 *                                 on a function: its integer (or enum) result is a
 *                                 status. `success` lists the success values, joined
 *                                 by `|`: a value (0), a bound (>=0, >0, <=0, <0) or a
 *                                 range (0..99); any other value is an error, which
 *                                 message_fn (code -> const char*) describes.
 *   SB_ERROR_CHECK(error_fn, message_fn)
 *                                 on a function: its integer result is an error when
 *                                 error_fn(result) is non-zero (ZSTD_isError); the
 *                                 result is otherwise a value (a size).
 *   SB_UTF8                       on a char pointer parameter: a NUL-terminated UTF-8
 *                                 string the function reads, passed from a string
 *                                 (const char* is one already; this marks char*,
 *                                 unsigned char* and typedefs of them).
 *   SB_UTF8_RESULT                on a function returning a char pointer: a UTF-8
 *                                 string the library owns, returned as a string.
 *   SB_RENAME(name)               on a function, parameter, struct or enum: the .NET
 *                                 name it is generated as.
 */
#ifndef STRETCHBINDINGS_ANNOTATIONS_H
#define STRETCHBINDINGS_ANNOTATIONS_H

#if defined(__clang__)
#define SB_ANNOTATE(text) __attribute__((annotate(text)))
#else
#define SB_ANNOTATE(text)
#endif

#define SB_SHORT_CALL SB_ANNOTATE("sb:short_call")
#define SB_HANDLE(create, destroy) SB_ANNOTATE("sb:handle(" #create "," #destroy ")")
#define SB_SINGLE_THREADED SB_ANNOTATE("sb:single_threaded")
#define SB_OUT_HANDLE SB_ANNOTATE("sb:out_handle")
#define SB_IN_BUFFER(count) SB_ANNOTATE("sb:in_buffer(" #count ")")
#define SB_OUT_BUFFER(count) SB_ANNOTATE("sb:out_buffer(" #count ")")
#define SB_STATUS(message_fn) SB_ANNOTATE("sb:status(" #message_fn ")")
#define SB_STATUS_RESULT(message_fn, success) SB_ANNOTATE("sb:status_result(" #message_fn "," #success ")")
#define SB_ERROR_CHECK(error_fn, message_fn) SB_ANNOTATE("sb:error_check(" #error_fn "," #message_fn ")")
#define SB_UTF8 SB_ANNOTATE("sb:utf8")
#define SB_UTF8_RESULT SB_ANNOTATE("sb:utf8_result")
#define SB_RENAME(name) SB_ANNOTATE("sb:rename(" #name ")")

#endif /* STRETCHBINDINGS_ANNOTATIONS_H */
