#include "query.hpp"

#include <memory>
#include <set>

#include "analyzer.hpp"

namespace depeche {
namespace {

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// Field names of the query language, and what each searches.
struct Field {
    const char* name;
    EntityKind kind;  // date: publication or mention, told apart by `mentioned`
    bool mentioned;
};
constexpr Field kFields[] = {
    {"personne", EntityKind::person, false}, {"person", EntityKind::person, false}, {"lieu", EntityKind::place, false},
    {"place", EntityKind::place, false},     {"org", EntityKind::org, false},       {"date", EntityKind::date, false},
    {"mention", EntityKind::date, true},
};

bool is_field_chunk(std::string_view chunk, std::size_t& value_at) {
    std::size_t start = !chunk.empty() && (chunk[0] == '+' || chunk[0] == '-') ? 1 : 0;
    const auto colon = chunk.find(':', start);
    if (colon == std::string_view::npos) return false;
    const std::string_view name = chunk.substr(start, colon - start);
    for (const Field& f : kFields) {
        if (name == f.name) {
            value_at = colon + 1;
            return true;
        }
    }
    return false;
}

bool is_operator(std::string_view chunk) {
    if (chunk == "AND" || chunk == "OR" || chunk == "NOT" || chunk == "XOR" || chunk == "NEAR" || chunk == "ADJ")
        return true;
    for (std::string_view op : {"NEAR/", "ADJ/"}) {
        if (chunk.rfind(op, 0) == 0 && chunk.size() > op.size() &&
            chunk.find_first_not_of("0123456789", op.size()) == std::string_view::npos)
            return true;
    }
    return false;
}

// The folded words of `text` joined by `joiner`; `content` becomes true when
// one of them is not a stop word.
std::string folded_words(std::string_view text, char joiner, bool& content) {
    std::string out;
    for (const Token& t : analyse(text)) {
        if (!out.empty()) out.push_back(joiner);
        out += t.folded;
        content = content || !t.stop;
    }
    return out;
}

// Stop words of the analyser, for Xapian's query parser.
class FrenchStopper : public Xapian::Stopper {
public:
    bool operator()(const std::string& term) const override { return is_stop_word(term); }
};

// A C++ exception must not cross Xapian's query parser (its parser stack is
// not unwound cleanly: seen as a double free by tests/test_query.cpp's
// garbage-in test). Field processors record the first error instead, match
// nothing, and parse_query throws it once the parser has returned.
class ProcessorBase : public Xapian::FieldProcessor {
public:
    explicit ProcessorBase(std::string& error) : error_(error) {}
    Xapian::Query operator()(const std::string& value) override {
        try {
            return process(value);
        } catch (const QueryError& e) {
            if (error_.empty()) error_ = e.what();
        } catch (const std::exception& e) {
            if (error_.empty()) error_ = std::string("cannot read field value '") + value + "': " + e.what();
        }
        return Xapian::Query::MatchNothing;
    }

protected:
    virtual Xapian::Query process(const std::string& value) = 0;

private:
    std::string& error_;
};

class EntityProcessor : public ProcessorBase {
public:
    EntityProcessor(std::string& error, EntityKind kind, const Xapian::Database& db, const Lexicons& lexicons,
                    const FacetColumn* names)
        : ProcessorBase(error), kind_(kind), db_(db), lexicons_(lexicons), names_(names) {}

private:
    Xapian::Query process(const std::string& value) override {
        return entity_query(kind_, value, db_, lexicons_, names_);
    }
    EntityKind kind_;
    const Xapian::Database& db_;
    const Lexicons& lexicons_;
    const FacetColumn* names_;
};

class DateProcessor : public ProcessorBase {
public:
    DateProcessor(std::string& error, bool mentioned) : ProcessorBase(error), mentioned_(mentioned) {}

private:
    Xapian::Query process(const std::string& value) override { return date_query(value, mentioned_); }
    bool mentioned_;
};

std::optional<schema::DayRange> bound(std::string_view text) {
    if (!parse_iso_date(text)) return std::nullopt;
    return schema::timex_days(text);
}

// "philip hammond" is what "hammond" or "philip" was typed for: the typed
// words end or start the known name, on word boundaries.
bool names_same_entity(const std::string& known, const std::string& typed) {
    if (known.size() <= typed.size()) return false;
    const std::size_t tail = known.size() - typed.size();
    if (known.compare(tail, typed.size(), typed) == 0 && known[tail - 1] == ' ') return true;
    return known.compare(0, typed.size(), typed) == 0 && known[typed.size()] == ' ';
}

}  // namespace

std::string rewrite_query(std::string_view q) {
    bool content = false;
    return rewrite_query(q, content);
}

std::string rewrite_query(std::string_view q, bool& content) {
    std::string out;
    std::size_t i = 0;
    while (i < q.size()) {
        const char c = q[i];
        if (is_space(c) || c == '(' || c == ')') {
            out.push_back(c);
            ++i;
            continue;
        }
        if (c == '"') {
            const auto close = q.find('"', i + 1);
            const std::size_t end = close == std::string_view::npos ? q.size() : close;
            out += '"' + folded_words(q.substr(i + 1, end - i - 1), ' ', content) + '"';
            i = close == std::string_view::npos ? q.size() : close + 1;
            continue;
        }
        std::size_t end = i;
        while (end < q.size() && !is_space(q[end]) && q[end] != '(' && q[end] != ')' && q[end] != '"') ++end;
        std::string_view chunk = q.substr(i, end - i);
        std::size_t value_at = 0;
        if (is_field_chunk(chunk, value_at)) {
            out.append(chunk);  // the field processors normalise values themselves
            if (end == i + value_at && end < q.size() && q[end] == '"') {
                const auto close = q.find('"', end + 1);
                const std::size_t stop = close == std::string_view::npos ? q.size() : close + 1;
                out.append(q.substr(end, stop - end));
                if (close == std::string_view::npos) out.push_back('"');
                end = stop;
            }
            i = end;
            continue;
        }
        i = end;
        if (is_operator(chunk)) {
            out.append(chunk);
            continue;
        }
        std::string sign;
        if (chunk.size() > 1 && (chunk[0] == '+' || chunk[0] == '-')) {
            sign = chunk.substr(0, 1);
            chunk.remove_prefix(1);
        }
        const bool wildcard = chunk.size() > 1 && chunk.back() == '*';
        if (wildcard) chunk.remove_suffix(1);
        const std::string word = folded_words(chunk, '-', content);
        if (word.empty()) continue;
        out += sign + word + (wildcard ? "*" : "");
    }
    return out;
}

std::vector<std::string> plain_words(std::string_view q) {
    std::vector<std::string> words;
    std::size_t i = 0;
    while (i < q.size()) {
        if (is_space(q[i])) {
            ++i;
            continue;
        }
        std::size_t end = i;
        while (end < q.size() && !is_space(q[end])) ++end;
        const std::string_view chunk = q.substr(i, end - i);
        std::size_t value_at;
        if (chunk.find_first_of("\"()+*") != std::string_view::npos || chunk[0] == '-' || is_operator(chunk) ||
            is_field_chunk(chunk, value_at))
            return {};
        words.emplace_back(chunk);
        i = end;
    }
    return words;
}

schema::DayRange parse_date_range(std::string_view text) {
    const auto dots = text.find("..");
    const std::string_view from = dots == std::string_view::npos ? text : text.substr(0, dots);
    const std::string_view to = dots == std::string_view::npos ? text : text.substr(dots + 2);
    if (from.empty() && to.empty()) throw QueryError("empty date range '" + std::string(text) + "'");
    schema::DayRange range{{1800, 1, 1}, {2200, 12, 31}};
    if (!from.empty()) {
        auto b = bound(from);
        if (!b) throw QueryError("impossible date '" + std::string(from) + "' (use YYYY, YYYY-MM or YYYY-MM-DD)");
        range.first = b->first;
    }
    if (!to.empty()) {
        auto b = bound(to);
        if (!b) throw QueryError("impossible date '" + std::string(to) + "' (use YYYY, YYYY-MM or YYYY-MM-DD)");
        range.last = b->last;
    }
    const auto key = [](const PartialDate& d) { return d.year * 10000 + d.month * 100 + d.day; };
    if (key(range.last) < key(range.first))
        throw QueryError("empty date range '" + std::string(text) + "': it ends before it starts");
    return range;
}

Xapian::Query date_query(std::string_view range, bool mentioned) {
    const schema::DayRange days = parse_date_range(range);
    return mentioned ? schema::period_query(days, schema::kMentionedAs, schema::kMentioned)
                     : schema::period_query(days, schema::kPublishedAs, schema::kPublished);
}

Xapian::Query entity_query(EntityKind kind, std::string_view typed, const Xapian::Database& db,
                           const Lexicons& lexicons, const FacetColumn* names) {
    const std::string prefix = schema::entity_prefix(kind);
    const std::string key = entity_key(typed);
    if (key.empty()) throw QueryError("empty " + std::string(kind_name(kind)) + " name");
    std::set<std::string> keys;
    if (auto canonical = canonical_name(lexicons, kind, typed)) keys.insert(entity_key(*canonical));
    if (db.term_exists(schema::make_term(prefix, key))) keys.insert(key);
    // A person typed in part ("obama", "hammond") means every name that ends
    // or starts with those words; a place or an organisation only when
    // nothing else is known ("lieu:Paris" must not find "Paris-Saclay").
    if (kind == EntityKind::person || keys.empty()) {
        if (names) {
            // The names that start with the words are one run of the terms;
            // those that end with them, one run of the column's reversed keys.
            const std::string start = prefix + key + ' ';
            for (auto it = db.allterms_begin(start); it != db.allterms_end(start); ++it)
                keys.insert((*it).substr(prefix.size()));
            static_assert(kDictPlaces == kDictPersons + static_cast<unsigned>(EntityKind::place) &&
                          kDictOrgs == kDictPersons + static_cast<unsigned>(EntityKind::org));
            const auto dictionary = static_cast<ColumnDictionary>(kDictPersons + static_cast<unsigned>(kind));
            for (auto& known : names->keys_ending_with(dictionary, key)) keys.insert(std::move(known));
        } else {
            for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
                const std::string known = (*it).substr(prefix.size());
                if (names_same_entity(known, key)) keys.insert(known);
            }
        }
    }
    if (keys.empty()) keys.insert(key);
    std::vector<Xapian::Query> terms;
    for (const auto& k : keys) terms.emplace_back(schema::make_term(prefix, k));
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

Xapian::Query parse_query(std::string_view query, const Xapian::Database& db, const Lexicons& lexicons, bool any,
                          const FacetColumn* names) {
    bool content = false;
    const std::string rewritten = rewrite_query(query, content);
    if (rewritten.find_first_not_of(" \t\r\n") == std::string::npos) return Xapian::Query::MatchAll;

    Xapian::QueryParser parser;
    parser.set_database(db);
    parser.set_stemmer(Xapian::Stem("french"));
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    // Stop words have no stem term: a query of stop words only ("le", "de la")
    // searches them as surface words.
    FrenchStopper stopper;
    if (content)
        parser.set_stopper(&stopper);
    else
        parser.set_stemming_strategy(Xapian::QueryParser::STEM_NONE);
    parser.set_default_op(any ? Xapian::Query::OP_OR : Xapian::Query::OP_AND);
    std::string field_error;
    std::vector<std::unique_ptr<Xapian::FieldProcessor>> processors;
    for (const auto& field : kFields) {
        if (field.kind == EntityKind::date)
            processors.push_back(std::make_unique<DateProcessor>(field_error, field.mentioned));
        else
            processors.push_back(std::make_unique<EntityProcessor>(field_error, field.kind, db, lexicons, names));
        parser.add_boolean_prefix(field.name, processors.back().get());
    }
    const unsigned flags =
        Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD | Xapian::QueryParser::FLAG_PURE_NOT;
    Xapian::Query parsed;
    try {
        parsed = parser.parse_query(rewritten, flags);
    } catch (const Xapian::QueryParserError& e) {
        throw QueryError("malformed query: " + e.get_msg());
    }
    if (!field_error.empty()) throw QueryError(field_error);
    return parsed;
}

}  // namespace depeche
