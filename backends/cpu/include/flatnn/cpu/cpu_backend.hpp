#pragma once
// The CPU backend. It claims every node the op resolver has a kernel for. prepare runs the op's own prepare
// (checks, output shape, parameters, reference kernel) and then, where a SIMD kernel exists for the node's shape
// and dtype at the chosen SIMD level, packs the weights once and replaces node::invoke with it.
//
// SIMD kernels today: quantized (uint8/int8) CONV_2D with one group (GEMM over gathered pixel blocks; int8 on
// 256-bit VNNI at the AVX-512 level when the flags and the CPU have it), quantized
// DEPTHWISE_CONV_2D with depth multiplier 1 and at most 5x5 taps, quantized ADD without broadcasting; float32
// CONV_2D with one group and FULLY_CONNECTED (register-blocked GEMM over packed weight panels, indirection rows),
// float32 DEPTHWISE_CONV_2D with depth multiplier 1, float32 ADD and MUL without broadcasting, quantized
// FULLY_CONNECTED (the quantized GEMM with TFLite's double-precision rescale, bit-exact; int8 on the VNNI
// convolution's accumulators where the convolution uses VNNI). Everything else runs
// the reference kernels. Float kernels differ from the reference by rounding only (bound in float_gemm.hpp).
//
// One cpu_backend serves one interpreter at a time: its thread pool and scratch are shared by the nodes it
// prepared. Use one backend per interpreter for concurrent inference.
#include <algorithm>
#include <cstdlib>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

#include "flatnn/backend/backend.hpp"
#include "flatnn/backend/reference_backend.hpp"
#include "flatnn/cpu/add_quantized.hpp"
#include "flatnn/cpu/arch.hpp"
#include "flatnn/cpu/binary_float.hpp"
#include "flatnn/cpu/conv_2d_float.hpp"
#include "flatnn/cpu/conv_2d_quantized.hpp"
#include "flatnn/cpu/conv_2d_quantized_amx.hpp"
#include "flatnn/cpu/conv_2d_quantized_vnni.hpp"
#include "flatnn/cpu/conv_dw_float.hpp"
#include "flatnn/cpu/depthwise_conv_2d_float.hpp"
#include "flatnn/cpu/depthwise_conv_2d_quantized.hpp"
#include "flatnn/cpu/depthwise_conv_2d_vnni.hpp"
#include "flatnn/cpu/fully_connected_quantized.hpp"
#include "flatnn/cpu/fully_connected_vnni.hpp"
#include "flatnn/cpu/thread_pool.hpp"
#include "flatnn/ops/add.hpp"
#include "flatnn/ops/conv_2d.hpp"
#include "flatnn/ops/depthwise_conv_2d.hpp"
#include "flatnn/ops/fully_connected.hpp"
#include "flatnn/ops/mul.hpp"
#include "flatnn/registry/builtin_ops.hpp"
#include "flatnn/registry/op_coverage.hpp"
#include "flatnn/registry/op_set.hpp"

namespace flatnn {

struct cpu_backend_options {
    int threads = 1;                                   // threads running each kernel, the caller's included
    cpu::simd_level max_arch = cpu::simd_level::avx512;  // highest SIMD level to use (FLATNN_CPU_ARCH lowers it too)
    bool amx = true;  // int8 convolutions on AMX tiles where the CPU and OS allow (FLATNN_CPU_AMX=0 turns it off)
    // Run a float32 CONV_2D inside the DEPTHWISE_CONV_2D that alone reads it, row by row (conv_dw_float.hpp): where
    // it pays (large intermediate, small weights), always (tests), or never. The convolution's output tensor is
    // then not written. FLATNN_CPU_FUSE=0 turns it off too. Never with interpreter_options::keep_all_tensors.
    enum class fusion { never, where_it_pays, always };
    fusion fuse = fusion::where_it_pays;
};

class cpu_backend {
public:
    static constexpr const char* name = "cpu";
    // With any resolver: SIMD kernels for every op that has them.
    explicit cpu_backend(const op_resolver& resolver = builtin_op_resolver(), cpu_backend_options options = {})
        : cpu_backend(resolver, options, 0) {
        enable_simd<op::conv_2d, op::depthwise_conv_2d, op::fully_connected, op::add, op::mul>();
    }
    explicit cpu_backend(cpu_backend_options options) : cpu_backend(builtin_op_resolver(), options) {}
    // With a make_op_resolver<...>() op set: only the listed ops' SIMD kernels are compiled.
    template <class... Ops>
    explicit cpu_backend(const op_set<Ops...>& resolver, cpu_backend_options options = {})
        : cpu_backend(resolver, options, 0) {
        enable_simd<Ops...>();
    }

    bool claims(const node& n) const noexcept { return reference_.claims(n); }
    std::string why_not(const node& n) const { return reference_.why_not(n); }
    status prepare(node& n) {
        FLATNN_TRY(reference_.prepare(n));
        if (level_ == cpu::simd_level::reference) return status::ok();
        for (const simd_entry& e : simd_)
            if (e.choose && e.code == n.op->code) return e.choose(*this, n);
        return status::ok();
    }
    status invoke(node& n) { return n.invoke(n); }

