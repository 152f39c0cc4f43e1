#pragma once
// Real-material tests skip, saying what to install, when the build found no material to render.

#include <gtest/gtest.h>

#ifdef STRETCH_MATERIAL_DIR
#define REQUIRE_MATERIAL()
#else
#define REQUIRE_MATERIAL() \
    GTEST_SKIP() << "no real material: install espeak-ng flite fluidsynth timgm6mb-soundfont and reconfigure"
#endif
