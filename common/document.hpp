#pragma once
// One dispatch as a Xapian document: its terms, values and stored record.
// Needs no database: build_document is a pure function of its inputs.

#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

#include "analyzer.hpp"
#include "article.hpp"
#include "entity.hpp"

namespace depeche {

struct Lexicons;

/// An analysed dispatch, ready to become a document.
struct AnalysedArticle {
    Article article;
    std::vector<Token> title_tokens;  ///< analyse(article.title)
    std::vector<Token> text_tokens;   ///< analyse(article.text)
    std::vector<Entity> entities;     ///< recognise_entities over the text
};

/// What a caller of analyse_article uses besides the entities, which are the
/// same whatever it asks for (tests/test_document.cpp checks it on corpus/).
struct ArticleNeeds {
    /// Token::stem of the kept tokens (the index's Z terms); recognition
    /// never reads stems.
    Stems stems = Stems::make;
    /// title_tokens and text_tokens kept; false leaves both empty and
    /// analyses a titled dispatch once, as recognition sees it (title, a
    /// paragraph break, text), instead of copying the two token lists into one.
    bool tokens = true;
};

/// depeche-extract's needs: the entities alone.
inline constexpr ArticleNeeds kEntitiesOnly{Stems::skip, false};

/// Analyses the title and text and recognises the entities of both (title
/// mentions are marked in_title). The default needs are the index's: every
/// token with its stem.
/// Thread-safe.
AnalysedArticle analyse_article(Article article, const Lexicons& lexicons, ArticleNeeds needs = {});

/// Title words take positions from 0; text words follow after this gap, so
/// that no phrase spans the title and the text.
inline constexpr Xapian::termpos kTextPositionGap = 100;

/// The Xapian document of a dispatch (terms and values as schema.hpp names
/// them, data = stored_record).
Xapian::Document build_document(const AnalysedArticle& analysed);

/// The stored record: JSON {"id", "date", "title", "text", "entities":
/// [{"kind", "name", "mentions": [[start, end], ...]}], "extra": {...}};
/// a mention in the title is [start, end, "title"].
std::string stored_record(const AnalysedArticle& analysed);

/// A stored record read back.
struct StoredDispatch {
    std::string id;
    std::string date;
    std::string title;
    std::string text;
    std::vector<Entity> entities;  ///< mentions with offsets and text
    std::string extra_json;        ///< "{}" when none
};

/// Parses document data written by stored_record. Throws std::runtime_error
/// on data that is not a depeche record.
StoredDispatch parse_stored_record(std::string_view data);

/// Appends the entities as JSON, the form depeche-extract and `depeche-search
/// --id` print: [{"kind": "person|place|org|date", "name": ..., "mentions":
/// [{"text", "start", "end"}]}] with UTF-8 byte offsets into the text; a
/// mention in the title has "field": "title" and offsets into the title.
/// No spaces; strings escaped as record_json::append_string does (invalid
/// UTF-8 replaced): the bytes nlohmann::ordered_json's dump wrote. With
/// `name_starts`, a mention whose name follows a title ("M. Hammond") also
/// has "name_start", the offset where the name begins (Mention::name_offset,
/// which the stored record does not keep).
void append_entities_json(std::string& out, const std::vector<Entity>& entities, bool name_starts = false);

/// One line of depeche-extract, without its line end: {"id", "date",
/// "entities"} (append_entities_json with name_start), the date as to_iso
/// writes it.
std::string extract_json(const AnalysedArticle& analysed);

/// The distinct canonical names of one kind, sorted, one per entity_key (the
/// first met when two spellings share a key).
std::vector<std::string> names_of(const std::vector<Entity>& entities, EntityKind kind);

}  // namespace depeche
