// depeche-db-dump: prints everything a Xapian database holds, in a stable
// order, so that two databases can be compared with diff: a speed-up of the
// indexer must leave the dump of corpus/ unchanged.
//
//   depeche-db-dump DB
//
// One block per document, in the order of their ids (the Q term), since
// document numbers depend on how the database was built (a database built as
// parts and merged numbers them part after part); documents without an id
// come last, by number:
//   doc <id>
//   data <the document data, escaped: \\ \n \t and bytes < 0x20 as \xHH>
//   term <term> wdf=<wdf> pos=<p1,p2,...>      (one line per term, in term order)
//   value <slot> <value, escaped>              (one line per slot, in slot order)
// then the metadata keys with their values, and the document count.

#include <xapian.h>

#include <cstdio>
#include <iostream>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace {

std::string escaped(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (const unsigned char c : s) {
        if (c == '\\') {
            out += "\\\\";
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\t') {
            out += "\\t";
        } else if (c < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", c);
            out += buf;
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: depeche-db-dump DB\n";
        return 2;
    }
    try {
        const Xapian::Database db(argv[1]);
        std::ostream& out = std::cout;
        std::vector<std::pair<std::string, Xapian::docid>> order;  // (id, docid)
        std::set<Xapian::docid> with_id;
        for (auto t = db.allterms_begin("Q"); t != db.allterms_end("Q"); ++t)
            for (auto d = db.postlist_begin(*t); d != db.postlist_end(*t); ++d) {
                order.emplace_back((*t).substr(1), *d);
                with_id.insert(*d);
            }
        for (auto d = db.postlist_begin(""); d != db.postlist_end(""); ++d)
            if (!with_id.count(*d)) order.emplace_back("#" + std::to_string(*d), *d);
        for (const auto& [label, docid] : order) {
            const Xapian::Document doc = db.get_document(docid);
            out << "doc " << escaped(label) << '\n' << "data " << escaped(doc.get_data()) << '\n';
            for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
                out << "term " << escaped(*t) << " wdf=" << t.get_wdf() << " pos=";
                const char* sep = "";
                for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) {
                    out << sep << *p;
                    sep = ",";
                }
                out << '\n';
            }
            for (auto v = doc.values_begin(); v != doc.values_end(); ++v) {
                out << "value " << v.get_valueno() << ' ' << escaped(*v) << '\n';
            }
        }
        for (auto k = db.metadata_keys_begin(); k != db.metadata_keys_end(); ++k) {
            out << "metadata " << escaped(*k) << ' ' << escaped(db.get_metadata(*k)) << '\n';
        }
        out << "documents " << db.get_doccount() << '\n';
    } catch (const Xapian::Error& e) {
        std::cerr << "depeche-db-dump: " << argv[1] << ": " << e.get_description() << '\n';
        return 1;
    }
    return 0;
}