    // Fuses each float32 CONV_2D into the next node when that is a float32 DEPTHWISE_CONV_2D on this backend and
    // the only reader of the convolution's output (not a graph output, not a variable).
    status fuse(const plan_view& v) {
        using F = cpu_backend_options::fusion;
        if (fuse_ == F::never || v.keep_all_tensors || !conv_float_kernel_ || !dw_float_kernel_) return status::ok();
        std::vector<node>& nodes = *v.nodes;
        std::vector<int32_t> readers;  // per tensor index: how many node inputs name it
        for (const node& n : nodes)
            for (const tensor* t : n.inputs)
                if (t) {
                    if (readers.size() <= size_t(t->index)) readers.resize(size_t(t->index) + 1, 0);
                    ++readers[size_t(t->index)];
                }
        for (size_t k = 0; k + 1 < nodes.size(); ++k) {
            node &cv = nodes[k], &dw = nodes[k + 1];
            if (cv.backend != v.backend || dw.backend != v.backend || cv.invoke != conv_float_kernel_ ||
                dw.invoke != dw_float_kernel_ || cv.outputs.size() != 1 || dw.inputs.empty() || &dw.in(0) != &cv.out(0))
                continue;
            const tensor& mid = cv.out(0);
            if (mid.is_variable || readers[size_t(mid.index)] != 1 ||
                std::find(v.graph_outputs->begin(), v.graph_outputs->end(), mid.index) != v.graph_outputs->end())
                continue;
            auto& dd = dw.get<dw_float_data>();
            const cpu::gemm_panels& g = cv.get<conv_float_data>().pk.g;
            const size_t ring = cpu::conv_dw_ring_floats(dd.pk, mid.dims);
            if (fuse_ != F::always && !cpu::conv_dw_float_pays(size_t(mid.num_elements()) * sizeof(float),
                                                               size_t(g.K) * size_t(g.N) * sizeof(float), ring))
                continue;
            if (ring * sizeof(float) > dw.max_scratch_bytes) continue;  // the interpreter's cap on prepare's memory
            auto f = std::make_unique<conv_dw_float_data>();
            f->conv = &cv.get<conv_float_data>().pk;
            f->conv_in = &cv.in(0);
            f->self = this;
            f->dw.reset(static_cast<dw_float_data*>(dw.data.release()));
            dw.data = std::move(f);
            dw.invoke = conv_dw_float_kernel_;
            dw.fused_reads = {&cv.in(0)};
            cv.invoke = fused_away;
            cv.fused_into = int64_t(dw.index);
            for (auto& r : float_scratch_)
                if (r.size() < ring) r.resize(ring);
            ++k;  // the depthwise node is taken; it cannot also fuse into a later one
        }
        return status::ok();
    }

    // Model forms (op_form bits) with SIMD kernels, for the coverage table; other ops, forms and shapes the
    // kernels do not handle run the reference kernels.
    static uint8_t simd_forms(schema::builtin_op code) noexcept {
        using B = schema::builtin_op;
        switch (code) {
            case B::conv_2d: case B::depthwise_conv_2d: case B::fully_connected: case B::add: return op_form::all;
            case B::mul: return op_form::f32;
            default: return 0;
        }
    }

    cpu::simd_level level() const noexcept { return level_; }
    int threads() const noexcept { return pool_->threads(); }
    cpu::thread_pool& pool() noexcept { return *pool_; }
    int16_t* scratch(int thread) noexcept { return scratch_[size_t(thread)].data(); }
    float* float_scratch(int thread) noexcept { return float_scratch_[size_t(thread)].data(); }
    const float** ptr_scratch(int thread) noexcept { return ptr_scratch_[size_t(thread)].data(); }

private:
    // Chooses the SIMD kernel of one op at level_ (or leaves the reference kernel); one entry per op with SIMD
    // kernels, filled only for the ops the backend was built for, so that other ops' kernels are not compiled.
    using simd_chooser = status (*)(cpu_backend&, node&);
    struct simd_entry {
        int32_t code = -1;
        simd_chooser choose = nullptr;
    };

    cpu_backend(const op_resolver& resolver, cpu_backend_options options, int)
        : reference_(resolver), options_(options), level_(cpu::effective_simd_level(options.max_arch)),
          pool_(new cpu::thread_pool(options.threads)), scratch_(size_t(pool_->threads())),
          ptr_scratch_(size_t(pool_->threads())), float_scratch_(size_t(pool_->threads())) {
        const char* fuse_env = std::getenv("FLATNN_CPU_FUSE");
        fuse_ = fuse_env && std::string(fuse_env) == "0" ? cpu_backend_options::fusion::never : options.fuse;
#ifdef FLATNN_CPU_AMX
        const char* env = std::getenv("FLATNN_CPU_AMX");
        amx_ = options.amx && !(env && std::string(env) == "0") && cpu::cpu_has_amx_int8();
#endif
    }

    template <class... Ops>
    void enable_simd() {
        (enable_simd_for<Ops>(), ...);
    }
    template <class Op>
    void enable_simd_for() {
        using B = schema::builtin_op;
        if constexpr (std::is_same_v<Op, op::conv_2d>) set_simd(B::conv_2d, &choose_at_level<B::conv_2d>);
        else if constexpr (std::is_same_v<Op, op::depthwise_conv_2d>)
            set_simd(B::depthwise_conv_2d, &choose_at_level<B::depthwise_conv_2d>);
        else if constexpr (std::is_same_v<Op, op::fully_connected>)
            set_simd(B::fully_connected, &choose_at_level<B::fully_connected>);
        else if constexpr (std::is_same_v<Op, op::add>) set_simd(B::add, &choose_at_level<B::add>);
        else if constexpr (std::is_same_v<Op, op::mul>) set_simd(B::mul, &choose_at_level<B::mul>);
    }
    void set_simd(schema::builtin_op code, simd_chooser fn) noexcept {
        for (simd_entry& e : simd_)
            if (!e.choose || e.code == int32_t(code)) {
                e.code = int32_t(code), e.choose = fn;
                return;
            }
    }

    // The kernel at the level chosen at construction; only the levels simd_level_compiled() allows are compiled.
    template <schema::builtin_op Code>
    static status choose_at_level(cpu_backend& self, node& n) {
#if XSIMD_WITH_AVX512BW && XSIMD_WITH_AVX2
        if (self.level_ == cpu::simd_level::avx512) return self.choose<Code, xsimd::avx512f>(n);
#endif
#if XSIMD_WITH_AVX2
        if (self.level_ == cpu::simd_level::avx2) return self.choose<Code, xsimd::avx2>(n);
#endif
#if XSIMD_WITH_SSE4_1
        if constexpr (cpu::simd_level_compiled(cpu::simd_level::sse4_1))
            if (self.level_ == cpu::simd_level::sse4_1) return self.choose<Code, xsimd::sse4_1>(n);
#endif
        (void)self, (void)n;
        return status::ok();
    }

