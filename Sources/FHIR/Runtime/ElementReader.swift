// SPDX-License-Identifier: Apache-2.0

/// The bookkeeping shared by every generated decoder: duplicates, JSON array shape, XML element order and
/// error paths.
///
/// A decoder walks its node's children once, switching on the element name, and hands each child to one of
/// these methods together with the element's position in the R4 definition (`order`).
struct ElementReader {
    let format: FHIRFormat
    /// Position (in the definition) of the last element seen, for the XML order rule.
    private var lastOrder = -1
    /// Name of the last element seen, to tell a repeat from an out-of-order element.
    private var lastName = ""

    init(format: FHIRFormat) {
        self.format = format
    }

    /// Decodes an element with maximum cardinality 1.
    mutating func single<T: FHIRNodeCodable>(_ slot: inout T?, _ child: FHIRNode, order: Int) throws(FHIRDecodingError) {
        try check(child, order: order, repeats: false)
        guard slot == nil else {
            throw FHIRDecodingError(.duplicate, "element may appear only once").prefixed(with: child.name)
        }
        do {
            slot = try T(node: child, format: format)
        } catch {
            throw error.prefixed(with: child.name)
        }
    }

    /// Decodes one item of an element with maximum cardinality greater than 1.
    mutating func repeated<T: FHIRNodeCodable>(_ items: inout [T], _ child: FHIRNode, order: Int) throws(FHIRDecodingError) {
        try check(child, order: order, repeats: true)
        do {
            items.append(try T(node: child, format: format))
        } catch {
            throw error.prefixed(with: "\(child.name)[\(items.count)]")
        }
    }

    /// Decodes one alternative of a choice element `value[x]` (maximum cardinality 1 in R4).
    mutating func choice<Choice, T: FHIRNodeCodable>(
        _ slot: inout Choice?,
        _ child: FHIRNode,
        order: Int,
        as type: T.Type,
        _ wrap: (T) -> Choice
    ) throws(FHIRDecodingError) {
        try check(child, order: order, repeats: false)
        guard slot == nil else {
            throw FHIRDecodingError(.duplicate, "only one type of a choice element may appear").prefixed(with: child.name)
        }
        do {
            slot = wrap(try T(node: child, format: format))
        } catch {
            throw error.prefixed(with: child.name)
        }
    }

    /// The error for an element the definition does not have.
    func unknown(_ child: FHIRNode) -> FHIRDecodingError {
        FHIRDecodingError(.unknownElement, "unknown element").prefixed(with: child.name)
    }

    /// Checks that a required element is present.
    func require(_ present: Bool, _ name: String) throws(FHIRDecodingError) {
        if !present {
            throw FHIRDecodingError(.cardinality, "required element is missing").prefixed(with: name)
        }
    }

    private mutating func check(_ child: FHIRNode, order: Int, repeats: Bool) throws(FHIRDecodingError) {
        switch format {
        case .json:
            // FHIR JSON: an element that can repeat is always an array, one that cannot is never one.
            if child.origin.contains(.arrayItem) != repeats {
                let message = repeats ? "element repeats and must be an array" : "element does not repeat and must not be an array"
                throw FHIRDecodingError(.cardinality, message).prefixed(with: child.name)
            }
        case .xml:
            // FHIR XML: elements appear in the order of the definition; attributes have no order.
            guard !child.origin.contains(.attribute) else { return }
            if order == lastOrder && child.name != lastName {
                // Two names at one position are two types of one choice element (`valueString`, `valueCode`).
                throw FHIRDecodingError(.duplicate, "only one type of a choice element may appear").prefixed(with: child.name)
            }
            if order < lastOrder {
                throw FHIRDecodingError(.order, "element is out of the order the definition gives").prefixed(with: child.name)
            }
            if order == lastOrder && !repeats {
                throw FHIRDecodingError(.duplicate, "element may appear only once").prefixed(with: child.name)
            }
            lastOrder = order
            lastName = child.name
        }
    }
}
