// Element-wise, comparison, logical, select and reduction ops on the forms the converter fixtures cannot reach
// (int32/int64/bool tensors, error paths), through one-op models. Expected values are worked out by hand.
#include <doctest/doctest.h>

#include <climits>
#include <string>
#include <vector>

#include "flatnn/flatnn.hpp"
#include "support/model_builder.hpp"
#include "support/single_op.hpp"

using namespace flatnn;
using test::raw;
using test::single_op;

namespace {

constexpr int8_t f32 = 0, i32 = 2, i64 = 4, boolean = 6, i8 = 9;

struct io {
    std::vector<int32_t> shape;
    int8_t type;
};

// One op reading the given graph inputs (and, when axes is not empty, a constant int32 axis tensor after them).
test::tb_model op_model(schema::builtin_op code, std::vector<io> ins, io out, std::vector<int32_t> axes = {}) {
    test::tb_model m;
    m.opcodes = {{int32_t(code), ""}};
    test::tb_op op;
    for (size_t i = 0; i < ins.size(); ++i) {
        m.tensors.push_back(test::tt(ins[i].shape, ins[i].type, 0, "in" + std::to_string(i)));
        m.inputs.push_back(int32_t(i));
        op.inputs.push_back(int32_t(i));
    }
    if (!axes.empty()) {
        m.buffers.push_back(test::bytes_of(axes));
        m.tensors.push_back(test::tt({int32_t(axes.size())}, i32, 1, "axes"));
        op.inputs.push_back(int32_t(m.tensors.size() - 1));
    }
    m.tensors.push_back(test::tt(out.shape, out.type, 0, "out"));
    m.outputs = {int32_t(m.tensors.size() - 1)};
    op.outputs = m.outputs;
    m.ops = {op};
    return m;
}

std::vector<uint8_t> bools(std::vector<int> v) {
    std::vector<uint8_t> b;
    for (int x : v) b.push_back(uint8_t(x));
    return b;
}

}  // namespace

TEST_CASE("int32 ABS, NEG and SIGN") {
    const auto in = raw<int32_t>({-5, 0, 7, INT_MIN + 1});
    single_op a(op_model(schema::builtin_op::abs, {{{4}, i32}}, {{4}, i32}), {in});
    REQUIRE_MESSAGE(a.s, a.s.message());
    CHECK(a.out<int32_t>(0) == std::vector<int32_t>{5, 0, 7, INT_MAX});
    single_op n(op_model(schema::builtin_op::neg, {{{4}, i32}}, {{4}, i32}), {in});
    REQUIRE_MESSAGE(n.s, n.s.message());
    CHECK(n.out<int32_t>(0) == std::vector<int32_t>{5, 0, -7, INT_MAX});
    single_op s(op_model(schema::builtin_op::sign, {{{4}, i32}}, {{4}, i32}), {in});
    REQUIRE_MESSAGE(s.s, s.s.message());
    CHECK(s.out<int32_t>(0) == std::vector<int32_t>{-1, 0, 1, -1});
}

TEST_CASE("NEG of int64") {
    single_op n(op_model(schema::builtin_op::neg, {{{2}, i64}}, {{2}, i64}), {raw<int64_t>({-(int64_t(1) << 40), 3})});
    REQUIRE_MESSAGE(n.s, n.s.message());
    CHECK(n.out<int64_t>(0) == std::vector<int64_t>{int64_t(1) << 40, -3});
}

TEST_CASE("ROUND rounds halves to even") {
    single_op r(op_model(schema::builtin_op::round, {{{6}, f32}}, {{6}, f32}),
                {raw<float>({0.5f, 1.5f, 2.5f, -0.5f, -1.5f, 2.4f})});
    REQUIRE_MESSAGE(r.s, r.s.message());
    CHECK(r.out<float>(0) == std::vector<float>{0.0f, 2.0f, 2.0f, -0.0f, -2.0f, 2.0f});
}

