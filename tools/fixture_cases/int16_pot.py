"""16x8 ADD and SUB in TFLite's power-of-two-scale form (AddOptions/SubOptions pot_scale_int16 = true; the LSTM
kernels' form). The converter always writes pot_scale_int16 = false, so each case converts the 16x8 model and
then sets the option and replaces the scales by powers of two (zero points stay 0): `scales` gives log2 of
(input 0, input 1, output). TFLite takes this form only when one input has the output's scale and the other a
smaller or equal one (a right shift)."""

INT16X8 = ("int16x8",)


def pot_scales(g, op_name, scales):
    def patch(m):
        fb = g.schema()
        sg = m.subgraphs[0]
        ops = [op for op in sg.operators if g.resolved_code(m.operatorCodes[op.opcodeIndex]) == fb.op_code[op_name]]
        assert len(sg.operators) == 1 and len(ops) == 1, "expected a single %s" % op_name
        op = ops[0]
        assert op.builtinOptions.potScaleInt16 is False, "the converter wrote the power-of-two form itself"
        op.builtinOptions.potScaleInt16 = True
        for t, e in zip(list(op.inputs) + list(op.outputs), scales):
            q = sg.tensors[t].quantization
            assert list(q.zeroPoint) == [0]
            q.scale = [2.0 ** e]

    return patch


def cases(g):
    tf = g.import_tf()
    C, b = g.Case, g.binary
    s, row = (2, 3, 4), (1, 1, 4)
    # Ranges within each scale's span (32767 * 2^e), so the quantized test inputs are not all saturated; sums
    # beyond the output's span saturate.
    return [
        # Input 1 shifted right by 3 (rounding), input 0 taken as is.
        C("add_pot", "ADD", [s, s], b(lambda x, y: x + y), INT16X8, input_range=[(-1.9, 1.9), (-0.9, 0.9)],
          patch=pot_scales(g, "ADD", (-14, -17, -14))),
        # Input 0 shifted, with a fused RELU.
        C("add_pot_relu", "ADD", [s, s], b(lambda x, y: tf.nn.relu(x + y)), INT16X8,
          input_range=[(-0.45, 0.45), (-3.5, 3.5)], patch=pot_scales(g, "ADD", (-16, -13, -13))),
        C("sub_pot", "SUB", [s, s], b(lambda x, y: x - y), INT16X8, input_range=[(-0.9, 0.9), (-1.9, 1.9)],
          patch=pot_scales(g, "SUB", (-15, -14, -14))),
        # SUB's form broadcasts (ADD's does not): input 0 shifted by 5 against a row.
        C("sub_pot_broadcast", "SUB", [s, row], b(lambda x, y: x - y), INT16X8,
          input_range=[(-0.12, 0.12), (-3.9, 3.9)], patch=pot_scales(g, "SUB", (-18, -13, -13))),
    ]
