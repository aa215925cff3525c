#include "readers.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "analyzer.hpp"
#include "record_json.hpp"

namespace depeche {
namespace {

namespace fs = std::filesystem;
using Result = std::variant<Article, std::string>;

constexpr std::size_t kMaxIdBytes = 200;
constexpr int kMaxJsonDepth = 32;
constexpr std::size_t kRejectRecordBytes = 1000;

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

// A JSON string field trimmed and in NFC: the field's own string, moved,
// when neither changes it (nearly every text: copying it was 2% of an extraction).
// `surely_nfc`: is_surely_nfc is known true of the field (see parse_json_record).
std::string nfc_field(std::string& value, bool surely_nfc) {
    const std::string_view trimmed = trim(value);
    if (trimmed.size() == value.size() && (surely_nfc || is_surely_nfc(value))) return std::move(value);
    return to_nfc(trimmed);
}

// Problems shared by both formats, checked before any parsing. `surely_nfc`,
// when given: is_surely_nfc(line), found in the same pass.
std::optional<std::string> byte_problem(std::string_view line, bool* surely_nfc = nullptr) {
    if (line.find('\0') != std::string_view::npos) return "NUL byte in the record";
    if (surely_nfc) {
        const Utf8Check check = check_utf8(line);
        if (!check.valid) return "invalid UTF-8";
        *surely_nfc = check.surely_nfc;
    } else if (!is_valid_utf8(line)) {
        return "invalid UTF-8";
    }
    return std::nullopt;
}

std::optional<PartialDate> publication_date(std::string_view text, std::string& reason) {
    auto date = parse_iso_date(text);
    if (!date) {
        reason = "impossible date '" + std::string(text.substr(0, 40)) + "'";
        return std::nullopt;
    }
    if (date->month == 0) {
        reason = "date '" + std::string(text) + "' needs at least a month (YYYY-MM)";
        return std::nullopt;
    }
    return date;
}

// Whether the line nests arrays and objects deeper than any dispatch needs,
// counted over the raw bytes whether or not they are JSON: a broken record
// nested too deep is refused for its depth, as it was when this ran before
// the parse. parse_json_record asks only when scan_record failed: a record
// it read is never too deep (it stops at kMaxJsonDepth).
bool too_deep(std::string_view json) {
    int depth = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < json.size(); ++i) {
        const char c = json[i];
        if (in_string) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '{' || c == '[') {
            if (++depth > kMaxJsonDepth) return true;
        } else if (c == '}' || c == ']') {
            --depth;
        }
    }
    return false;
}

// One field of a JSON Lines record as nlohmann::json::parse gave it: the
// last of duplicate keys wins.
struct JsonField {
    enum class Kind { absent, null, string, integer, other } kind = Kind::absent;
    std::string value;  // the string unescaped, or the integer as nlohmann writes it
    bool given() const { return kind != Kind::absent && kind != Kind::null; }
};

struct JsonFields {
    JsonField id, date, title, text;
    std::string extra;            // the other members as written, comma-separated
    bool unicode_escape = false;  // some string read held a \u escape (Reader::read_unicode_escape)
};

enum class Scan { ok, not_object, broken };

bool read_field(record_json::Reader& in, JsonField& field) {
    using Kind = JsonField::Kind;
    const char c = in.peek();
    if (c == '"') {
        field.kind = Kind::string;
        return in.string(field.value);
    }
    if (c == 'n') {
        field.kind = Kind::null;
        return in.expect("null");
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
        std::string_view text;
        bool integer = false;
        if (!in.json_number(text, integer)) return false;
        field.kind = integer ? Kind::integer : Kind::other;
        field.value = text == "-0" ? "0" : text;  // nlohmann reads -0 as the integer 0
        return true;
    }
    field.kind = Kind::other;
    return in.check_value(kMaxJsonDepth - 1);
}

// Reads a record the way nlohmann::json::parse (strict, no comments) reads
// it, without building a tree: the four fields we use are kept, the others
// are checked and kept as written. A byte-order mark at the very start is
// skipped, as nlohmann does. `line` is well-formed UTF-8 (byte_problem).
Scan scan_record(std::string_view line, JsonFields& fields) {
    if (line.rfind("\xEF\xBB\xBF", 0) == 0) line.remove_prefix(3);
    record_json::Reader in(line, /*valid_utf8=*/true);
    in.skip_space();
    if (in.peek() != '{') {
        if (!in.check_value(kMaxJsonDepth)) return Scan::broken;
        in.skip_space();
        return in.at_end() ? Scan::not_object : Scan::broken;
    }
    in.take('{');
    in.skip_space();
    std::string key;
    if (!in.take('}')) {
        do {
            in.skip_space();
            const std::size_t member = in.position();
            if (!in.string(key)) return Scan::broken;
            in.skip_space();
            if (!in.take(':')) return Scan::broken;
            in.skip_space();
            JsonField* field = key == "text"    ? &fields.text
                               : key == "title" ? &fields.title
                               : key == "date"  ? &fields.date
                               : key == "id"    ? &fields.id
                                                : nullptr;
            if (field) {
                if (!read_field(in, *field)) return Scan::broken;
            } else {
                if (!in.check_value(kMaxJsonDepth - 1)) return Scan::broken;
                if (!fields.extra.empty()) fields.extra += ',';
                fields.extra += line.substr(member, in.position() - member);
            }
            in.skip_space();
        } while (in.take(','));
        if (!in.take('}')) return Scan::broken;
    }
    in.skip_space();
    fields.unicode_escape = in.read_unicode_escape();
    return in.at_end() ? Scan::ok : Scan::broken;
}

