"""Data movement and shape ops: TRANSPOSE, SLICE, STRIDED_SLICE, GATHER, PACK, UNPACK, SPLIT_V, TILE,
BROADCAST_TO, REVERSE_V2, PADV2, MIRROR_PAD, DEPTH_TO_SPACE, SPACE_TO_DEPTH, RESIZE_NEAREST_NEIGHBOR,
CAST, EXPAND_DIMS, SHAPE, RANK, FILL, ZEROS_LIKE.

Index-like operands (perm, begin/size, indices, multiples, ...) are constants in the model.  Ops that the
converter folds or rewrites for static shapes (SHAPE, RANK, ZEROS_LIKE, EXPAND_DIMS) are made by editing a
converted model with the `patch` hook: the op code, inputs and output type are replaced.
"""

import numpy as np

FLOAT = ("float32",)
TENSOR_TYPE = {np.dtype(np.float32): 0, np.dtype(np.int32): 2, np.dtype(np.uint8): 3,
               np.dtype(np.int64): 4, np.dtype(np.bool_): 6, np.dtype(np.int8): 9}


def add_const(g, m, name, value):
    """Appends a constant tensor (and its buffer) to subgraph 0; returns its index."""
    fb = g.schema()
    import importlib
    buf = importlib.import_module("tflite.Buffer").BufferT()
    buf.data = list(np.ascontiguousarray(value).tobytes())
    m.buffers.append(buf)
    t = importlib.import_module("tflite.Tensor").TensorT()
    t.shape = list(value.shape)
    t.type = TENSOR_TYPE[value.dtype]
    t.buffer = len(m.buffers) - 1
    t.name = name.encode()
    sg = m.subgraphs[0]
    sg.tensors.append(t)
    del fb
    return len(sg.tensors) - 1


def retarget(g, op, options=None, extra_inputs=(), keep_inputs=1, out_type=None, out_shape=None,
             keep_options=False, swap_inputs=False, **fields):
    """Patch: the model's single operator becomes `op` with its first `keep_inputs` inputs, the given
    constant extra inputs (numpy arrays), `options` (a table name) set from `fields`, and optionally a new
    output type and shape."""

    def patch(m):
        fb = g.schema()
        sg = m.subgraphs[0]
        assert len(sg.operators) == 1, "retarget expects a single-op model"
        o = sg.operators[0]
        code = m.operatorCodes[o.opcodeIndex]
        code.builtinCode = fb.op_code[op]
        code.deprecatedBuiltinCode = min(fb.op_code[op], 127)
        code.version = 1
        inputs = list(o.inputs[:keep_inputs])
        for i, v in enumerate(extra_inputs):
            inputs.append(add_const(g, m, "%s_input_%d" % (op.lower(), i + keep_inputs), v))
        o.inputs = inputs[::-1] if swap_inputs else inputs
        if keep_options:
            pass
        elif options:
            o.builtinOptionsType = fb.options_tag[options]
            o.builtinOptions = fb.table(options)()
            for k, v in fields.items():
                setattr(o.builtinOptions, k, v)
        else:
            o.builtinOptionsType = 0
            o.builtinOptions = None
        out = sg.tensors[o.outputs[0]]
        if out_type is not None:
            out.type = TENSOR_TYPE[np.dtype(out_type)]
            out.quantization = None
        if out_shape is not None:
            out.shape = list(out_shape)
            out.shapeSignature = None

    return patch


def transpose_conv(g, kh, kw, cin, cout, stride, padding, out_hw, bias=True):
    tf = g.tf

    def make(rng):
        w = rng.uniform(-1, 1, (kh, kw, cout, cin)).astype(np.float32)
        b = rng.uniform(-1, 1, (cout,)).astype(np.float32)

        def body(q, x):
            shape = [int(x.shape[0]), out_hw[0], out_hw[1], cout]
            y = tf.nn.conv2d_transpose(x, q.weight(w), shape, strides=stride, padding=padding)
            if bias:
                y = tf.nn.bias_add(y, b)
            return [q.act(y)]

        return body

    return make


