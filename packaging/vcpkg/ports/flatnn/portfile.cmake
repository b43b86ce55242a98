# Header-only: one release configuration serves every build type.
set(VCPKG_BUILD_TYPE release)

vcpkg_from_github(
    OUT_SOURCE_PATH SOURCE_PATH
    REPO flatnn/flatnn
    REF "v${VERSION}"
    SHA512 0
    HEAD_REF main
)

vcpkg_check_features(OUT_FEATURE_OPTIONS FEATURE_OPTIONS
    FEATURES
        vulkan  FLATNN_BUILD_VULKAN
        edgetpu FLATNN_BUILD_EDGETPU
)

vcpkg_cmake_configure(
    SOURCE_PATH "${SOURCE_PATH}"
    OPTIONS
        ${FEATURE_OPTIONS}
        -DFLATNN_INSTALL=ON
        -DFLATNN_BUILD_TESTS=OFF
        -DFLATNN_BUILD_TOOLS=OFF
        -DFLATNN_BUILD_EXAMPLES=OFF
        -DFLATNN_BUILD_BENCH=OFF
        -DFLATNN_BUILD_FUZZERS=OFF
        -DFLATNN_NATIVE_ARCH=OFF
)
vcpkg_cmake_install()
vcpkg_cmake_config_fixup(CONFIG_PATH share/cmake/flatnn)
vcpkg_fixup_pkgconfig()

# A feature whose backend this source does not have must fail here, not in the user's find_package.
file(READ "${CURRENT_PACKAGES_DIR}/share/${PORT}/flatnnTargets.cmake" _flatnn_targets)
foreach(_flatnn_feature IN ITEMS vulkan edgetpu)
    if(_flatnn_feature IN_LIST FEATURES AND NOT _flatnn_targets MATCHES "flatnn::${_flatnn_feature}")
        message(FATAL_ERROR "flatnn ${VERSION} has no ${_flatnn_feature} backend: feature '${_flatnn_feature}' cannot be built")
    endif()
endforeach()

file(REMOVE_RECURSE "${CURRENT_PACKAGES_DIR}/debug" "${CURRENT_PACKAGES_DIR}/lib")
file(INSTALL "${CMAKE_CURRENT_LIST_DIR}/usage" DESTINATION "${CURRENT_PACKAGES_DIR}/share/${PORT}")
vcpkg_install_copyright(FILE_LIST "${SOURCE_PATH}/LICENSE")
