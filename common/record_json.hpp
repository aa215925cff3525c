#pragma once
// The JSON of stored records, written and read without building a JSON tree.
// stored_record and parse_stored_record (document.hpp) run once per indexed
// dispatch and once per search hit; nlohmann::json spent most of their time
// allocating nodes for a layout we know in advance. These functions produce
// and accept exactly what nlohmann::json's dump produces, so the stored bytes
// are unchanged; anything they do not recognise goes back to nlohmann.

#include <cstdint>
#include <string>
#include <string_view>

namespace depeche::record_json {

/// Appends `value` as a JSON string, quotes included, byte for byte as
/// nlohmann::json(value).dump(-1, ' ', false, error_handler_t::replace)
/// writes it: `"` and `\` escaped, \b \f \n \r \t, other bytes below 0x20 as
/// \u00xx (lower case hex), everything else (U+007F, U+2028, any non-ASCII)
/// raw; invalid UTF-8 becomes U+FFFD the way nlohmann replaces it.
void append_string(std::string& out, std::string_view value);

/// Appends an unsigned number in decimal, as nlohmann writes it.
void append_number(std::string& out, std::uint64_t value);

/// Reads the JSON text at `in` as nlohmann::json's dump writes it: the
/// cursor of a strict, forward-only reader over stored records. Every
/// method returns false (and leaves the cursor anywhere) when the input
/// differs from what it expects; the caller then falls back to a full parse.
class Reader {
public:
    explicit Reader(std::string_view in) : in_(in) {}

    /// Consumes exactly `literal` (punctuation and keys: `{"id":`).
    bool expect(std::string_view literal);
    /// The next byte, without consuming it ('\0' at the end).
    char peek() const { return pos_ < in_.size() ? in_[pos_] : '\0'; }
    /// Reads a JSON string into `out` (unescaped, valid UTF-8 only).
    bool string(std::string& out);
    /// Reads a non-negative integer that fits in 64 bits, written without
    /// sign, fraction, exponent or leading zero.
    bool number(std::uint64_t& out);
    /// Skips one JSON value of any kind and returns its text.
    bool skip_value(std::string_view& text);
    bool at_end() const { return pos_ == in_.size(); }

private:
    std::string_view in_;
    std::size_t pos_ = 0;
};

}  // namespace depeche::record_json