    reference_backend reference_;
    cpu_backend_options options_;
    cpu::simd_level level_;
    simd_entry simd_[5];
#ifdef FLATNN_CPU_VNNI
    bool vnni_ = cpu::cpu_has_vnni256();  // 256-bit VNNI int8 convolutions at the AVX-512 level
    bool vnni512_ = cpu::cpu_has_vnni512();  // and 32-channel zmm panels where 512-bit VNNI runs
#endif
#ifdef FLATNN_CPU_AMX
    bool amx_ = false;  // AMX tiles for int8 convolutions: set in the constructor from the option and the CPU
#endif
    std::unique_ptr<cpu::thread_pool> pool_;
    // per thread, grown in prepare, never in invoke; 64-byte aligned (AMX reads tile rows from it)
    std::vector<cpu::aligned_vector<int16_t>> scratch_;
    std::vector<std::vector<const float*>> ptr_scratch_;  // per thread: indirection rows of the float GEMM
    std::vector<cpu::aligned_vector<float>> float_scratch_;  // per thread: rings of fused convolutions, grown in fuse()
    cpu_backend_options::fusion fuse_ = cpu_backend_options::fusion::where_it_pays;
    // The float kernels at level_ (set when a node first takes one), so that fuse() knows them by their invoke.
    invoke_fn conv_float_kernel_ = nullptr, dw_float_kernel_ = nullptr, conv_dw_float_kernel_ = nullptr;
    static status fused_away(node&) { return status::ok(); }

    struct conv_gemm_data : node_data {
        cpu::conv_gemm_packed pk;
        cpu_backend* self = nullptr;
    };
#ifdef FLATNN_CPU_VNNI
    struct conv_vnni_data : node_data {
        cpu::conv_vnni_packed pk;
        cpu_backend* self = nullptr;
        bool amx = false;  // AMX tiles (16-channel panels) instead of VNNI registers
    };
#endif
#ifdef FLATNN_CPU_VNNI512
    // int8 depthwise on 512-bit VNNI from this many channels (its blocks are 64 channels wide: 32 channels ran
    // 0.33 -> 0.54 ms at 112x112). MobileNet v1 int8 with AMX convolutions: 3.48 -> 3.30 ms, v2 4.62 -> 4.17 ms.
    static constexpr int32_t dw_vnni_min_channels = 64;
    struct dw_vnni_data : node_data {
        cpu::dw_vnni_packed pk;
        cpu_backend* self = nullptr;
    };
#endif
    struct dw_data : node_data {
        cpu::dw_packed pk;
        cpu_backend* self = nullptr;
    };
    struct add_data : node_data {
        cpu::add_packed pk;
        cpu_backend* self = nullptr;
    };

    struct conv_float_data : node_data {
        cpu::conv_float_packed pk;
        cpu_backend* self = nullptr;
    };
    struct dw_float_data : node_data {
        cpu::dw_float_packed pk;
        cpu_backend* self = nullptr;
    };
    // The depthwise node of a fused pair: its own packed weights and the convolution's (owned by that node).
    struct conv_dw_float_data : node_data {
        std::unique_ptr<dw_float_data> dw;
        const cpu::conv_float_packed* conv = nullptr;
        const tensor* conv_in = nullptr;
        cpu_backend* self = nullptr;
    };
#ifdef FLATNN_CPU_VNNI
    struct fc_vnni_data : node_data {
        cpu::fc_vnni_packed pk;
        cpu_backend* self = nullptr;
    };
#endif
    struct fc_quant_data : node_data {
        cpu::fc_quant_packed pk;
        cpu_backend* self = nullptr;
    };
    struct binary_float_data : node_data {
        float act_min = 0, act_max = 0;
        cpu_backend* self = nullptr;
    };

    void reserve_scratch(size_t elems) {
        for (auto& s : scratch_)
            if (s.size() < elems) s.resize(elems);
    }
    void reserve_ptr_scratch(size_t elems) {
        for (auto& s : ptr_scratch_)
            if (s.size() < elems) s.resize(elems);
    }
    static bool constant_or_absent(const node& n, size_t i) { return !n.has_input(i) || n.in(i).is_constant; }

    template <schema::builtin_op Code, class A>
    status choose(node& n) {
        using B = schema::builtin_op;
        if constexpr (Code == B::conv_2d) return choose_conv<A>(n);
        else if constexpr (Code == B::depthwise_conv_2d) return choose_dw<A>(n);
        else if constexpr (Code == B::add) return choose_add<A>(n);
        else if constexpr (Code == B::mul) return choose_mul<A>(n);
        else return choose_fc<A>(n);
    }

    static bool same_shape_float(const node& n) {
        const tensor& in = n.in(0);
        return in.type == dtype::float32 && n.in(1).type == dtype::float32 && n.in(1).dims == in.dims &&
               n.out(0).dims == in.dims;
    }

    template <class A>
    status choose_mul(node& n) {
        if (!same_shape_float(n)) return status::ok();
        const auto& md = n.get<ops::mul_data>();
        auto d = std::make_unique<binary_float_data>();
        d->self = this, d->act_min = md.act_min, d->act_max = md.act_max;
        n.data = std::move(d);
        n.invoke = &binary_float_invoke<typename cpu::float_arch<A>::type, cpu::binary_float_op::mul>;
        return status::ok();
    }

