#pragma once
// flatnn::edgetpu: the Coral Edge TPU backend (package parser, host duties, hint sequencer, device context,
// backend, mapping prediction, pipeline runner; libedgetpu.hpp, the libedgetpu shim, is separate because it
// needs dlopen). See docs/architecture.md and ../shared/reference/edgetpu.md.
#include "flatnn/edgetpu/aligned_buffer.hpp"
#include "flatnn/edgetpu/device_context.hpp"
#include "flatnn/edgetpu/edgetpu_backend.hpp"
#include "flatnn/edgetpu/host.hpp"
#include "flatnn/edgetpu/mapping.hpp"
#include "flatnn/edgetpu/package.hpp"
#include "flatnn/edgetpu/package_types.hpp"
#include "flatnn/edgetpu/pipeline_runner.hpp"
#include "flatnn/edgetpu/sequencer.hpp"
#include "flatnn/edgetpu/transport.hpp"
