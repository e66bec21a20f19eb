// Temporary files beside an output, named so that the next writer removes those of killed
// writers (warta/atomic_file.hpp); python/warta/io.py writes its outputs through them.
#include <pybind11/pybind11.h>

#include "warta/atomic_file.hpp"

namespace py = pybind11;

namespace warta::bindings {

void register_atomic_file(py::module_& m) {
  m.def("create_temporary_beside", &create_temporary_beside, py::arg("path"));
  m.def("remove_stale_temporaries", &remove_stale_temporaries, py::arg("path"));
}

}  // namespace warta::bindings
