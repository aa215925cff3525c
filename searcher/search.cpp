#include "search.hpp"

#include <algorithm>
#include <set>

#include "match_walk.hpp"
#include "query.hpp"
#include "ranked_page.hpp"
#include "schema.hpp"

namespace depeche {
namespace {

Xapian::Query filters_of(const SearchRequest& request, const Xapian::Database& db, const Lexicons& lexicons,
                         const FacetColumn* column) {
    std::vector<Xapian::Query> filters;
    auto add = [&](EntityKind kind, const std::vector<std::string>& names) {
        for (const auto& name : names) filters.push_back(entity_query(kind, name, db, lexicons, column));
    };
    add(EntityKind::person, request.persons);
    add(EntityKind::place, request.places);
    add(EntityKind::org, request.orgs);
    if (!request.from.empty() || !request.to.empty())
        filters.push_back(date_query(request.from + ".." + request.to, false));
    if (filters.empty()) return Xapian::Query();
    return Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end());
}

// How many dispatches a typed word occurs in (its stem, or the word itself
// for a stop word).
Xapian::doccount word_frequency(const Xapian::Database& db, const std::string& word) {
    Xapian::doccount best = 0;
    for (const Token& t : analyse(word)) {
        const std::string term =
            t.stem.empty() ? schema::make_term("", t.folded) : schema::make_term(schema::kStem, t.stem);
        const Xapian::doccount f = db.get_termfreq(term);
        best = best == 0 ? f : std::min(best, f);
    }
    return best;
}

std::string join(const std::vector<std::string>& words) {
    std::string out;
    for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
    return out;
}

std::vector<ByteRange> entity_ranges(const StoredDispatch& d, const std::set<std::string>& terms) {
    std::vector<ByteRange> ranges;
    for (const Entity& e : d.entities) {
        if (e.kind == EntityKind::date) continue;
        if (!terms.count(schema::make_term(schema::entity_prefix(e.kind), entity_key(e.name)))) continue;
        for (const Mention& m : e.mentions)
            if (!m.in_title) ranges.emplace_back(m.start, m.end);  // snippets come from the text
    }
    return ranges;
}

// The phrases of a query (their terms in order), and the terms that occur
// only inside phrases: those are marked in snippets only where the whole
// phrase stands ("etat" of "etat islamique" is not marked in "chef de l'État").
struct QueryPhrases {
    std::vector<std::vector<std::string>> phrases;
    std::set<std::string> phrase_only;
};

void collect(const Xapian::Query& q, bool in_phrase, QueryPhrases& out, std::set<std::string>& free) {
    if (q.get_type() == Xapian::Query::OP_PHRASE) {
        std::vector<std::string> words(q.get_terms_begin(), q.get_terms_end());
        for (const auto& w : words) out.phrase_only.insert(w);
        out.phrases.push_back(std::move(words));
        return;
    }
    if (q.get_type() == Xapian::Query::LEAF_TERM && !in_phrase) {
        for (auto t = q.get_terms_begin(); t != q.get_terms_end(); ++t) free.insert(*t);
        return;
    }
    for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) collect(q.get_subquery(i), in_phrase, out, free);
}

QueryPhrases phrases_of(const Xapian::Query& query) {
    QueryPhrases out;
    std::set<std::string> free;
    collect(query, false, out, free);
    for (const auto& t : free) out.phrase_only.erase(t);
    return out;
}

