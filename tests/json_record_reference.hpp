#pragma once
// parse_json_record as it was first written, through a nlohmann::json tree:
// the reference the tree-less reader must equal (same article, same reason),
// for tests/test_json_record.cpp and the fuzz target fuzz_jsonl_reader.

#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>
#include <string_view>
#include <variant>

#include "analyzer.hpp"
#include "readers.hpp"

namespace depeche::testing {

inline std::variant<Article, std::string> reference_json_record(std::string_view line) {
    constexpr std::size_t kMaxIdBytes = 200;
    constexpr int kMaxJsonDepth = 32;
    const auto trim = [](std::string_view s) {
        while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
        while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
        return s;
    };
    if (line.find('\0') != std::string_view::npos) return std::string("NUL byte in the record");
    if (!is_valid_utf8(line)) return std::string("invalid UTF-8");
    int depth = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (in_string) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '{' || c == '[') {
            if (++depth > kMaxJsonDepth) return "JSON nested deeper than " + std::to_string(kMaxJsonDepth) + " levels";
        } else if (c == '}' || c == ']') {
            --depth;
        }
    }
    nlohmann::json record = nlohmann::json::parse(line.begin(), line.end(), nullptr, false);
    if (record.is_discarded()) return std::string("broken JSON");
    if (!record.is_object()) return std::string("JSON record is not an object");
    auto field = [&record](const char* key) -> const nlohmann::json* {
        auto it = record.find(key);
        return it == record.end() || it->is_null() ? nullptr : &*it;
    };
    const auto* date_field = field("date");
    if (!date_field) return std::string("missing \"date\"");
    if (!date_field->is_string()) return std::string("\"date\" is not a string");
    std::string date_text = date_field->get<std::string>();
    if (date_text.size() > 10 && date_text[10] == 'T') date_text.resize(10);
    auto date = parse_iso_date(date_text);
    if (!date) return "impossible date '" + date_text.substr(0, 40) + "'";
    if (date->month == 0) return "date '" + date_text + "' needs at least a month (YYYY-MM)";
    const auto* text_field = field("text");
    if (!text_field) return std::string("missing \"text\"");
    if (!text_field->is_string()) return std::string("\"text\" is not a string");
    const std::string text = to_nfc(trim(text_field->get_ref<const std::string&>()));
    if (text.empty()) return std::string("empty text");
    Article article;
    article.published = *date;
    article.text = text;
    if (const auto* title = field("title")) {
        if (!title->is_string()) return std::string("\"title\" is not a string");
        article.title = to_nfc(trim(title->get_ref<const std::string&>()));
    }
    if (const auto* id = field("id")) {
        if (id->is_string())
            article.id = id->get<std::string>();
        else if (id->is_number_integer())
            article.id = id->dump();
        else
            return std::string("\"id\" is not a string");
        if (article.id.empty()) return std::string("empty \"id\"");
        if (article.id.size() > kMaxIdBytes) return "\"id\" longer than " + std::to_string(kMaxIdBytes) + " bytes";
        if (std::any_of(article.id.begin(), article.id.end(), [](unsigned char c) { return c < 0x20 || c == 0x7f; }))
            return std::string("control character in \"id\"");
    } else {
        article.id = derived_id(date_text, article.text);
    }
    for (const char* key : {"id", "date", "title", "text"}) record.erase(key);
    article.extra_json = record.dump();
    return article;
}

/// One compact line for either result: "ok|id|date|title|text|extra" or "reject|reason".
inline std::string json_record_summary(const std::variant<Article, std::string>& r) {
    if (const auto* reason = std::get_if<std::string>(&r)) return "reject|" + *reason;
    const Article& a = std::get<Article>(r);
    return "ok|" + a.id + "|" + to_iso(a.published) + "|" + a.title + "|" + a.text + "|" + a.extra_json;
}

}  // namespace depeche::testing
