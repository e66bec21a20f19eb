#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <initializer_list>
#include <system_error>
#include <utility>

#include "convert.hpp"
#include "warta/index.hpp"
#include "warta/store.hpp"

namespace py = pybind11;

namespace warta::bindings {
namespace {

// Ids arrive as bytes keys (python/warta/index.py encodes str and int ids).
std::vector<std::string_view> to_keys(const py::list& keys) {
  std::vector<std::string_view> out;
  out.reserve(keys.size());
  for (size_t i = 0; i < keys.size(); ++i) {
    PyObject* obj = keys[i].ptr();
    if (!PyBytes_Check(obj)) throw py::type_error("id keys must be bytes (index " + std::to_string(i) + ")");
    out.emplace_back(PyBytes_AS_STRING(obj), static_cast<size_t>(PyBytes_GET_SIZE(obj)));
  }
  return out;
}

py::bytes key_of(const DedupIndex& index, int64_t slot) {
  const std::string_view id = index.id(static_cast<size_t>(slot));
  return py::bytes(id.data(), id.size());
}

py::dict params_of(const IndexParams& p, size_t num_perm, uint64_t seed, Scheme scheme) {
  py::dict d;
  d["threshold"] = p.threshold;
  d["num_perm"] = num_perm;
  d["ngram"] = p.ngram;
  d["seed"] = seed;
  d["scheme"] = scheme;
  d["strip_boilerplate"] = p.strip_boilerplate;
  d["correct_typos"] = p.correct_typos;
  d["bands"] = py::make_tuple(p.bands.bands, p.bands.rows);
  d["min_docs"] = p.boilerplate.min_docs;
  d["story_similarity"] = p.boilerplate.story_similarity;
  d["max_bucket"] = p.max_bucket;
  d["max_lines"] = p.max_lines;
  d["max_words"] = p.max_words;
  return d;
}

py::dict add_batch(DedupIndex& self, const py::sequence& texts, const py::list& ids, int n_jobs, Keep keep) {
  TextBatch batch = to_text_batch(texts);
  const std::vector<std::string_view> keys = to_keys(ids);
  BatchOutcome out;
  {
    // batch and keys are views into Python objects the caller holds; none is touched here.
    // The index itself is guarded by the Python class's lock.
    py::gil_scoped_release release;
    out = self.add_batch(batch.texts, keys, n_jobs, python_interrupt_check(), keep);
  }
  py::list dup_ids(out.duplicate_of.size());
  for (size_t i = 0; i < out.duplicate_of.size(); ++i)
    dup_ids[i] = out.duplicate_of[i] >= 0 ? py::object(key_of(self, out.duplicate_of[i])) : py::none();
  py::dict d;
  d["duplicate_of"] = dup_ids;
  d["in_history"] = to_numpy(std::move(out.in_history));
  d["similarity"] = to_numpy(std::move(out.similarity));
  d["cluster_id"] = to_numpy(std::move(out.cluster_id));
  d["empty"] = to_numpy(std::move(out.empty));
  d["stripped_lines"] = to_numpy(std::move(out.stripped));
  return d;
}

py::tuple query(const DedupIndex& self, const py::sequence& texts, int n_jobs) {
  TextBatch batch = to_text_batch(texts);
  std::vector<std::vector<IndexMatch>> found;
  {
    py::gil_scoped_release release;  // batch holds UTF-8 views only; no Python object is touched
    found = self.query(batch.texts, n_jobs, python_interrupt_check());
  }
  std::vector<int64_t> which;
  std::vector<double> sim;
  py::list keys;
  for (size_t i = 0; i < found.size(); ++i)
    for (const IndexMatch& m : found[i]) {
      which.push_back(static_cast<int64_t>(i));
      sim.push_back(m.similarity);
      keys.append(key_of(self, m.slot));
    }
  return py::make_tuple(to_numpy(std::move(which)), keys, to_numpy(std::move(sim)));
}

// Raises `type(message)` with the attributes a caller reads instead of parsing the message.
void raise_with(PyObject* type, const char* message, std::initializer_list<std::pair<const char*, py::object>> attrs) {
  py::object error = py::reinterpret_borrow<py::object>(type)(py::str(message));
  for (const auto& [name, value] : attrs) error.attr(name) = value;
  PyErr_SetObject(type, error.ptr());
}

py::dict header_dict(const IndexHeader& h) {
  py::dict d = params_of(h.params, h.num_perm, h.seed, h.scheme);
  d["format_version"] = h.version;
  d["signature_revision"] = h.signature_revision;
  d["documents"] = h.documents;
  d["next_cluster"] = h.next_cluster;
  d["documents_added"] = h.added;
  d["id_bytes"] = h.id_bytes;
  d["lines"] = h.lines;
  d["boilerplate_lines"] = h.boilerplate;
  d["words"] = h.words;
  return d;
}

}  // namespace

void register_index(py::module_& m) {
  static py::exception<IndexFormatError> format_error(m, "IndexFormatError", PyExc_ValueError);
  // KeyError (an id is a key) and ValueError (a bad argument): callers catch either.
  // str() of it is its message, not KeyError's quoted repr of the message.
  py::dict body;
  body["__str__"] = py::module_::import("builtins").attr("Exception").attr("__str__");
  static PyObject* duplicate_id_error = PyErr_NewException(
      "warta._core.DuplicateIdError", py::make_tuple(py::handle(PyExc_KeyError), py::handle(PyExc_ValueError)).ptr(),
      body.ptr());
  m.attr("DuplicateIdError") = py::handle(duplicate_id_error);
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const IndexFormatError& e) {
      py::set_error(format_error, e.what());
    } catch (const std::system_error& e) {
      // An OSError with errno, so Python code can tell a full disk from a missing directory.
      PyErr_SetObject(PyExc_OSError, py::make_tuple(e.code().value(), e.what()).ptr());
    } catch (const DuplicateId& e) {
      raise_with(duplicate_id_error, e.what(), {{"index", py::int_(e.index)}, {"within_batch", py::bool_(e.within_batch)},
                                                {"first", py::int_(e.first)}});
    } catch (const UnknownId& e) {
      raise_with(PyExc_KeyError, e.what(), {{"index", py::int_(e.index)}});
    }
  });

  py::class_<DedupIndex>(m, "DedupIndex")
      .def(py::init<IndexParams, MinHasher>(), py::arg("params"), py::arg("hasher"))
      .def("add_batch", &add_batch, py::arg("texts"), py::arg("ids"), py::arg("n_jobs"), py::arg("keep") = Keep::First)
      .def("query", &query, py::arg("texts"), py::arg("n_jobs"))
      .def(
          "remove", [](DedupIndex& self, const py::list& ids) { return self.remove(to_keys(ids)); }, py::arg("ids"))
      .def("contains", [](const DedupIndex& self, const py::bytes& key) {
        return self.find(std::string_view(key)) >= 0;
      })
      .def("keys",
           [](const DedupIndex& self) {
             py::list out;
             for (size_t s = 0; s < self.slots(); ++s)
               if (self.live(s)) out.append(key_of(self, static_cast<int64_t>(s)));
             return out;
           })
      .def("__len__", &DedupIndex::size)
      .def_property_readonly("params", [](const DedupIndex& self) { 
        const MinHasher& h = self.hasher();
        return params_of(self.params(), h.num_perm(), h.seed(), h.scheme());
      })
      .def_property_readonly("memory_bytes", &DedupIndex::memory_bytes)
      .def_property_readonly("next_cluster", &DedupIndex::next_cluster)
      .def_property_readonly("documents_added", &DedupIndex::documents_added)
      .def_property_readonly("line_count", [](const DedupIndex& self) { return self.line_stats().size(); })
      .def_property_readonly("boilerplate_count", [](const DedupIndex& self) { return self.boilerplate().size(); })
      .def_property_readonly("word_count", [](const DedupIndex& self) { return self.word_counts().size(); })
      .def("compact", &DedupIndex::compact)
      .def(
          "save",
          [](const DedupIndex& self, const std::string& path, uint64_t fail_after_bytes, uint32_t signature_revision,
             uint32_t format_version) {
            py::gil_scoped_release release;  // reads the index only; the Python class holds its lock
            IndexStore::save(self, path, SaveOptions{fail_after_bytes, signature_revision, format_version});
          },
          py::arg("path"), py::arg("fail_after_bytes") = 0, py::arg("signature_revision") = 0,
          py::arg("format_version") = 0);

  m.def(
      "read_index_header", [](const std::string& path) { return header_dict(IndexStore::read_header(path)); },
      py::arg("path"));
  m.def(
      "load_index",
      [](const std::string& path, const MinHasher& hasher) {
        py::gil_scoped_release release;  // file I/O and C++ state only
        return IndexStore::load(path, hasher);
      },
      py::arg("path"), py::arg("hasher"));
}

}  // namespace warta::bindings
