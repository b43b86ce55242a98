// GATHER_ND and SCATTER_ND with index vectors computed at run time: in-range vectors address the right slices
// (duplicates accumulate in SCATTER_ND), an index outside its dimension fails invoke without touching memory.
#include <doctest/doctest.h>

#include <string>

#include "flatnn/flatnn.hpp"
#include "support/index_op.hpp"
#include "support/single_op.hpp"

using namespace flatnn;
using test::raw;
using test::single_op;

TEST_CASE("gather_nd picks elements of a [2,3] tensor by (row, column)") {
    single_op r(test::index_op_model(107, {2, 3}, {2, 2}, {2}, false),
                {raw<float>({0, 1, 2, 10, 11, 12}), raw<int32_t>({1, 2, 0, 1})});
    REQUIRE_MESSAGE(r.s, r.s.message());
    CHECK(r.out<float>(0) == std::vector<float>{12, 1});
}

TEST_CASE("gather_nd fails on a column index past its dimension") {
    single_op r(test::index_op_model(107, {2, 3}, {2, 2}, {2}, false),
                {raw<float>({0, 1, 2, 10, 11, 12}), raw<int32_t>({1, 2, 0, 3})});
    REQUIRE_FALSE(r.s);
    CHECK(r.s.message().find("indices element 3 = 3 is outside [0, 3)") != std::string::npos);
}

TEST_CASE("scatter_nd sums updates at repeated indices and rejects negative ones") {
    // indices [3,1] (graph input), updates [3,2], shape [4,2] constant.
    single_op ok(test::index_op_model(122, {3, 2}, {3, 1}, {4, 2}, true, {{4, 2}}),
                 {raw<int32_t>({2, 0, 2}), raw<float>({1, 2, 3, 4, 5, 6})});
    REQUIRE_MESSAGE(ok.s, ok.s.message());
    CHECK(ok.out<float>(0) == std::vector<float>{3, 4, 0, 0, 6, 8, 0, 0});
    single_op bad(test::index_op_model(122, {3, 2}, {3, 1}, {4, 2}, true, {{4, 2}}),
                  {raw<int32_t>({2, -1, 2}), raw<float>({1, 2, 3, 4, 5, 6})});
    REQUIRE_FALSE(bad.s);
    CHECK(bad.s.message().find("indices element 1 = -1 is outside [0, 4)") != std::string::npos);
}
