// GATHER and EMBEDDING_LOOKUP with indices computed at run time: rows come out in index order, and an index
// outside the axis fails invoke with its position instead of reading out of bounds.
#include <doctest/doctest.h>

#include <string>

#include "flatnn/flatnn.hpp"
#include "support/index_op.hpp"
#include "support/single_op.hpp"

using namespace flatnn;
using test::raw;
using test::single_op;

namespace {
const std::vector<float> table = {0, 1, 10, 11, 20, 21, 30, 31};  // [4, 2]
}

TEST_CASE("gather rows of a [4,2] table at run-time indices") {
    single_op r(test::index_op_model(36, {4, 2}, {3}, {3, 2}, false), {raw<float>(table), raw<int32_t>({3, 0, 3})});
    REQUIRE_MESSAGE(r.s, r.s.message());
    CHECK(r.out<float>(0) == std::vector<float>{30, 31, 0, 1, 30, 31});
}

TEST_CASE("gather fails on an index past the end or negative") {
    for (int32_t bad : {4, -1, 1 << 30}) {
        CAPTURE(bad);
        single_op r(test::index_op_model(36, {4, 2}, {3}, {3, 2}, false), {raw<float>(table), raw<int32_t>({0, bad, 1})});
        REQUIRE_FALSE(r.s);
        CHECK(r.s.message().find("indices[1] = " + std::to_string(bad) + " is outside [0, 4)") != std::string::npos);
    }
}

TEST_CASE("embedding_lookup copies rows and rejects ids outside the table") {
    single_op ok(test::index_op_model(7, {4, 2}, {2}, {2, 2}, true), {raw<int32_t>({2, 1}), raw<float>(table)});
    REQUIRE_MESSAGE(ok.s, ok.s.message());
    CHECK(ok.out<float>(0) == std::vector<float>{20, 21, 10, 11});
    single_op bad(test::index_op_model(7, {4, 2}, {2}, {2, 2}, true), {raw<int32_t>({2, 4}), raw<float>(table)});
    REQUIRE_FALSE(bad.s);
    CHECK(bad.s.message().find("ids[1] = 4 is outside the table of 4 rows") != std::string::npos);
}
