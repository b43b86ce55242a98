#pragma once
// Structure-aware mutation of .tflite files for libFuzzer. A verified file is walked with the generated table
// descriptions (the same ones the verifier uses); every scalar field and every element of a scalar vector
// becomes a mutation site, tagged with its width and whether it holds a float. One site is overwritten in
// place with a boundary value (0, -1, 1, the type's extremes, NaN, inf, a small or a random value), or a
// vector's length is shrunk, so the file stays structurally valid and the semantic checks and kernels are
// reached. Unverifiable files and a share of the calls fall back to libFuzzer's byte mutations.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <string_view>
#include <vector>

#include "flatnn/model/fb_reader.hpp"
#include "flatnn/model/fb_verifier.hpp"
#include "flatnn/model/tflite_schema_generated.hpp"

extern "C" size_t LLVMFuzzerMutate(uint8_t* data, size_t size, size_t max_size);

namespace flatnn::fuzz {

struct site {
    uint32_t pos = 0;    // byte offset of the value (or of a vector's length word)
    uint8_t width = 0;   // bytes
    bool is_float = false;
    bool is_length = false;  // a vector's element count: only ever decreased
    uint32_t elements = 0;   // for a vector: how many elements follow pos (one of them is picked)
};

class site_collector {
public:
    explicit site_collector(const uint8_t* data) : data_(data) {}

    // Walks a verified buffer from the root table.
    void collect(const fb::table_desc& root) {
        walk(fb::load<uint32_t>(data_), root, 0);
    }
    std::vector<site> sites;

private:
    const uint8_t* data_;

    static bool float_vector_name(std::string_view name) {
        return name == "scale" || name == "min" || name == "max" || name == "scales";
    }

