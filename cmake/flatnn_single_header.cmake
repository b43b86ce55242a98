# FLATNN_TEST_SINGLE_HEADER: everything built here (tests, tools, examples) compiles against
# single_include/flatnn/flatnn.hpp instead of include/. A header the single header contains is replaced by a
# one-line shim that includes the single header, so a test that includes "flatnn/ops/add.hpp" still gets each
# definition exactly once, from the single header. Headers the single header does not contain (io/npy.hpp, ...)
# are still found in include/, after the shims.
set(_flatnn_single "${PROJECT_SOURCE_DIR}/single_include/flatnn/flatnn.hpp")
if(NOT EXISTS "${_flatnn_single}")
  message(FATAL_ERROR "FLATNN_TEST_SINGLE_HEADER: ${_flatnn_single} is missing; run tools/amalgamate.py")
endif()
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${_flatnn_single}")
file(STRINGS "${_flatnn_single}" _flatnn_parts REGEX "^//// flatnn/.*\\.hpp$")
set(_flatnn_shims "${PROJECT_BINARY_DIR}/single_header_shims")
file(REMOVE_RECURSE "${_flatnn_shims}")
foreach(_flatnn_part IN LISTS _flatnn_parts)
  string(REGEX REPLACE "^//// " "" _flatnn_part "${_flatnn_part}")
  if(NOT _flatnn_part STREQUAL "flatnn/flatnn.hpp")
    file(WRITE "${_flatnn_shims}/${_flatnn_part}"
      "#pragma once\n// Shim: this header is part of the single header.\n#include \"flatnn/flatnn.hpp\"\n")
  endif()
endforeach()
list(LENGTH _flatnn_parts _flatnn_count)
message(STATUS "flatnn: building against the single header (${_flatnn_count} headers inlined)")

# Replace the include directories of the build-tree targets (install rules keep include/).
set_property(TARGET flatnn_core PROPERTY INTERFACE_INCLUDE_DIRECTORIES
  "$<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/single_include>"
  "$<BUILD_INTERFACE:${_flatnn_shims}>"
  "$<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include>"
  "$<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>")
set_property(TARGET flatnn_cpu PROPERTY INTERFACE_INCLUDE_DIRECTORIES
  "$<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>")

# The single header must be current with include/ (otherwise this build would test stale code).
find_package(Python3 COMPONENTS Interpreter)
if(Python3_FOUND)
  add_custom_target(flatnn_single_header_current ALL
    COMMAND Python3::Interpreter "${PROJECT_SOURCE_DIR}/tools/amalgamate.py" --check
    COMMENT "Checking that single_include/flatnn/flatnn.hpp is current")
else()
  message(WARNING "FLATNN_TEST_SINGLE_HEADER: no python3, cannot check that the single header is current")
endif()
