// Conversions shared by the binding files: Python texts -> UTF-8 views, and the interrupt
// check that lets long GIL-free loops answer Ctrl-C.
#pragma once

#include <pybind11/pybind11.h>

#include <cmath>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "warta/parallel.hpp"

namespace warta::bindings {
namespace py = pybind11;

// UTF-8 views of a batch of Python texts. The views point into the str objects' own UTF-8
// buffers, so the batch must not outlive the Python sequence it was made from.
struct TextBatch {
  std::vector<std::string_view> texts;
  std::vector<bool> missing;     // None, NaN, pd.NA or pd.NaT: treated as an empty text
  std::deque<std::string> owned; // texts with lone surrogates, re-encoded
};

// Lone surrogates cannot be UTF-8; each becomes "?" so the text keeps its length and
// every offset stays a valid index into the caller's str.
inline std::string_view utf8_view(PyObject* obj, std::deque<std::string>& owned) {
  Py_ssize_t size = 0;
  const char* data = PyUnicode_AsUTF8AndSize(obj, &size);
  if (data) return std::string_view(data, static_cast<size_t>(size));
  PyErr_Clear();
  py::object encoded = py::reinterpret_steal<py::object>(PyUnicode_AsEncodedString(obj, "utf-8", "replace"));
  if (!encoded) throw py::error_already_set();
  owned.emplace_back(PyBytes_AS_STRING(encoded.ptr()), static_cast<size_t>(PyBytes_GET_SIZE(encoded.ptr())));
  return owned.back();
}

// pd.NA or pd.NaT. They are looked up in sys.modules, never imported: no pandas object can
// exist before pandas is, and a batch of plain str never gets here. Both are singletons that
// live as long as the process, so the two pointers are kept once found.
inline bool is_pandas_missing(const PyObject* obj) {
  static PyObject* na = nullptr;
  static PyObject* nat = nullptr;
  if (!na) {
    py::object pandas = py::reinterpret_steal<py::object>(PyImport_GetModule(py::str("pandas").ptr()));
    if (!pandas) {
      PyErr_Clear();
      return false;
    }
    if (!py::hasattr(pandas, "NA") || !py::hasattr(pandas, "NaT")) return false;  // pandas still importing
    nat = py::object(pandas.attr("NaT")).release().ptr();
    na = py::object(pandas.attr("NA")).release().ptr();
  }
  return obj == na || obj == nat;
}

// None, NaN, pd.NA, pd.NaT: what a list, a numpy array or a pandas column holds for "no text".
inline bool is_missing(PyObject* obj) {
  if (obj == Py_None) return true;
  if (PyFloat_Check(obj)) return std::isnan(PyFloat_AS_DOUBLE(obj));
  return is_pandas_missing(obj);
}

inline TextBatch to_text_batch(const py::sequence& seq, const char* what = "texts") {
  TextBatch batch;
  const size_t n = py::len(seq);
  batch.texts.reserve(n);
  batch.missing.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    py::object item = seq[i];
    PyObject* obj = item.ptr();
    if (PyUnicode_Check(obj)) {
      batch.texts.push_back(utf8_view(obj, batch.owned));
      batch.missing.push_back(false);
    } else if (is_missing(obj)) {
      batch.texts.emplace_back();
      batch.missing.push_back(true);
    } else {
      throw py::type_error(std::string(what) + "[" + std::to_string(i) + "] is " +
                           Py_TYPE(obj)->tp_name + ", expected str or a missing value (None, NaN, pd.NA)" +
                           (PyBytes_Check(obj) ? " (decode bytes first, e.g. b.decode('utf-8'))" : ""));
    }
  }
  return batch;
}

inline std::string_view to_text(const py::handle& obj, std::deque<std::string>& owned) {
  if (!PyUnicode_Check(obj.ptr()))
    throw py::type_error(std::string("text must be str, not ") + Py_TYPE(obj.ptr())->tp_name);
  return utf8_view(obj.ptr(), owned);
}

// Called from the GIL-free caller thread of parallel_for: takes the GIL just long enough
// to run Python's signal handlers.
inline InterruptCheck python_interrupt_check() {
  return [] {
    py::gil_scoped_acquire gil;
    if (PyErr_CheckSignals() != 0) {
      PyErr_Clear();
      return true;
    }
    return false;
  };
}

}  // namespace warta::bindings

#include <pybind11/numpy.h>

namespace warta::bindings {

// Hands a vector's buffer to numpy without copying; the capsule owns it.
template <class T>
py::array_t<T> to_numpy(std::vector<T>&& values, std::vector<py::ssize_t> shape = {}) {
  auto* owner = new std::vector<T>(std::move(values));
  py::capsule free_when_done(owner, [](void* p) { delete static_cast<std::vector<T>*>(p); });
  if (shape.empty()) shape = {static_cast<py::ssize_t>(owner->size())};
  return py::array_t<T>(shape, owner->data(), free_when_done);
}

}  // namespace warta::bindings