bool has_control_char(std::string_view s) {
    return std::any_of(s.begin(), s.end(), [](unsigned char c) { return c < 0x20 || c == 0x7f; });
}

bool looks_like_record(std::string_view line) {
    line = trim(line);
    return line.rfind("date ", 0) == 0 || line.rfind('{', 0) == 0;
}

// The files read from a folder, recursively, in sorted path order.
std::vector<fs::path> dispatch_files(const std::string& folder) {
    std::error_code ec;
    std::vector<fs::path> files;
    for (auto it = fs::recursive_directory_iterator(folder, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (!it->is_regular_file(ec)) continue;
        const auto ext = it->path().extension().string();
        if (ext == ".txt" || ext == ".jsonl" || ext == ".ndjson") files.push_back(it->path());
    }
    if (ec) throw std::runtime_error("cannot read folder " + folder + ": " + ec.message());
    std::sort(files.begin(), files.end());
    return files;
}

struct Reader {
    const ReadOptions& options;
    const std::function<void(Article&&)>& on_article;
    const std::function<void(const Reject&)>& on_reject;
    const std::function<void(const std::string&)>& on_warning;
    ReadCounts counts;

    void record(std::string_view name, std::size_t line_number, std::string_view line) {
        const std::string source = std::string(name) + ":" + std::to_string(line_number);
        const std::string_view body = trim(line);
        InputFormat format = options.format;
        if (format == InputFormat::automatic) format = body.rfind('{', 0) == 0 ? InputFormat::jsonl : InputFormat::line;
        Result result = format == InputFormat::jsonl ? parse_json_record(body) : parse_line_record(body);
        if (auto* reason = std::get_if<std::string>(&result)) {
            ++counts.rejected;
            on_reject({source, *reason, std::string(line.substr(0, kRejectRecordBytes))});
            return;
        }
        Article& article = std::get<Article>(result);
        article.source = source;
        ++counts.records;
        counts.bytes += article.title.size() + article.text.size();
        on_article(std::move(article));
    }

    // `from_folder`: the file was found by walking a folder, so it may be
    // something else than dispatches (a README): skip it when its first lines
    // are neither format.
    void stream(std::istream& in, const std::string& name, bool from_folder) {
        ++counts.files;
        std::string line;
        std::size_t line_number = 0;
        std::vector<std::pair<std::size_t, std::string>> pending;  // lines held until the file is judged
        bool judged = !from_folder;
        while (std::getline(in, line)) {
            ++line_number;
            if (line_number == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);  // byte-order mark
            if (trim(line).empty()) continue;
            if (!judged) {
                pending.emplace_back(line_number, line);
                const bool good = looks_like_record(line);
                if (!good && pending.size() < 5) continue;
                if (!good) {
                    on_warning(name + ": skipped, its first lines are neither the line format nor JSON Lines");
                    --counts.files;
                    return;
                }
                judged = true;
                for (auto& [n, l] : pending) record(name, n, l);
                pending.clear();
                continue;
            }
            record(name, line_number, line);
        }
        if (!pending.empty()) {
            on_warning(name + ": skipped, its first lines are neither the line format nor JSON Lines");
            --counts.files;
        }
    }

    void file(const fs::path& path, bool from_folder) {
        std::ifstream in(path, std::ios::binary);
        if (!in) throw std::runtime_error("cannot open " + path.string());
        stream(in, path.string(), from_folder);
    }

    void input(const std::string& name) {
        if (name == "-") {
            stream(std::cin, "<stdin>", false);
            return;
        }
        std::error_code ec;
        if (fs::is_directory(name, ec)) {
            for (const auto& f : dispatch_files(name)) file(f, true);
            return;
        }
        if (!fs::exists(name, ec)) throw std::runtime_error("no such file or folder: " + name);
        file(name, false);
    }
};

}  // namespace

std::optional<InputFormat> parse_input_format(std::string_view name) {
    if (name == "auto") return InputFormat::automatic;
    if (name == "line") return InputFormat::line;
    if (name == "jsonl") return InputFormat::jsonl;
    return std::nullopt;
}

std::string derived_id(std::string_view date, std::string_view text) {
    std::uint64_t h = 1469598103934665603ULL;
    auto mix = [&h](std::string_view s) {
        for (unsigned char c : s) {
            h ^= c;
            h *= 1099511628211ULL;
        }
    };
    mix(date);
    mix("\x1f");
    mix(text);
    char buf[24];
    std::snprintf(buf, sizeof buf, "dep-%016llx", static_cast<unsigned long long>(h));
    return buf;
}

