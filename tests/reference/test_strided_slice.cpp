// STRIDED_SLICE spec canonicalization (reference::strided_slice_plan) on cases the converter rarely emits:
// ellipsis, new axes, masks with negative strides, and invalid specs. Expected shapes and elements follow
// numpy slicing, worked out by hand.
#include <doctest/doctest.h>

#include <numeric>
#include <vector>

#include "flatnn/reference/strided_slice.hpp"

using namespace flatnn;
using namespace flatnn::reference;

namespace {
struct plan_result {
    const char* error;
    shape out;
    std::vector<int32_t> values;  // the slice of iota(input)
};

plan_result run(const shape& in, std::vector<int64_t> b, std::vector<int64_t> e, std::vector<int64_t> s, int32_t bm,
                int32_t em, int32_t ellipsis, int32_t newaxis, int32_t shrink) {
    strided_slice_spec sp;
    sp.count = int(b.size());
    sp.begin = b.data(), sp.end = e.data(), sp.strides = s.data();
    sp.begin_mask = bm, sp.end_mask = em, sp.ellipsis_mask = ellipsis, sp.new_axis_mask = newaxis;
    sp.shrink_axis_mask = shrink;
    plan_result r;
    strided_view v;
    r.error = strided_slice_plan(in, sp, v, r.out);
    if (r.error) return r;
    std::vector<int32_t> src(size_t(in.num_elements()));
    std::iota(src.begin(), src.end(), 0);
    r.values.resize(size_t(r.out.num_elements()));
    simplify(v);
    strided_copy(v, sizeof(int32_t), reinterpret_cast<const uint8_t*>(src.data()), reinterpret_cast<uint8_t*>(r.values.data()));
    return r;
}
}  // namespace

TEST_CASE("x[..., 1] on [2,3,2] shrinks the last axis") {
    auto r = run(shape{2, 3, 2}, {0, 1}, {0, 2}, {1, 1}, 0, 0, 1, 0, 2);
    REQUIRE(r.error == nullptr);
    CHECK(r.out == shape{2, 3});
    CHECK(r.values == std::vector<int32_t>{1, 3, 5, 7, 9, 11});
}

TEST_CASE("x[None, ::-1, 1:] on [2,3] adds an axis and reverses the first") {
    auto r = run(shape{2, 3}, {0, 0, 1}, {0, 0, 0}, {1, -1, 1}, 2, 6, 0, 1, 0);
    REQUIRE(r.error == nullptr);
    CHECK(r.out == shape{1, 2, 2});
    CHECK(r.values == std::vector<int32_t>{4, 5, 1, 2});
}

TEST_CASE("x[5:-9:-2] on [6] clamps the end before the first element") {
    auto r = run(shape{6}, {5}, {-9}, {-2}, 0, 0, 0, 0, 0);
    REQUIRE(r.error == nullptr);
    CHECK(r.out == shape{3});
    CHECK(r.values == std::vector<int32_t>{5, 3, 1});
}

TEST_CASE("empty and invalid slices") {
    auto empty = run(shape{4}, {3}, {1}, {1}, 0, 0, 0, 0, 0);
    REQUIRE(empty.error == nullptr);
    CHECK(empty.out == shape{0});
    CHECK(run(shape{4}, {0}, {4}, {0}, 0, 0, 0, 0, 0).error != nullptr);            // zero stride
    CHECK(run(shape{4}, {4}, {5}, {1}, 0, 0, 0, 0, 1).error != nullptr);            // shrink index out of range
    CHECK(run(shape{4}, {0, 0}, {1, 1}, {1, 1}, 0, 0, 0, 0, 0).error != nullptr);   // more entries than axes
    CHECK(run(shape{4}, {0, 0}, {1, 1}, {1, 1}, 0, 0, 3, 0, 0).error != nullptr);   // two ellipses
}
