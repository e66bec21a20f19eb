// Option checks. Every options struct validates itself through these, so a bad value gets
// one message shape wherever it comes in (Python keyword, CLI flag, C++ caller):
// "<name> must be <allowed>, got <value>", thrown as std::invalid_argument (ValueError).
#pragma once

#include <string>
#include <string_view>

namespace warta {

// Shortest decimal form that reads back as `value` ("0.8", not "0.800000").
std::string format_value(double value);

[[noreturn]] void invalid_option(std::string_view name, std::string_view allowed, std::string_view value);

inline void require(bool ok, std::string_view name, std::string_view allowed, double value) {
  if (!ok) invalid_option(name, allowed, format_value(value));
}

}  // namespace warta