TEST_CASE("LOGICAL_NOT, LOGICAL_AND and LOGICAL_OR on bool, broadcasting") {
    single_op n(op_model(schema::builtin_op::logical_not, {{{3}, boolean}}, {{3}, boolean}), {bools({1, 0, 1})});
    REQUIRE_MESSAGE(n.s, n.s.message());
    CHECK(n.out<uint8_t>(0) == std::vector<uint8_t>{0, 1, 0});
    const auto a = bools({1, 0, 1, 1, 0, 0}), b = bools({1, 0, 1});
    single_op x(op_model(schema::builtin_op::logical_and, {{{2, 3}, boolean}, {{3}, boolean}}, {{2, 3}, boolean}), {a, b});
    REQUIRE_MESSAGE(x.s, x.s.message());
    CHECK(x.out<uint8_t>(0) == std::vector<uint8_t>{1, 0, 1, 1, 0, 0});
    single_op o(op_model(schema::builtin_op::logical_or, {{{2, 3}, boolean}, {{3}, boolean}}, {{2, 3}, boolean}), {a, b});
    REQUIRE_MESSAGE(o.s, o.s.message());
    CHECK(o.out<uint8_t>(0) == std::vector<uint8_t>{1, 0, 1, 1, 0, 1});
}

TEST_CASE("comparisons of int32 and bool give bool") {
    const auto a = raw<int32_t>({1, 5, -3, 4}), b = raw<int32_t>({4});
    single_op l(op_model(schema::builtin_op::less, {{{4}, i32}, {{1}, i32}}, {{4}, boolean}), {a, b});
    REQUIRE_MESSAGE(l.s, l.s.message());
    CHECK(l.out<uint8_t>(0) == std::vector<uint8_t>{1, 0, 1, 0});
    single_op ge(op_model(schema::builtin_op::greater_equal, {{{4}, i32}, {{1}, i32}}, {{4}, boolean}), {a, b});
    REQUIRE_MESSAGE(ge.s, ge.s.message());
    CHECK(ge.out<uint8_t>(0) == std::vector<uint8_t>{0, 1, 0, 1});
    single_op e(op_model(schema::builtin_op::equal, {{{3}, boolean}, {{3}, boolean}}, {{3}, boolean}),
                {bools({1, 0, 0}), bools({1, 1, 0})});
    REQUIRE_MESSAGE(e.s, e.s.message());
    CHECK(e.out<uint8_t>(0) == std::vector<uint8_t>{1, 0, 1});
    single_op bad(op_model(schema::builtin_op::less, {{{3}, boolean}, {{3}, boolean}}, {{3}, boolean}),
                  {bools({1, 0, 0}), bools({1, 1, 0})});
    CHECK_FALSE(bad.s);
}

TEST_CASE("a comparison must write bool") {
    single_op r(op_model(schema::builtin_op::greater, {{{2}, f32}, {{2}, f32}}, {{2}, f32}),
                {raw<float>({1, 2}), raw<float>({2, 1})});
    REQUIRE_FALSE(r.s);
    CHECK(std::string(r.s.message()).find("output has type float32, expected bool") != std::string::npos);
}

TEST_CASE("FLOOR_DIV and FLOOR_MOD of int32 round toward negative infinity") {
    const auto a = raw<int32_t>({7, -7, 7, -7}), b = raw<int32_t>({2, 2, -2, -2});
    single_op d(op_model(schema::builtin_op::floor_div, {{{4}, i32}, {{4}, i32}}, {{4}, i32}), {a, b});
    REQUIRE_MESSAGE(d.s, d.s.message());
    CHECK(d.out<int32_t>(0) == std::vector<int32_t>{3, -4, -4, 3});
    single_op m(op_model(schema::builtin_op::floor_mod, {{{4}, i32}, {{4}, i32}}, {{4}, i32}), {a, b});
    REQUIRE_MESSAGE(m.s, m.s.message());
    CHECK(m.out<int32_t>(0) == std::vector<int32_t>{1, 1, -1, -1});
}

