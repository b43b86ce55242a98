# Install rules: headers, exported targets (flatnn::core, flatnn::cpu, flatnn::flatnn, and flatnn::vulkan /
# flatnn::edgetpu when those backends are built), flatnnConfig.cmake with components, an arch-independent
# flatnnConfigVersion.cmake and flatnn.pc. Included at the end of the top-level CMakeLists.txt so that backend
# targets defined in subdirectories exist.
include(CMakePackageConfigHelpers)

set(FLATNN_INSTALL_CMAKEDIR "${CMAKE_INSTALL_DATADIR}/cmake/flatnn" CACHE STRING
  "Where flatnnConfig.cmake is installed (relative to the prefix)")

# Packages a component needs, found by find_dependency in flatnnConfig.cmake (a backend that links e.g. xsimd
# or Vulkan appends the package name here).
foreach(_flatnn_component core cpu vulkan edgetpu)
  if(NOT DEFINED FLATNN_PACKAGE_DEPENDENCIES_${_flatnn_component})
    set(FLATNN_PACKAGE_DEPENDENCIES_${_flatnn_component} "")
  endif()
endforeach()

# Link dependencies the package must find for its consumers (the imported target names come from these
# packages' own config files).
set(_flatnn_package_of_xsimd xsimd)
set(_flatnn_package_of_Vulkan::Vulkan Vulkan)
set(_flatnn_package_of_Threads::Threads Threads)
foreach(_flatnn_component core cpu vulkan edgetpu)
  if(TARGET flatnn_${_flatnn_component})
    get_target_property(_flatnn_links flatnn_${_flatnn_component} INTERFACE_LINK_LIBRARIES)
    foreach(_flatnn_link IN LISTS _flatnn_links)
      if(DEFINED _flatnn_package_of_${_flatnn_link})
        list(APPEND FLATNN_PACKAGE_DEPENDENCIES_${_flatnn_component} ${_flatnn_package_of_${_flatnn_link}})
      endif()
    endforeach()
    list(REMOVE_DUPLICATES FLATNN_PACKAGE_DEPENDENCIES_${_flatnn_component})
  endif()
endforeach()

# Header-only dependencies located by a header path (the CPU backend's xsimd: only its headers are used, and
# Debian's xsimd CMake package names an xtl link dependency that it does not ship, so find_dependency(xsimd)
# would break consumers there).
set(FLATNN_HEADER_DEPENDENCIES_cpu "")
if(FLATNN_XSIMD_INCLUDE_DIR)
  list(APPEND FLATNN_HEADER_DEPENDENCIES_cpu xsimd/xsimd.hpp)
endif()
# The Vulkan backend needs only the Vulkan headers (the loader library is opened at run time).
set(FLATNN_HEADER_DEPENDENCIES_vulkan "")
if(TARGET flatnn_vulkan)
  list(APPEND FLATNN_HEADER_DEPENDENCIES_vulkan vulkan/vulkan.h)
endif()

set(_flatnn_targets flatnn_core flatnn_cpu flatnn_flatnn)
set(FLATNN_INSTALLED_COMPONENTS core cpu flatnn)
install(DIRECTORY include/ backends/cpu/include/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
foreach(_flatnn_backend vulkan edgetpu)
  if(TARGET flatnn_${_flatnn_backend})
    list(APPEND _flatnn_targets flatnn_${_flatnn_backend})
    list(APPEND FLATNN_INSTALLED_COMPONENTS ${_flatnn_backend})
    if(EXISTS "${PROJECT_SOURCE_DIR}/backends/${_flatnn_backend}/include")
      install(DIRECTORY backends/${_flatnn_backend}/include/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
    endif()
  endif()
endforeach()

install(TARGETS ${_flatnn_targets} EXPORT flatnnTargets)
install(EXPORT flatnnTargets NAMESPACE flatnn:: DESTINATION ${FLATNN_INSTALL_CMAKEDIR})

configure_package_config_file(cmake/flatnnConfig.cmake.in "${PROJECT_BINARY_DIR}/flatnnConfig.cmake"
  INSTALL_DESTINATION ${FLATNN_INSTALL_CMAKEDIR} NO_SET_AND_CHECK_MACRO)
# Header-only: the same package serves 32- and 64-bit consumers. 0.x: a minor version may break the API.
write_basic_package_version_file("${PROJECT_BINARY_DIR}/flatnnConfigVersion.cmake"
  COMPATIBILITY SameMinorVersion ARCH_INDEPENDENT)
install(FILES "${PROJECT_BINARY_DIR}/flatnnConfig.cmake" "${PROJECT_BINARY_DIR}/flatnnConfigVersion.cmake"
  DESTINATION ${FLATNN_INSTALL_CMAKEDIR})

# pkg-config, relocatable: the prefix is computed from the .pc file's own directory.
set(_flatnn_pcdir "${CMAKE_INSTALL_DATADIR}/pkgconfig")
file(RELATIVE_PATH FLATNN_PC_PREFIX_FROM_PCDIR "/prefix/${_flatnn_pcdir}" "/prefix")
configure_file(cmake/flatnn.pc.in "${PROJECT_BINARY_DIR}/flatnn.pc" @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/flatnn.pc" DESTINATION ${_flatnn_pcdir})
