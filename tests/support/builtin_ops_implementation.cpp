// The test program is built in the library's compiled-once mode (FLATNN_BUILTIN_OPS_EXTERN, see
// registry/builtin_ops.hpp): this file alone compiles every op's kernels for the default resolver, so the
// other test files do not each compile them again.
#define FLATNN_BUILTIN_OPS_IMPLEMENTATION
#include "flatnn/flatnn.hpp"