// When no dispatch has every word of a plain query, the words to keep: the
// words that occur nowhere go, then the most common ones, until something
// matches. The rarest-first prefixes of the words match fewer and fewer
// dispatches as they grow, so the longest one that matches is found by
// bisection: a few queries even for thousands of words. The words dropped
// are appended to `dropped` (absent ones in query order, then the most
// common first); the kept ones stay in query order.
std::vector<std::string> words_to_keep(const Xapian::Database& db, const Lexicons& lexicons,
                                       const std::vector<std::string>& words, const Xapian::Query& filter,
                                       std::vector<std::string>& dropped) {
    std::vector<std::pair<Xapian::doccount, std::size_t>> present;  // (frequency, index)
    for (std::size_t i = 0; i < words.size(); ++i) {
        const Xapian::doccount f = word_frequency(db, words[i]);
        if (f == 0)
            dropped.push_back(words[i]);
        else
            present.emplace_back(f, i);
    }
    // Rarest first; among words as common, the later one first, so that the
    // earlier one is dropped first.
    std::sort(present.begin(), present.end(), [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first < b.first : a.second > b.second;
    });
    auto matches = [&](std::size_t count) {
        std::vector<std::string> subset;
        for (std::size_t i = 0; i < count; ++i) subset.push_back(words[present[i].second]);
        Xapian::Query query = parse_query(join(subset), db, lexicons, false);
        if (!filter.empty()) query = Xapian::Query(Xapian::Query::OP_FILTER, query, filter);
        Xapian::Enquire enquire(db);
        enquire.set_query(query);
        return !enquire.get_mset(0, 1).empty();
    };
    // Keeping the single rarest word may match nothing when filters apply;
    // then keep it alone and let the caller report zero hits.
    std::size_t low = present.empty() ? 0 : 1, high = present.size();
    if (high > low && !matches(high)) {
        while (high - low > 1) {  // invariant: low matches (or is 1), high does not
            const std::size_t middle = low + (high - low) / 2;
            (matches(middle) ? low : high) = middle;
        }
        high = low;
    }
    for (std::size_t i = present.size(); i > high; --i) dropped.push_back(words[present[i - 1].second]);
    std::vector<std::size_t> keep;
    for (std::size_t i = 0; i < high; ++i) keep.push_back(present[i].second);
    std::sort(keep.begin(), keep.end());
    std::vector<std::string> kept;
    for (std::size_t i : keep) kept.push_back(words[i]);
    return kept;
}

Hit make_hit(const Xapian::Document& doc, double weight, const std::set<std::string>& matching,
             const QueryPhrases& phrases, std::size_t rank) {
    const StoredDispatch d = parse_stored_record(doc.get_data());
    SnippetMarks marks;
    for (const std::string& t : matching)
        if (!phrases.phrase_only.count(t)) marks.terms.insert(t);
    marks.phrases = phrases.phrases;
    marks.ranges = entity_ranges(d, marks.terms);
    Hit hit;
    hit.id = d.id;
    hit.rank = rank;
    hit.score = weight;
    hit.date = d.date;
    hit.title = d.title;
    hit.snippet = make_snippet(d.text, marks);
    hit.persons = names_of(d.entities, EntityKind::person);
    hit.places = names_of(d.entities, EntityKind::place);
    hit.orgs = names_of(d.entities, EntityKind::org);
    return hit;
}

// The page of a date-sorted browse, kept while the match set is walked: the
// order is the sort value (schema::kSlotDateId: "YYYYMMDD" then the id), and
// the facet column gives each match's publication day, so that only the
// dispatches whose day can still enter the page are kept, and only those
// read their sort value at the end (the day's ties broken by the id).
class DatePage {
public:
    DatePage(const FacetColumn& column, bool newest_first, std::size_t size)
        : column_(column), newest_first_(newest_first), size_(size), keys_(column.size(kDictPublishedDay), kUnknown) {}

    void offer(Xapian::docid did) {
        if (size_ == 0) return;
        const std::uint64_t key = key_of(did);
        if (best_.size() < size_) {
            best_.push_back(key);
            std::push_heap(best_.begin(), best_.end(), Before{newest_first_});
        } else if (before(key, best_.front())) {
            std::pop_heap(best_.begin(), best_.end(), Before{newest_first_});
            best_.back() = key;
            std::push_heap(best_.begin(), best_.end(), Before{newest_first_});
        } else if (before(best_.front(), key)) {
            return;  // after the page's last day: it cannot enter
        }
        kept_.emplace_back(key, did);
        if (kept_.size() >= 2 * size_ + 16) prune();  // amortised: at least size_ + 16 offers between prunes
    }