TEST_CASE("integer division by zero is an error, not a crash") {
    for (auto code : {schema::builtin_op::floor_div, schema::builtin_op::floor_mod, schema::builtin_op::div}) {
        single_op d(op_model(code, {{{2}, i32}, {{2}, i32}}, {{2}, i32}), {raw<int32_t>({1, 2}), raw<int32_t>({1, 0})});
        REQUIRE_FALSE(d.s);
        CHECK(std::string(d.s.message()).find("division by zero (input 1 element 1)") != std::string::npos);
    }
}

TEST_CASE("DIV of int32 truncates") {
    single_op d(op_model(schema::builtin_op::div, {{{3}, i32}, {{3}, i32}}, {{3}, i32}),
                {raw<int32_t>({7, -7, 9}), raw<int32_t>({2, 2, -4})});
    REQUIRE_MESSAGE(d.s, d.s.message());
    CHECK(d.out<int32_t>(0) == std::vector<int32_t>{3, -3, -2});
}

TEST_CASE("POW of int32, and a negative exponent is an error") {
    single_op p(op_model(schema::builtin_op::pow, {{{3}, i32}, {{3}, i32}}, {{3}, i32}),
                {raw<int32_t>({3, -2, 5}), raw<int32_t>({4, 3, 0})});
    REQUIRE_MESSAGE(p.s, p.s.message());
    CHECK(p.out<int32_t>(0) == std::vector<int32_t>{81, -8, 1});
    single_op bad(op_model(schema::builtin_op::pow, {{{1}, i32}, {{1}, i32}}, {{1}, i32}),
                  {raw<int32_t>({2}), raw<int32_t>({-1})});
    REQUIRE_FALSE(bad.s);
    CHECK(std::string(bad.s.message()).find("negative integer power") != std::string::npos);
}

TEST_CASE("MAXIMUM, MINIMUM, SUB and SQUARED_DIFFERENCE of int32") {
    const auto a = raw<int32_t>({1, -4, 6}), b = raw<int32_t>({3});
    single_op mx(op_model(schema::builtin_op::maximum, {{{3}, i32}, {{1}, i32}}, {{3}, i32}), {a, b});
    REQUIRE_MESSAGE(mx.s, mx.s.message());
    CHECK(mx.out<int32_t>(0) == std::vector<int32_t>{3, 3, 6});
    single_op mn(op_model(schema::builtin_op::minimum, {{{3}, i32}, {{1}, i32}}, {{3}, i32}), {a, b});
    CHECK(mn.out<int32_t>(0) == std::vector<int32_t>{1, -4, 3});
    single_op s(op_model(schema::builtin_op::sub, {{{3}, i32}, {{1}, i32}}, {{3}, i32}), {a, b});
    REQUIRE_MESSAGE(s.s, s.s.message());
    CHECK(s.out<int32_t>(0) == std::vector<int32_t>{-2, -7, 3});
    single_op sq(op_model(schema::builtin_op::squared_difference, {{{3}, i32}, {{1}, i32}}, {{3}, i32}), {a, b});
    REQUIRE_MESSAGE(sq.s, sq.s.message());
    CHECK(sq.out<int32_t>(0) == std::vector<int32_t>{4, 49, 9});
}

