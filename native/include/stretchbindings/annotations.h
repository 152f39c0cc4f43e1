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

#endif /* STRETCHBINDINGS_ANNOTATIONS_H */
