#pragma once
// A one-op (or small) model built field by field, allocated and run on given input bytes, for op tests.
#include <cstring>
#include <memory>
#include <vector>

#include "flatnn/flatnn.hpp"
#include "support/model_builder.hpp"

namespace flatnn::test {
// Builds a one-op model, allocates it and (if that worked) runs it on the given input bytes.
struct single_op {
    std::vector<uint8_t> bytes;
    result<model> m = status::error("not built");
    std::unique_ptr<interpreter> it;
    status s;
    single_op(const tb_model& spec, const std::vector<std::vector<uint8_t>>& inputs) {
        bytes = build_model(spec);
        m = model::from_memory(bytes.data(), bytes.size());
        if (!m) {
            s = m.error();
            return;
        }
        it = std::make_unique<interpreter>(*m);
        s = it->allocate();
        if (!s) return;
        for (size_t i = 0; i < inputs.size(); ++i) std::memcpy(it->input(i).data, inputs[i].data(), inputs[i].size());
        s = it->invoke();
    }
    template <class T>
    std::vector<T> out(size_t i) const {
        const tensor& t = it->output(i);
        return std::vector<T>(t.data_as<T>(), t.data_as<T>() + t.num_elements());
    }
};
template <class T>
std::vector<uint8_t> raw(std::vector<T> v) { return bytes_of(v); }

}  // namespace flatnn::test