    template <class A>
    status choose_fc(node& n) {
        using IA = typename cpu::int_arch<A>::type;  // integer kernels: AVX2 at the AVX-512 level
        const tensor& in = n.in(0);
        const tensor& w = n.in(1);
        if ((in.type == dtype::uint8 || in.type == dtype::int8) && w.type == in.type && w.is_constant &&
            constant_or_absent(n, 2)) {
#ifdef FLATNN_CPU_VNNI
            if constexpr (!std::is_same_v<A, IA>) {  // the AVX-512 level
                const reference::fully_connected_params& p = n.get<ops::fully_connected_data>().p;
                if (vnni_ && cpu::fc_vnni_applies(in, w, p)) {
                    auto d = std::make_unique<fc_vnni_data>();
                    d->self = this;
                    cpu::pack_fc_vnni(d->pk, p, w, n.has_input(2) ? &n.in(2) : nullptr, vnni512_);
                    reserve_scratch((cpu::fc_vnni_scratch(d->pk) + 1) / 2);
                    n.data = std::move(d);
                    n.invoke = &fc_vnni_invoke;
                    return status::ok();
                }
            }
#endif
            return at_int_width<IA>(w.dims[0], [&](auto arch) { return set_fc_quant<typename decltype(arch)::type>(n); });
        }
        if (in.type != dtype::float32 || w.type != dtype::float32 || !w.is_constant || !constant_or_absent(n, 2))
            return status::ok();
        using FA = typename cpu::float_arch<A>::type;
        const reference::fully_connected_params& p = n.get<ops::fully_connected_data>().p;
        auto d = std::make_unique<conv_float_data>();
        d->self = this;
        cpu::pack_fully_connected_float<FA>(d->pk, w.data_as<float>(), n.has_input(2) ? n.in(2).data_as<float>() : nullptr,
                                            p.units, p.input_size, p.act_min, p.act_max);
        reserve_ptr_scratch(cpu::conv_float_scratch(d->pk));
        n.data = std::move(d);
        n.invoke = &fc_float_invoke<FA>;
        return status::ok();
    }

    template <class A>
    status choose_conv_float(node& n) {
        const tensor& w = n.in(1);
        if (w.type != dtype::float32 || !w.is_constant || !constant_or_absent(n, 2) || w.dims[3] != n.in(0).dims[3])
            return status::ok();
        using FA = typename cpu::float_arch<A>::type;
        auto d = std::make_unique<conv_float_data>();
        d->self = this;
        cpu::pack_conv_float<FA>(d->pk, n.get<ops::conv_2d_data>().p, w,
                                 n.has_input(2) ? n.in(2).data_as<float>() : nullptr);
        reserve_ptr_scratch(cpu::conv_float_scratch(d->pk));
        n.data = std::move(d);
        n.invoke = conv_float_kernel_ = &conv_float_invoke<FA>;
        conv_dw_float_kernel_ = &conv_dw_float_invoke<FA>;
        return status::ok();
    }

    template <class A>
    status choose_dw_float(node& n) {
        const tensor& w = n.in(1);
        if (w.type != dtype::float32) return status::ok();  // hybrid: the node data is not depthwise_conv_2d_data
        const reference::depthwise_conv_2d_params& p = n.get<ops::depthwise_conv_2d_data>().p;
        if (!w.is_constant || !constant_or_absent(n, 2) || p.depth_multiplier != 1 ||
            w.dims[3] != n.in(0).dims[3] || w.dims[1] * w.dims[2] > cpu::dw_float_max_taps)
            return status::ok();
        using FA = typename cpu::float_arch<A>::type;
        auto d = std::make_unique<dw_float_data>();
        d->self = this;
        cpu::pack_dw_float<FA>(d->pk, p, w, n.has_input(2) ? n.in(2).data_as<float>() : nullptr, n.in(0).dims[2]);
        n.data = std::move(d);
        n.invoke = dw_float_kernel_ = &dw_float_invoke<FA>;
        return status::ok();
    }

    template <class A>
    status choose_add(node& n) {
        using IA = typename cpu::int_arch<A>::type;  // integer kernels: AVX2 at the AVX-512 level
        const tensor& in = n.in(0);
        if (same_shape_float(n)) {
            const auto& ad = n.get<ops::add_data>();
            auto d = std::make_unique<binary_float_data>();
            d->self = this, d->act_min = ad.act_min, d->act_max = ad.act_max;
            n.data = std::move(d);
            n.invoke = &binary_float_invoke<typename cpu::float_arch<A>::type, cpu::binary_float_op::add>;
            return status::ok();
        }
        if ((in.type != dtype::uint8 && in.type != dtype::int8) || n.in(1).type != in.type ||
            n.in(1).dims != in.dims || n.out(0).dims != in.dims)
            return status::ok();
        const reference::add_quant_params q = n.get<ops::add_data>().q;
        auto d = std::make_unique<add_data>();
        d->self = this;
        cpu::pack_add(d->pk, q, cpu::int_ops<IA>::lanes32);
        n.data = std::move(d);
        n.invoke = in.type == dtype::uint8 ? &add_invoke<uint8_t, IA> : &add_invoke<int8_t, IA>;
        return status::ok();
    }

    template <class A>
    status choose_conv(node& n) {
        using IA = typename cpu::int_arch<A>::type;  // integer kernels: AVX2 at the AVX-512 level
        const tensor& in = n.in(0);
        const tensor& w = n.in(1);
        if (in.type == dtype::float32) return choose_conv_float<A>(n);
        if ((in.type != dtype::uint8 && in.type != dtype::int8) || w.type != in.type || !w.is_constant ||
            !constant_or_absent(n, 2) || w.dims[3] != in.dims[3])
            return status::ok();
        const reference::conv_2d_params p = n.get<ops::conv_2d_data>().p;
#ifdef FLATNN_CPU_VNNI
        if constexpr (!std::is_same_v<A, IA>) {  // the AVX-512 level
            const tensor& out = n.out(0);
            const int64_t rows = int64_t(out.dims[0]) * out.dims[1] * out.dims[2];
            bool amx = false;  // AMX tiles, for int8 and uint8; a 16-row tile is wasted on fewer rows
#ifdef FLATNN_CPU_AMX
            amx = amx_ && rows >= cpu::conv_amx_mr;
#endif
            (void)rows;
            const bool u8 = in.type == dtype::uint8;
            if ((u8 && amx) || (!u8 && vnni_ && cpu::conv_vnni_applies(in, w, p))) {
                auto d = std::make_unique<conv_vnni_data>();
                d->self = this;
                d->amx = amx;
                const tensor* bias = n.has_input(2) ? &n.in(2) : nullptr;
#ifdef FLATNN_CPU_AMX
                if (u8) cpu::pack_conv_amx_u8(d->pk, p, w, bias);
                else
#endif
                    cpu::pack_conv_vnni(d->pk, p, w, bias, amx ? 16 : cpu::conv_vnni_panel_width(w.dims[0], vnni512_));
                reserve_scratch((scratch_bytes(*d) + 1) / 2);
                n.data = std::move(d);
                n.invoke = u8 ? &conv_vnni_invoke<uint8_t> : &conv_vnni_invoke<int8_t>;
                return status::ok();
            }
        }
#endif
        return at_int_width<IA>(w.dims[0], [&](auto arch) { return set_conv_gemm<typename decltype(arch)::type>(n, p); });
    }
    template <class IA>
    status set_conv_gemm(node& n, const reference::conv_2d_params& p) {
        auto d = std::make_unique<conv_gemm_data>();
        d->self = this;
        cpu::pack_conv_gemm(d->pk, p, n.in(1), n.has_input(2) ? &n.in(2) : nullptr, 2 * cpu::int_ops<IA>::lanes32);
        reserve_scratch(cpu::conv_gemm_scratch<IA>(d->pk, cpu::conv_gemm_block_rows(d->pk, cpu::conv_gemm_tiling<IA>::mr)));
        n.data = std::move(d);
        n.invoke = n.in(0).type == dtype::uint8 ? &conv_gemm_invoke<uint8_t, IA> : &conv_gemm_invoke<int8_t, IA>;
        return status::ok();
    }

