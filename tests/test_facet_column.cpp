#include "facet_column.hpp"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>

#include "corpus_db.hpp"
#include "database.hpp"
#include "entity.hpp"
#include "facet_column_format.hpp"
#include "output.hpp"
#include "query.hpp"
#include "schema.hpp"
#include "search.hpp"

using namespace depeche;
using depeche::testing::corpus_database;
using depeche::testing::lexicons;
using depeche::testing::temp_path;
namespace fs = std::filesystem;

namespace {

std::string show(const Facets& f) {
    std::string out;
    const std::vector<FacetCount>* lists[] = {&f.person, &f.place, &f.org, &f.date, &f.mentioned};
    for (const auto* list : lists) {
        for (const auto& c : *list) out += c.value + " " + std::to_string(c.count) + ", ";
        out += "|\n";
    }
    return out;
}

std::shared_ptr<const FacetColumn> open_column(const std::string& folder) {
    std::string why;
    return FacetColumn::open(folder, why);
}

// A copy of the corpus database (its column too), to change.
std::string corpus_copy() {
    const std::string path = temp_path("depeche-column");
    fs::copy(corpus_database(), path, fs::copy_options::recursive);
    return path;
}

// Facets over every match of `query` on `db`, from a spy given to Enquire.
template <typename Spy>
Facets spy_facets(const Xapian::Database& db, const Xapian::Query& query, Spy& spy, std::size_t limit) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.add_matchspy(&spy);
    enquire.get_mset(0, 10, db.get_doccount());
    return spy.result(limit);
}

const char* const kQueries[] = {"", "france", "paris gouvernement", "président", "zzzqqqxw"};
const DateGranularity kGranularities[] = {DateGranularity::year, DateGranularity::month, DateGranularity::day};

// Searches `db` with and without `column` for every query, granularity and
// limit: the JSON output must be the same bytes.
void check_same_searches(const Xapian::Database& db, const std::shared_ptr<const FacetColumn>& column) {
    for (const char* q : kQueries)
        for (const DateGranularity g : kGranularities)
            for (const std::size_t limit : {0, 3}) {
                SearchRequest request;
                request.query = q;
                request.date_facet = g;
                request.facet_limit = limit;
                INFO("query '" << q << "' granularity " << static_cast<int>(g) << " limit " << limit);
                const SearchResult slots = search(db, lexicons(), request);
                const SearchResult columns = search(db, lexicons(), request, column);
                CHECK(show(columns.facets) == show(slots.facets));
                CHECK(render_json(columns) == render_json(slots));
            }
}

}  // namespace

TEST_CASE("an index run writes a column in step with its database", "[facet-column]") {
    const Xapian::Database db(corpus_database());
    const auto column = open_column(corpus_database());
    REQUIRE(column);
    CHECK(column->in_step_with(db));
    CHECK(column->lastdocid() == db.get_lastdocid());
    CHECK(column->size(kDictPersons) > 10);
    CHECK(column->size(kDictPublishedYear) <= column->size(kDictPublishedMonth));
    CHECK(column->value(kDictPublishedYear, 0).size() == 4);
    CHECK(column->key_id(kDictPersons, 0) == schema::facet_id(entity_key(column->value(kDictPersons, 0))));
    CHECK(column->name_id(kDictPersons, 0) == schema::facet_id(column->value(kDictPersons, 0)));
    CHECK(column->list(kDictPersons, 0).begin == nullptr);  // docids count from 1
    CHECK(column->list(kDictPersons, db.get_lastdocid() + 1).begin == nullptr);
}

TEST_CASE("a database built in parts gets its column after the merge", "[facet-column]") {
    IndexOptions options;
    options.read.inputs = {DEPECHE_SOURCE_DIR "/corpus/sample"};
    options.database = temp_path("depeche-column-parts");
    options.threads = 2;
    run_index(
        options, lexicons(), [](const Reject&) {}, [](const std::string&) {});
    const Xapian::Database db(options.database);
    const auto column = open_column(options.database);
    REQUIRE(column);
    CHECK(column->in_step_with(db));
    check_same_searches(db, column);
}

