// SPDX-License-Identifier: Apache-2.0

/// Writes the format-neutral element tree as FHIR XML.
///
/// A primitive's value becomes the `value` attribute; an element's `id` child, and an extension's `url` child,
/// become attributes too. A child resource is wrapped in its container element (`<resource><Patient>…`), and the
/// narrative `div`, held as markup, is written as it is.
enum XMLWriter {
    /// Serialises a resource node to UTF-8 XML, with an XML declaration.
    /// - Parameter prettyPrinted: indent with two spaces and put one element per line; XHTML markup is left as it is.
    static func write(_ node: FHIRNode, prettyPrinted: Bool) -> [UInt8] {
        var output = XMLOutput(prettyPrinted: prettyPrinted)
        output.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        output.newline(level: 0)
        output.writeResource(node, level: 0, declaresNamespace: true)
        if prettyPrinted { output.append("\n") }
        return output.bytes
    }
}

/// The output buffer and the writing logic of `XMLWriter`.
private struct XMLOutput {
    var bytes: [UInt8] = []
    let prettyPrinted: Bool

    init(prettyPrinted: Bool) {
        self.prettyPrinted = prettyPrinted
        bytes.reserveCapacity(16 * 1024)
    }

    /// Writes `<Type>` with the resource's elements; the root also declares the FHIR namespace.
    mutating func writeResource(_ node: FHIRNode, level: Int, declaresNamespace: Bool) {
        let type = node.resourceType ?? node.name
        append("<")
        append(type)
        if declaresNamespace { append(" xmlns=\"http://hl7.org/fhir\"") }
        writeContent(of: node.children, name: type, level: level)
    }

    /// Writes an element that is not a resource: attributes, then child elements or a resource, or XHTML markup.
    mutating func writeElement(_ node: FHIRNode, level: Int) {
        if node.name == "div", node.resourceType == nil, case .string(let markup)? = node.value {
            append(markup)
            return
        }
        append("<")
        append(node.name)
        if let resourceType = node.resourceType {
            append(">")
            newline(level: level + 1)
            writeResource(
                FHIRNode(name: resourceType, children: node.children, resourceType: resourceType),
                level: level + 1,
                declaresNamespace: false
            )
            newline(level: level)
            closeTag(node.name)
            return
        }
        var elements: [FHIRNode] = []
        elements.reserveCapacity(node.children.count)
        let takesURL = node.name == "extension" || node.name == "modifierExtension"
        var idAttribute: String?
        var urlAttribute: String?
        for child in node.children {
            if idAttribute == nil, child.name == "id", child.children.isEmpty, child.resourceType == nil, let value = child.value {
                idAttribute = value.lexical
            } else if takesURL, urlAttribute == nil, child.name == "url", child.children.isEmpty, child.resourceType == nil,
                let value = child.value
            {
                urlAttribute = value.lexical
            } else {
                elements.append(child)
            }
        }
        if let idAttribute { writeAttribute("id", idAttribute) }
        if let urlAttribute { writeAttribute("url", urlAttribute) }
        if let value = node.value { writeAttribute("value", value.lexical) }
        writeContent(of: elements, name: node.name, level: level)
    }

    /// Closes the open start tag: `/>` without children, else the children and the end tag.
    mutating func writeContent(of children: [FHIRNode], name: String, level: Int) {
        guard !children.isEmpty else {
            append("/>")
            return
        }
        append(">")
        for child in children {
            newline(level: level + 1)
            writeElement(child, level: level + 1)
        }
        newline(level: level)
        closeTag(name)
    }

    mutating func closeTag(_ name: String) {
        append("</")
        append(name)
        append(">")
    }

    /// Writes ` name="value"`, escaping what attribute value normalisation would otherwise change.
    mutating func writeAttribute(_ name: String, _ value: String) {
        append(" ")
        append(name)
        append("=\"")
        var value = value
        value.withUTF8 { utf8 in
            var runStart = 0
            for (index, byte) in utf8.enumerated() {
                let escape: StaticString
                switch byte {
                case UInt8(ascii: "&"): escape = "&amp;"
                case UInt8(ascii: "<"): escape = "&lt;"
                case UInt8(ascii: ">"): escape = "&gt;"
                case UInt8(ascii: "\""): escape = "&quot;"
                case 0x0A: escape = "&#10;"
                case 0x0D: escape = "&#13;"
                case 0x09: escape = "&#9;"
                default: continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                bytes.append(contentsOf: UnsafeBufferPointer(start: escape.utf8Start, count: escape.utf8CodeUnitCount))
                runStart = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
        append("\"")
    }

    mutating func newline(level: Int) {
        guard prettyPrinted else { return }
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * level))
    }

    mutating func append(_ string: String) {
        bytes.append(contentsOf: string.utf8)
    }
}