def matmul_const_rhs(g, rhs_shape):
    """lhs (graph input) x a constant rhs given as [..., N, K] (adjoint_b)."""

    def make(rng):
        w = rng.uniform(-1, 1, rhs_shape).astype(np.float32)
        return lambda q, x: [g.tf.linalg.matmul(x, q.weight(w), adjoint_b=True)]

    return make


def cases(g):
    tf = g.import_tf()
    C = g.Case
    ss = g.same_scale
    i32 = lambda x: tf.cast(x, tf.int32)  # noqa: E731  (inputs in a wide range make distinct integers)
    wide = (-50.0, 50.0)

    def indexed(fn, idx, **kw):
        return ss(lambda x: fn(x, tf.constant(np.array(idx, dtype=np.int32)), **kw))

    return [
        # TRANSPOSE
        C("transpose_nchw", "TRANSPOSE", [(1, 3, 4, 5)], ss(lambda x: tf.transpose(x, [0, 3, 1, 2]))),
        C("transpose_2d", "TRANSPOSE", [(3, 5)], ss(lambda x: tf.transpose(x))),
        C("transpose_5d", "TRANSPOSE", [(2, 1, 3, 2, 4)],
          ss(lambda x: tf.transpose(x, [4, 2, 0, 3, 1])), dtypes=FLOAT),
        C("transpose_int32", "TRANSPOSE", [(2, 3, 4)],
          ss(lambda x: tf.transpose(i32(x), [2, 0, 1])), dtypes=FLOAT, input_range=wide),
        # SLICE / STRIDED_SLICE
        C("slice", "SLICE", [(1, 4, 5, 3)], ss(lambda x: tf.slice(x, [0, 1, 2, 0], [1, 2, -1, 2]))),
        C("slice_int32", "SLICE", [(4, 6)], ss(lambda x: tf.slice(i32(x), [1, 2], [3, 3])),
          dtypes=FLOAT, input_range=wide),
        C("strided_slice", "STRIDED_SLICE", [(1, 6, 7, 4)], ss(lambda x: x[:, 1:5:2, ::-2, 1:])),
        C("strided_slice_shrink", "STRIDED_SLICE", [(2, 5, 6)], ss(lambda x: x[:, 3, -4:])),
        C("strided_slice_negative", "STRIDED_SLICE", [(3, 8)], ss(lambda x: x[-1:0:-1, 6:1:-3]),
          dtypes=FLOAT),
        # GATHER
        C("gather_axis0", "GATHER", [(5, 4)], indexed(lambda x, i: tf.gather(x, i), [4, 0, 2, 2])),
        C("gather_axis1_2d_indices", "GATHER", [(2, 6, 3)],
          indexed(lambda x, i: tf.gather(x, i, axis=1), [[5, 1], [0, 3], [2, 2]])),
        C("gather_batch_dims", "GATHER", [(2, 5, 3)],
          indexed(lambda x, i: tf.gather(x, i, axis=1, batch_dims=1), [[4, 0, 1], [3, 3, 2]]),
          dtypes=FLOAT),
        # PACK / UNPACK / SPLIT_V
        C("pack_axis1", "PACK", [(2, 3), (2, 3), (2, 3)],
          g.unary(lambda a, b, c: tf.stack([a, b, c], axis=1), quantize_output=False),
          dtypes=FLOAT),
        C("pack_axis2", "PACK", [(2, 3), (2, 3)], ss(lambda a, b: tf.stack([a, b], axis=2))),
        C("pack_axis0_int32", "PACK", [(4,), (4,)],
          ss(lambda a, b: tf.stack([i32(a), i32(b)])), dtypes=FLOAT, input_range=wide),
        C("unpack_axis1", "UNPACK", [(2, 3, 4)], ss(lambda x: tf.unstack(x, axis=1))),
        C("unpack_last", "UNPACK", [(3, 2)], ss(lambda x: tf.unstack(x, axis=-1))),
        C("split_v", "SPLIT_V", [(1, 4, 4, 6)], ss(lambda x: tf.split(x, [1, 2, 3], axis=3))),
        C("split_v_infer", "SPLIT_V", [(5, 3)], ss(lambda x: tf.split(x, [2, -1], axis=0))),
        # TILE / BROADCAST_TO / REVERSE_V2
        # TFLite's reference resolver has no int8 TILE / DEPTH_TO_SPACE (op versions 3 / 2).
        C("tile", "TILE", [(1, 2, 3, 2)], ss(lambda x: tf.tile(x, [2, 1, 3, 1])),
          dtypes=("float32", "uint8")),
        C("tile_int32", "TILE", [(2, 3)], ss(lambda x: tf.tile(i32(x), [3, 2])), dtypes=FLOAT,
          input_range=wide),
        C("broadcast_to", "BROADCAST_TO", [(3, 1)], ss(lambda x: tf.broadcast_to(x, [2, 3, 4]))),
        C("reverse_v2", "REVERSE_V2", [(2, 3, 4)], ss(lambda x: tf.reverse(x, [1]))),
        C("reverse_v2_two_axes", "REVERSE_V2", [(1, 3, 4, 2)], ss(lambda x: tf.reverse(x, [1, 2]))),
        # PADV2 / MIRROR_PAD
        C("padv2", "PADV2", [(1, 3, 4, 2)],
          ss(lambda x: tf.pad(x, [[0, 0], [1, 2], [2, 0], [0, 1]], constant_values=0.5))),
        C("mirror_pad_reflect", "MIRROR_PAD", [(1, 4, 5, 2)],
          ss(lambda x: tf.pad(x, [[0, 0], [2, 3], [1, 4], [0, 0]], mode="REFLECT"))),
        C("mirror_pad_symmetric", "MIRROR_PAD", [(3, 4)],
          ss(lambda x: tf.pad(x, [[3, 1], [2, 4]], mode="SYMMETRIC"))),
        # DEPTH_TO_SPACE / SPACE_TO_DEPTH
        C("depth_to_space", "DEPTH_TO_SPACE", [(1, 2, 3, 8)], ss(lambda x: tf.nn.depth_to_space(x, 2)),
          dtypes=("float32", "uint8")),
        C("space_to_depth", "SPACE_TO_DEPTH", [(1, 4, 6, 3)], ss(lambda x: tf.nn.space_to_depth(x, 2))),
        # RESIZE_NEAREST_NEIGHBOR
        C("resize_nearest_neighbor", "RESIZE_NEAREST_NEIGHBOR", [(1, 4, 5, 3)],
          ss(lambda x: tf.compat.v1.image.resize_nearest_neighbor(x, [7, 9]))),
        C("resize_nearest_neighbor_align_corners", "RESIZE_NEAREST_NEIGHBOR", [(1, 4, 5, 3)],
          ss(lambda x: tf.compat.v1.image.resize_nearest_neighbor(x, [7, 9], align_corners=True))),
        C("resize_nearest_neighbor_half_pixel", "RESIZE_NEAREST_NEIGHBOR", [(1, 5, 4, 2)],
          ss(lambda x: tf.compat.v1.image.resize_nearest_neighbor(
              x, [3, 9], half_pixel_centers=True))),
        # CAST
        C("cast_float_to_int32", "CAST", [(2, 7)], ss(i32), dtypes=FLOAT, input_range=wide),
        C("cast_int32_to_bool", "CAST", [(2, 7)],
          ss(lambda x: tf.cast(i32(x), tf.bool)), dtypes=FLOAT, input_range=(-3.0, 3.0)),
        C("cast_int32_to_float", "CAST", [(3, 4)],
          ss(lambda x: tf.cast(i32(x), tf.float32) * 0.5), dtypes=FLOAT, input_range=wide),
        C("cast_float_to_int64", "CAST", [(5,)], ss(lambda x: tf.cast(x, tf.int64)), dtypes=FLOAT,
          input_range=wide),
        # BATCH_MATMUL (TFLite has no uint8 kernel)
        C("batch_matmul", "BATCH_MATMUL", [(2, 3, 4), (2, 4, 5)],
          g.unary(lambda a, b: tf.matmul(a, b)), dtypes=("float32", "int8"),
          input_range=[(-1.0, 1.0), (-2.0, 3.0)]),
        C("batch_matmul_adj_broadcast", "BATCH_MATMUL", [(2, 1, 4, 3), (3, 5, 4)],
          g.unary(lambda a, b: tf.matmul(a, b, adjoint_a=True, adjoint_b=True)),
          dtypes=("float32", "int8")),
        # int16x8 only (gen_fixtures.py INT16X8_CASES): a constant rhs, which the 16x8 converter keeps int16.
        C("batch_matmul_const_rhs", "BATCH_MATMUL", [(2, 3, 64)], matmul_const_rhs(g, (2, 24, 64)), dtypes=(),
          input_range=(-2.0, 1.5)),
        # TRANSPOSE_CONV
        C("transpose_conv_same_s2", "TRANSPOSE_CONV", [(1, 3, 4, 3)],
          transpose_conv(g, 3, 3, 3, 4, 2, "SAME", (6, 8))),
        C("transpose_conv_valid_s1", "TRANSPOSE_CONV", [(1, 4, 4, 2)],
          transpose_conv(g, 2, 3, 2, 3, 1, "VALID", (5, 6), bias=False)),
        C("transpose_conv_valid_s2", "TRANSPOSE_CONV", [(2, 3, 3, 2)],
          transpose_conv(g, 3, 3, 2, 3, 2, "VALID", (7, 7))),
        # Normalizations and L2 pooling (float32 only in TFLite)
        C("local_response_normalization", "LOCAL_RESPONSE_NORMALIZATION", [(1, 2, 3, 8)],
          ss(lambda x: tf.nn.local_response_normalization(x, 2, bias=1.5, alpha=0.5, beta=0.75)),
          dtypes=FLOAT),
        C("l2_normalization", "L2_NORMALIZATION", [(2, 3, 6)],
          ss(lambda x: tf.math.l2_normalize(x, axis=-1))),
        C("l2_pool_2d_same_3x3_s2", "L2_POOL_2D", [(1, 7, 8, 3)],
          ss(lambda x: tf.nn.avg_pool2d(x, 3, 2, "SAME")), dtypes=FLOAT,
          patch=retarget(g, "L2_POOL_2D", keep_options=True)),
        # CUMSUM / ONE_HOT / GATHER_ND / EMBEDDING_LOOKUP
        C("cumsum", "CUMSUM", [(2, 5, 3)], ss(lambda x: tf.math.cumsum(x, axis=1)), dtypes=FLOAT),
        C("cumsum_exclusive_reverse", "CUMSUM", [(4, 6)],
          ss(lambda x: tf.math.cumsum(i32(x), axis=-1, exclusive=True, reverse=True)), dtypes=FLOAT,
          input_range=wide),
        C("one_hot", "ONE_HOT", [(2, 5)],
          ss(lambda x: tf.one_hot(i32(x), 4, on_value=2.5, off_value=-1.0)), dtypes=FLOAT,
          input_range=(-1.0, 5.0)),
        C("one_hot_axis0_int32", "ONE_HOT", [(6,)],
          ss(lambda x: tf.one_hot(i32(x), 5, on_value=7, off_value=3, axis=0, dtype=tf.int32)),
          dtypes=FLOAT, input_range=(0.0, 5.0)),
        C("gather_nd", "GATHER_ND", [(3, 4, 2)],
          indexed(lambda x, i: tf.gather_nd(x, i), [[2, 1], [0, 3], [1, 1]])),
        C("gather_nd_scalar_slices", "GATHER_ND", [(3, 4)],
          indexed(lambda x, i: tf.gather_nd(x, i), [[[2, 3]], [[0, 0]]]), dtypes=FLOAT),
        C("embedding_lookup", "EMBEDDING_LOOKUP", [(5, 3)],
          indexed(lambda x, i: tf.gather(x, i), [3, 0, 4, 4]), dtypes=FLOAT,
          patch=retarget(g, "EMBEDDING_LOOKUP", keep_inputs=2, swap_inputs=True)),
        # SPACE_TO_BATCH_ND / BATCH_TO_SPACE_ND
        C("space_to_batch_nd", "SPACE_TO_BATCH_ND", [(1, 4, 3, 2)],
          ss(lambda x: tf.space_to_batch_nd(x, [2, 2], [[1, 1], [0, 1]]))),
        C("batch_to_space_nd", "BATCH_TO_SPACE_ND", [(4, 2, 3, 2)],
          ss(lambda x: tf.batch_to_space(x, [2, 2], [[0, 1], [1, 0]]))),
        # TOPK_V2 / SCATTER_ND
        C("topk_v2", "TOPK_V2", [(2, 3, 7)], ss(lambda x: list(tf.math.top_k(x, k=3)))),
        C("topk_v2_ties_int32", "TOPK_V2", [(3, 9)], ss(lambda x: list(tf.math.top_k(i32(x), k=4))),
          dtypes=FLOAT, input_range=(-3.0, 3.0)),
        C("scatter_nd", "SCATTER_ND", [(3, 4)],
          ss(lambda x: tf.scatter_nd(tf.constant([[1], [3], [1]]), x, [5, 4])), dtypes=FLOAT),
        C("scatter_nd_2d_int32", "SCATTER_ND", [(2,)],
          ss(lambda x: tf.scatter_nd(tf.constant([[0, 2], [1, 1]]), i32(x), [2, 3])), dtypes=FLOAT,
          input_range=wide),
        # Rewritten single-op models
        C("expand_dims", "EXPAND_DIMS", [(2, 3)], ss(lambda x: tf.reshape(x, [2, 1, 3])),
          patch=retarget(g, "EXPAND_DIMS", "ExpandDimsOptions",
                         [np.array(1, dtype=np.int32)])),
        C("expand_dims_last", "EXPAND_DIMS", [(2, 3)], ss(lambda x: tf.reshape(x, [2, 3, 1])),
          patch=retarget(g, "EXPAND_DIMS", "ExpandDimsOptions",
                         [np.array([-1], dtype=np.int64)])),
        C("shape", "SHAPE", [(2, 3, 4)], ss(lambda x: tf.reshape(x, [6, 4])), dtypes=FLOAT,
          patch=retarget(g, "SHAPE", "ShapeOptions", out_type=np.int32, out_shape=[3], outType=2)),
        C("shape_int64", "SHAPE", [(1, 5)], ss(lambda x: tf.reshape(x, [5])), dtypes=FLOAT,
          patch=retarget(g, "SHAPE", "ShapeOptions", out_type=np.int64, out_shape=[2], outType=4)),
        C("rank", "RANK", [(2, 3, 4)], ss(lambda x: tf.reshape(x, [6, 4])), dtypes=FLOAT,
          patch=retarget(g, "RANK", "RankOptions", out_type=np.int32, out_shape=[])),
        C("zeros_like", "ZEROS_LIKE", [(2, 3)], ss(lambda x: tf.reshape(x, [3, 2])), dtypes=FLOAT,
          patch=retarget(g, "ZEROS_LIKE", "ZerosLikeOptions", out_shape=[2, 3])),
        C("range_float", "RANGE", [(2, 3)], ss(lambda x: tf.reshape(x, [6])), dtypes=FLOAT,
          patch=retarget(g, "RANGE", "RangeOptions", keep_inputs=0, out_shape=[5],
                         extra_inputs=[np.array(1.5, np.float32), np.array(-2.0, np.float32),
                                       np.array(-0.75, np.float32)])),
        C("range_int32", "RANGE", [(2, 3)], ss(lambda x: tf.reshape(x, [6])), dtypes=FLOAT,
          patch=retarget(g, "RANGE", "RangeOptions", keep_inputs=0, out_shape=[5], out_type=np.int32,
                         extra_inputs=[np.array(3, np.int32), np.array(20, np.int32),
                                       np.array(4, np.int32)])),
        # The value is computed (a scalar sliced from a [1] input: the CLI feeds no rank-0 inputs).
        C("fill", "FILL", [(1,)], ss(lambda x: tf.fill([2, 3], x[0])), dtypes=FLOAT),
    ]
