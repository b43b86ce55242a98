#pragma once
// Read-only memory mapping of a file (POSIX mmap; a plain read elsewhere).
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <string>

#include "flatnn/core/status.hpp"

#if defined(__unix__) || defined(__APPLE__)
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#define FLATNN_HAVE_MMAP 1
#else
#include <cstdio>
#include <memory>
#endif

namespace flatnn {

class file_mapping {
public:
    file_mapping() = default;
    file_mapping(const file_mapping&) = delete;
    file_mapping& operator=(const file_mapping&) = delete;
    file_mapping(file_mapping&& o) noexcept { swap(o); }
    file_mapping& operator=(file_mapping&& o) noexcept {
        if (this != &o) {
            release();
            swap(o);
        }
        return *this;
    }
    ~file_mapping() { release(); }

    static result<file_mapping> open(const std::string& path) {
        file_mapping m;
#ifdef FLATNN_HAVE_MMAP
        const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) return status::error("cannot open '" + path + "': " + std::strerror(errno));
        struct stat st;
        if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
            ::close(fd);
            return status::error("cannot read '" + path + "': not a regular file");
        }
        m.size_ = size_t(st.st_size);
        if (m.size_ > 0) {
            void* p = ::mmap(nullptr, m.size_, PROT_READ, MAP_PRIVATE, fd, 0);
            if (p == MAP_FAILED) {
                ::close(fd);
                return status::error("cannot map '" + path + "': " + std::strerror(errno));
            }
            m.data_ = static_cast<const uint8_t*>(p);
        }
        ::close(fd);
#else
        std::FILE* f = std::fopen(path.c_str(), "rb");
        if (!f) return status::error("cannot open '" + path + "'");
        std::fseek(f, 0, SEEK_END);
        const long n = std::ftell(f);
        std::fseek(f, 0, SEEK_SET);
        m.owned_.reset(new uint8_t[n > 0 ? size_t(n) : 1]);
        m.size_ = n > 0 ? size_t(std::fread(m.owned_.get(), 1, size_t(n), f)) : 0;
        std::fclose(f);
        m.data_ = m.owned_.get();
#endif
        return m;
    }

    const uint8_t* data() const noexcept { return data_; }
    size_t size() const noexcept { return size_; }

private:
    void swap(file_mapping& o) noexcept {
        std::swap(data_, o.data_);
        std::swap(size_, o.size_);
#ifndef FLATNN_HAVE_MMAP
        std::swap(owned_, o.owned_);
#endif
    }
    void release() noexcept {
#ifdef FLATNN_HAVE_MMAP
        if (data_ && size_) ::munmap(const_cast<uint8_t*>(data_), size_);
#endif
        data_ = nullptr;
        size_ = 0;
    }

    const uint8_t* data_ = nullptr;
    size_t size_ = 0;
#ifndef FLATNN_HAVE_MMAP
    std::unique_ptr<uint8_t[]> owned_;
#endif
};

}  // namespace flatnn