TEST_CASE("the column counts what the facet spy counts, every query, granularity and limit", "[facet-column]") {
    const Xapian::Database db(corpus_database());
    const auto column = open_column(corpus_database());
    REQUIRE(column);
    check_same_searches(db, column);
    // The spies alone, over every document and over none.
    for (const DateGranularity g : kGranularities)
        for (const Xapian::Query& q : {Xapian::Query::MatchAll, Xapian::Query("no-such-term")}) {
            FacetSpy slots(g);
            ColumnFacetSpy columns(column, g);
            CHECK(show(spy_facets(db, q, columns, 0)) == show(spy_facets(db, q, slots, 0)));
        }
}

TEST_CASE("the column counts the same whether it lists the values counted or scans its counts", "[facet-column]") {
    // ColumnFacetSpy lists the ordinals it counts while that is cheaper than
    // scanning the count arrays in result(), then stops listing: the result
    // must not depend on when it stops (a scan finds values in ordinal order,
    // a list in order of first count).
    const Xapian::Database db(corpus_database());
    const auto column = open_column(corpus_database());
    REQUIRE(column);
    for (const DateGranularity g : kGranularities)
        for (const char* q : {"", "france", "président"}) {
            const Xapian::Query query =
                std::string(q).empty() ? Xapian::Query::MatchAll : parse_query(q, db, lexicons(), false);
            for (const std::size_t limit : {0, 3}) {
                INFO("query '" << q << "' granularity " << static_cast<int>(g) << " limit " << limit);
                FacetSpy slots(g);
                ColumnFacetSpy listing(column, g, UINT64_MAX), scanning(column, g, 0), by_default(column, g);
                const std::string expected = show(spy_facets(db, query, slots, limit));
                CHECK(show(spy_facets(db, query, listing, limit)) == expected);
                CHECK(show(spy_facets(db, query, scanning, limit)) == expected);
                CHECK(show(spy_facets(db, query, by_default, limit)) == expected);
                CHECK(listing.listing());
                CHECK(!scanning.listing());
            }
        }
    // Browsing every document counts more values than the dictionaries hold.
    ColumnFacetSpy all(column, DateGranularity::month);
    spy_facets(db, Xapian::Query::MatchAll, all, 0);
    CHECK(!all.listing());
}

TEST_CASE("the column counts the same a match at a time and in blocks read ahead", "[facet-column]") {
    // ColumnFacetSpy::count(dids, n) reads the entries of the matches ahead
    // of those it counts; ColumnFacetBlock hands it blocks. Every docid of
    // the corpus several times over, with docids the column does not hold
    // (0, past the last), crosses the blocks' bounds and the read-ahead's.
    const Xapian::Database db(corpus_database());
    const auto column = open_column(corpus_database());
    REQUIRE(column);
    std::vector<Xapian::docid> dids;
    std::mt19937 random(7);
    for (int round = 0; round < 5; ++round)
        for (Xapian::docid did = 0; did <= db.get_lastdocid() + 2; ++did)
            if (random() % 4 != 0) dids.push_back(did);
    REQUIRE(dids.size() > 2 * ColumnFacetBlock::kSize);
    for (const DateGranularity g : kGranularities)
        for (const std::uint64_t listed : {std::uint64_t{0}, std::uint64_t{UINT64_MAX}}) {
            for (const std::size_t n : {std::size_t{0}, std::size_t{1}, std::size_t{9}, std::size_t{17}, dids.size()}) {
                ColumnFacetSpy one_by_one(column, g, listed), at_once(column, g, listed), in_blocks(column, g, listed);
                // What follows the counting is handed every match once, in order.
                std::vector<Xapian::docid> then;
                ColumnFacetBlock block(in_blocks, [&then](const Xapian::docid* block_dids, std::size_t size) {
                    CHECK(size <= ColumnFacetBlock::kSize);
                    then.insert(then.end(), block_dids, block_dids + size);
                });
                for (std::size_t i = 0; i < n; ++i) {
                    one_by_one.count(dids[i]);
                    block.add(dids[i]);
                }
                at_once.count(dids.data(), n);
                block.flush();
                INFO("granularity " << static_cast<int>(g) << " listed " << listed << " matches " << n);
                const std::string expected = show(one_by_one.result(0));
                CHECK(show(at_once.result(0)) == expected);
                CHECK(show(in_blocks.result(0)) == expected);
                CHECK(then == std::vector<Xapian::docid>(dids.begin(), dids.begin() + static_cast<std::ptrdiff_t>(n)));
                if (n == dids.size()) CHECK(expected.size() > 1000);
            }
        }
}

