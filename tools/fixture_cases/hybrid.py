"""Dynamic-range (hybrid) and float16-weight forms (issue #8). Hybrid: the converter with
optimizations=[DEFAULT] and no representative data keeps activations float and stores int8 weights (only for
weights of 1024 elements or more, hence the sizes); TFLite quantizes each input row on the fly. float16: the
weights are float16 constants DEQUANTIZEd to float32. Each patch checks that the converter produced the form
under test, so that a converter change cannot silently turn a case into a plain float one."""

import importlib.util
import os

import numpy as np


def sibling(name):
    """Another module of this folder (gen_fixtures loads them by path, not as a package)."""
    path = os.path.join(os.path.dirname(__file__), name + ".py")
    spec = importlib.util.spec_from_file_location("fixture_cases_" + name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod

INT8, FLOAT32, FLOAT16 = 9, 0, 1


def expect_hybrid(op_name, symmetric=False, per_tensor=False, x_input=0, w_input=1):
    """Patch: the op's input x_input must be float32 and its weights (input w_input) int8. Optionally switch the
    FullyConnectedOptions to symmetric input quantization, or give the weights one scale (the largest of the
    per-channel ones) so that TFLite takes its per-tensor path."""

    def patch(m, g):
        sg = m.subgraphs[0]
        for op, name in zip(sg.operators, g.op_names(m)):
            if name != op_name:
                continue
            x, w = sg.tensors[op.inputs[x_input]], sg.tensors[op.inputs[w_input]]
            if x.type != FLOAT32 or w.type != INT8:
                raise RuntimeError("%s is not hybrid: input type %d, weights type %d" % (op_name, x.type, w.type))
            if symmetric:
                op.builtinOptions.asymmetricQuantizeInputs = False
            if per_tensor:
                w.quantization.scale = [max(w.quantization.scale)]
                w.quantization.zeroPoint = [0]
            return
        raise RuntimeError("no %s in the converted model" % op_name)

    return patch


def expect_float16(m, g):
    sg = m.subgraphs[0]
    if not any(t.type == FLOAT16 for t in sg.tensors):
        raise RuntimeError("no float16 tensor in the converted model")


def matmul_const(g, rhs_shape, adj_x=False, adj_y=False):
    """lhs (graph input) x constant rhs: the converter keeps BATCH_MATMUL when the rhs has batch dimensions."""

    def make(rng):
        w = rng.uniform(-1, 1, rhs_shape).astype(np.float32)
        return lambda q, x: [g.tf.linalg.matmul(x, q.weight(w), adjoint_a=adj_x, adjoint_b=adj_y)]

    return make


def cases(g):
    C = g.Case
    H, F16 = ("hybrid",), ("float16",)

    def with_g(patch):
        return lambda m: patch(m, g)

    fc, cv, bm, dw = "FULLY_CONNECTED", "CONV_2D", "BATCH_MATMUL", "DEPTHWISE_CONV_2D"
    tc, transpose_conv = "TRANSPOSE_CONV", sibling("data_movement").transpose_conv
    tc_hybrid = expect_hybrid(tc, x_input=2, w_input=1)  # inputs: output shape, filter, input
    return [
        C("fully_connected", fc, [(2, 64)], g.fully_connected(64, 32), H, patch=with_g(expect_hybrid(fc))),
        C("fully_connected_relu", fc, [(1, 48)], g.fully_connected(48, 40, relu=True), H,
          patch=with_g(expect_hybrid(fc))),
        C("fully_connected_keep_dims", fc, [(2, 3, 48)], g.fully_connected(48, 24), H,
          patch=with_g(expect_hybrid(fc))),
        C("fully_connected_symmetric", fc, [(3, 40)], g.fully_connected(40, 32, relu=True), H,
          patch=with_g(expect_hybrid(fc, symmetric=True))),
        # Wide input range: the asymmetric offset moves away from the middle.
        C("fully_connected_offset", fc, [(4, 32)], g.fully_connected(32, 40), H, input_range=(-0.2, 3.0),
          patch=with_g(expect_hybrid(fc))),
        C("conv_2d_same", cv, [(1, 8, 8, 16)], g.conv2d(3, 3, 16, 16, 1, "SAME"), H,
          patch=with_g(expect_hybrid(cv))),
        C("conv_2d_valid_s2_relu6", cv, [(2, 9, 9, 8)], g.conv2d(3, 3, 8, 16, 2, "VALID", relu6=True), H,
          patch=with_g(expect_hybrid(cv))),
        C("conv_2d_dilated", cv, [(1, 10, 10, 8)], g.conv2d(3, 3, 8, 16, 1, "SAME", dilation=2), H,
          input_range=(-0.5, 2.0), patch=with_g(expect_hybrid(cv))),
        C("conv_2d_per_tensor", cv, [(2, 7, 7, 8)], g.conv2d(3, 3, 8, 16, 1, "SAME"), H,
          patch=with_g(expect_hybrid(cv, per_tensor=True))),
        C("depthwise_conv_2d", dw, [(1, 6, 6, 128)], g.depthwise(3, 3, 128, 1, 1, "SAME"), H,
          patch=with_g(expect_hybrid(dw))),
        C("depthwise_conv_2d_mult2_s2_relu6", dw, [(2, 7, 7, 64)], g.depthwise(3, 3, 64, 2, 2, "VALID", relu6=True),
          H, input_range=(-0.4, 1.5), patch=with_g(expect_hybrid(dw))),
        C("batch_matmul", bm, [(2, 3, 48)], matmul_const(g, (2, 48, 32)), H, patch=with_g(expect_hybrid(bm))),
        C("batch_matmul_broadcast", bm, [(1, 4, 40)], matmul_const(g, (3, 40, 16)), H, input_range=(-0.3, 2.0),
          patch=with_g(expect_hybrid(bm))),
        C("batch_matmul_adj", bm, [(2, 40, 3)], matmul_const(g, (2, 24, 40), adj_x=True, adj_y=True), H,
          patch=with_g(expect_hybrid(bm))),
        C("batch_matmul_symmetric", bm, [(2, 5, 32)], matmul_const(g, (2, 32, 24)), H,
          patch=with_g(expect_hybrid(bm, symmetric=True))),
        C("transpose_conv_same_s2", tc, [(1, 4, 5, 16)], transpose_conv(g, 3, 3, 16, 16, 2, "SAME", (8, 10)), H,
          patch=with_g(tc_hybrid)),
        C("transpose_conv_valid_s1_nobias", tc, [(2, 4, 4, 16)],
          transpose_conv(g, 3, 3, 16, 8, 1, "VALID", (6, 6), bias=False), H, input_range=(-0.3, 2.0),
          patch=with_g(tc_hybrid)),
        C("dequantize_conv_2d", "DEQUANTIZE", [(1, 8, 8, 8)], g.conv2d(3, 3, 8, 16, 1, "SAME"), F16,
          patch=with_g(expect_float16)),
        C("dequantize_fully_connected", "DEQUANTIZE", [(2, 40)], g.fully_connected(40, 32, relu=True), F16,
          patch=with_g(expect_float16)),
    ]
