# Cross build for win-x64 with Debian's MinGW-w64 (POSIX threads variant, which has std::thread);
# tests run under wine64.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)

set(STRETCH_CROSS_TRIPLE x86_64-w64-mingw32)
set(CMAKE_C_COMPILER ${STRETCH_CROSS_TRIPLE}-gcc-posix)
set(CMAKE_CXX_COMPILER ${STRETCH_CROSS_TRIPLE}-g++-posix)
set(CMAKE_RC_COMPILER ${STRETCH_CROSS_TRIPLE}-windres)

set(CMAKE_FIND_ROOT_PATH /usr/${STRETCH_CROSS_TRIPLE})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# gtest_discover_tests and ctest run the test programs through this (WINEPREFIX and WINEDEBUG come
# from the environment: build-cross.sh sets them).
find_program(STRETCH_WINE NAMES wine64 wine)
if(STRETCH_WINE)
  set(CMAKE_CROSSCOMPILING_EMULATOR ${STRETCH_WINE})
endif()