    template <class IA>
    status set_fc_quant(node& n) {
        auto d = std::make_unique<fc_quant_data>();
        d->self = this;
        cpu::pack_fc_quant(d->pk, n.get<ops::fully_connected_data>().p, n.in(1), n.has_input(2) ? &n.in(2) : nullptr,
                           2 * cpu::int_ops<IA>::lanes32);
        reserve_scratch(cpu::fc_quant_scratch<IA>(d->pk));
        n.data = std::move(d);
        n.invoke = n.in(0).type == dtype::uint8 ? &fc_quant_invoke<uint8_t, IA> : &fc_quant_invoke<int8_t, IA>;
        return status::ok();
    }

    template <class A>
    status choose_dw(node& n) {
        using IA = typename cpu::int_arch<A>::type;  // integer kernels: AVX2 at the AVX-512 level
        const tensor& in = n.in(0);
        const tensor& w = n.in(1);
        if (in.type == dtype::float32) return choose_dw_float<A>(n);
        if ((in.type != dtype::uint8 && in.type != dtype::int8) || w.type != in.type || !w.is_constant ||
            !constant_or_absent(n, 2) || w.dims[3] != in.dims[3] || w.dims[1] * w.dims[2] > cpu::dw_max_taps)
            return status::ok();
#ifdef FLATNN_CPU_VNNI512
        if constexpr (!std::is_same_v<A, IA>) {  // the AVX-512 level
            const reference::depthwise_conv_2d_params& p = n.get<ops::depthwise_conv_2d_data>().p;
            if (vnni512_ && in.dims[3] >= dw_vnni_min_channels && cpu::dw_vnni_applies(in, w, p)) {
                auto d = std::make_unique<dw_vnni_data>();
                d->self = this;
                cpu::pack_dw_vnni(d->pk, p, w, n.has_input(2) ? &n.in(2) : nullptr);
                n.data = std::move(d);
                n.invoke = &dw_vnni_invoke;
                return status::ok();
            }
        }
#endif
        return at_int_width<IA>(in.dims[3], [&](auto arch) { return set_dw_quant<typename decltype(arch)::type>(n); });
    }

    template <class X>
    struct arch_tag {
        using type = X;
    };
    // Calls f(arch_tag<X>{}) with X the integer arch at or below IA whose channel blocks suit `channels`
    // (int_level_for_channels): 8 channels fill one SSE4.1 register but a quarter of an AVX-512 one.
    template <class IA, class F>
    static status at_int_width(int32_t channels, F&& f) {
        constexpr int32_t L = cpu::int_ops<IA>::lanes16;
        const cpu::simd_level top = L >= 32 ? cpu::simd_level::avx512 : L >= 16 ? cpu::simd_level::avx2 : cpu::simd_level::sse4_1;
        const cpu::simd_level l = cpu::int_level_for_channels(top, channels);
#if XSIMD_WITH_SSE4_1
        if constexpr (L > 8 && cpu::simd_level_compiled(cpu::simd_level::sse4_1))
            if (l == cpu::simd_level::sse4_1) return f(arch_tag<xsimd::sse4_1>{});
#endif
#if XSIMD_WITH_AVX2
        if constexpr (L > 16 && cpu::simd_level_compiled(cpu::simd_level::avx2))
            if (l == cpu::simd_level::avx2) return f(arch_tag<xsimd::avx2>{});
#endif
        (void)l;
        return f(arch_tag<IA>{});
    }
    template <class IA>
    status set_dw_quant(node& n) {
        const reference::depthwise_conv_2d_params p = n.get<ops::depthwise_conv_2d_data>().p;
        auto d = std::make_unique<dw_data>();
        d->self = this;
        cpu::pack_dw(d->pk, p, n.in(1), n.has_input(2) ? &n.in(2) : nullptr, cpu::int_ops<IA>::lanes16);
        n.data = std::move(d);
        n.invoke = n.in(0).type == dtype::uint8 ? &dw_invoke<uint8_t, IA> : &dw_invoke<int8_t, IA>;
        return status::ok();
    }

    // Work (multiply-adds) below which one more thread costs more than it saves: a spinning worker picks a job up
    // in well under a microsecond, and 2^15 multiply-adds take about one. Measured on MobileNet v1 0.25 at 2 threads:
    // 2^17 0.29 ms, 2^15 0.255 ms, 2^13 no better (a layer left on one thread also reads the other core's output).
    static constexpr double min_work_per_thread = 1 << 15;
    // Splits [0, total) into up to `threads` contiguous ranges aligned to `align`; small jobs stay on fewer threads.
    struct split {
        int64_t total, chunk;
        split(int64_t t, int threads, int64_t align, double work) : total(t) {
            const double per_thread = min_work_per_thread;
            if (work < per_thread * threads) threads = std::max(1, int(work / per_thread));
            chunk = (t + threads - 1) / threads;
            chunk = (chunk + align - 1) / align * align;
            if (chunk < 1) chunk = 1;
        }
        int64_t tasks() const noexcept { return (total + chunk - 1) / chunk; }
    };

