#pragma once
// The match set of a query, walked over posting lists, and weighed as
// Xapian's default weighting would weigh it when asked.

#include <xapian.h>

#include <memory>

namespace depeche {

class FacetColumn;

/// Every document a query matches, in ascending docid order, found by
/// walking the terms' posting lists as Xapian's matcher would (AND as a
/// leapfrog, OR as a merge, AND_NOT as an exclusion), but without weights,
/// an MSet or a match spy: what counting facets over the whole match set
/// needs, at a fraction of the cost of a pass through Enquire.
///
/// Only the operators whose match set does not depend on positions or on
/// values are walked: a query holding a phrase, NEAR, a wildcard, a value
/// range or a posting source has no walk (`build` returns null) and is
/// counted through Enquire instead.
class MatchWalk {
public:
    /// The walk of `query` over `db`, or null when `query` holds an
    /// operator the walk does not evaluate. `db` must outlive the walk.
    static std::unique_ptr<MatchWalk> build(const Xapian::Database& db, const Xapian::Query& query);

    /// The same walk, which also weighs each match as Xapian's default
    /// weighting (BM25Weight with its default parameters) would, with the
    /// document lengths of `column` (in step with `db`): weight() is then
    /// that weight, equal to Xapian's up to rounding (the sums may be
    /// added in another order). Null also when the query holds what the walk
    /// does not weigh: a synonym or MAX, a scaled weight, a term in more
    /// than one weighted place, or every document in a weighted place.
    static std::unique_ptr<MatchWalk> build_weighed(const Xapian::Database& db, const Xapian::Query& query,
                                                    const FacetColumn& column);

    /// The next matching document, 0 after the last (and from then on).
    Xapian::docid next() {
        if (!root_) return 0;
        last_ = root_->skip_to(last_ + 1);
        if (last_ == 0) root_.reset();
        return last_;
    }

    /// The weight of the document next() last returned (0 for a walk that
    /// was not built weighed).
    double weight() const { return root_ ? root_->weight() : 0; }

    /// A node of the walk: `skip_to(target)` is the first match at or after
    /// `target`, 0 when none is left. Targets never decrease.
    struct Node {
        virtual ~Node() = default;
        virtual Xapian::docid skip_to(Xapian::docid target) = 0;
        /// The weight of the document skip_to last returned (0: the node
        /// only selects).
        virtual double weight() const { return 0; }
        /// At least as many documents as the node matches (the order of an
        /// AND's children: the rarest leads).
        Xapian::doccount bound = 0;
        /// The node matches every document (Query::MatchAll): in an AND with
        /// other subqueries, which match only documents that exist, it
        /// changes nothing and is left out (a step of Xapian's list of every
        /// document costs a search of its length chunk).
        bool every_document = false;
    };

private:
    MatchWalk(std::unique_ptr<Node> root, std::shared_ptr<const void> weighing)
        : weighing_(std::move(weighing)), root_(std::move(root)) {}
    std::shared_ptr<const void> weighing_;  // what the nodes weigh with, kept while they live
    std::unique_ptr<Node> root_;            // null: nothing (more) to match
    Xapian::docid last_ = 0;
};

}  // namespace depeche
