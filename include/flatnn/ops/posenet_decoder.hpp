#pragma once
// Custom op PosenetDecoderOp (Coral): multi-pose decoding from heatmaps and offsets, float32 or uint8 inputs.
#include <vector>

#include "flatnn/ops/op_util.hpp"
#include "flatnn/reference/posenet_decoder.hpp"

namespace flatnn::ops {

struct posenet_decoder_data : node_data {
    reference::posenet_decoder_params p;
    std::vector<float> heatmaps, short_offsets, mid_offsets;  // inputs converted to float (offsets / stride)
    std::vector<uint8_t> scratch;
    int32_t height = 0, width = 0;
};

inline void posenet_input(const tensor& t, float extra_scale, std::vector<float>& out) {
    if (t.type == dtype::uint8)
        reference::posenet_dequantize(t.data_as<uint8_t>(), int64_t(out.size()), t.scale(), t.zero_point(), extra_scale, out.data());
    else
        reference::posenet_rescale(t.data_as<float>(), int64_t(out.size()), extra_scale, out.data());
}

inline status posenet_decoder_invoke(node& n) {
    auto& d = n.get<posenet_decoder_data>();
    const float offset_scale = reference::posenet_offset_scale(d.p);
    posenet_input(n.in(0), 1.0f, d.heatmaps);
    posenet_input(n.in(1), offset_scale, d.short_offsets);
    posenet_input(n.in(2), offset_scale, d.mid_offsets);
    reference::posenet_decoder_inputs in;
    in.heatmaps = d.heatmaps.data();
    in.short_offsets = d.short_offsets.data();
    in.mid_offsets = d.mid_offsets.data();
    in.height = d.height;
    in.width = d.width;
    reference::posenet_decoder_outputs out;
    out.keypoints = n.out(0).data_as<float>();
    out.keypoint_scores = n.out(1).data_as<float>();
    out.pose_scores = n.out(2).data_as<float>();
    out.pose_count = n.out(3).data_as<float>();
    status s = reference::posenet_decoder(d.p, in, out, d.scratch.data(), d.scratch.size());
    return s ? s : n.fail(s.message());
}

inline status prepare_posenet_decoder(node& n) {
    FLATNN_TRY(expect_io(n, 3, 3, 4));
    auto parsed = reference::parse_posenet_decoder_options(n.op->custom_options, n.op->custom_options_size);
    if (!parsed) return n.fail(parsed.error().message());
    const tensor &heat = n.in(0), &shorts = n.in(1), &mids = n.in(2);
    const int32_t channels[3] = {17, 34, 64};
    const char* roles[3] = {"heatmaps", "short offsets", "mid offsets"};
    for (int i = 0; i < 3; ++i) {
        const tensor& t = n.in(size_t(i));
        FLATNN_TRY(expect_rank(n, t, 4, roles[i]));
        if (t.dims[0] != 1 || t.dims[1] != heat.dims[1] || t.dims[2] != heat.dims[2] || t.dims[3] != channels[i])
            return n.fail(std::string(roles[i]) + " have shape " + t.dims.str() + ", expected [1," +
                          std::to_string(heat.dims[1]) + "," + std::to_string(heat.dims[2]) + "," +
                          std::to_string(channels[i]) + "]");
        if (t.type == dtype::uint8) FLATNN_TRY(expect_quantized(n, t, roles[i]));
        else if (t.type != dtype::float32) return n.fail(std::string(roles[i]) + " must be float32 or uint8");
    }
    auto& d = n.emplace<posenet_decoder_data>();
    d.p = *parsed;
    d.height = heat.dims[1];
    d.width = heat.dims[2];
    FLATNN_TRY(check_scratch(n, uint64_t(heat.num_elements()) + uint64_t(shorts.num_elements()) +
                                    uint64_t(mids.num_elements()), sizeof(float), "float copies of the inputs"));
    d.heatmaps.resize(size_t(heat.num_elements()));
    d.short_offsets.resize(size_t(shorts.num_elements()));
    d.mid_offsets.resize(size_t(mids.num_elements()));
    auto bytes = reference::posenet_decoder_scratch_bytes(d.p, d.height, d.width);
    if (!bytes) return n.fail(bytes.error().message());
    FLATNN_TRY(check_scratch(n, *bytes, 1, "scratch"));
    d.scratch.resize(*bytes);
    for (size_t i = 0; i < 4; ++i) FLATNN_TRY(expect_type(n, n.out(i), dtype::float32, "output"));
    const int32_t m = d.p.max_detections;
    n.out(0).dims = shape{1, m, 17, 2};
    n.out(1).dims = shape{1, m, 17};
    n.out(2).dims = shape{1, m};
    n.out(3).dims = shape{1};
    n.invoke = posenet_decoder_invoke;
    return status::ok();
}

}  // namespace flatnn::ops
