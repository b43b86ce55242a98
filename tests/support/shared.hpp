#pragma once
// Where tests find ../shared (real models) and tests/data (fixtures). Tests that need ../shared say so
// visibly when it is absent.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <string>

namespace flatnn::test {

inline bool path_exists(const std::string& p) {
    struct stat st;
    return ::stat(p.c_str(), &st) == 0;
}

inline std::string shared_dir() { return FLATNN_SHARED_DIR; }
inline std::string coral_dir() { return shared_dir() + "/models/coral-test-data"; }
inline std::string test_data_dir() { return FLATNN_TEST_DATA_DIR; }

// True when ../shared is present; otherwise reports the skip where doctest prints it.
inline bool have_shared() {
    if (path_exists(coral_dir())) return true;
    MESSAGE("SKIPPED: " << coral_dir() << " is absent; real-model tests did not run");
    return false;
}

}  // namespace flatnn::test
