# stretch_quality_peers (included by native/CMakeLists.txt with STRETCH_BUILD_PEERS=ON; never in CI's
# default build). Rubber Band comes from pkg-config (Debian: librubberband-dev, version 3); Signalsmith
# Stretch and its Signalsmith Linear dependency from STRETCH_PEERS_DIR, where
# native/quality/fetch_peers.sh clones them. The tool is built with whichever of the two is found.
# Rubber Band is GPL: only this measurement tool links it; the library and its tests never do.
set(STRETCH_PEERS_DIR "${CMAKE_CURRENT_SOURCE_DIR}/../artifacts/peers" CACHE PATH
    "Folder holding signalsmith-stretch/ and signalsmith-linear/ (native/quality/fetch_peers.sh)")
find_package(PkgConfig QUIET)
if(PkgConfig_FOUND)
  pkg_check_modules(STRETCH_RUBBERBAND IMPORTED_TARGET rubberband>=3.0)
endif()
set(_stretch_peer_sources ${CMAKE_CURRENT_SOURCE_DIR}/quality/peers_main.cpp)
set(_stretch_peer_defs)
if(STRETCH_RUBBERBAND_FOUND)
  list(APPEND _stretch_peer_sources ${CMAKE_CURRENT_SOURCE_DIR}/quality/peer_rubberband.cpp)
  list(APPEND _stretch_peer_defs STRETCH_PEER_RUBBERBAND)
else()
  message(STATUS "stretch_quality_peers: no Rubber Band 3 (apt-get install librubberband-dev)")
endif()
set(_stretch_signalsmith ${STRETCH_PEERS_DIR}/signalsmith-stretch/signalsmith-stretch.h)
if(EXISTS ${_stretch_signalsmith} AND EXISTS ${STRETCH_PEERS_DIR}/signalsmith-linear/stft.h)
  list(APPEND _stretch_peer_sources ${CMAKE_CURRENT_SOURCE_DIR}/quality/peer_signalsmith.cpp)
  list(APPEND _stretch_peer_defs STRETCH_PEER_SIGNALSMITH)
else()
  message(STATUS "stretch_quality_peers: no Signalsmith Stretch in ${STRETCH_PEERS_DIR} (native/quality/fetch_peers.sh)")
endif()
if(_stretch_peer_defs)
  add_executable(stretch_quality_peers ${_stretch_peer_sources} quality/quality_table.cpp quality/ours.cpp
                 tests/support/real_material.cpp tests/support/analysis.cpp)
  target_include_directories(stretch_quality_peers PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src ${CMAKE_CURRENT_SOURCE_DIR}/tests)
  # The peers' headers as system headers: our warning flags are for our code.
  target_include_directories(stretch_quality_peers SYSTEM PRIVATE ${STRETCH_PEERS_DIR}/signalsmith-stretch/include
                             ${STRETCH_PEERS_DIR})
  target_compile_definitions(stretch_quality_peers PRIVATE ${_stretch_peer_defs})
  target_compile_options(stretch_quality_peers PRIVATE ${STRETCH_WARNINGS} ${STRETCH_ARCH_LIST})
  target_link_libraries(stretch_quality_peers PRIVATE stretch_static)
  if(STRETCH_RUBBERBAND_FOUND)
    target_link_libraries(stretch_quality_peers PRIVATE PkgConfig::STRETCH_RUBBERBAND)
  endif()
endif()
