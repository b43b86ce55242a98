// The op coverage table (registry/op_list.hpp) says exactly what the fixtures test: every (op, form) it lists
// has a TensorFlow Lite fixture in tests/data/ops, and every fixture's (op, form) is listed. The README embeds
// `flatnn inspect --ops --markdown`; it must be current.
#include <doctest/doctest.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <utility>

#include "flatnn/flatnn.hpp"
#include "flatnn/op_table.hpp"
#include "support/shared.hpp"

using namespace flatnn;

namespace {

std::string read_text(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

// The string value of "key": "value" at or after `from` in the manifest text (json.dump output of
// tools/gen_fixtures.py: one object per fixture, string values without escapes).
std::string string_field(const std::string& text, size_t from, size_t to, const char* key) {
    const std::string k = std::string("\"") + key + "\": \"";
    const size_t p = text.find(k, from);
    if (p == std::string::npos || p >= to) return {};
    const size_t b = p + k.size(), e = text.find('"', b);
    return e == std::string::npos ? std::string() : text.substr(b, e - b);
}

std::set<std::pair<std::string, std::string>> fixture_forms() {
    const std::string text = read_text(test::test_data_dir() + "/ops/manifest.json");
    std::set<std::pair<std::string, std::string>> out;
    for (size_t open = text.find('{'); open != std::string::npos; open = text.find('{', open + 1)) {
        const size_t close = text.find('}', open);
        REQUIRE(close != std::string::npos);
        out.insert({string_field(text, open, close, "op"), string_field(text, open, close, "dtype")});
    }
    return out;
}

}  // namespace

TEST_CASE("op coverage table: every listed op and form has fixtures, every fixture is listed") {
    const auto fixtures = fixture_forms();
    REQUIRE(fixtures.size() > 100);
    const op_coverage_table t = builtin_op_coverage();
    CHECK(t.size >= 100);
    std::set<std::pair<std::string, std::string>> listed;
    for (size_t r = 0; r < t.size; ++r) {
        const op_coverage_row& row = t.rows[r];
        CAPTURE(row.name);
        CHECK(std::string(schema::builtin_op_names[int32_t(row.code)]) == row.name);
        CHECK(row.forms != 0);
        for (int i = 0; i < op_form::count; ++i)
            if (row.forms & (1u << i)) listed.insert({row.name, op_form::names[i]});
    }
    for (const auto& f : listed) {
        CAPTURE(f.first);
        CAPTURE(f.second);
        CHECK_MESSAGE(fixtures.count(f) == 1, "op_list.hpp lists a form without a fixture");
    }
    for (const auto& f : fixtures) {
        CAPTURE(f.first);
        CAPTURE(f.second);
        CHECK_MESSAGE(listed.count(f) == 1, "a fixture's op and form are missing from op_list.hpp");
    }
}

TEST_CASE("README shows the current op coverage table") {
#ifndef FLATNN_WITH_VULKAN
    MESSAGE("SKIPPED: built without the Vulkan backend, so the table's Vulkan column cannot be compared");
    return;
#endif
    const std::string readme = read_text(std::string(FLATNN_SOURCE_DIR) + "/README.md");
    const std::string begin = "<!-- op-table:begin (flatnn inspect --ops --markdown) -->\n",
                      end = "<!-- op-table:end -->";
    const size_t b = readme.find(begin), e = readme.find(end);
    REQUIRE_MESSAGE((b != std::string::npos && e != std::string::npos && b < e), "README lacks the op table markers");
    const std::string shown = readme.substr(b + begin.size(), e - b - begin.size());
    CHECK_MESSAGE(shown == cli::op_table(true),
                  "README's op table is stale: replace it with the output of `build/bin/flatnn inspect --ops --markdown`");
}
