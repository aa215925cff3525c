#pragma once
// Reading dispatches: the line format and JSON Lines, from files, folders and
// standard input. Bad records are reported, never fatal.

#include <cstdint>
#include <functional>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "article.hpp"

namespace depeche {

enum class InputFormat { automatic, line, jsonl };

/// "auto", "line", "jsonl"; nullopt otherwise.
std::optional<InputFormat> parse_input_format(std::string_view name);

/// A record set aside, with where it was and why.
struct Reject {
    std::string source;  ///< "FILE:LINE"
    std::string reason;  ///< "impossible date '2019-02-30'"
    std::string record;  ///< the raw line (cut to 1,000 bytes)
};

/// Parses one line of the line format: `[spaces]date YYYY-MM[-DD] <text>`.
/// The id is derived from the date and the text, so the same dispatch always
/// gets the same id. Returns the reason on failure.
/// `line` must not hold the line end; a trailing '\r' is ignored.
std::variant<Article, std::string> parse_line_record(std::string_view line);

/// Parses one JSON Lines record: {"id", "date", "title", "text", ...}. The id
/// is the JSON "id" when given (a string or an integer), else derived like the
/// line format's; other fields go to extra_json (sorted keys, nlohmann's
/// dump). The record must be strict JSON (RFC 8259, as nlohmann::json::parse
/// reads it: a byte-order mark at the start is skipped, the last of duplicate
/// keys counts, a number must fit a double), valid UTF-8 without NUL bytes,
/// nested at most 32 levels.
std::variant<Article, std::string> parse_json_record(std::string_view line);

/// The id the line format gives a dispatch: "dep-" and 16 hex digits of a
/// 64-bit FNV-1a hash of the date and the text.
std::string derived_id(std::string_view date, std::string_view text);

struct ReadOptions {
    std::vector<std::string> inputs;  ///< files, folders (recursive) or "-" for stdin
    InputFormat format = InputFormat::automatic;
};

/// Totals of one read.
struct ReadCounts {
    std::size_t records = 0;   ///< articles handed to on_article
    std::size_t rejected = 0;  ///< rejects handed to on_reject
    std::size_t files = 0;     ///< files read
    std::size_t bytes = 0;     ///< title + text bytes of the articles
};

/// Reads every input in order (folders in sorted path order, keeping files
/// ending .txt, .jsonl or .ndjson; a file found in a folder whose first lines
/// are neither format is skipped with a warning through on_warning). Each
/// good record goes to `on_article`, each bad one to `on_reject`. Throws
/// std::runtime_error when an input cannot be opened.
ReadCounts read_inputs(const ReadOptions& options, const std::function<void(Article&&)>& on_article,
                       const std::function<void(const Reject&)>& on_reject,
                       const std::function<void(const std::string&)>& on_warning);

/// The bytes the inputs hold (files, and the dispatch files of folders), to
/// tell how far a run has gone; nullopt when one is standard input.
std::optional<std::uintmax_t> input_bytes(const ReadOptions& options);

/// Reads one stream of dispatches named `name` (in "NAME:LINE" sources) the
/// way read_inputs reads a file given by name.
ReadCounts read_stream(std::istream& in, const std::string& name, InputFormat format,
                       const std::function<void(Article&&)>& on_article,
                       const std::function<void(const Reject&)>& on_reject);

}  // namespace depeche
