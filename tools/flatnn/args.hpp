#pragma once
// Small command-line parser for the flatnn subcommands: positionals plus --key value / --flag options.
#include <cstdio>
#include <map>
#include <string>
#include <vector>

namespace flatnn::cli {

struct args {
    std::vector<std::string> positional;
    std::map<std::string, std::vector<std::string>> options;  // every value, in order
    std::vector<std::string> flags;
    std::string error;

    bool has_flag(const std::string& f) const {
        for (const auto& x : flags)
            if (x == f) return true;
        return false;
    }
    std::string get(const std::string& key, const std::string& fallback = "") const {
        auto it = options.find(key);
        return it == options.end() || it->second.empty() ? fallback : it->second.back();
    }
    const std::vector<std::string>& all(const std::string& key) const {
        static const std::vector<std::string> none;
        auto it = options.find(key);
        return it == options.end() ? none : it->second;
    }
};

// `valued` lists options that take a value; `switches` lists flags without one.
inline args parse_args(int argc, char** argv, int first, const std::vector<std::string>& valued,
                       const std::vector<std::string>& switches) {
    args a;
    for (int i = first; i < argc; ++i) {
        std::string s = argv[i];
        if (s.rfind("--", 0) == 0) {
            std::string key = s, value;
            const size_t eq = s.find('=');
            bool inline_value = eq != std::string::npos;
            if (inline_value) key = s.substr(0, eq), value = s.substr(eq + 1);
            bool known_valued = false, known_switch = false;
            for (const auto& v : valued) known_valued |= v == key;
            for (const auto& v : switches) known_switch |= v == key;
            if (known_switch && !inline_value) {
                a.flags.push_back(key);
            } else if (known_valued) {
                if (!inline_value) {
                    if (i + 1 >= argc) {
                        a.error = "option " + key + " needs a value";
                        return a;
                    }
                    value = argv[++i];
                }
                a.options[key].push_back(value);
            } else {
                a.error = "unknown option " + s;
                return a;
            }
        } else {
            a.positional.push_back(s);
        }
    }
    return a;
}

}  // namespace flatnn::cli
