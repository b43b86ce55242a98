// The single header compiles alone, twice included, with nothing else on the include path.
#include "flatnn/flatnn.hpp"
#include "flatnn/flatnn.hpp"