TEST_CASE("a match spy is handed docids within each database of several", "[facet-column]") {
    // Why the column is used for one database only: on several opened as
    // one, Xapian 1.4 hands a spy the document's docid within its own
    // database (not the combined docid), and nothing in the document says
    // which database it is from. Should this change, the column could serve
    // several parts (combined = (local - 1) * n + part + 1).
    const std::string paths[2] = {temp_path("depeche-spy-a"), temp_path("depeche-spy-b")};
    for (unsigned p = 0; p < 2; ++p) {
        Xapian::WritableDatabase w(paths[p], Xapian::DB_CREATE);
        for (unsigned i = 0; i < (p ? 2u : 5u); ++i) {
            Xapian::Document doc;
            doc.add_boolean_term("T");
            w.add_document(doc);
        }
        w.commit();
    }
    Xapian::Database both;
    for (const auto& path : paths) both.add_database(Xapian::Database(path));
    struct Docids : Xapian::MatchSpy {
        std::string seen;
        void operator()(const Xapian::Document& doc, double) override { seen += std::to_string(doc.get_docid()); }
    } spy;
    Xapian::Enquire enquire(both);
    enquire.set_query(Xapian::Query("T"));
    enquire.add_matchspy(&spy);
    CHECK(enquire.get_mset(0, 10, 7).size() == 7);
    CHECK(spy.seen == "1234512");  // combined docids would be 1 to 7
}

TEST_CASE("several databases opened as one count from their slots, with the same results", "[facet-column]") {
    // Two uneven parts, with gaps (deleted documents), each with its own
    // column: neither is in step with the two opened as one.
    const std::string whole = corpus_copy(), part = corpus_copy();
    {
        Xapian::WritableDatabase w(part);
        for (Xapian::docid did = 1; did <= w.get_lastdocid(); ++did)
            if (did % 3 != 0) w.delete_document(did);
        w.commit();
    }
    write_facet_column(part);
    Xapian::Database both;
    both.add_database(Xapian::Database(whole));
    both.add_database(Xapian::Database(part));
    const auto column = open_column(whole);
    REQUIRE(column);
    CHECK_FALSE(column->in_step_with(both));
    check_same_searches(both, column);
    Archive archive({whole, part}, current_versions(lexicons().version), false);
    CHECK_FALSE(archive.facet_column());
    Archive one({whole}, current_versions(lexicons().version), false);
    CHECK(one.facet_column());
}

TEST_CASE("a column written before the last commit is not used until rebuilt", "[facet-column]") {
    const std::string path = corpus_copy();
    Archive before({path}, current_versions(lexicons().version), false);
    REQUIRE(before.facet_column());
    SearchRequest request;
    request.facet_limit = 0;
    const SearchResult old_result = search(before.db(), lexicons(), request, before.facet_column());
    {
        // One dispatch replaced, one deleted, one added: counts change.
        Xapian::WritableDatabase w(path);
        Xapian::Document doc = w.get_document(2);
        w.replace_document(1, doc);
        w.delete_document(3);
        w.add_document(doc);
        w.commit();
    }
    const Xapian::Database db(path);
    const auto stale = open_column(path);
    REQUIRE(stale);
    CHECK_FALSE(stale->in_step_with(db));
    Archive after({path}, current_versions(lexicons().version), false);
    CHECK_FALSE(after.facet_column());
    CHECK_THAT(after.facet_column_note(), Catch::Contains("stale"));
    const SearchResult fallback = search(db, lexicons(), request, stale);
    CHECK(show(fallback.facets) != show(old_result.facets));
    CHECK(show(fallback.facets) == show(search(db, lexicons(), request).facets));
    // The archive opened before the commit still reads the old revision, and
    // its column with it.
    CHECK(before.facet_column());
    CHECK(show(search(before.db(), lexicons(), request, before.facet_column()).facets) == show(old_result.facets));

    write_facet_column(path);
    REQUIRE(after.facet_column());
    CHECK(after.facet_column()->in_step_with(db));
    check_same_searches(db, after.facet_column());
    // The old archive keeps its mapping of the old file, which still
    // describes the revision it reads.
    REQUIRE(before.facet_column());
    CHECK(before.facet_column()->revision() == stale->revision());
}

