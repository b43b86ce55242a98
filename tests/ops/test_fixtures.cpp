// Every fixture in tests/data/ops (tiny models made by TensorFlow Lite's converter, expected outputs from
// TensorFlow Lite's interpreter, see tools/gen_fixtures.py) through the interpreter: integer outputs must be
// bit-exact, float outputs within |diff| <= 1e-5 + 1e-5·|expected| (TFLite runs float models through XNNPACK,
// whose summation order differs from the reference kernels').
#include <doctest/doctest.h>
#include <dirent.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "flatnn/flatnn.hpp"
#include "flatnn/io/npy.hpp"
#include "support/shared.hpp"

using namespace flatnn;

namespace {

std::vector<std::string> fixture_dirs() {
    std::vector<std::string> out;
    const std::string root = test::test_data_dir() + "/ops";
    if (DIR* d = ::opendir(root.c_str())) {
        while (dirent* e = ::readdir(d))
            if (e->d_name[0] != '.' && test::path_exists(root + "/" + e->d_name + "/model.tflite"))
                out.push_back(e->d_name);
        ::closedir(d);
    }
    std::sort(out.begin(), out.end());
    return out;
}

template <class T>
double max_diff(const uint8_t* a, const uint8_t* b, size_t n, size_t& differing, double& allowed_excess) {
    double worst = 0;
    for (size_t i = 0; i < n; ++i) {
        T x, y;
        std::memcpy(&x, a + i * sizeof(T), sizeof(T));
        std::memcpy(&y, b + i * sizeof(T), sizeof(T));
        const double d = std::fabs(double(x) - double(y));
        if (d != 0 || (std::isnan(double(x)) != std::isnan(double(y)))) ++differing;
        worst = std::max(worst, d);
        if (std::is_floating_point<T>::value) allowed_excess = std::max(allowed_excess, d - (1e-5 + 1e-5 * std::fabs(double(y))));
    }
    return worst;
}

}  // namespace

TEST_CASE("op fixtures agree with TensorFlow Lite") {
    const auto dirs = fixture_dirs();
    REQUIRE_MESSAGE(dirs.size() > 0, "no fixtures found under tests/data/ops (run tools/gen_fixtures.py)");
    for (const auto& name : dirs) {
        CAPTURE(name);
        const std::string dir = test::test_data_dir() + "/ops/" + name;
        auto m = model::from_file(dir + "/model.tflite");
        REQUIRE_MESSAGE(m, m.error().message());
        interpreter it(*m);
        for (size_t i = 0; i < it.input_count(); ++i) {
            auto arr = npy::load(dir + "/input_" + std::to_string(i) + ".npy");
            REQUIRE_MESSAGE(arr, arr.error().message());
            shape s;
            for (auto d : arr->shape) s.push_back(int32_t(d));
            if (s != it.input(i).dims) REQUIRE(it.resize_input(i, s));
        }
        status st = it.allocate();
        REQUIRE_MESSAGE(st, st.message());
        for (size_t i = 0; i < it.input_count(); ++i) {
            auto arr = npy::load(dir + "/input_" + std::to_string(i) + ".npy");
            REQUIRE(arr->bytes.size() == it.input(i).bytes);
            std::memcpy(it.input(i).data, arr->bytes.data(), arr->bytes.size());
        }
        st = it.invoke();
        REQUIRE_MESSAGE(st, st.message());
        for (size_t o = 0; o < it.output_count(); ++o) {
            CAPTURE(o);
            auto exp = npy::load(dir + "/expected_" + std::to_string(o) + ".npy");
            REQUIRE_MESSAGE(exp, exp.error().message());
            const tensor& t = it.output(o);
            REQUIRE(exp->bytes.size() == t.bytes);
            std::vector<int64_t> dims(t.dims.begin(), t.dims.end());
            CHECK(dims == exp->shape);
            size_t differing = 0;
            double excess = -1;
            const size_t n = size_t(t.num_elements());
            double worst = 0;
            switch (t.type) {
                case dtype::float32: worst = max_diff<float>(t.data, exp->bytes.data(), n, differing, excess); break;
                case dtype::int8: worst = max_diff<int8_t>(t.data, exp->bytes.data(), n, differing, excess); break;
                case dtype::uint8: worst = max_diff<uint8_t>(t.data, exp->bytes.data(), n, differing, excess); break;
                case dtype::int16: worst = max_diff<int16_t>(t.data, exp->bytes.data(), n, differing, excess); break;
                case dtype::int32: worst = max_diff<int32_t>(t.data, exp->bytes.data(), n, differing, excess); break;
                case dtype::int64: worst = max_diff<int64_t>(t.data, exp->bytes.data(), n, differing, excess); break;
                case dtype::boolean: worst = max_diff<uint8_t>(t.data, exp->bytes.data(), n, differing, excess); break;
                default: FAIL("output type " << dtype_name(t.type) << " not compared");
            }
            if (t.type == dtype::float32) CHECK_MESSAGE(excess <= 0, "max |diff| " << worst << " beyond the float bound");
            else CHECK_MESSAGE(differing == 0, differing << " of " << n << " elements differ, max |diff| " << worst);
        }
    }
}
