// SPDX-License-Identifier: Apache-2.0

internal import FHIR
internal import Foundation

/// A FHIR `searchset` Bundle with the paging links of spec/fd-api.md §8.
enum SearchBundle {
    /// A link relation of a search result page.
    enum Relation: String {
        case `self`, first, prev, next, last
    }

    /// The page of a search and what its links must repeat.
    struct Paging {
        /// The search URL without query, e.g. `https://erp.example/Task`.
        var base: String
        /// The filters and the sort order as the request gave them; every link repeats them (§8).
        var parameters: [(name: String, value: String)]
        /// `_count`.
        var count: Int
        /// `__offset`.
        var offset: Int
        /// Whether matches follow after this page.
        var hasNext: Bool
        /// The number of all matches, when known; needed for `last`.
        var total: Int?

        /// The links of `relations` that make sense for this page: no `prev` on the first page, no `next` on the last.
        func links(_ relations: [Relation]) -> [FHIR.Bundle.Link] {
            relations.compactMap { relation in
                self.offset(of: relation).map { FHIR.Bundle.Link(relation: Primitive(relation.rawValue), url: Primitive(self.url(offset: $0))) }
            }
        }

        private func offset(of relation: Relation) -> Int? {
            switch relation {
            case .self: self.offset
            case .first: 0
            case .prev: self.offset > 0 && self.count > 0 ? max(self.offset - self.count, 0) : nil
            case .next: self.hasNext && self.count > 0 ? self.offset + self.count : nil
            case .last: self.total.flatMap { total in self.count > 0 ? max(total - 1, 0) / self.count * self.count : nil }
            }
        }

        /// The search URL with the filters only, for results without paging.
        var urlWithoutPage: String {
            guard !self.parameters.isEmpty else { return self.base }
            return "\(self.base)?" + self.parameters.map { "\(Self.encode($0.name))=\(Self.encode($0.value))" }.joined(separator: "&")
        }

        /// The search URL for the page at `offset`.
        func url(offset: Int) -> String {
            let query = (self.parameters + [("_count", "\(self.count)"), ("__offset", "\(offset)")])
                .map { "\(Self.encode($0.name))=\(Self.encode($0.value))" }
                .joined(separator: "&")
            return "\(self.base)?\(query)"
        }

        private static let unreserved = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~:,")

        private static func encode(_ text: String) -> String {
            text.addingPercentEncoding(withAllowedCharacters: Self.unreserved) ?? text
        }
    }

    /// An entry that matched the search.
    static func entry(fullUrl: String, resource: FHIR.Resource) -> FHIR.Bundle.Entry {
        FHIR.Bundle.Entry(fullUrl: Primitive(fullUrl), resource: resource, search: .init(mode: "match"))
    }

    /// The `searchset` Bundle.
    static func bundle(entries: [FHIR.Bundle.Entry], total: Int?, links: [FHIR.Bundle.Link], now: Date) -> FHIR.Bundle {
        FHIR.Bundle(
            id: Primitive(UUID().uuidString.lowercased()),
            type: "searchset",
            timestamp: Primitive(TaskResource.dateTime(now)),
            total: total.map { Primitive(Int32(clamping: $0)) },
            link: links,
            entry: entries
        )
    }
}
