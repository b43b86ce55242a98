#pragma once
// The CPU backend. It claims every node the op resolver has a kernel for. prepare runs the op's own prepare
// (checks, output shape, parameters, reference kernel) and then, where a SIMD kernel exists for the node's shape
// and dtype at the chosen SIMD level, packs the weights once and replaces node::invoke with it.
//
// SIMD kernels today: quantized (uint8/int8) CONV_2D with one group (GEMM over gathered pixel blocks), quantized
// DEPTHWISE_CONV_2D with depth multiplier 1 and at most 5x5 taps, quantized ADD without broadcasting. Everything
// else runs the reference kernels.
//
// One cpu_backend serves one interpreter at a time: its thread pool and scratch are shared by the nodes it
// prepared. Use one backend per interpreter for concurrent inference.
#include <memory>
#include <string>
#include <vector>

#include "flatnn/backend/backend.hpp"
#include "flatnn/backend/reference_backend.hpp"
#include "flatnn/cpu/add_quantized.hpp"
#include "flatnn/cpu/arch.hpp"
#include "flatnn/cpu/conv_2d_quantized.hpp"
#include "flatnn/cpu/depthwise_conv_2d_quantized.hpp"
#include "flatnn/cpu/thread_pool.hpp"
#include "flatnn/ops/add.hpp"
#include "flatnn/ops/conv_2d.hpp"
#include "flatnn/ops/depthwise_conv_2d.hpp"
#include "flatnn/registry/builtin_ops.hpp"

namespace flatnn {

struct cpu_backend_options {
    int threads = 1;                                   // threads running each kernel, the caller's included
    cpu::simd_level max_arch = cpu::simd_level::avx2;  // highest SIMD level to use (FLATNN_CPU_ARCH lowers it too)
};

class cpu_backend {
public:
    static constexpr const char* name = "cpu";
    explicit cpu_backend(const op_resolver& resolver = builtin_op_resolver(), cpu_backend_options options = {})
        : reference_(resolver), options_(options), level_(cpu::effective_simd_level(options.max_arch)),
          pool_(new cpu::thread_pool(options.threads)), scratch_(size_t(pool_->threads())) {}
    explicit cpu_backend(cpu_backend_options options) : cpu_backend(builtin_op_resolver(), options) {}

    bool claims(const node& n) const noexcept { return reference_.claims(n); }
    std::string why_not(const node& n) const { return reference_.why_not(n); }
    status prepare(node& n) {
        FLATNN_TRY(reference_.prepare(n));
        if (level_ == cpu::simd_level::reference) return status::ok();
#if XSIMD_WITH_AVX2
        if (level_ == cpu::simd_level::avx2) return choose<xsimd::avx2>(n);
#endif
#if XSIMD_WITH_SSE4_1
        return choose<xsimd::sse4_1>(n);
#else
        return status::ok();
#endif
    }
    status invoke(node& n) { return n.invoke(n); }

    cpu::simd_level level() const noexcept { return level_; }
    int threads() const noexcept { return pool_->threads(); }
    cpu::thread_pool& pool() noexcept { return *pool_; }
    int16_t* scratch(int thread) noexcept { return scratch_[size_t(thread)].data(); }

private:
    reference_backend reference_;
    cpu_backend_options options_;
    cpu::simd_level level_;
    std::unique_ptr<cpu::thread_pool> pool_;
    std::vector<std::vector<int16_t>> scratch_;  // per thread, grown in prepare, never in invoke

    struct conv_gemm_data : node_data {
        cpu::conv_gemm_packed pk;
        cpu_backend* self = nullptr;
    };
    struct dw_data : node_data {
        cpu::dw_packed pk;
        cpu_backend* self = nullptr;
    };
    struct add_data : node_data {
        cpu::add_packed pk;
        cpu_backend* self = nullptr;
    };

    void reserve_scratch(size_t elems) {
        for (auto& s : scratch_)
            if (s.size() < elems) s.resize(elems);
    }
    static bool constant_or_absent(const node& n, size_t i) { return !n.has_input(i) || n.in(i).is_constant; }

    template <class A>
    status choose(node& n) {
        const int32_t code = n.op->code;
        if (code == int32_t(schema::builtin_op::conv_2d)) return choose_conv<A>(n);
        if (code == int32_t(schema::builtin_op::depthwise_conv_2d)) return choose_dw<A>(n);
        if (code == int32_t(schema::builtin_op::add)) return choose_add<A>(n);
        return status::ok();
    }

    template <class A>
    status choose_add(node& n) {
        const tensor& in = n.in(0);
        if ((in.type != dtype::uint8 && in.type != dtype::int8) || n.in(1).type != in.type ||
            n.in(1).dims != in.dims || n.out(0).dims != in.dims)
            return status::ok();
        const reference::add_quant_params q = n.get<ops::add_data>().q;
        auto d = std::make_unique<add_data>();
        d->self = this;
        cpu::pack_add(d->pk, q, cpu::int_ops<A>::lanes32);
        n.data = std::move(d);
        n.invoke = in.type == dtype::uint8 ? &add_invoke<uint8_t, A> : &add_invoke<int8_t, A>;
        return status::ok();
    }

    template <class A>
    status choose_conv(node& n) {
        const tensor& in = n.in(0);
        const tensor& w = n.in(1);
        if ((in.type != dtype::uint8 && in.type != dtype::int8) || w.type != in.type || !w.is_constant ||
            !constant_or_absent(n, 2) || w.dims[3] != in.dims[3])
            return status::ok();
        const reference::conv_2d_params p = n.get<ops::conv_2d_data>().p;
        auto d = std::make_unique<conv_gemm_data>();
        d->self = this;
        cpu::pack_conv_gemm(d->pk, p, w, n.has_input(2) ? &n.in(2) : nullptr, 2 * cpu::int_ops<A>::lanes32);
        reserve_scratch(cpu::conv_gemm_scratch<A>(d->pk, cpu::conv_gemm_block_rows(d->pk, cpu::conv_gemm_tiling<A>::mr)));
        n.data = std::move(d);
        n.invoke = in.type == dtype::uint8 ? &conv_gemm_invoke<uint8_t, A> : &conv_gemm_invoke<int8_t, A>;
        return status::ok();
    }

    template <class A>
    status choose_dw(node& n) {
        const tensor& in = n.in(0);
        const tensor& w = n.in(1);
        if ((in.type != dtype::uint8 && in.type != dtype::int8) || w.type != in.type || !w.is_constant ||
            !constant_or_absent(n, 2) || w.dims[3] != in.dims[3] || w.dims[1] * w.dims[2] > cpu::dw_max_taps)
            return status::ok();
        const reference::depthwise_conv_2d_params p = n.get<ops::depthwise_conv_2d_data>().p;
        auto d = std::make_unique<dw_data>();
        d->self = this;
        cpu::pack_dw(d->pk, p, w, n.has_input(2) ? &n.in(2) : nullptr, cpu::int_ops<A>::lanes16);
        n.data = std::move(d);
        n.invoke = in.type == dtype::uint8 ? &dw_invoke<uint8_t, A> : &dw_invoke<int8_t, A>;
        return status::ok();
    }

    // Splits [0, total) into up to `threads` contiguous ranges aligned to `align`; small jobs (under ~1M
    // multiply-adds per thread) stay on fewer threads, where waking a worker would cost more than it saves.
    struct split {
        int64_t total, chunk;
        split(int64_t t, int threads, int64_t align, double work) : total(t) {
            const double per_thread = 1 << 20;
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
