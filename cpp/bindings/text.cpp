#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "convert.hpp"
#include "warta/text.hpp"

namespace py = pybind11;

namespace warta::bindings {

void register_text(py::module_& m) {
  py::class_<NormalizerOptions>(m, "NormalizerOptions")
      .def(py::init<>())
      .def_readwrite("case_fold", &NormalizerOptions::case_fold)
      .def_readwrite("strip_accents", &NormalizerOptions::strip_accents)
      .def_readwrite("keep_numbers", &NormalizerOptions::keep_numbers);

  py::class_<Normalizer>(m, "Normalizer")
      .def(py::init([](bool case_fold, bool strip_accents, bool keep_numbers) {
             return Normalizer(NormalizerOptions{case_fold, strip_accents, keep_numbers});
           }),
           py::arg("case_fold") = true, py::arg("strip_accents") = true, py::arg("keep_numbers") = true)
      .def(
          "tokenize",
          [](const Normalizer& self, const py::handle& text) {
            std::deque<std::string> owned;
            std::string_view view = to_text(text, owned);
            TokenList tokens;
            {
              py::gil_scoped_release release;  // view is owned by `text`, which the caller holds
              const CancelScope cancellable(python_interrupt_check());  // one long text answers Ctrl-C too
              tokens = self.tokenize(view);
            }
            py::list out(tokens.size());
            for (size_t i = 0; i < tokens.size(); ++i) {
              std::string_view tok = tokens.token(i);
              out[i] = py::make_tuple(py::str(tok.data(), tok.size()), tokens.starts[i], tokens.ends[i],
                                      tokens.segment[i]);
            }
            return out;
          },
          py::arg("text"))
      .def(
          "normalize",
          [](const Normalizer& self, const py::handle& text) {
            std::deque<std::string> owned;
            std::string_view view = to_text(text, owned);
            std::string out;
            {
              py::gil_scoped_release release;
              const CancelScope cancellable(python_interrupt_check());  // one long text answers Ctrl-C too
              out = self.normalize(view);
            }
            return out;
          },
          py::arg("text"));

  // Test hook: the words ICU's word break alone finds, to check the ASCII fast path against.
  m.def(
      "_tokenize_icu_only",
      [](const py::handle& text) {
        std::deque<std::string> owned;
        NormalizerOptions options;
        options.ascii_fast_path = false;
        const TokenList tokens = Normalizer(options).tokenize(to_text(text, owned));
        py::list out(tokens.size());
        for (size_t i = 0; i < tokens.size(); ++i) {
          std::string_view tok = tokens.token(i);
          out[i] = py::make_tuple(py::str(tok.data(), tok.size()), tokens.starts[i], tokens.ends[i], tokens.segment[i]);
        }
        return out;
      },
      py::arg("text"));
}

}  // namespace warta::bindings
