# Builds and runs one consumer project the way a user would (cmake -P, called by ctest):
#   -DSTYLE=find_package|add_subdirectory|fetch_content|single_header|missing_component
#   -DFLATNN_SOURCE_DIR=... -DFLATNN_BINARY_DIR=... (the flatnn build, for cmake --install) -DWORK_DIR=...
#   -DFIXTURE=... -DGENERATOR=... -DCXX_COMPILER=... [-DCXX_STANDARD=17] [-DREQUESTED_COMPONENT=vulkan]
cmake_minimum_required(VERSION 3.16)
foreach(var STYLE FLATNN_SOURCE_DIR FLATNN_BINARY_DIR WORK_DIR GENERATOR CXX_COMPILER)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "run_consumer.cmake: ${var} is not set")
  endif()
endforeach()
if(NOT DEFINED CXX_STANDARD)
  set(CXX_STANDARD 17)
endif()

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    string(REPLACE ";" " " cmd "${ARGN}")
    message(FATAL_ERROR "failed (${rc}): ${cmd}")
  endif()
endfunction()

file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
# Release (-O3) for the installed-package consumer, whose inlining exposes more warnings; unoptimized (faster
# to compile) for the others.
if(STYLE STREQUAL "find_package")
  set(build_type Release)
else()
  set(build_type "")
endif()
set(args -G "${GENERATOR}" -DCMAKE_CXX_COMPILER=${CXX_COMPILER} -DCMAKE_BUILD_TYPE=${build_type}
  -DCMAKE_CXX_STANDARD=${CXX_STANDARD} "-DCMAKE_CXX_FLAGS=-Wall -Wextra -Wpedantic -Werror"
  -DFLATNN_SOURCE_DIR=${FLATNN_SOURCE_DIR} -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF)

if(STYLE STREQUAL "find_package" OR STYLE STREQUAL "missing_component")
  # Install the package the way a user (or a package manager) does, into a fresh prefix.
  run(${CMAKE_COMMAND} --install "${FLATNN_BINARY_DIR}" --prefix "${WORK_DIR}/prefix")
  foreach(f share/cmake/flatnn/flatnnConfig.cmake share/cmake/flatnn/flatnnConfigVersion.cmake
            share/cmake/flatnn/flatnnTargets.cmake share/pkgconfig/flatnn.pc include/flatnn/flatnn.hpp
            include/flatnn/cpu/cpu_backend.hpp)
    if(NOT EXISTS "${WORK_DIR}/prefix/${f}")
      message(FATAL_ERROR "cmake --install did not install ${f}")
    endif()
  endforeach()
  file(READ "${WORK_DIR}/prefix/share/cmake/flatnn/flatnnConfigVersion.cmake" version_file)
  if(NOT version_file MATCHES "requested no architecture check[^\n]*\nif\\(\"TRUE\"\\)")
    message(FATAL_ERROR "flatnnConfigVersion.cmake is not ARCH_INDEPENDENT")
  endif()
  list(APPEND args -DCMAKE_PREFIX_PATH=${WORK_DIR}/prefix -DEXPECTED_PREFIX=${WORK_DIR}/prefix)
elseif(STYLE STREQUAL "fetch_content")
  # An archive of the tree as a release tarball would hold it (working tree, so uncommitted edits are tested).
  set(archive "${WORK_DIR}/flatnn-src.tar.gz")
  execute_process(COMMAND ${CMAKE_COMMAND} -E tar czf "${archive}" -- CMakeLists.txt cmake include backends
    WORKING_DIRECTORY "${FLATNN_SOURCE_DIR}" RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "could not archive the source tree")
  endif()
  list(APPEND args -DFLATNN_ARCHIVE=${archive} -DFETCHCONTENT_BASE_DIR=${WORK_DIR}/deps)
endif()

if(STYLE STREQUAL "missing_component")
  execute_process(COMMAND ${CMAKE_COMMAND} -S "${CMAKE_CURRENT_LIST_DIR}/missing_component" -B "${WORK_DIR}/build"
    ${args} -DREQUESTED_COMPONENT=${REQUESTED_COMPONENT}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(rc EQUAL 0)
    message(FATAL_ERROR "find_package(flatnn REQUIRED COMPONENTS ${REQUESTED_COMPONENT}) succeeded; it must fail")
  endif()
  if(NOT err MATCHES "Reason given by package:.*${REQUESTED_COMPONENT}")
    message(FATAL_ERROR "configure failed without naming the component:\n${err}")
  endif()
  string(REGEX MATCH "Reason given by package:[^\n]*\n[^\n]*\n[^\n]*" reason "${err}")
  message(STATUS "failed as required: ${reason}")
  return()
endif()

run(${CMAKE_COMMAND} -S "${CMAKE_CURRENT_LIST_DIR}/${STYLE}" -B "${WORK_DIR}/build" ${args})
run(${CMAKE_COMMAND} --build "${WORK_DIR}/build")
run("${WORK_DIR}/build/consumer" "${FIXTURE}")

if(STYLE STREQUAL "find_package")
  # pkg-config users: the .pc file alone must be enough to compile and run the same program.
  find_program(PKG_CONFIG pkg-config)
  if(PKG_CONFIG)
    set(ENV{PKG_CONFIG_PATH} "${WORK_DIR}/prefix/share/pkgconfig")
    execute_process(COMMAND ${PKG_CONFIG} --cflags flatnn OUTPUT_VARIABLE cflags RESULT_VARIABLE rc
      OUTPUT_STRIP_TRAILING_WHITESPACE)
    if(NOT rc EQUAL 0 OR NOT cflags MATCHES "-ffp-contract=off")
      message(FATAL_ERROR "pkg-config --cflags flatnn: '${cflags}' (rc ${rc})")
    endif()
    separate_arguments(cflags UNIX_COMMAND "${cflags}")
    run(${CXX_COMPILER} -std=c++${CXX_STANDARD} -O1 -Wall -Wextra -Wpedantic -Werror ${cflags}
      "${CMAKE_CURRENT_LIST_DIR}/common/run_fixture.cpp" -o "${WORK_DIR}/pkg_config_consumer")
    run("${WORK_DIR}/pkg_config_consumer" "${FIXTURE}")
  else()
    message(STATUS "SKIPPED: pkg-config is not installed; the flatnn.pc consumer did not run")
  endif()
endif()