    template <class T, class A>
    static status conv_gemm_invoke(node& n) {
        auto& d = n.get<conv_gemm_data>();
        struct job {
            const cpu::conv_gemm_packed* pk;
            tensor_view<const T> in;
            tensor_view<T> out;
            cpu_backend* self;
            int64_t rows, chunk;
        };
        const tensor_view<T> out = view<T>(n.out(0));
        const int64_t rows = int64_t(out.dims[0]) * out.dims[1] * out.dims[2];
        const split s(rows, d.self->threads(), cpu::conv_gemm_tiling<A>::mr, double(rows) * d.pk.K * d.pk.OC);
        job j{&d.pk, view<T>(static_cast<const tensor&>(n.in(0))), out, d.self, rows, s.chunk};
        d.self->pool().run(s.tasks(), [](void* c, int64_t task, int thread) {
            const job& j = *static_cast<const job*>(c);
            const int64_t b = task * j.chunk, e = std::min(j.rows, b + j.chunk);
            cpu::conv_gemm_rows<T, A>(*j.pk, j.in, j.out, b, e, j.self->scratch(thread));
        }, &j);
        return status::ok();
    }

#ifdef FLATNN_CPU_VNNI
    // int8 on VNNI registers or AMX tiles; uint8 on AMX tiles only.
    template <class T>
    static status conv_vnni_invoke(node& n) {
        auto& d = n.get<conv_vnni_data>();
        struct job {
            const cpu::conv_vnni_packed* pk;
            tensor_view<const T> in;
            tensor_view<T> out;
            cpu_backend* self;
            int64_t rows, chunk;
        };
        const tensor_view<T> out = view<T>(n.out(0));
        const int64_t rows = int64_t(out.dims[0]) * out.dims[1] * out.dims[2];
        const int32_t granule = d.amx ? 16 : cpu::conv_vnni_tile_rows(d.pk);
        const split s(rows, d.self->threads(), granule, double(rows) * d.pk.K * d.pk.OC);
        job j{&d.pk, view<T>(static_cast<const tensor&>(n.in(0))), out, d.self, rows, s.chunk};
#ifdef FLATNN_CPU_AMX
        if (d.amx) {
            d.self->pool().run(s.tasks(), [](void* c, int64_t task, int thread) {
                const job& j = *static_cast<const job*>(c);
                const int64_t b = task * j.chunk, e = std::min(j.rows, b + j.chunk);
                cpu::conv_amx_rows<T>(*j.pk, j.in, j.out, b, e, reinterpret_cast<uint8_t*>(j.self->scratch(thread)));
            }, &j);
            return status::ok();
        }
#endif
        if constexpr (std::is_same_v<T, int8_t>)
            d.self->pool().run(s.tasks(), [](void* c, int64_t task, int thread) {
                const job& j = *static_cast<const job*>(c);
                const int64_t b = task * j.chunk, e = std::min(j.rows, b + j.chunk);
                cpu::conv_vnni_rows(*j.pk, j.in, j.out, b, e, reinterpret_cast<uint8_t*>(j.self->scratch(thread)));
            }, &j);
        return status::ok();
    }
    static size_t scratch_bytes(const conv_vnni_data& d) noexcept {
#ifdef FLATNN_CPU_AMX
        if (d.amx) return cpu::conv_amx_scratch(d.pk);
#endif
        return cpu::conv_vnni_scratch(d.pk);
    }
#endif

    // Float GEMM work split: over row chunks (multiples of MR) when there are rows enough for every thread, else
    // over weight panels (the small spatial sizes of late layers, FULLY_CONNECTED with one batch). A few tasks per
    // thread, claimed dynamically, so that a thread the OS delays does not hold the others up.
    static constexpr size_t row_split_weight_bytes = size_t(256) << 10;
    struct gemm_split {
        int64_t rows, row_chunk;
        int32_t panels, panel_chunk;
        gemm_split(int64_t m, int32_t p, int threads, int mr, int32_t block_rows, double work)
            : rows(m), row_chunk(m), panels(p), panel_chunk(p) {
            const double per_thread = min_work_per_thread;
            if (work < per_thread * threads) threads = std::max(1, int(work / per_thread));
            if (threads == 1) return;
            const int tasks = 4 * threads;
            // Rows also when each thread gets 4 tiles and the weights (work / m floats) are small enough for
            // every thread to read them all: a split over panels leaves each output pixel half in the other
            // core's cache, where the next op (split over rows) reads it. MobileNet v2 float32, 2 threads:
            // 4.6 -> 4.3 ms (its 14x14 layers, 98-221 KiB of weights); v1's 1-4 MiB layers stay on panels.
            const bool small_weights = work / double(m) * sizeof(float) <= double(row_split_weight_bytes);
            if (m >= int64_t(threads) * block_rows || p < threads || (small_weights && m >= int64_t(threads) * 4 * mr)) {
                // A multiple of `threads` tasks of about equal rows, up to 4 per thread while each still fills a
                // block (784 rows in 256-row blocks on 2 threads: 4 x 196, not 256 + 256 + 256 + 16).
                const int64_t per_thread_blocks = (m + int64_t(threads) * block_rows - 1) / (int64_t(threads) * block_rows);
                const int64_t n = int64_t(threads) * std::min<int64_t>(4, std::max<int64_t>(1, per_thread_blocks));
                row_chunk = (m + n - 1) / n;
                row_chunk = std::max<int64_t>(mr, (row_chunk + mr - 1) / mr * mr);
            } else {
                panel_chunk = std::max(1, (p + tasks - 1) / tasks);
            }
        }
        int64_t row_tasks() const noexcept { return (rows + row_chunk - 1) / row_chunk; }
        int64_t tasks() const noexcept { return row_tasks() * ((panels + panel_chunk - 1) / panel_chunk); }
    };

