/* The library is configured by the build that includes it. */
#ifndef NEEDS_DEFINE_CONFIG
#error "define NEEDS_DEFINE_CONFIG to 1 or 2"
#endif

int configured_function(int level);
