#include "record_json.hpp"

#include <nlohmann/json.hpp>

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>

namespace depeche::record_json {
namespace {

// The length of the well-formed UTF-8 sequence at p (Unicode Table 3-7: no
// overlong forms, no surrogates, nothing above U+10FFFF), 0 when there is
// none. These are the sequences nlohmann's decoder accepts.
std::size_t utf8_sequence(const unsigned char* p, const unsigned char* end) {
    const auto in = [](unsigned char c, unsigned char lo, unsigned char hi) { return c >= lo && c <= hi; };
    const std::size_t left = static_cast<std::size_t>(end - p);
    const unsigned char c = p[0];
    if (in(c, 0xC2, 0xDF)) return left >= 2 && in(p[1], 0x80, 0xBF) ? 2 : 0;
    if (in(c, 0xE0, 0xEF)) {
        if (left < 3) return 0;
        const unsigned char lo = c == 0xE0 ? 0xA0 : 0x80;
        const unsigned char hi = c == 0xED ? 0x9F : 0xBF;
        return in(p[1], lo, hi) && in(p[2], 0x80, 0xBF) ? 3 : 0;
    }
    if (in(c, 0xF0, 0xF4)) {
        if (left < 4) return 0;
        const unsigned char lo = c == 0xF0 ? 0x90 : 0x80;
        const unsigned char hi = c == 0xF4 ? 0x8F : 0xBF;
        return in(p[1], lo, hi) && in(p[2], 0x80, 0xBF) && in(p[3], 0x80, 0xBF) ? 4 : 0;
    }
    return 0;
}

// Printable ASCII other than `"` and `\`: copied as is by the writer and
// taken as is by the reader.
constexpr bool plain(unsigned char c) {
    return c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
}

// Whether the 8 bytes at p are all plain, tested together (bit tricks on one
// 64-bit word: a byte below 0x20, a byte equal to `"` or `\`, a high bit).
// Dispatch text is long runs of plain ASCII between accented letters.
bool plain8(const unsigned char* p) {
    constexpr std::uint64_t ones = 0x0101010101010101ULL;
    constexpr std::uint64_t high = 0x8080808080808080ULL;
    std::uint64_t x;
    std::memcpy(&x, p, sizeof x);
    const auto has_zero = [](std::uint64_t v) { return (v - ones) & ~v & high; };
    const std::uint64_t below_space = (x - ones * 0x20) & ~x & high;
    return ((x & high) | below_space | has_zero(x ^ (ones * '"')) | has_zero(x ^ (ones * '\\'))) == 0;
}

// The first byte at or after p that the writer must escape or the reader must
// look at: a control character, `"`, `\`, or the start of an invalid UTF-8
// sequence (a byte >= 0x80 at the result); end when there is none. Plain ASCII
// is skipped 8 bytes at a time and well-formed UTF-8 one sequence at a time.
const unsigned char* next_special(const unsigned char* p, const unsigned char* end) {
    while (p < end) {
        while (end - p >= 8 && plain8(p)) p += 8;
        if (p == end) break;
        if (plain(*p)) {
            ++p;
        } else if (*p >= 0x80) {
            const std::size_t n = utf8_sequence(p, end);
            if (n == 0) return p;
            p += n;
        } else {
            return p;
        }
    }
    return end;
}

// The first `"`, `\` or control character at or after p, end when there is
// none: next_special for text already known to be well-formed UTF-8, where a
// byte from 0x80 needs no look and accented letters do not stop the 8-byte steps.
const unsigned char* next_quote_or_control(const unsigned char* p, const unsigned char* end) {
    constexpr std::uint64_t ones = 0x0101010101010101ULL;
    constexpr std::uint64_t high = 0x8080808080808080ULL;
    const auto has_zero = [](std::uint64_t v) { return (v - ones) & ~v & high; };
    for (std::uint64_t x; end - p >= 8; p += 8) {
        std::memcpy(&x, p, sizeof x);
        const std::uint64_t below_space = (x - ones * 0x20) & ~x & high;
        if ((below_space | has_zero(x ^ (ones * '"')) | has_zero(x ^ (ones * '\\'))) != 0) break;
    }
    for (; p < end; ++p)
        if (*p == '"' || *p == '\\' || *p < 0x20) return p;
    return end;
}

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

void append_utf8(std::string& out, unsigned cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

// The four hex digits at p as a number, -1 when they are not.
int hex4(const unsigned char* p) {
    int value = 0;
    for (int i = 0; i < 4; ++i) {
        const int d = hex_digit(static_cast<char>(p[i]));
        if (d < 0) return -1;
        value = value * 16 + d;
    }
    return value;
}

// The escape of a byte below 0x20, `"` or `\` as nlohmann writes it, at p; returns its end (6 bytes at most).
char* write_escape(char* p, unsigned char c) {
    *p++ = '\\';
    switch (c) {
        case '"':
        case '\\':
            *p++ = static_cast<char>(c);
            break;
        case '\b':
            *p++ = 'b';
            break;
        case '\f':
            *p++ = 'f';
            break;
        case '\n':
            *p++ = 'n';
            break;
        case '\r':
            *p++ = 'r';
            break;
        case '\t':
            *p++ = 't';
            break;
        default: {
            static constexpr char kHex[] = "0123456789abcdef";
            const char u[] = {'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
            std::memcpy(p, u, sizeof u);
            p += sizeof u;
        }
    }
    return p;
}

}  // namespace

void append_string(std::string& out, std::string_view value) {
    const std::size_t mark = out.size();
    out.push_back('"');
    const auto* p = reinterpret_cast<const unsigned char*>(value.data());
    const auto* const end = p + value.size();
    const auto* run = p;  // start of the bytes not yet appended
    while ((p = next_special(p, end)) < end) {
        const unsigned char c = *p;
        if (c >= 0x80) {
            // Invalid UTF-8: rare (the readers check their input), and
            // nlohmann's replacement rules are subtle (which bytes one
            // U+FFFD stands for), so let nlohmann write this string.
            out.resize(mark);
            out += nlohmann::json(std::string(value)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
            return;
        }
        out.append(reinterpret_cast<const char*>(run), static_cast<std::size_t>(p - run));
        char escape[6];
        out.append(escape, static_cast<std::size_t>(write_escape(escape, c) - escape));
        run = ++p;
    }
    out.append(reinterpret_cast<const char*>(run), static_cast<std::size_t>(p - run));
    out.push_back('"');
}

char* write_string(char* out, std::string_view value) {
    *out++ = '"';
    const auto* p = reinterpret_cast<const unsigned char*>(value.data());
    const auto* const end = p + value.size();
    const auto* run = p;  // start of the bytes not yet written
    while ((p = next_special(p, end)) < end) {
        const unsigned char c = *p;
        if (c >= 0x80) return nullptr;  // invalid UTF-8: append_string's replacement
        std::memcpy(out, run, static_cast<std::size_t>(p - run));
        out += p - run;
        out = write_escape(out, c);
        run = ++p;
    }
    std::memcpy(out, run, static_cast<std::size_t>(p - run));
    out += p - run;
    *out++ = '"';
    return out;
}

void append_number(std::string& out, std::uint64_t value) {
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, value);
    out.append(buf, static_cast<std::size_t>(r.ptr - buf));
}

bool Reader::expect(std::string_view literal) {
    if (in_.substr(pos_, literal.size()) != literal) return false;
    pos_ += literal.size();
    return true;
}

bool Reader::take(char c) {
    if (peek() != c || pos_ == in_.size()) return false;
    ++pos_;
    return true;
}

void Reader::skip_space() {
    while (pos_ < in_.size()) {
        const char c = in_[pos_];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
        ++pos_;
    }
}

bool Reader::string(std::string& out) {
    out.clear();
    return scan_string(&out);
}

bool Reader::scan_string(std::string* out) {
    if (peek() != '"') return false;
    ++pos_;
    const auto* const begin = reinterpret_cast<const unsigned char*>(in_.data());
    const auto* const end = begin + in_.size();
    const auto* p = begin + pos_;
    const auto* run = p;
    const auto append = [out](const unsigned char* from, const unsigned char* to) {
        if (out) out->append(reinterpret_cast<const char*>(from), static_cast<std::size_t>(to - from));
    };
    const auto push = [out](char c) {
        if (out) out->push_back(c);
    };
    while ((p = valid_utf8_ ? next_quote_or_control(p, end) : next_special(p, end)) < end) {
        const unsigned char c = *p;
        if (c >= 0x80 || c < 0x20) return false;  // invalid UTF-8; raw control characters are not JSON
        append(run, p);
        if (c == '"') {
            pos_ = static_cast<std::size_t>(p + 1 - begin);
            return true;
        }
        // A backslash escape.
        if (end - p < 2) return false;
        switch (p[1]) {
            case '"':
            case '\\':
            case '/':
                push(static_cast<char>(p[1]));
                break;
            case 'b':
                push('\b');
                break;
            case 'f':
                push('\f');
                break;
            case 'n':
                push('\n');
                break;
            case 'r':
                push('\r');
                break;
            case 't':
                push('\t');
                break;
            case 'u': {
                unicode_escape_ = true;
                if (end - p < 6) return false;
                const int unit = hex4(p + 2);
                if (unit < 0 || (unit >= 0xDC00 && unit <= 0xDFFF)) return false;  // a low surrogate alone
                unsigned cp = static_cast<unsigned>(unit);
                if (unit >= 0xD800 && unit <= 0xDBFF) {
                    // A high surrogate stands only before a low one: \uD83D\uDE00.
                    if (end - p < 12 || p[6] != '\\' || p[7] != 'u') return false;
                    const int low = hex4(p + 8);
                    if (low < 0xDC00 || low > 0xDFFF) return false;
                    cp = 0x10000 + ((cp - 0xD800) << 10) + static_cast<unsigned>(low - 0xDC00);
                    p += 6;
                }
                if (out) append_utf8(*out, cp);
                p += 4;
                break;
            }
            default:
                return false;
        }
        p += 2;
        run = p;
    }
    return false;  // no closing quote
}

bool Reader::json_number(std::string_view& text, bool& integer) {
    const auto digit = [this](std::size_t i) { return i < in_.size() && in_[i] >= '0' && in_[i] <= '9'; };
    std::size_t i = pos_;
    if (i < in_.size() && in_[i] == '-') ++i;
    if (!digit(i)) return false;
    if (in_[i] == '0') {
        ++i;  // no leading zero: "01" is the number 0, then a stray 1
    } else {
        while (digit(i)) ++i;
    }
    integer = true;
    if (i < in_.size() && in_[i] == '.') {
        if (!digit(++i)) return false;
        while (digit(i)) ++i;
        integer = false;
    }
    if (i < in_.size() && (in_[i] == 'e' || in_[i] == 'E')) {
        ++i;
        if (i < in_.size() && (in_[i] == '+' || in_[i] == '-')) ++i;
        if (!digit(i)) return false;
        while (digit(i)) ++i;
        integer = false;
    }
    text = in_.substr(pos_, i - pos_);
    pos_ = i;
    if (integer) {
        const char* const first = text.data();
        const char* const last = first + text.size();
        std::int64_t negative = 0;
        std::uint64_t positive = 0;
        const auto r = text[0] == '-' ? std::from_chars(first, last, negative) : std::from_chars(first, last, positive);
        integer = r.ec == std::errc();
    }
    // nlohmann reads a double with strtod and refuses infinity. Rare in
    // dispatches (extra fields only), so the copy does not matter.
    return integer || std::isfinite(std::strtod(std::string(text).c_str(), nullptr));
}

bool Reader::check_value(int levels) {
    const char open = peek();
    if (open == '"') return scan_string(nullptr);
    if (open == 't') return expect("true");
    if (open == 'f') return expect("false");
    if (open == 'n') return expect("null");
    if (open != '{' && open != '[') {
        std::string_view text;
        bool integer = false;
        return json_number(text, integer);
    }
    if (levels <= 0) return false;
    ++pos_;
    skip_space();
    const char close = open == '{' ? '}' : ']';
    if (take(close)) return true;
    do {
        skip_space();
        if (open == '{') {
            if (!scan_string(nullptr)) return false;
            skip_space();
            if (!take(':')) return false;
            skip_space();
        }
        if (!check_value(levels - 1)) return false;
        skip_space();
    } while (take(','));
    return take(close);
}

bool Reader::number(std::uint64_t& out) {
    std::size_t digits = 0;
    std::uint64_t value = 0;
    while (pos_ + digits < in_.size() && in_[pos_ + digits] >= '0' && in_[pos_ + digits] <= '9') {
        value = value * 10 + static_cast<std::uint64_t>(in_[pos_ + digits] - '0');
        ++digits;
    }
    // At most 19 digits always fit in 64 bits; a leading zero is not JSON.
    if (digits == 0 || digits > 19 || (digits > 1 && in_[pos_] == '0')) return false;
    pos_ += digits;
    out = value;
    return true;
}

bool Reader::skip_value(std::string_view& text) {
    const std::size_t start = pos_;
    int depth = 0;
    while (pos_ < in_.size()) {
        const char c = in_[pos_];
        if (c == '"') {
            for (++pos_; pos_ < in_.size() && in_[pos_] != '"'; ++pos_)
                if (in_[pos_] == '\\') ++pos_;
            if (pos_ >= in_.size()) return false;
            ++pos_;
        } else if (c == '{' || c == '[') {
            ++depth;
            ++pos_;
        } else if (c == '}' || c == ']') {
            if (depth == 0) break;  // the end of the enclosing value
            --depth;
            ++pos_;
        } else if (c == ',' && depth == 0) {
            break;
        } else {
            ++pos_;
        }
        if (depth == 0 && (c == '"' || c == '}' || c == ']')) break;  // a whole string, object or array
    }
    if (depth != 0 || pos_ == start) return false;
    text = in_.substr(start, pos_ - start);
    return true;
}

}  // namespace depeche::record_json