    // Runs conv_float_rows over the output [rows = N*OH*OW, OC] through the pool.
    template <class A>
    static void run_conv_float(cpu_backend& self, const cpu::conv_float_packed& pk, const float* in,
                               const shape& in_dims, float* out, const shape& out_dims) {
        struct job {
            const cpu::conv_float_packed* pk;
            const float* in;
            float* out;
            const shape *in_dims, *out_dims;
            cpu_backend* self;
            gemm_split s;
        };
        const int64_t rows = int64_t(out_dims[0]) * out_dims[1] * out_dims[2];
        const gemm_split s(rows, pk.g.panels, self.threads(), cpu::gemm_tiling<A>::mr, pk.block_rows,
                           double(rows) * pk.g.K * pk.g.N);
        job j{&pk, in, out, &in_dims, &out_dims, &self, s};
        self.pool().run(s.tasks(), [](void* c, int64_t task, int thread) {
            const job& j = *static_cast<const job*>(c);
            const int64_t rt = task % j.s.row_tasks(), pt = task / j.s.row_tasks();
            const int64_t b = rt * j.s.row_chunk, e = std::min(j.s.rows, b + j.s.row_chunk);
            const int32_t p0 = int32_t(pt) * j.s.panel_chunk, p1 = std::min(j.s.panels, p0 + j.s.panel_chunk);
            cpu::conv_float_rows<A>(*j.pk, j.in, *j.in_dims, j.out, *j.out_dims, b, e, p0, p1,
                                    j.self->ptr_scratch(thread));
        }, &j);
    }

    template <class A>
    static status conv_float_invoke(node& n) {
        auto& d = n.get<conv_float_data>();
        run_conv_float<A>(*d.self, d.pk, n.in(0).data_as<float>(), n.in(0).dims, n.out(0).data_as<float>(),
                          n.out(0).dims);
        return status::ok();
    }

    template <class A>
    static status fc_float_invoke(node& n) {
        auto& d = n.get<conv_float_data>();
        const int64_t batches = n.in(0).num_elements() / d.pk.C;
        const shape in_dims{int32_t(batches), 1, 1, d.pk.C}, out_dims{int32_t(batches), 1, 1, d.pk.g.N};
        run_conv_float<A>(*d.self, d.pk, n.in(0).data_as<float>(), in_dims, n.out(0).data_as<float>(), out_dims);
        return status::ok();
    }

    template <class T, class A>
    static status fc_quant_invoke(node& n) {
        auto& d = n.get<fc_quant_data>();
        struct job {
            const cpu::fc_quant_packed* pk;
            const T* in;
            T* out;
            cpu_backend* self;
            int64_t rows, chunk;
        };
        const int64_t rows = n.in(0).num_elements() / d.pk.K;
        const split s(rows, d.self->threads(), cpu::conv_gemm_tiling<A>::mr, double(rows) * d.pk.K * d.pk.units);
        job j{&d.pk, n.in(0).data_as<T>(), n.out(0).data_as<T>(), d.self, rows, s.chunk};
        d.self->pool().run(s.tasks(), [](void* c, int64_t task, int thread) {
            const job& j = *static_cast<const job*>(c);
            const int64_t b = task * j.chunk, e = std::min(j.rows, b + j.chunk);
            cpu::fc_quant_rows<T, A>(*j.pk, j.in, j.out, b, e, j.self->scratch(thread));
        }, &j);
        return status::ok();
    }

#ifdef FLATNN_CPU_VNNI
    // Over batch rows when there are rows for every thread, else over weight panels (one batch: the usual case).
    static status fc_vnni_invoke(node& n) {
        auto& d = n.get<fc_vnni_data>();
        struct job {
            const cpu::fc_vnni_packed* pk;
            const int8_t* in;
            int8_t* out;
            cpu_backend* self;
            int64_t rows, row_chunk;
            int32_t panels, panel_chunk;
        };
        const int64_t rows = n.in(0).num_elements() / d.pk.K;
        const int32_t panels = cpu::fc_vnni_panels(d.pk);
        const double work = double(rows) * d.pk.K * d.pk.units;
        job j{&d.pk, n.in(0).data_as<int8_t>(), n.out(0).data_as<int8_t>(), d.self, rows, rows, panels, panels};
        if (rows >= d.self->threads()) j.row_chunk = split(rows, d.self->threads(), 1, work).chunk;
        else j.panel_chunk = int32_t(split(panels, d.self->threads(), 1, work).chunk);
        const int64_t row_tasks = (rows + j.row_chunk - 1) / j.row_chunk;
        const int64_t tasks = row_tasks * ((panels + j.panel_chunk - 1) / j.panel_chunk);
        d.self->pool().run(tasks, [](void* c, int64_t task, int thread) {
            const job& j = *static_cast<const job*>(c);
            const int64_t row_tasks = (j.rows + j.row_chunk - 1) / j.row_chunk;
            const int64_t b = (task % row_tasks) * j.row_chunk, e = std::min(j.rows, b + j.row_chunk);
            const int32_t p0 = int32_t(task / row_tasks) * j.panel_chunk, p1 = std::min(j.panels, p0 + j.panel_chunk);
            cpu::fc_vnni_rows(*j.pk, j.in, j.out, b, e, p0, p1, reinterpret_cast<uint8_t*>(j.self->scratch(thread)));
        }, &j);
        return status::ok();
    }
#endif