// Results outside int32 (found by fuzzing): two's-complement wrap as TFLite's kernels do on x86, or saturation
// where TFLite converts a double; never undefined behaviour (the sanitizer build runs this).
TEST_CASE("int32 edge values: INT_MIN / -1, |INT_MIN|, squares and products past 2^31") {
    const auto m = raw<int32_t>({INT_MIN, INT_MIN, 7}), neg1 = raw<int32_t>({-1, -1, -1});
    single_op d(op_model(schema::builtin_op::div, {{{3}, i32}, {{3}, i32}}, {{3}, i32}), {m, neg1});
    REQUIRE_MESSAGE(d.s, d.s.message());
    CHECK(d.out<int32_t>(0) == std::vector<int32_t>{INT_MIN, INT_MIN, -7});
    single_op fd(op_model(schema::builtin_op::floor_div, {{{3}, i32}, {{3}, i32}}, {{3}, i32}), {m, neg1});
    REQUIRE_MESSAGE(fd.s, fd.s.message());
    CHECK(fd.out<int32_t>(0) == std::vector<int32_t>{INT_MAX, INT_MAX, -7});
    single_op fm(op_model(schema::builtin_op::floor_mod, {{{3}, i32}, {{3}, i32}}, {{3}, i32}), {m, neg1});
    REQUIRE_MESSAGE(fm.s, fm.s.message());
    CHECK(fm.out<int32_t>(0) == std::vector<int32_t>{0, 0, 0});
    single_op a(op_model(schema::builtin_op::abs, {{{3}, i32}}, {{3}, i32}), {m});
    REQUIRE_MESSAGE(a.s, a.s.message());
    CHECK(a.out<int32_t>(0) == std::vector<int32_t>{INT_MIN, INT_MIN, 7});
    single_op n(op_model(schema::builtin_op::neg, {{{3}, i32}}, {{3}, i32}), {m});
    REQUIRE_MESSAGE(n.s, n.s.message());
    CHECK(n.out<int32_t>(0) == std::vector<int32_t>{INT_MIN, INT_MIN, -7});
    // (-12582679)^2 = 158323811825041 = 2726351889 mod 2^32, which as int32 is -1568615407 (Python: x*x % 2**32)
    single_op sq(op_model(schema::builtin_op::squared_difference, {{{2}, i32}, {{2}, i32}}, {{2}, i32}),
                 {raw<int32_t>({-12582679, INT_MIN}), raw<int32_t>({0, 1})});
    REQUIRE_MESSAGE(sq.s, sq.s.message());
    // (INT_MIN - 1) wraps to INT_MAX, whose square is 2^62 - 2^32 + 1 = 1 mod 2^32
    CHECK(sq.out<int32_t>(0) == std::vector<int32_t>{-1568615407, 1});
    single_op sub(op_model(schema::builtin_op::sub, {{{1}, i32}, {{1}, i32}}, {{1}, i32}), {raw<int32_t>({INT_MIN}), raw<int32_t>({1})});
    REQUIRE_MESSAGE(sub.s, sub.s.message());
    CHECK(sub.out<int32_t>(0) == std::vector<int32_t>{INT_MAX});
    // 65536 * 65536 * 3 = 3 * 2^32 = 0 mod 2^32; 46341^2 = 2147488281 = 2^31 + 4633 -> -2147479015
    single_op p(op_model(schema::builtin_op::reduce_prod, {{{2, 3}, i32}}, {{2}, i32}, {1}),
                {raw<int32_t>({65536, 65536, 3, 46341, 46341, 1})});
    REQUIRE_MESSAGE(p.s, p.s.message());
    CHECK(p.out<int32_t>(0) == std::vector<int32_t>{0, -2147479015});
}

TEST_CASE("SELECT with a vector condition picks whole rows; SELECT_V2 broadcasts all three") {
    const auto x = raw<int32_t>({1, 2, 3, 4, 5, 6}), y = raw<int32_t>({-1, -2, -3, -4, -5, -6});
    single_op s(op_model(schema::builtin_op::select, {{{2}, boolean}, {{2, 3}, i32}, {{2, 3}, i32}}, {{2, 3}, i32}),
                {bools({0, 1}), x, y});
    REQUIRE_MESSAGE(s.s, s.s.message());
    CHECK(s.out<int32_t>(0) == std::vector<int32_t>{-1, -2, -3, 4, 5, 6});
    single_op v(op_model(schema::builtin_op::select_v2, {{{3}, boolean}, {{2, 3}, i32}, {{1}, i32}}, {{2, 3}, i32}),
                {bools({1, 0, 1}), x, raw<int32_t>({0})});
    REQUIRE_MESSAGE(v.s, v.s.message());
    CHECK(v.out<int32_t>(0) == std::vector<int32_t>{1, 0, 3, 4, 0, 6});
    single_op bad(op_model(schema::builtin_op::select_v2, {{{2}, boolean}, {{2, 3}, i32}, {{2, 3}, i32}}, {{2, 3}, i32}),
                  {bools({1, 0}), x, y});
    REQUIRE_FALSE(bad.s);
    CHECK(std::string(bad.s.message()).find("do not broadcast") != std::string::npos);
}

