#pragma once
// flatnn: run TensorFlow Lite models. The umbrella header: core, reference kernels and the CPU backend.
#include "flatnn/version.hpp"
#include "flatnn/core/status.hpp"
#include "flatnn/core/tensor.hpp"
#include "flatnn/model/model.hpp"
#include "flatnn/registry/builtin_ops.hpp"
#include "flatnn/registry/op_coverage.hpp"
#include "flatnn/registry/op_set.hpp"
#include "flatnn/runtime/interpreter.hpp"
#include "flatnn/cpu/cpu_backend.hpp"
