// warta._core: one registration function per concept; each lives in its own file.
#include <pybind11/pybind11.h>

#include "warta/parallel.hpp"

namespace py = pybind11;

namespace warta::bindings {
void register_options(py::module_& m);
void register_atomic_file(py::module_& m);
void register_text(py::module_& m);
void register_dedup(py::module_& m);
void register_batch_statistics(py::module_& m);
void register_index(py::module_& m);
void register_link(py::module_& m);
}  // namespace warta::bindings

PYBIND11_MODULE(_core, m) {
  m.doc() = "warta's compiled core; use the public names in the warta package instead.";
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const warta::Cancelled&) {
      PyErr_SetNone(PyExc_KeyboardInterrupt);
    }
  });
  warta::bindings::register_options(m);
  warta::bindings::register_atomic_file(m);
  warta::bindings::register_text(m);
  warta::bindings::register_dedup(m);
  warta::bindings::register_batch_statistics(m);
  warta::bindings::register_index(m);
  warta::bindings::register_link(m);
}
