// SPDX-License-Identifier: Apache-2.0

import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A document's element tree as an independent parser sees it, for comparing input and output of the codecs
/// without trusting the codecs' own reader.
indirect enum ElementTree: Equatable, CustomStringConvertible {
    case element(name: String, attributes: [String: String], children: [ElementTree])
    case text(String)
    case object([String: ElementTree])
    case array([ElementTree])
    case scalar(String)

    /// Parses XML with Foundation's `XMLDocument`; whitespace-only text and comments are ignored.
    static func xml(_ bytes: [UInt8]) throws -> ElementTree {
        let document = try XMLDocument(data: Data(bytes), options: [])
        guard let root = document.rootElement() else { throw CocoaError(.fileReadCorruptFile) }
        return tree(of: root)
    }

    private static func tree(of element: XMLElement) -> ElementTree {
        var attributes: [String: String] = [:]
        for attribute in element.attributes ?? [] {
            attributes[attribute.name ?? ""] = attribute.stringValue ?? ""
        }
        for namespace in element.namespaces ?? [] {
            attributes["xmlns:" + (namespace.name ?? "")] = namespace.stringValue ?? ""
        }
        var children: [ElementTree] = []
        for child in element.children ?? [] {
            switch child.kind {
            case .element:
                if let child = child as? XMLElement { children.append(tree(of: child)) }
            case .text:
                let text = child.stringValue ?? ""
                if !text.allSatisfy(\.isWhitespace) { children.append(.text(text)) }
            default:
                continue
            }
        }
        return .element(name: element.name ?? "", attributes: attributes, children: children)
    }

    /// Parses JSON with Foundation's `JSONSerialization`.
    static func json(_ bytes: [UInt8]) throws -> ElementTree {
        tree(of: try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]))
    }

    private static func tree(of value: Any) -> ElementTree {
        switch value {
        case let object as [String: Any]: .object(object.mapValues(tree(of:)))
        case let array as [Any]: .array(array.map(tree(of:)))
        case is NSNull: .scalar("null")
        case let string as String: .scalar("s:" + string)
        case let number as NSNumber: .scalar("n:" + number.stringValue)
        default: .scalar("?\(value)")
        }
    }

    var description: String {
        switch self {
        case .element(let name, let attributes, let children):
            "<\(name) \(attributes.sorted { $0.key < $1.key })>\(children)"
        case .text(let text): "text(\(text))"
        case .object(let object): "\(object.sorted { $0.key < $1.key })"
        case .array(let array): "\(array)"
        case .scalar(let scalar): scalar
        }
    }

    /// The first place where two trees differ, for a readable failure message.
    static func firstDifference(_ lhs: ElementTree, _ rhs: ElementTree, path: String = "") -> String? {
        switch (lhs, rhs) {
        case (.element(let leftName, let leftAttributes, let leftChildren), .element(let rightName, let rightAttributes, let rightChildren)):
            let here = path + "/" + leftName
            if leftName != rightName { return "\(here): element \(leftName) vs \(rightName)" }
            if leftAttributes != rightAttributes { return "\(here): attributes \(leftAttributes) vs \(rightAttributes)" }
            return children(leftChildren, rightChildren, here)
        case (.object(let left), .object(let right)):
            if Set(left.keys) != Set(right.keys) {
                return "\(path): keys \(left.keys.sorted()) vs \(right.keys.sorted())"
            }
            for key in left.keys.sorted() {
                if let difference = firstDifference(left[key]!, right[key]!, path: path + "." + key) { return difference }
            }
            return nil
        case (.array(let left), .array(let right)):
            return children(left, right, path)
        default:
            return lhs == rhs ? nil : "\(path): \(lhs) vs \(rhs)"
        }
    }

    private static func children(_ left: [ElementTree], _ right: [ElementTree], _ path: String) -> String? {
        for (index, (leftChild, rightChild)) in zip(left, right).enumerated() {
            if let difference = firstDifference(leftChild, rightChild, path: "\(path)[\(index)]") { return difference }
        }
        return left.count == right.count ? nil : "\(path): \(left.count) vs \(right.count) children"
    }
}