TEST_CASE("ADD_N of int32 inputs; shapes must match") {
    single_op a(op_model(schema::builtin_op::add_n, {{{2}, i32}, {{2}, i32}, {{2}, i32}}, {{2}, i32}),
                {raw<int32_t>({1, 2}), raw<int32_t>({10, 20}), raw<int32_t>({100, -200})});
    REQUIRE_MESSAGE(a.s, a.s.message());
    CHECK(a.out<int32_t>(0) == std::vector<int32_t>{111, -178});
    single_op bad(op_model(schema::builtin_op::add_n, {{{2}, i32}, {{1}, i32}}, {{2}, i32}),
                  {raw<int32_t>({1, 2}), raw<int32_t>({3})});
    REQUIRE_FALSE(bad.s);
    CHECK(std::string(bad.s.message()).find("does not broadcast") != std::string::npos);
}

TEST_CASE("integer and bool reductions") {
    const auto x = raw<int32_t>({1, 2, 3, -4, 5, 6});
    single_op p(op_model(schema::builtin_op::reduce_prod, {{{2, 3}, i32}}, {{2}, i32}, {1}), {x});
    REQUIRE_MESSAGE(p.s, p.s.message());
    CHECK(p.out<int32_t>(0) == std::vector<int32_t>{6, -120});
    single_op mx(op_model(schema::builtin_op::reduce_max, {{{2, 3}, i32}}, {{3}, i32}, {0}), {x});
    REQUIRE_MESSAGE(mx.s, mx.s.message());
    CHECK(mx.out<int32_t>(0) == std::vector<int32_t>{1, 5, 6});
    single_op mn(op_model(schema::builtin_op::reduce_min, {{{2, 3}, i32}}, {{}, i32}, {0, -1}), {x});
    REQUIRE_MESSAGE(mn.s, mn.s.message());
    CHECK(mn.out<int32_t>(0) == std::vector<int32_t>{-4});
    single_op s(op_model(schema::builtin_op::sum, {{{2, 3}, i64}}, {{2}, i64}, {1}),
                {raw<int64_t>({int64_t(1) << 40, 1, 2, 3, 4, 5})});
    REQUIRE_MESSAGE(s.s, s.s.message());
    CHECK(s.out<int64_t>(0) == std::vector<int64_t>{(int64_t(1) << 40) + 3, 12});
    single_op any(op_model(schema::builtin_op::reduce_any, {{{2, 3}, boolean}}, {{2}, boolean}, {1}),
                  {bools({0, 0, 0, 0, 1, 0})});
    REQUIRE_MESSAGE(any.s, any.s.message());
    CHECK(any.out<uint8_t>(0) == std::vector<uint8_t>{0, 1});
}

TEST_CASE("ARG_MIN keeps the first of equal minima") {
    single_op r(op_model(schema::builtin_op::arg_min, {{{2, 4}, f32}}, {{2}, i32}, {-1}),
                {raw<float>({3, -1, -1, 2, 0, 0, 5, -7})});
    REQUIRE_MESSAGE(r.s, r.s.message());
    CHECK(r.out<int32_t>(0) == std::vector<int32_t>{1, 3});
}

TEST_CASE("int8 SQRT of a negative value is an error") {
    auto m = op_model(schema::builtin_op::sqrt, {{{2}, i8}}, {{2}, i8});
    for (auto& t : m.tensors) t.scale = {0.1f}, t.zero_point = {0};
    single_op r(m, {raw<int8_t>({4, -3})});
    REQUIRE_FALSE(r.s);
    CHECK(std::string(r.s.message()).find("input element 1 is negative: the op is undefined there") != std::string::npos);
}

TEST_CASE("float-only ops name the type they lack") {
    single_op r(op_model(schema::builtin_op::sin, {{{2}, i32}}, {{2}, i32}), {raw<int32_t>({1, 2})});
    REQUIRE_FALSE(r.s);
    CHECK(std::string(r.s.message()).find("input type int32 has no kernel") != std::string::npos);
}