Result parse_line_record(std::string_view line) {
    if (auto problem = byte_problem(line)) return *problem;
    line = trim(line);
    if (line.rfind("date ", 0) != 0) return std::string("missing 'date YYYY-MM[-DD]' at the start of the line");
    line.remove_prefix(5);
    while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
    const auto space = line.find_first_of(" \t");
    const std::string_view date_text = line.substr(0, space);
    std::string reason;
    auto date = publication_date(date_text, reason);
    if (!date) return reason;
    const std::string_view text = space == std::string_view::npos ? std::string_view() : trim(line.substr(space + 1));
    if (text.empty()) return std::string("empty text");
    Article article;
    article.published = *date;
    article.text = to_nfc(text);
    article.id = derived_id(date_text, article.text);
    article.extra_json = "{}";
    return article;
}

// Read by scan_record rather than through a nlohmann::json tree (which cost
// a seventh of depeche-extract): the same articles and the same reasons,
// which tests/test_json_record.cpp checks against the nlohmann reading.
Result parse_json_record(std::string_view line) {
    bool line_nfc = false;
    if (auto problem = byte_problem(line, &line_nfc)) return *problem;
    JsonFields fields;
    const Scan scan = scan_record(line, fields);
    // A string unescaped from a line whose code points all pass is_surely_nfc's test passes it too: its
    // code points are the line's, the ASCII of its escapes, and those of its \u escapes (then asked again).
    const bool fields_nfc = line_nfc && !fields.unicode_escape;
    if (scan != Scan::ok && too_deep(line))
        return "JSON nested deeper than " + std::to_string(kMaxJsonDepth) + " levels";
    if (scan == Scan::broken) return std::string("broken JSON");
    if (scan == Scan::not_object) return std::string("JSON record is not an object");
    using Kind = JsonField::Kind;
    if (!fields.date.given()) return std::string("missing \"date\"");
    if (fields.date.kind != Kind::string) return std::string("\"date\" is not a string");
    std::string& date_text = fields.date.value;
    if (date_text.size() > 10 && date_text[10] == 'T') date_text.resize(10);  // 2015-01-15T10:00:00Z
    std::string reason;
    auto date = publication_date(date_text, reason);
    if (!date) return reason;
    if (!fields.text.given()) return std::string("missing \"text\"");
    if (fields.text.kind != Kind::string) return std::string("\"text\" is not a string");
    std::string text = nfc_field(fields.text.value, fields_nfc);
    if (text.empty()) return std::string("empty text");
    Article article;
    article.published = *date;
    article.text = std::move(text);
    if (fields.title.given()) {
        if (fields.title.kind != Kind::string) return std::string("\"title\" is not a string");
        article.title = nfc_field(fields.title.value, fields_nfc);
    }
    if (fields.id.given()) {
        if (fields.id.kind != Kind::string && fields.id.kind != Kind::integer)
            return std::string("\"id\" is not a string");
        article.id = std::move(fields.id.value);
        if (article.id.empty()) return std::string("empty \"id\"");
        if (article.id.size() > kMaxIdBytes) return "\"id\" longer than " + std::to_string(kMaxIdBytes) + " bytes";
        if (has_control_char(article.id)) return std::string("control character in \"id\"");
    } else {
        article.id = derived_id(date_text, article.text);
    }
    // Extra fields are rare (none in most inputs) and free-form: nlohmann
    // normalises them (sorted keys, the last of duplicates, its number format).
    article.extra_json = fields.extra.empty() ? "{}" : nlohmann::json::parse("{" + fields.extra + "}").dump();
    return article;
}

std::optional<std::uintmax_t> input_bytes(const ReadOptions& options) {
    std::uintmax_t total = 0;
    for (const auto& name : options.inputs) {
        std::error_code ec;
        if (name == "-") return std::nullopt;
        if (fs::is_directory(name, ec)) {
            for (const auto& f : dispatch_files(name)) total += fs::file_size(f, ec);
        } else {
            const auto size = fs::file_size(name, ec);
            if (!ec) total += size;
        }
    }
    return total;
}

ReadCounts read_stream(std::istream& in, const std::string& name, InputFormat format,
                       const std::function<void(Article&&)>& on_article,
                       const std::function<void(const Reject&)>& on_reject) {
    ReadOptions options;
    options.format = format;
    const std::function<void(const std::string&)> no_warning = [](const std::string&) {};
    Reader reader{options, on_article, on_reject, no_warning, {}};
    reader.stream(in, name, false);
    return reader.counts;
}

ReadCounts read_inputs(const ReadOptions& options, const std::function<void(Article&&)>& on_article,
                       const std::function<void(const Reject&)>& on_reject,
                       const std::function<void(const std::string&)>& on_warning) {
    Reader reader{options, on_article, on_reject, on_warning, {}};
    for (const auto& input : options.inputs) reader.input(input);
    return reader.counts;
}

}  // namespace depeche