    void walk(uint32_t pos, const fb::table_desc& desc, unsigned depth) {
        if (depth > 16 || sites.size() > 200000) return;
        const fb::table t(data_, pos);
        const char* f = desc.fields;
        int id = 0;
        unsigned sub = 0;
        uint8_t previous_tag = 0;
        while (f && *f) {
            while (*f == ' ') ++f;
            if (!*f) break;
            const char kind = *f++;
            char type_letter = 0;
            if (kind >= '1' && kind <= '8' && *f) type_letter = *f++;
            const char* name = f;
            while (*f && *f != ' ') ++f;
            const std::string_view field_name(name, size_t(f - name));
            const void* sub_desc = nullptr;
            if (kind == 'T' || kind == 'V' || kind == 'U') sub_desc = desc.subs[sub++];
            const int this_id = id++;
            const uint16_t off = t.field_offset(this_id);
            if (!off) {
                if (kind != 'U') previous_tag = 0;
                continue;
            }
            const uint32_t at = pos + off;
            switch (kind) {
                case '1': case '2': case '4': case '8':
                    sites.push_back(site{at, uint8_t(kind - '0'), type_letter == 'f', false, 0});
                    if (kind == '1') previous_tag = data_[at];
                    break;
                case 'B': case 'H': case 'I': case 'L': {
                    const uint32_t v = t.target(this_id);
                    const uint32_t count = fb::load<uint32_t>(data_ + v);
                    const uint8_t es = kind == 'B' ? 1 : kind == 'H' ? 2 : kind == 'I' ? 4 : 8;
                    if (count) {
                        sites.push_back(site{v, 4, false, true, 0});
                        sites.push_back(site{v + 4, es, es == 4 && float_vector_name(field_name), false, count});
                    }
                    break;
                }
                case 'T':
                    walk(t.target(this_id), *static_cast<const fb::table_desc*>(sub_desc), depth + 1);
                    break;
                case 'V': {
                    const uint32_t count = t.vector_size(this_id);
                    if (count) sites.push_back(site{t.target(this_id), 4, false, true, 0});
                    for (uint32_t i = 0; i < count; ++i)
                        walk(t.table_at(this_id, i).offset(), *static_cast<const fb::table_desc*>(sub_desc), depth + 1);
                    break;
                }
                case 'U': {
                    const auto* u = static_cast<const fb::union_desc*>(sub_desc);
                    const fb::table_desc* member = previous_tag < u->count ? u->members[previous_tag] : nullptr;
                    if (member) walk(t.target(this_id), *member, depth + 1);
                    break;
                }
                default: break;
            }
            if (kind != '1') previous_tag = 0;
        }
    }
};

inline void store(uint8_t* p, uint64_t v, unsigned width) {
    for (unsigned i = 0; i < width; ++i) p[i] = uint8_t(v >> (8 * i));  // little-endian
}

// Overwrites one element of `s` with a value chosen to hit boundaries.
inline void mutate_site(uint8_t* data, const site& s, std::minstd_rand& rng) {
    uint32_t pos = s.pos;
    if (s.elements) pos += uint32_t(rng() % s.elements) * s.width;
    if (s.is_length) {
        const uint32_t count = fb::load<uint32_t>(data + pos);
        if (count) store(data + pos, rng() % count, 4);  // shorter keeps the vector inside the file
        return;
    }
    if (s.is_float) {
        static const float specials[] = {0.0f, -0.0f, 1.0f, -1.0f, 1e-30f, 1e30f, 0.5f, 255.0f,
                                         std::numeric_limits<float>::quiet_NaN(),
                                         std::numeric_limits<float>::infinity(),
                                         -std::numeric_limits<float>::infinity(),
                                         std::numeric_limits<float>::denorm_min(),
                                         std::numeric_limits<float>::max()};
        float f;
        if (rng() % 4 == 0) {
            std::memcpy(&f, data + pos, 4);
            f *= float(int(rng() % 2001) - 1000) / 100.0f;
        } else {
            f = specials[rng() % (sizeof(specials) / sizeof(specials[0]))];
        }
        std::memcpy(data + pos, &f, 4);
        return;
    }
    const unsigned bits = 8u * s.width;
    const uint64_t mask = bits == 64 ? ~uint64_t(0) : (uint64_t(1) << bits) - 1;
    uint64_t v = 0;
    switch (rng() % 10) {
        case 0: v = 0; break;
        case 1: v = mask; break;                              // -1
        case 2: v = 1; break;
        case 3: v = mask >> 1; break;                         // signed max
        case 4: v = (mask >> 1) + 1; break;                   // signed min
        case 5: v = rng() % 8; break;                         // small: indices, enum values, ranks
        case 6: v = uint64_t(-int64_t(rng() % 8 + 2)); break; // small negative
        case 7: v = uint64_t(1) << (rng() % bits); break;
        case 8: {                                             // nudge the current value
            uint64_t cur = 0;
            for (unsigned i = 0; i < s.width; ++i) cur |= uint64_t(data[pos + i]) << (8 * i);
            v = cur + uint64_t(int64_t(rng() % 17) - 8);
            break;
        }
        default: v = (uint64_t(rng()) << 32) ^ rng(); break;
    }
    store(data + pos, v & mask, s.width);
}

// The body of LLVMFuzzerCustomMutator for .tflite inputs.
inline size_t mutate_tflite(uint8_t* data, size_t size, size_t max_size, unsigned seed) {
    std::minstd_rand rng(seed ? seed : 1);
    if (size >= 8 && rng() % 8 != 0) {
        fb::verifier v(data, size);
        if (v.verify_root(schema::model_desc, "TFL3")) {
            site_collector c(data);
            c.collect(schema::model_desc);
            if (!c.sites.empty()) {
                const unsigned edits = 1 + rng() % 3;
                for (unsigned e = 0; e < edits; ++e) mutate_site(data, c.sites[rng() % c.sites.size()], rng);
                return size;
            }
        }
    }
    return LLVMFuzzerMutate(data, size, max_size);
}

}  // namespace flatnn::fuzz
