"""Conan 2 recipe for flatnn: a header-only package with components core, cpu, flatnn (core + cpu) and, as options,
vulkan and edgetpu (refused until those backends exist). Run from the repository:
    conan create packaging/conan -pr:a packaging/conan/profiles/system-deps
"""
import os
import re

from conan import ConanFile
from conan.errors import ConanInvalidConfiguration
from conan.tools.build import check_min_cppstd
from conan.tools.files import copy, load

required_conan_version = ">=2.0"

REPO_ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")


class FlatnnConan(ConanFile):
    name = "flatnn"
    description = "Header-only C++17 runtime for TensorFlow Lite models, bit-exact with TensorFlow Lite's reference kernels"
    license = "MIT"
    topics = ("tflite", "tensorflow-lite", "inference", "header-only")
    package_type = "header-library"
    settings = "os", "arch", "compiler", "build_type"
    options = {"vulkan": [True, False], "edgetpu": [True, False]}
    default_options = {"vulkan": False, "edgetpu": False}
    no_copy_source = True

    def set_version(self):
        text = load(self, os.path.join(REPO_ROOT, "include", "flatnn", "version.hpp"))
        self.version = re.search(r'FLATNN_VERSION_STRING\s+"([^"]+)"', text).group(1)

    def export_sources(self):
        for pattern in ("include/*", "backends/*", "single_include/*", "LICENSE"):
            copy(self, pattern, REPO_ROOT, self.export_sources_folder)

    def requirements(self):
        # The CPU backend's SIMD kernels are xsimd templates (headers only).
        self.requires("xsimd/[>=8.0 <14]")

    def validate(self):
        check_min_cppstd(self, 17)
        for backend in ("vulkan", "edgetpu"):
            if self.options.get_safe(backend):
                raise ConanInvalidConfiguration(
                    f"flatnn {self.version} has no {backend} backend yet: build with -o flatnn/*:{backend}=False")

    def package_id(self):
        self.info.clear()  # header-only: one package for every configuration (options are refused above)

    def package(self):
        copy(self, "LICENSE", self.source_folder, os.path.join(self.package_folder, "licenses"))
        copy(self, "*.hpp", os.path.join(self.source_folder, "include"), os.path.join(self.package_folder, "include"))
        copy(self, "*.hpp", os.path.join(self.source_folder, "backends", "cpu", "include"),
             os.path.join(self.package_folder, "include"))
        copy(self, "*.hpp", os.path.join(self.source_folder, "single_include"),
             os.path.join(self.package_folder, "single_include"))

    def _xsimd_is_a_package(self):
        for require, dependency in self.dependencies.host.items():
            if require.ref.name == "xsimd":
                return dependency.package_folder is not None
        return False

    def package_info(self):
        self.cpp_info.set_property("cmake_file_name", "flatnn")
        self.cpp_info.set_property("pkg_config_name", "flatnn")
        core = self.cpp_info.components["core"]
        core.set_property("cmake_target_name", "flatnn::core")
        core.bindirs = []
        core.libdirs = []
        if str(self.settings.compiler) in ("gcc", "clang", "apple-clang"):
            # Integer kernels that go through float must round each product as TensorFlow Lite does.
            core.cxxflags = ["-ffp-contract=off"]
        cpu = self.cpp_info.components["cpu"]
        cpu.set_property("cmake_target_name", "flatnn::cpu")
        cpu.bindirs = []
        cpu.libdirs = []
        cpu.requires = ["core"]
        # A platform xsimd (profile [platform_requires]) has no package and no target: its headers are on the
        # system include path.
        if self._xsimd_is_a_package():
            cpu.requires.append("xsimd::xsimd")
        umbrella = self.cpp_info.components["flatnn"]
        umbrella.set_property("cmake_target_name", "flatnn::flatnn")
        umbrella.bindirs = []
        umbrella.libdirs = []
        umbrella.requires = ["core", "cpu"]