TEST_CASE("a truncated or damaged column is ignored or counts without crashing", "[facet-column][errors]") {
    const std::string path = corpus_copy();
    const fs::path file = fs::path(path) / kFacetColumnFile;
    const auto size = fs::file_size(file);
    std::string bytes;
    {
        std::ifstream in(file, std::ios::binary);
        bytes.assign(std::istreambuf_iterator<char>(in), {});
    }
    const Xapian::Database db(path);
    SearchRequest request;
    const std::string expected = show(search(db, lexicons(), request).facets);
    auto write = [&](const std::string& content) {
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        out << content;
    };
    // Truncated anywhere: not opened.
    for (const std::uintmax_t keep : {std::uintmax_t(0), std::uintmax_t(7), std::uintmax_t(100), size / 2, size - 1}) {
        write(bytes.substr(0, keep));
        std::string why;
        CHECK_FALSE(FacetColumn::open(path, why));
        CHECK_FALSE(why.empty());
        CHECK(show(search(db, lexicons(), request, nullptr).facets) == expected);
    }
    // Another version: not opened.
    std::string other = bytes;
    other[8] = 99;
    write(other);
    CHECK_FALSE(open_column(path));
    // Random bytes past the header: whatever the column then says, every read
    // stays in bounds (run under a sanitizer to see it).
    const std::size_t header = sizeof(column_format::ColumnHeader);
    std::mt19937 random(7);
    for (int round = 0; round < 20; ++round) {
        std::string damaged = bytes;
        for (int i = 0; i < 200; ++i)
            damaged[header + random() % (damaged.size() - header)] = static_cast<char>(random());
        write(damaged);
        const auto column = open_column(path);
        if (!column) continue;
        ColumnFacetSpy spy(column, DateGranularity::month);
        spy_facets(db, Xapian::Query::MatchAll, spy, 5);
        for (const ColumnDictionary d : {kDictPersons, kDictPlaces, kDictOrgs}) column->keys_ending_with(d, "macron");
    }
    write(bytes);
    CHECK(open_column(path));
}

