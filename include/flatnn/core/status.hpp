#pragma once
// Errors are values: the library builds with -fno-exceptions. A status names the rule broken and where.
#include <optional>
#include <string>
#include <utility>

namespace flatnn {

class status {
public:
    status() = default;
    static status ok() { return status(); }
    static status error(std::string message) {
        status s;
        s.failed_ = true;
        s.message_ = std::move(message);
        return s;
    }
    bool is_ok() const noexcept { return !failed_; }
    explicit operator bool() const noexcept { return !failed_; }
    const std::string& message() const noexcept { return message_; }

private:
    bool failed_ = false;
    std::string message_;
};

// A value or the status explaining why there is none.
template <class T>
class result {
public:
    result(T value) : value_(std::move(value)) {}       // NOLINT: implicit by design
    result(status error) : status_(std::move(error)) {}  // NOLINT: implicit by design
    bool is_ok() const noexcept { return value_.has_value(); }
    explicit operator bool() const noexcept { return value_.has_value(); }
    const status& error() const noexcept { return status_; }
    T& value() & { return *value_; }
    const T& value() const& { return *value_; }
    T&& value() && { return std::move(*value_); }
    T* operator->() { return &*value_; }
    const T* operator->() const { return &*value_; }
    T& operator*() { return *value_; }
    const T& operator*() const { return *value_; }

private:
    std::optional<T> value_;
    status status_;
};

}  // namespace flatnn

#define FLATNN_TRY(expr)                         \
    do {                                         \
        ::flatnn::status flatnn_try_s_ = (expr); \
        if (!flatnn_try_s_) return flatnn_try_s_; \
    } while (0)
