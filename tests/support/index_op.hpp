#pragma once
// One-op models whose data tensor and int32 index tensor are both graph inputs (GATHER, GATHER_ND,
// EMBEDDING_LOOKUP, SCATTER_ND): index values arrive at invoke, so the kernels' bounds checks are reached.
#include <string>
#include <vector>

#include "support/model_builder.hpp"

namespace flatnn::test {

// inputs: {data (float32), indices (int32)} in `order` (true: indices first); `consts` are extra int32 constant
// inputs appended after them; output float32 of `out_dims`.
inline tb_model index_op_model(int32_t opcode, std::vector<int32_t> data_dims, std::vector<int32_t> index_dims,
                               std::vector<int32_t> out_dims, bool indices_first,
                               std::vector<std::vector<int32_t>> consts = {}) {
    tb_model m;
    m.opcodes = {{opcode, ""}};
    m.tensors = {tt(data_dims, 0, 0, "data"), tt(index_dims, 2, 0, "indices"), tt(out_dims, 0, 0, "out")};
    m.inputs = indices_first ? std::vector<int32_t>{1, 0} : std::vector<int32_t>{0, 1};
    tb_op op;
    op.inputs = m.inputs;
    for (const auto& c : consts) {
        m.buffers.push_back(bytes_of(c));
        op.inputs.push_back(int32_t(m.tensors.size()));
        m.tensors.push_back(tt({int32_t(c.size())}, 2, uint32_t(m.buffers.size() - 1), "const"));
    }
    op.outputs = {2};
    m.outputs = {2};
    m.ops = {op};
    return m;
}

}  // namespace flatnn::test