TEST_CASE("a damaged record or record offset counts nothing wrong and reads nothing out of bounds",
          "[facet-column][errors]") {
    // Each document's values are one record in one section (format 4),
    // checked where it is read: an offset or count past the section's end,
    // or an ordinal past its dictionary, drops that document's record (or
    // that value) and nothing else. The records section is followed in the
    // file by the record offsets, so a read past its end would count those
    // words as ordinals: the counts would differ.
    using column_format::ColumnHeader;
    const std::string path = corpus_copy();
    const fs::path file = fs::path(path) / kFacetColumnFile;
    std::string bytes;
    {
        std::ifstream in(file, std::ios::binary);
        bytes.assign(std::istreambuf_iterator<char>(in), {});
    }
    ColumnHeader h;
    std::memcpy(&h, bytes.data(), sizeof h);
    REQUIRE(h.record_offsets - (h.records + 4 * h.record_words) < 8);  // the offsets follow the records
    const auto word = [&](std::uint64_t at) {
        std::uint32_t w;
        std::memcpy(&w, bytes.data() + at, sizeof w);
        return w;
    };
    const auto offset_of = [&](Xapian::docid did) { return word(h.record_offsets + 4 * std::uint64_t(did)); };
    // The document whose record is the section's last (the largest offset),
    // and one in the middle with a person.
    Xapian::docid last = 1, middle = 0;
    for (Xapian::docid did = 1; did <= h.lastdocid; ++did) {
        if (offset_of(did) > offset_of(last)) last = did;
        if (!middle && did > h.lastdocid / 2 && (word(h.records + 4 * std::uint64_t(offset_of(did))) & 0xffff) != 0)
            middle = did;
    }
    REQUIRE(middle != 0);
    REQUIRE(offset_of(last) > 0);
    const auto write = [&](const std::string& content) {
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        out << content;
    };
    // Every document's values counted, but `skipped`'s, by a spy on the
    // intact column, one by one (listing or scanning) and in blocks.
    const auto counts = [&](const std::shared_ptr<const FacetColumn>& column, Xapian::docid skipped,
                            std::uint64_t listed) {
        ColumnFacetSpy one_by_one(column, DateGranularity::day, listed),
            in_blocks(column, DateGranularity::day, listed);
        {
            ColumnFacetBlock block(in_blocks);
            for (Xapian::docid did = 0; did <= h.lastdocid + 1; ++did)
                if (did != skipped) {
                    one_by_one.count(did);
                    block.add(did);
                }
            block.flush();
        }
        const std::string result = show(one_by_one.result(0));
        return result == show(in_blocks.result(0)) ? result : "blocks differ";
    };
    std::map<std::pair<Xapian::docid, std::uint64_t>, std::string> intact;
    {
        const auto column = open_column(path);
        REQUIRE(column);
        for (const Xapian::docid skipped : {Xapian::docid{0}, last, middle})
            for (const std::uint64_t listed : {std::uint64_t{0}, std::uint64_t{UINT64_MAX}})
                intact[{skipped, listed}] = counts(column, skipped, listed);
    }
    REQUIRE(intact[{0, 0}] != intact[{last, 0}]);
    REQUIRE(intact[{0, 0}] != intact[{middle, 0}]);
    const auto set_word = [](std::string& to, std::uint64_t at, std::uint32_t w) {
        std::memcpy(to.data() + at, &w, sizeof w);
    };
    // The damaged column counts every document as the intact one counts
    // them all but `dropped`, whose lists read empty.
    const auto check_counts = [&](const std::string& damaged, Xapian::docid dropped) {
        write(damaged);
        const auto column = open_column(path);
        REQUIRE(column);
        for (const std::uint64_t listed : {std::uint64_t{0}, std::uint64_t{UINT64_MAX}})
            CHECK(counts(column, 0, listed) == intact[{dropped, listed}]);
        for (unsigned d = 0; d < kDictionaries; ++d) {
            const FacetColumn::Span span = column->list(static_cast<ColumnDictionary>(d), dropped);
            CHECK(span.begin == span.end);
        }
    };
    const std::uint64_t words = h.record_words;
    SECTION("a record offset past the section's end") {
        for (const std::uint64_t at : {words - 4, words - 1, words, words + 1000, std::uint64_t{UINT32_MAX}}) {
            INFO("offset " << at);
            std::string damaged = bytes;
            set_word(damaged, h.record_offsets + 4 * std::uint64_t(middle), static_cast<std::uint32_t>(at));
            check_counts(damaged, middle);
        }
    }
    SECTION("a record whose counts pass the section's end") {
        const std::uint64_t record = h.records + 4 * std::uint64_t(offset_of(last));
        // The record's counts, each list in turn set past what is left.
        for (unsigned d = 0; d < kDictionaries; ++d) {
            INFO("list " << d);
            std::string damaged = bytes;
            std::uint16_t count;
            std::memcpy(&count, damaged.data() + record + 2 * d, sizeof count);
            count = static_cast<std::uint16_t>(count + 1);
            std::memcpy(damaged.data() + record + 2 * d, &count, sizeof count);
            check_counts(damaged, last);
        }
    }
    SECTION("an ordinal past its dictionary's size counts that value only") {
        // The middle document's first person: set to every value no
        // dictionary reaches. Its other values count: not the counts without
        // it, not those with it.
        std::string damaged = bytes;
        set_word(damaged, h.records + 4 * (std::uint64_t(offset_of(middle)) + FacetColumn::Records::kHeaderWords),
                 UINT32_MAX);
        write(damaged);
        const auto column = open_column(path);
        REQUIRE(column);
        const std::string counted = counts(column, 0, 0);
        CHECK(counted == counts(column, 0, UINT64_MAX));
        CHECK(counted != intact[{0, 0}]);
        CHECK(counted != intact[{middle, 0}]);
        CHECK(counts(column, middle, 0) == intact[{middle, 0}]);
        CHECK(*column->list(kDictPersons, middle).begin == UINT32_MAX);
    }
    SECTION("a records section that does not fit is not opened") {
        const auto header_with = [&](auto change) {
            ColumnHeader damaged_header = h;
            change(damaged_header);
            std::string damaged = bytes;
            std::memcpy(damaged.data(), &damaged_header, sizeof damaged_header);
            write(damaged);
            std::string why;
            CHECK_FALSE(FacetColumn::open(path, why));
            CHECK_THAT(why, Catch::Contains("records"));
        };
        header_with([&](ColumnHeader& d) { d.record_words = (bytes.size() - h.records) / 4 + 1; });
        header_with([&](ColumnHeader& d) { d.record_words = FacetColumn::Records::kHeaderWords - 1; });
        header_with([&](ColumnHeader& d) { d.record_words = std::uint64_t{UINT32_MAX} + 1; });
        header_with([&](ColumnHeader& d) { d.records = bytes.size() - 8; });
        header_with([&](ColumnHeader& d) { d.records += 4; });  // unaligned
        header_with([&](ColumnHeader& d) { d.record_offsets = bytes.size() - 8; });
    }
    write(bytes);
    REQUIRE(open_column(path));
}

