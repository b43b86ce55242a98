#pragma once
// `--backend NAME` for the flatnn subcommands: which backends the interpreter tries before the reference one.
#include <string>

#include "flatnn/flatnn.hpp"

namespace flatnn::cli {

struct backend_choice {
    cpu_backend cpu;
    // Fills options for `name` ("cpu" or "reference"); false when the name is unknown.
    bool apply(const std::string& name, interpreter_options& options) {
        options.backends.clear();
        if (name == "cpu") {
            options.backends.push_back(make_backend_ref(cpu));
            return true;
        }
        return name == "reference";
    }
};

inline const char* backend_help = "  --backend cpu|reference   backend to run on (default cpu)\n";

}  // namespace flatnn::cli