    /// The docids of [offset, offset + limit) in the sort order.
    std::vector<Xapian::docid> page(const Xapian::Database& db, std::size_t offset, std::size_t limit) {
        prune();
        std::vector<std::pair<std::string, Xapian::docid>> sorted;
        sorted.reserve(kept_.size());
        for (const auto& [key, did] : kept_)
            sorted.emplace_back(db.get_document(did, Xapian::DOC_ASSUME_VALID).get_value(schema::kSlotDateId), did);
        std::sort(sorted.begin(), sorted.end(),
                  [&](const auto& a, const auto& b) { return newest_first_ ? a.first > b.first : a.first < b.first; });
        std::vector<Xapian::docid> out;
        for (std::size_t i = offset; i < sorted.size() && i < offset + limit; ++i) out.push_back(sorted[i].second);
        return out;
    }

private:
    static constexpr std::uint64_t kUnknown = ~std::uint64_t{0};

    // The day as YYYYMMDD (00 for an unknown month or day, as the sort value
    // spells it), 0 for a dispatch without one (an empty sort value).
    std::uint64_t key_of(Xapian::docid did) {
        const FacetColumn::Span day = column_.list(kDictPublishedDay, did);
        if (day.begin == day.end || *day.begin >= keys_.size()) return 0;
        std::uint64_t& key = keys_[*day.begin];
        if (key == kUnknown) {
            key = 0;
            int digits = 0;
            for (char c : column_.value(kDictPublishedDay, *day.begin))
                if (c >= '0' && c <= '9' && digits < 8) key = key * 10 + static_cast<std::uint64_t>(c - '0'), ++digits;
            for (; digits < 8; ++digits) key *= 10;
        }
        return key;
    }
    // True when day `a` comes before day `b` in the page; as the heap's
    // order, it keeps the page's last day on top.
    struct Before {
        bool newest_first;
        bool operator()(std::uint64_t a, std::uint64_t b) const { return newest_first ? a > b : a < b; }
    };
    bool before(std::uint64_t a, std::uint64_t b) const { return Before{newest_first_}(a, b); }
    // Drops what comes after the page's last day.
    void prune() {
        if (size_ == 0 || best_.size() < size_) return;
        const std::uint64_t last = best_.front();
        kept_.erase(std::remove_if(kept_.begin(), kept_.end(), [&](const auto& k) { return before(last, k.first); }),
                    kept_.end());
    }

    const FacetColumn& column_;
    bool newest_first_;
    std::size_t size_;
    std::vector<std::uint64_t> keys_;  // by day ordinal, kUnknown until first read
    std::vector<std::uint64_t> best_;  // the days of the best `size_` so far, the page's last on top
    std::vector<std::pair<std::uint64_t, Xapian::docid>> kept_;
};

// True when the query has a weighted word (a surface word or a stem), false
// when it is only filters (entity and date fields): those browse.
bool has_words(const Xapian::Query& query) {
    for (auto it = query.get_unique_terms_begin(); it != query.get_unique_terms_end(); ++it) {
        const std::string& term = *it;
        if (!term.empty() && (term[0] == 'Z' || !(term[0] >= 'A' && term[0] <= 'Z'))) return true;
    }
    return false;
}

}  // namespace