TEST_CASE("a document with more values in a list than a column record holds gets no column", "[facet-column][errors]") {
    // A record counts a list's values in 16 bits: the writer refuses a
    // document with more rather than write a wrong column (searches count
    // from the facet slots). The indexer keeps at most kSpreadLimit names a
    // kind (pack_facets), so such a slot is made here by hand: as many
    // persons as asked, nothing else.
    const auto slot_of = [](std::uint32_t persons) {
        std::string packed;
        const auto number = [&](std::uint64_t n) {
            for (; n >= 0x80; n >>= 7) packed.push_back(static_cast<char>(n | 0x80));
            packed.push_back(static_cast<char>(n));
        };
        number(0);  // no publication date
        for (const std::uint64_t count : {std::uint64_t{persons}, std::uint64_t{0}, std::uint64_t{0}, std::uint64_t{0}})
            number(count);
        std::vector<std::string> names;
        for (std::uint32_t i = 0; i < persons; ++i) names.push_back("p" + std::to_string(i));
        for (const auto& name : names) {
            std::uint64_t id = schema::facet_id(name);
            for (int b = 0; b < 8; ++b, id >>= 8) packed.push_back(static_cast<char>(id & 0xff));
        }
        for (const auto& name : names)
            for (int twice = 0; twice < 2; ++twice) {  // the name, then its key
                number(name.size());
                packed += name;
            }
        return packed;
    };
    const auto database_with = [&](std::uint32_t persons) {
        const std::string path = temp_path("depeche-column-wide");
        Xapian::WritableDatabase w(path, Xapian::DB_CREATE);
        Xapian::Document doc;
        doc.add_boolean_term("T");
        doc.add_value(schema::kSlotFacets, slot_of(persons));
        w.add_document(doc);
        w.add_document(doc);
        w.commit();
        return path;
    };
    const std::uint32_t limit = column_format::kRecordListLimit;
    {
        // As many as a record holds: counted as the facet slots count them.
        const std::string path = database_with(limit);
        write_facet_column(path);
        const auto column = open_column(path);
        REQUIRE(column);
        const Xapian::Database db(path);
        FacetSpy slots(DateGranularity::year);
        ColumnFacetSpy columns(column, DateGranularity::year);
        const std::string expected = show(spy_facets(db, Xapian::Query("T"), slots, 0));
        CHECK(show(spy_facets(db, Xapian::Query("T"), columns, 0)) == expected);
        CHECK_THAT(expected, Catch::Contains("p65534 2, "));
        CHECK(column->list(kDictPersons, 2).end - column->list(kDictPersons, 2).begin == limit);
    }
    {
        const std::string path = database_with(limit + 1);
        CHECK_THROWS_WITH(write_facet_column(path), Catch::Contains("more than a column record holds (65535)"));
        CHECK_FALSE(open_column(path));
        for (const auto& entry : fs::directory_iterator(path))
            CHECK(entry.path().filename().string().find(kFacetColumnFile) == std::string::npos);
    }
}

