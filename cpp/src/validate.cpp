#include "warta/validate.hpp"

#include <cstdio>
#include <cstdlib>
#include <stdexcept>

namespace warta {

std::string format_value(double value) {
  char buf[32];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, value);
    if (std::strtod(buf, nullptr) == value) break;
  }
  return buf;
}

void invalid_option(std::string_view name, std::string_view allowed, std::string_view value) {
  std::string message(name);
  message += " must be ";
  message += allowed;
  message += ", got ";
  message += value;
  throw std::invalid_argument(message);
}

}  // namespace warta
