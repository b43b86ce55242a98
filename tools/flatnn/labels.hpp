#pragma once
// Class label files, for programs (the flatnn command line tool, the examples). Two layouts exist:
// - plain: one label per line, the line number (from 0) is the class index; blank lines keep their number;
// - indexed: every non-blank line is "<index> <label>" or "<index>: <label>" (digits, then spaces and/or a colon).
// A file is read as indexed only when all its non-blank lines have that form, so a plain label that happens to
// start with a number does not change the meaning of the others.
#include <cstddef>
#include <cstdio>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "flatnn/core/status.hpp"

namespace flatnn::tools {

struct labels {
    std::map<int, std::string> by_index;

    // The label of a class, or an empty string when the file has none for it.
    std::string name(int index) const {
        const auto it = by_index.find(index);
        return it == by_index.end() ? std::string() : it->second;
    }
    std::size_t size() const { return by_index.size(); }
};

namespace labels_detail {

inline bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }

inline std::string_view trim(std::string_view s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

// Splits "<digits>[spaces and/or ':']<label>"; false when the line is not of that form or the index is too large.
inline bool split_indexed(std::string_view line, int& index, std::string_view& label) {
    std::size_t i = 0;
    long long v = 0;
    while (i < line.size() && line[i] >= '0' && line[i] <= '9') {
        v = v * 10 + (line[i] - '0');
        if (v > 2147483647) return false;
        ++i;
    }
    if (i == 0) return false;
    const std::size_t digits_end = i;
    while (i < line.size() && (is_space(line[i]) || line[i] == ':')) ++i;
    if (i == digits_end || i == line.size()) return false;
    index = static_cast<int>(v);
    label = trim(line.substr(i));
    return true;
}

}  // namespace labels_detail

inline result<labels> parse_labels(std::string_view text) {
    using namespace labels_detail;
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // UTF-8 byte order mark
    std::vector<std::string_view> lines;
    while (!text.empty()) {
        const std::size_t nl = text.find('\n');
        lines.push_back(trim(text.substr(0, nl)));
        text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    }
    bool indexed = false;
    for (const auto line : lines) {
        if (line.empty()) continue;
        int index;
        std::string_view label;
        indexed = split_indexed(line, index, label);
        if (!indexed) break;
    }
    labels out;
    for (std::size_t n = 0; n < lines.size(); ++n) {
        if (!indexed) {
            if (n > 2147483647u) return status::error("labels: more than 2^31 lines");
            out.by_index.emplace(static_cast<int>(n), std::string(lines[n]));
            continue;
        }
        if (lines[n].empty()) continue;
        int index = 0;
        std::string_view label;
        split_indexed(lines[n], index, label);
        if (!out.by_index.emplace(index, std::string(label)).second)
            return status::error("labels: line " + std::to_string(n + 1) + " repeats index " + std::to_string(index));
    }
    return out;
}

// A dense table for classes 0 .. count-1, for indexing by class; classes the file does not name are empty strings.
inline std::vector<std::string> label_lookup(const labels& l, std::size_t count) {
    std::vector<std::string> out(count);
    for (const auto& [index, name] : l.by_index)
        if (index >= 0 && static_cast<std::size_t>(index) < count) out[static_cast<std::size_t>(index)] = name;
    return out;
}

inline result<labels> load_labels(const std::string& path) {
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (f == nullptr) return status::error("labels: cannot open '" + path + "' for reading");
    std::string text;
    char chunk[65536];
    bool too_big = false;
    for (;;) {
        const std::size_t n = std::fread(chunk, 1, sizeof chunk, f);
        text.append(chunk, n);
        if (text.size() > (std::size_t{64} << 20)) {
            too_big = true;
            break;
        }
        if (n < sizeof chunk) break;
    }
    const bool failed = std::ferror(f) != 0;
    std::fclose(f);
    if (too_big) return status::error("labels: '" + path + "' is larger than 64 MiB");
    if (failed) return status::error("labels: read error on '" + path + "'");
    auto l = parse_labels(text);
    if (!l) return status::error(l.error().message() + " (file '" + path + "')");
    return l;
}

}  // namespace flatnn::tools
