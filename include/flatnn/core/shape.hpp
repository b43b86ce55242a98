#pragma once
// Tensor shape with a fixed capacity, so shapes never allocate.
#include <cstdint>
#include <initializer_list>
#include <string>

namespace flatnn {

class shape {
public:
    static constexpr int max_rank = 8;

    shape() = default;
    shape(std::initializer_list<int32_t> dims) {
        for (int32_t d : dims) push_back(d);
    }
    int rank() const noexcept { return rank_; }
    int32_t operator[](int i) const noexcept { return dims_[i]; }
    int32_t& operator[](int i) noexcept { return dims_[i]; }
    const int32_t* begin() const noexcept { return dims_; }
    const int32_t* end() const noexcept { return dims_ + rank_; }
    const int32_t* data() const noexcept { return dims_; }
    bool push_back(int32_t d) noexcept {
        if (rank_ >= max_rank) return false;
        dims_[rank_++] = d;
        return true;
    }
    void resize(int r) noexcept {
        for (int i = rank_; i < r; ++i) dims_[i] = 1;
        rank_ = r;
    }
    // Product of the dimensions (1 for a scalar); assumes validated non-negative dims.
    int64_t num_elements() const noexcept {
        int64_t n = 1;
        for (int i = 0; i < rank_; ++i) n *= dims_[i];
        return n;
    }
    // Dimension i counted from the end when negative.
    int32_t dim(int i) const noexcept { return i < 0 ? dims_[rank_ + i] : dims_[i]; }
    // Product of dims [from, to).
    int64_t flat_size(int from, int to) const noexcept {
        int64_t n = 1;
        for (int i = from; i < to; ++i) n *= dims_[i];
        return n;
    }
    friend bool operator==(const shape& a, const shape& b) noexcept {
        if (a.rank_ != b.rank_) return false;
        for (int i = 0; i < a.rank_; ++i)
            if (a.dims_[i] != b.dims_[i]) return false;
        return true;
    }
    friend bool operator!=(const shape& a, const shape& b) noexcept { return !(a == b); }
    std::string str() const {
        std::string s = "[";
        for (int i = 0; i < rank_; ++i) s += (i ? "," : "") + std::to_string(dims_[i]);
        return s + "]";
    }

private:
    int rank_ = 0;
    int32_t dims_[max_rank] = {};
};

}  // namespace flatnn
