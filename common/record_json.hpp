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

/// The most bytes append_string writes for a well-formed UTF-8 string of
/// `size` bytes: every byte escaped as \u00xx, and the two quotes.
constexpr std::size_t max_string_bytes(std::size_t size) {
    return 6 * size + 2;
}

/// append_string's bytes written at `out`, which has room for
/// max_string_bytes(value.size()): returns their end, or nullptr when `value`
/// is not well-formed UTF-8 (append_string then replaces it as nlohmann does;
/// what was written is to be dropped). For writers that size their output
/// once (append_entities_json), where each append was a library call.
char* write_string(char* out, std::string_view value);

/// Appends an unsigned number in decimal, as nlohmann writes it.
void append_number(std::string& out, std::uint64_t value);

/// A strict, forward-only cursor over JSON text: stored records as
/// nlohmann::json's dump writes them (parse_stored_record), and JSON Lines
/// input records (parse_json_record, which adds skip_space and check_value to
/// read any JSON as nlohmann::json::parse accepts it). Every method returns
/// false (and leaves the cursor anywhere) when the input differs from what it
/// expects.
class Reader {
public:
    explicit Reader(std::string_view in) : in_(in) {}
    /// With `valid_utf8` true the caller promises `in` is well-formed UTF-8
    /// (is_valid_utf8): strings are then read without checking it again.
    Reader(std::string_view in, bool valid_utf8) : in_(in), valid_utf8_(valid_utf8) {}

    /// Consumes exactly `literal` (punctuation and keys: `{"id":`).
    bool expect(std::string_view literal);
    /// The next byte, without consuming it ('\0' at the end).
    char peek() const { return pos_ < in_.size() ? in_[pos_] : '\0'; }
    /// Consumes `c` when it is the next byte.
    bool take(char c);
    /// Skips JSON whitespace: space, tab, line feed, carriage return.
    void skip_space();
    /// Reads a JSON string into `out`, unescaped (every RFC 8259 escape, a
    /// \u surrogate pair as one character; a lone surrogate, a raw control
    /// character or invalid UTF-8 fails, as in nlohmann::json::parse).
    bool string(std::string& out);
    /// Reads a non-negative integer that fits in 64 bits, written without
    /// sign, fraction, exponent or leading zero.
    bool number(std::uint64_t& out);
    /// Reads a JSON number (RFC 8259: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?)
    /// and returns its text. `integer` tells whether nlohmann::json keeps it
    /// as an integer: no fraction or exponent, and within int64 when negative,
    /// uint64 otherwise. Any other number is a double to nlohmann, which
    /// refuses one that overflows (1e400, 400 digits): so does this.
    bool json_number(std::string_view& text, bool& integer);
    /// Skips one JSON value of any kind, checked as strictly as
    /// nlohmann::json::parse checks it (whitespace inside included). An array
    /// or object may open `levels` levels of nesting, itself included (0: no
    /// array or object at all); deeper fails, and recursion stays bounded.
    bool check_value(int levels);
    /// Skips one JSON value of any kind and returns its text, trusting it is
    /// JSON (stored records: nlohmann::json::parse reads it afterwards).
    bool skip_value(std::string_view& text);
    bool at_end() const { return pos_ == in_.size(); }
    /// The byte offset of the cursor.
    std::size_t position() const { return pos_; }
    /// True once a string read (or checked) held a \u escape: only those can
    /// bring into a string a code point its JSON text does not hold as such.
    bool read_unicode_escape() const { return unicode_escape_; }

private:
    bool scan_string(std::string* out);  // string(), or only checked when out is null

    std::string_view in_;
    std::size_t pos_ = 0;
    bool valid_utf8_ = false;
    bool unicode_escape_ = false;
};

}  // namespace depeche::record_json
