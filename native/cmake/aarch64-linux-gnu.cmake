# Cross build for linux-arm64 with Debian's g++-aarch64-linux-gnu; tests run under qemu-aarch64.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)

set(STRETCH_CROSS_TRIPLE aarch64-linux-gnu)
set(CMAKE_C_COMPILER ${STRETCH_CROSS_TRIPLE}-gcc)
set(CMAKE_CXX_COMPILER ${STRETCH_CROSS_TRIPLE}-g++)

# Libraries and headers of the target only; programs (cmake, the emulator) of the host.
set(CMAKE_FIND_ROOT_PATH /usr/${STRETCH_CROSS_TRIPLE})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# gtest_discover_tests and ctest run the test programs through this.
find_program(STRETCH_QEMU_AARCH64 NAMES qemu-aarch64-static qemu-aarch64)
if(STRETCH_QEMU_AARCH64)
  set(CMAKE_CROSSCOMPILING_EMULATOR ${STRETCH_QEMU_AARCH64} -L /usr/${STRETCH_CROSS_TRIPLE})
endif()