    // A fused CONV_2D -> DEPTHWISE_CONV_2D pair, run on the depthwise node: one contiguous share of output rows
    // per thread (each share recomputes the convolution rows it shares with the one before).
    template <class A>
    static status conv_dw_float_invoke(node& n) {
        auto& d = n.get<conv_dw_float_data>();
        struct job {
            const cpu::conv_float_packed* conv;
            const cpu::dw_float_packed* dw;
            const float* in;
            float* out;
            const shape *in_dims, *mid_dims, *out_dims;
            cpu_backend* self;
            int64_t rows, chunk;
        };
        const shape& od = n.out(0).dims;
        const shape& md = n.in(0).dims;
        const int64_t rows = int64_t(od[0]) * od[1];
        const double work = double(md.num_elements()) * d.conv->g.K + double(n.out(0).num_elements()) * d.dw->pk.taps();
        const split s(rows, d.self->threads(), 1, work);
        job j{d.conv, &d.dw->pk, d.conv_in->data_as<float>(), n.out(0).data_as<float>(), &d.conv_in->dims, &md, &od,
              d.self, rows, s.chunk};
        d.self->pool().run(s.tasks(), [](void* c, int64_t task, int thread) {
            const job& j = *static_cast<const job*>(c);
            const int64_t b = task * j.chunk, e = std::min(j.rows, b + j.chunk);
            cpu::conv_dw_float_rows<A>(*j.conv, *j.dw, j.in, *j.in_dims, *j.mid_dims, j.out, *j.out_dims, b, e,
                                       j.self->ptr_scratch(thread), j.self->float_scratch(thread));
        }, &j);
        return status::ok();
    }

    template <class A>
    static status dw_float_invoke(node& n) {
        auto& d = n.get<dw_float_data>();
        struct job {
            const cpu::dw_float_packed* pk;
            const float* in;
            float* out;
            const shape *in_dims, *out_dims;
            int64_t rows, chunk;
        };
        const shape& od = n.out(0).dims;
        const int64_t rows = int64_t(od[0]) * od[1];
        const split s(rows, d.self->threads(), 1, double(n.out(0).num_elements()) * d.pk.taps());
        job j{&d.pk, n.in(0).data_as<float>(), n.out(0).data_as<float>(), &n.in(0).dims, &od, rows, s.chunk};
        d.self->pool().run(s.tasks(), [](void* c, int64_t task, int) {
            const job& j = *static_cast<const job*>(c);
            const int64_t b = task * j.chunk, e = std::min(j.rows, b + j.chunk);
            cpu::dw_float_rows<A>(*j.pk, j.in, *j.in_dims, j.out, *j.out_dims, b, e);
        }, &j);
        return status::ok();
    }

    template <class A, cpu::binary_float_op Op>
    static status binary_float_invoke(node& n) {
        auto& d = n.get<binary_float_data>();
        struct job {
            const float *a, *b;
            float* out;
            float lo, hi;
            int64_t total, chunk;
        };
        const int64_t total = n.out(0).num_elements();
        const split s(total, d.self->threads(), 64, double(total) * 4);
        job j{n.in(0).data_as<float>(), n.in(1).data_as<float>(), n.out(0).data_as<float>(), d.act_min, d.act_max,
              total, s.chunk};
        d.self->pool().run(s.tasks(), [](void* c, int64_t task, int) {
            const job& j = *static_cast<const job*>(c);
            const int64_t b = task * j.chunk, e = std::min(j.total, b + j.chunk);
            cpu::binary_float_range<A, Op>(j.a, j.b, j.out, b, e, j.lo, j.hi);
        }, &j);
        return status::ok();
    }

    template <class T, class A>
    static status add_invoke(node& n) {
        auto& d = n.get<add_data>();
        struct job {
            const cpu::add_packed* pk;
            const T *a, *b;
            T* out;
            int64_t total, chunk;
        };
        const int64_t total = n.out(0).num_elements();
        const split s(total, d.self->threads(), 64, double(total) * 16);
        job j{&d.pk, n.in(0).data_as<T>(), n.in(1).data_as<T>(), n.out(0).data_as<T>(), total, s.chunk};
        d.self->pool().run(s.tasks(), [](void* c, int64_t task, int) {
            const job& j = *static_cast<const job*>(c);
            const int64_t b = task * j.chunk, e = std::min(j.total, b + j.chunk);
            cpu::add_range<T, A>(*j.pk, j.a, j.b, j.out, b, e);
        }, &j);
        return status::ok();
    }

#ifdef FLATNN_CPU_VNNI512
    static status dw_vnni_invoke(node& n) {
        auto& d = n.get<dw_vnni_data>();
        struct job {
            const cpu::dw_vnni_packed* pk;
            tensor_view<const int8_t> in;
            tensor_view<int8_t> out;
            int64_t rows, chunk;
        };
        const tensor_view<int8_t> out = view<int8_t>(n.out(0));
        const int64_t rows = int64_t(out.dims[0]) * out.dims[1];
        const split s(rows, d.self->threads(), 1, double(out.size()) * d.pk.KH * d.pk.KW);
        job j{&d.pk, view<int8_t>(static_cast<const tensor&>(n.in(0))), out, rows, s.chunk};
        d.self->pool().run(s.tasks(), [](void* c, int64_t task, int) {
            const job& j = *static_cast<const job*>(c);
            const int64_t b = task * j.chunk, e = std::min(j.rows, b + j.chunk);
            cpu::dw_vnni_rows(*j.pk, j.in, j.out, b, e);
        }, &j);
        return status::ok();
    }
#endif

    template <class T, class A>
    static status dw_invoke(node& n) {
        auto& d = n.get<dw_data>();
        struct job {
            const cpu::dw_packed* pk;
            tensor_view<const T> in;
            tensor_view<T> out;
            int64_t rows, chunk;
        };
        const tensor_view<T> out = view<T>(n.out(0));
        const int64_t rows = int64_t(out.dims[0]) * out.dims[1];
        const split s(rows, d.self->threads(), 1, double(out.size()) * d.pk.KH * d.pk.KW);
        job j{&d.pk, view<T>(static_cast<const tensor&>(n.in(0))), out, rows, s.chunk};
        d.self->pool().run(s.tasks(), [](void* c, int64_t task, int) {
            const job& j = *static_cast<const job*>(c);
            const int64_t b = task * j.chunk, e = std::min(j.rows, b + j.chunk);
            cpu::dw_rows<T, A>(*j.pk, j.in, j.out, b, e);
        }, &j);
        return status::ok();
    }
};

static_assert(is_backend<cpu_backend>::value, "cpu_backend must implement the backend trait");

}  // namespace flatnn
