import os

from conan import ConanFile
from conan.tools.build import can_run
from conan.tools.cmake import CMake, cmake_layout


class FlatnnTestPackage(ConanFile):
    settings = "os", "arch", "compiler", "build_type"
    generators = "CMakeDeps", "CMakeToolchain"

    def requirements(self):
        self.requires(self.tested_reference_str)

    def layout(self):
        cmake_layout(self)

    def build(self):
        cmake = CMake(self)
        cmake.configure()
        cmake.build()

    def test(self):
        if can_run(self):
            # A model fixture of the repository this test_package lives in (TensorFlow Lite's outputs beside it).
            fixture = os.path.join(self.source_folder, "..", "..", "..", "tests", "data", "ops", "conv_2d_same_s2_int8")
            self.run(f"{os.path.join(self.cpp.build.bindir, 'test_package')} {fixture}", env="conanrun")