TEST_CASE("the column's name keys give the names that end with the words typed", "[facet-column]") {
    const std::string path = temp_path("depeche-column-keys");
    {
        Xapian::WritableDatabase db(path, Xapian::DB_CREATE);
        const char* const persons[] = {"hammond",  "philip hammond",     "richard hammond",   "hammond jr",
                                       "bhammond", "anne-marie hammond", "anne marie hammond"};
        for (const char* name : persons) {
            Xapian::Document doc;
            doc.add_boolean_term(schema::make_term(schema::entity_prefix(EntityKind::person), name));
            doc.add_boolean_term(schema::make_term(schema::entity_prefix(EntityKind::place), "saint-denis"));
            db.add_document(doc);
        }
        db.commit();
    }
    write_facet_column(path);
    const auto column = open_column(path);
    REQUIRE(column);
    auto ending = [&](ColumnDictionary d, const char* key) {
        auto keys = column->keys_ending_with(d, key);
        std::sort(keys.begin(), keys.end());
        return keys;
    };
    using Keys = std::vector<std::string>;
    CHECK(ending(kDictPersons, "hammond") ==
          Keys{"anne marie hammond", "anne-marie hammond", "philip hammond", "richard hammond"});
    CHECK(ending(kDictPersons, "marie hammond") == Keys{"anne marie hammond"});
    CHECK(ending(kDictPersons, "philip hammond").empty());
    CHECK(ending(kDictPersons, "jr") == Keys{"hammond jr"});
    CHECK(ending(kDictPersons, "ammond").empty());
    CHECK(ending(kDictPersons, "").empty());
    CHECK(ending(kDictPlaces, "denis").empty());  // on word boundaries: spaces only
    CHECK(ending(kDictOrgs, "hammond").empty());
    CHECK(ending(kDictPublishedDay, "hammond").empty());
}

TEST_CASE("entity queries find with the column's name keys what reading every name term finds", "[facet-column]") {
    const Xapian::Database db(corpus_database());
    const auto column = open_column(corpus_database());
    REQUIRE(column);
    REQUIRE(column->in_step_with(db));
    std::size_t typed_count = 0, widened = 0;
    for (const EntityKind kind : {EntityKind::person, EntityKind::place, EntityKind::org}) {
        const std::string prefix = schema::entity_prefix(kind);
        for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
            // Every name known, every run of its first and of its last words,
            // and a word no name has.
            const std::string key = (*it).substr(prefix.size());
            std::vector<std::string> typed{key, key + " zzzqqq", "zzzqqq " + key};
            for (std::size_t at = key.find(' '); at != std::string::npos; at = key.find(' ', at + 1)) {
                typed.push_back(key.substr(0, at));
                typed.push_back(key.substr(at + 1));
            }
            for (const auto& t : typed) {
                INFO(kind_name(kind) << " typed '" << t << "'");
                const Xapian::Query scanned = entity_query(kind, t, db, lexicons());
                CHECK(entity_query(kind, t, db, lexicons(), column.get()).get_description() ==
                      scanned.get_description());
                ++typed_count;
                if (scanned.get_num_subqueries() > 1) ++widened;
            }
        }
    }
    // The corpus has names typed in part that find several names.
    CHECK(typed_count > 1000);
    CHECK(widened > 50);
    // Through the query language, the same.
    for (const char* q : {"personne:macron", "lieu:denis", "org:nations", "personne:\"le pen\" OR lieu:paris"})
        CHECK(parse_query(q, db, lexicons(), false, column.get()).get_description() ==
              parse_query(q, db, lexicons(), false).get_description());
}

TEST_CASE("depeche-index --facet-column rebuilds the column alone", "[facet-column]") {
    const std::string path = corpus_copy();
    fs::remove(fs::path(path) / kFacetColumnFile);
    CHECK_FALSE(open_column(path));
    // The temporary column of a run killed before its rename (its process
    // gone: no pid is that large) is removed; a running writer's is not.
    const fs::path stale = fs::path(path) / (std::string(kFacetColumnFile) + ".tmp-4194305");
    const fs::path live = fs::path(path) / (std::string(kFacetColumnFile) + ".tmp-" + std::to_string(getppid()));
    for (const auto& p : {stale, live}) std::ofstream(p) << "half a column";
    const std::string command = std::string(DEPECHE_INDEX) + " --db " + path +
                                " --lexicons " DEPECHE_SOURCE_DIR "/corpus/lexicons --facet-column -q";
    REQUIRE(std::system(command.c_str()) == 0);
    const auto column = open_column(path);
    REQUIRE(column);
    CHECK(column->in_step_with(Xapian::Database(path)));
    // No other file is left in the database folder but the live writer's.
    CHECK(fs::exists(live));
    fs::remove(live);
    for (const auto& entry : fs::directory_iterator(path))
        CHECK(entry.path().filename().string().find(".tmp") == std::string::npos);
}
