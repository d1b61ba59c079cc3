// SPDX-License-Identifier: Apache-2.0

internal import SwiftASN1

/// Walks the children of one constructed DER element in order, with typed errors.
///
/// The X.509 structures are parsed by hand on top of SwiftASN1's DER tree (`DER.parse`, which enforces X.690 §10
/// length rules), so that each failure maps to a precise ``TICryptoError/Code`` and nothing traps on bad input.
struct DERCursor {
    private var iterator: ASN1NodeCollection.Iterator
    private let context: String

    /// Opens a constructed element.
    /// - Parameters:
    ///   - node: the element.
    ///   - identifier: the tag it must have.
    ///   - context: the ASN.1 type name, for error reasons.
    init(_ node: ASN1Node, _ identifier: ASN1Identifier, _ context: String) throws(TICryptoError) {
        guard node.identifier == identifier else {
            throw TICryptoError(.invalidTag, reason: "\(context): expected \(identifier), found \(node.identifier)")
        }
        guard case .constructed(let children) = node.content else {
            throw TICryptoError(.invalidTag, reason: "\(context): expected a constructed element")
        }
        self.iterator = children.makeIterator()
        self.context = context
    }

    /// Whether all children have been consumed.
    var isAtEnd: Bool {
        var copy = iterator
        return copy.next() == nil
    }

    /// The identifier of the next child, without consuming it.
    var peekIdentifier: ASN1Identifier? {
        var copy = iterator
        return copy.next()?.identifier
    }

    /// Consumes the next child, whatever its tag.
    mutating func next(_ field: String) throws(TICryptoError) -> ASN1Node {
        guard let node = iterator.next() else {
            throw TICryptoError(.invalidStructure, reason: "\(context): missing \(field)")
        }
        return node
    }

    /// Consumes the next child, which must have `identifier`.
    mutating func next(_ identifier: ASN1Identifier, _ field: String) throws(TICryptoError) -> ASN1Node {
        let node = try next(field)
        guard node.identifier == identifier else {
            throw TICryptoError(.invalidTag, reason: "\(context).\(field): expected \(identifier), found \(node.identifier)")
        }
        return node
    }

    /// Consumes the next child only if it has `identifier` (an OPTIONAL or DEFAULT component).
    mutating func optional(_ identifier: ASN1Identifier) -> ASN1Node? {
        guard peekIdentifier == identifier else { return nil }
        return iterator.next()
    }

    /// Consumes all remaining children.
    mutating func rest() -> [ASN1Node] {
        var nodes: [ASN1Node] = []
        while let node = iterator.next() { nodes.append(node) }
        return nodes
    }

    /// Requires that no children are left (no unknown trailing components).
    func finish() throws(TICryptoError) {
        guard isAtEnd else { throw TICryptoError(.invalidStructure, reason: "\(context): unexpected trailing component") }
    }
}

extension ASN1Identifier {
    /// A context-specific tag `[number]`.
    static func context(_ number: UInt) -> ASN1Identifier { ASN1Identifier(tagWithNumber: number, tagClass: .contextSpecific) }

    /// A universal tag by number (X.680 §8.4), for the string types SwiftASN1 has no shorthand for.
    static func universal(_ number: UInt) -> ASN1Identifier { ASN1Identifier(tagWithNumber: number, tagClass: .universal) }
}

extension ASN1Node {
    /// Whether the element is constructed (X.690 §8.1.2.5).
    var isConstructedNode: Bool {
        if case .constructed = content { return true }
        return false
    }
}
