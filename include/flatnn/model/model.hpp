#pragma once
// The loaded, verified, immutable model. Share one between threads; give each thread its own interpreter.
#include <memory>
#include <string>
#include <string_view>

#include "flatnn/core/status.hpp"
#include "flatnn/model/file_mapping.hpp"
#include "flatnn/model/loader.hpp"
#include "flatnn/model/model_info.hpp"

namespace flatnn {

class model {
public:
    model(const model&) = delete;
    model& operator=(const model&) = delete;
    model(model&&) noexcept = default;
    model& operator=(model&&) noexcept = default;

    // Maps the file read-only; the mapping lives as long as the model.
    static result<model> from_file(const std::string& path, const load_limits& limits = {}) {
        auto mapped = file_mapping::open(path);
        if (!mapped) return mapped.error();
        model m;
        m.mapping_ = std::move(*mapped);
        m.data_ = m.mapping_.data();
        m.size_ = m.mapping_.size();
        status s = load_model(m.data_, m.size_, limits, m.info_);
        if (!s) return status::error(path + ": " + s.message());
        return m;
    }

    // Reads caller memory without copying: `data` must stay valid and unchanged while the model is used.
    static result<model> from_memory(const void* data, size_t size, const load_limits& limits = {}) {
        model m;
        m.data_ = static_cast<const uint8_t*>(data);
        m.size_ = size;
        status s = load_model(m.data_, m.size_, limits, m.info_);
        if (!s) return s;
        return m;
    }

    const uint8_t* data() const noexcept { return data_; }
    size_t size() const noexcept { return size_; }
    uint32_t version() const noexcept { return info_.version; }
    std::string_view description() const noexcept { return info_.description; }

    size_t subgraph_count() const noexcept { return info_.subgraphs.size(); }
    const subgraph_info& subgraph(size_t i = 0) const noexcept { return info_.subgraphs[i]; }
    const std::vector<subgraph_info>& subgraphs() const noexcept { return info_.subgraphs; }
    const std::vector<signature_info>& signatures() const noexcept { return info_.signatures; }
    const signature_info* find_signature(std::string_view key) const noexcept {
        for (const auto& s : info_.signatures)
            if (s.key == key) return &s;
        return nullptr;
    }
    const std::vector<metadata_entry>& metadata() const noexcept { return info_.metadata; }
    const metadata_entry* find_metadata(std::string_view name) const noexcept {
        for (const auto& m : info_.metadata)
            if (m.name == name) return &m;
        return nullptr;
    }

private:
    model() = default;
    file_mapping mapping_;
    const uint8_t* data_ = nullptr;
    size_t size_ = 0;
    loaded_model info_;
};

}  // namespace flatnn