SearchResult search(const Xapian::Database& db, const Lexicons& lexicons, const SearchRequest& request,
                    const std::shared_ptr<const FacetColumn>& column) {
    SearchResult result;
    result.query = request.query;
    result.offset = request.offset;
    // A column in step with the database also holds its name keys, which
    // entity queries read instead of every name term.
    const FacetColumn* const in_step = column && column->in_step_with(db) ? column.get() : nullptr;
    const Xapian::Query filter = filters_of(request, db, lexicons, in_step);
    std::vector<std::string> words = plain_words(request.query);
    std::string text = request.query;

    Xapian::Enquire enquire(db);
    bool builtin_facets = request.builtin_facets;
    const Xapian::doccount everything = std::max<Xapian::doccount>(db.get_doccount(), 1);
    while (true) {
        Xapian::Query query = parse_query(text, db, lexicons, request.any, in_step);
        if (!filter.empty()) query = Xapian::Query(Xapian::Query::OP_FILTER, query, filter);
        enquire.set_query(query);
        // Without words to rank by, browse: newest first.
        const SortOrder order = request.sort.value_or(has_words(query) ? SortOrder::relevance : SortOrder::date_desc);
        switch (order) {
            case SortOrder::relevance:
                enquire.set_sort_by_relevance_then_value(schema::kSlotId, false);
                break;
            case SortOrder::date:
                enquire.set_sort_by_value(schema::kSlotDateId, false);
                break;
            case SortOrder::date_desc:
                enquire.set_sort_by_value(schema::kSlotDateId, true);
                break;
        }
        // checkatleast = every document: the total and the facets are exact.
        // The column spy reads a few ordinals per match by docid; without a
        // column in step, our own spy reads one packed slot per match; a
        // remote server knows only Xapian's built-in spies, which read one
        // slot per value.
        FacetSpy spy(request.date_facet);
        std::optional<ColumnFacetSpy> column_spy;
        if (!builtin_facets && in_step) column_spy.emplace(column, request.date_facet);
        std::optional<BuiltinFacetSpies> builtin;
        Xapian::MSet mset;
        enquire.clear_matchspies();
        // With a column, the match set is walked over its posting lists for
        // the total and the facets (a few tens of instructions a match,
        // against hundreds for Enquire's pass), when the query is one the
        // walk evaluates. Ranked by weight, the walk also weighs the matches
        // when it weighs the query's operators as Xapian does (RankedPage);
        // otherwise the page comes from Enquire without a pass over every
        // match (Xapian stops weighing documents that cannot enter it).
        // Sorted by date, the walk keeps the page itself from the column's
        // publication days (DatePage); a browse (no words: every weight is
        // 0) needs nothing more, and with words Enquire weighs only the
        // page's documents (restricted_mset), where it would weigh every
        // match, reading each one's length.
        const bool by_date = order != SortOrder::relevance;
        const bool browse_by_date = by_date && !has_words(query);
        std::unique_ptr<MatchWalk> walk;
        bool weighed = false;  // the walk also weighs each match as Xapian would (RankedPage)
        if (column_spy && order == SortOrder::relevance) {
            walk = MatchWalk::build_weighed(db, query, *column);
            weighed = walk != nullptr;
        }
        if (column_spy && !walk) walk = MatchWalk::build(db, query);
        std::optional<std::vector<Xapian::docid>> dated;  // a browse's page, when the walk kept it
        if (walk && by_date) {
            DatePage page(*column, order == SortOrder::date_desc, request.offset + request.limit);
            result.total = 0;
            // The page is offered each block once counted, when its records
            // are in cache: read as the walk finds them, each would wait on
            // memory.
            ColumnFacetBlock block(*column_spy, [&page](const Xapian::docid* dids, std::size_t n) {
                for (std::size_t i = 0; i < n; ++i) page.offer(dids[i]);
            });
            for (Xapian::docid did; (did = walk->next()); ++result.total) block.add(did);
            block.flush();
            std::vector<Xapian::docid> docids = page.page(db, request.offset, request.limit);
            if (browse_by_date)
                dated = std::move(docids);
            else
                mset = restricted_mset(enquire, query, std::move(docids), 0, request.limit);
        } else if (weighed) {
            // Enquire weighs every match to rank them, and reads each one's
            // length from Xapian's length list (about 2 µs a match at 1M):
            // the walk weighs them with the column's lengths and keeps the
            // few that may be on the page, which Enquire then orders.
            RankedPage page(request.offset + request.limit);
            result.total = 0;
            ColumnFacetBlock block(*column_spy);
            for (Xapian::docid did; (did = walk->next()); ++result.total) {
                block.add(did);
                page.offer(did, walk->weight());
            }
            block.flush();
            if (!page.page(enquire, query, request.offset, request.limit, mset))
                mset = enquire.get_mset(request.offset, request.limit);
        } else if (walk) {
            mset = enquire.get_mset(request.offset, request.limit);
            result.total = 0;
            ColumnFacetBlock block(*column_spy);
            for (Xapian::docid did; (did = walk->next()); ++result.total) block.add(did);
            block.flush();
        } else if (!builtin_facets) {
            if (column_spy)
                enquire.add_matchspy(&*column_spy);
            else
                enquire.add_matchspy(&spy);
            try {
                mset = enquire.get_mset(request.offset, request.limit, everything);
            } catch (const Xapian::UnimplementedError&) {
                builtin_facets = true;  // a remote database: the server cannot run FacetSpy
                enquire.clear_matchspies();
            }
        }
        if (builtin_facets) {
            builtin.emplace(db, request.date_facet);
            builtin->attach(enquire);
            mset = enquire.get_mset(request.offset, request.limit, everything);
        }
        if (!walk) result.total = mset.get_matches_estimated();
        if (result.total == 0 && !request.any && words.size() > 1) {
            const std::vector<std::string> kept = words_to_keep(db, lexicons, words, filter, result.dropped);
            if (kept.size() < words.size()) {
                words = kept;
                text = join(words);
                continue;
            }
        }
        std::size_t rank = request.offset;
        const QueryPhrases phrases = phrases_of(query);
        // The page's documents and weights, and the terms each matches.
        // Through a remote database a posting list would cross the network:
        // there, each hit's term list, as Enquire reads it.
        std::vector<std::pair<Xapian::Document, double>> docs;
        std::vector<std::set<std::string>> matching;
        if (dated) {
            for (const Xapian::docid did : *dated)
                docs.emplace_back(db.get_document(did, Xapian::DOC_ASSUME_VALID), 0.0);
            matching = matching_terms(db, query, *dated);
        } else {
            for (auto it = mset.begin(); it != mset.end(); ++it) {
                docs.emplace_back(it.get_document(), it.get_weight());
                if (builtin_facets)
                    matching.emplace_back(enquire.get_matching_terms_begin(it), enquire.get_matching_terms_end(it));
            }
            if (!builtin_facets) matching = matching_terms(db, query, mset);
        }
        for (std::size_t i = 0; i < docs.size(); ++i)
            result.hits.push_back(make_hit(docs[i].first, docs[i].second, matching[i], phrases, ++rank));
        result.facets = builtin      ? builtin->result(request.facet_limit)
                        : column_spy ? column_spy->result(request.facet_limit)
                                     : spy.result(request.facet_limit);
        break;
    }
    return result;
}

