#pragma once
// A page ranked by weight from a weighed walk of the match set (MatchWalk::
// build_weighed): the walk's weights are Xapian's up to rounding, so the
// walk keeps every match that may belong to the page, and Enquire, over
// those only, orders them with its own weights and tie-break.

#include <xapian.h>

#include <cstddef>
#include <unordered_map>
#include <vector>

namespace depeche {

/// The MSet of `query` over `docids` only (any order), in `enquire`'s
/// order and with its weights: Enquire run with `query` filtered by those
/// documents (a weightless filter, so each document's weight is the one it
/// has over the whole match set). `enquire`'s query is left as `query`.
Xapian::MSet restricted_mset(Xapian::Enquire& enquire, const Xapian::Query& query, std::vector<Xapian::docid> docids,
                             Xapian::doccount offset, Xapian::doccount limit);

class RankedPage {
public:
    /// For the best `size` matches (offset + limit).
    explicit RankedPage(std::size_t size) : size_(size) {}

    /// Offers a match with the walk's weight, in any order.
    void offer(Xapian::docid did, double weight);

    /// The page [offset, offset + limit) of `query`, as `enquire` (set up
    /// with its sort order) would give it over the whole match set: its
    /// query is `query` filtered to the matches kept. False, with `mset`
    /// untouched, when a hit's weight is not the walk's up to rounding:
    /// the walk weighed it otherwise, and the page must come from Enquire.
    bool page(Xapian::Enquire& enquire, const Xapian::Query& query, Xapian::doccount offset, Xapian::doccount limit,
              Xapian::MSet& mset);

private:
    // How far below the size-th best weight a match is still kept: far
    // above the rounding of a sum of a few terms' weights (a wider margin
    // only keeps more matches for Enquire to order).
    static double margin(double weight) { return 1e-9 * (1 + (weight < 0 ? -weight : weight)); }
    void prune();

    std::size_t size_;
    std::vector<double> best_;  // the best `size_` weights so far, the least on top (a min-heap)
    std::vector<std::pair<double, Xapian::docid>> kept_;
};

}  // namespace depeche
