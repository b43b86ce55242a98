#pragma once
// Human-readable descriptions of model parts, for `flatnn inspect` and error messages.
#include <cstdio>
#include <string>

#include "flatnn/core/tensor.hpp"
#include "flatnn/model/fb_reader.hpp"
#include "flatnn/model/fb_verifier.hpp"
#include "flatnn/model/model_info.hpp"
#include "flatnn/model/tflite_schema_generated.hpp"

namespace flatnn {

inline std::string op_name(const operator_info& op) {
    if (op.code == int32_t(schema::builtin_op::custom)) return std::string(op.custom_code);
    if (op.code >= 0 && op.code < schema::builtin_op_count) return schema::builtin_op_names[op.code];
    return "UNKNOWN_" + std::to_string(op.code);
}

// "name=value" for every scalar field present in a (verified) options table, using its description.
inline std::string describe_options(fb::table t, const fb::table_desc& desc) {
    std::string out;
    const char* f = desc.fields;
    int id = 0;
    while (f && *f) {
        while (*f == ' ') ++f;
        if (!*f) break;
        const char kind = *f++;
        char type = 0;
        if (kind >= '1' && kind <= '8') type = *f++;
        const char* name = f;
        while (*f && *f != ' ') ++f;
        const std::string field(name, size_t(f - name));
        const int this_id = id++;
        if (!t.has(this_id)) continue;
        std::string value;
        char buf[64];
        if (kind == '1') value = std::to_string(type == 'u' || type == 'b' ? int(t.scalar<uint8_t>(this_id, 0)) : int(t.scalar<int8_t>(this_id, 0)));
        else if (kind == '2') value = std::to_string(t.scalar<int16_t>(this_id, 0));
        else if (kind == '4' && type == 'f') std::snprintf(buf, sizeof buf, "%g", double(t.scalar<float>(this_id, 0))), value = buf;
        else if (kind == '4' && type == 'u') value = std::to_string(t.scalar<uint32_t>(this_id, 0));
        else if (kind == '4') value = std::to_string(t.scalar<int32_t>(this_id, 0));
        else if (kind == '8' && type == 'f') std::snprintf(buf, sizeof buf, "%g", t.scalar<double>(this_id, 0)), value = buf;
        else if (kind == '8') value = std::to_string(t.scalar<int64_t>(this_id, 0));
        else if (kind == 'I') {
            auto v = t.vector<int32_t>(this_id);
            value = "[";
            for (uint32_t i = 0; i < v.size(); ++i) value += (i ? "," : "") + std::to_string(v[i]);
            value += "]";
        } else if (kind == 's') value = '"' + std::string(t.string(this_id)) + '"';
        else continue;
        out += (out.empty() ? "" : " ") + field + "=" + value;
    }
    return out;
}

inline std::string describe_quantization(const quantization& q) {
    if (q.empty()) return "";
    char buf[96];
    if (q.scale.size() == 1) {
        std::snprintf(buf, sizeof buf, "scale=%g zero_point=%lld", double(q.scale[0]), (long long)q.zero_point[0]);
    } else {
        std::snprintf(buf, sizeof buf, "per-channel axis=%d (%zu scales, first %g)", int(q.axis), q.scale.size(),
                      double(q.scale[0]));
    }
    return buf;
}

}  // namespace flatnn