std::vector<std::set<std::string>> matching_terms(const Xapian::Database& db, const Xapian::Query& query,
                                                  const Xapian::MSet& mset) {
    return matching_terms(db, query, std::vector<Xapian::docid>(mset.begin(), mset.end()));
}

std::vector<std::set<std::string>> matching_terms(const Xapian::Database& db, const Xapian::Query& query,
                                                  const std::vector<Xapian::docid>& docids) {
    std::vector<std::set<std::string>> terms(docids.size());
    std::vector<std::pair<Xapian::docid, std::size_t>> hits;  // (docid, index in docids)
    for (const Xapian::docid did : docids) hits.emplace_back(did, hits.size());
    if (hits.empty()) return terms;
    std::sort(hits.begin(), hits.end());
    for (auto t = query.get_unique_terms_begin(); t != query.get_unique_terms_end(); ++t) {
        const std::string term = *t;
        if (term.empty()) continue;  // MatchAll: no document indexes it
        Xapian::PostingIterator p = db.postlist_begin(term);
        const Xapian::PostingIterator end = db.postlist_end(term);
        for (const auto& [docid, index] : hits) {
            if (p != end) p.skip_to(docid);
            if (p == end) break;
            if (*p == docid) terms[index].insert(term);
        }
    }
    return terms;
}

std::optional<StoredDispatch> find_dispatch(const Xapian::Database& db, const std::string& id) {
    const std::string term = schema::make_term(schema::kId, id);
    auto it = db.postlist_begin(term);
    if (it == db.postlist_end(term)) return std::nullopt;
    return parse_stored_record(db.get_document(*it).get_data());
}

}  // namespace depeche
