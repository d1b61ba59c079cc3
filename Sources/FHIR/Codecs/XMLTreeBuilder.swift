// SPDX-License-Identifier: Apache-2.0

import CLibXML2

/// Drives a libxml2 text reader and builds the element tree for `XMLReader`.
///
/// Open elements live on an explicit stack, so nesting costs no native stack and the depth check is a comparison.
struct XMLTreeBuilder {
    /// An element whose end tag has not been read yet.
    private struct Frame {
        enum Kind {
            /// A FHIR element (`name`, `entry`, `resource` before its resource starts, …).
            case element
            /// An element holding a resource (`resource`, `contained`, …) once the resource element started.
            case container
            /// A resource element: the root, or the one inside a container.
            case resource
        }

        var name: String
        var kind: Kind
        var value: FHIRScalar?
        var children: [FHIRNode] = []
        var resourceType: String?
    }

    private let reader: OpaquePointer
    private let errors: XMLErrorSink
    private let maximumDepth: Int
    private var frames: [Frame] = []
    private var root: FHIRNode?
    /// libxml2 interns names in the reader's dictionary, so the same pointer always means the same name.
    private var names: [UnsafePointer<xmlChar>: String] = [:]
    private var fhirNamespace: UnsafePointer<xmlChar>?
    private var xhtmlNamespace: UnsafePointer<xmlChar>?

    private static let elementType = Int32(XML_READER_TYPE_ELEMENT.rawValue)
    private static let endElementType = Int32(XML_READER_TYPE_END_ELEMENT.rawValue)
    private static let textType = Int32(XML_READER_TYPE_TEXT.rawValue)
    private static let cdataType = Int32(XML_READER_TYPE_CDATA.rawValue)
    private static let doctypeType = Int32(XML_READER_TYPE_DOCUMENT_TYPE.rawValue)
    private static let entityReferenceType = Int32(XML_READER_TYPE_ENTITY_REFERENCE.rawValue)

    init(reader: OpaquePointer, errors: XMLErrorSink, maximumDepth: Int) {
        self.reader = reader
        self.errors = errors
        self.maximumDepth = maximumDepth
        frames.reserveCapacity(32)
    }

    /// Reads the whole document and returns the root resource node.
    mutating func build() throws(FHIRDecodingError) -> FHIRNode {
        var status = xmlTextReaderRead(reader)
        while status == 1 {
            // Some errors (an undeclared namespace prefix, for one) do not stop libxml2; they still fail the document.
            guard !errors.hasError else { break }
            var skipSubtree = false
            switch xmlTextReaderNodeType(reader) {
            case Self.elementType:
                skipSubtree = try startElement()
            case Self.endElementType:
                try endElement()
            case Self.textType, Self.cdataType:
                try rejectText()
            case Self.doctypeType:
                throw FHIRDecodingError(.syntax, "DTDs are not allowed (line \(xmlTextReaderGetParserLineNumber(reader)))")
            case Self.entityReferenceType:
                throw FHIRDecodingError(.syntax, "entity references are not allowed", path: path())
            default:
                // Whitespace, comments, processing instructions and the XML declaration carry nothing for FHIR.
                break
            }
            status = skipSubtree ? xmlTextReaderNext(reader) : xmlTextReaderRead(reader)
        }
        if let open = frames.last, errors.message?.hasPrefix("Extra content at the end of the document") == true {
            // libxml2's reader words a document that ends inside an element like this.
            throw FHIRDecodingError(.syntax, "line \(errors.line): the document ends inside '\(open.name)'", path: path())
        }
        if errors.hasError || status < 0 {
            throw errors.error(path: path(), fallback: "malformed XML (line \(xmlTextReaderGetParserLineNumber(reader)))")
        }
        guard let root else { throw FHIRDecodingError(.syntax, "the document has no root element") }
        return root
    }

    // MARK: - Elements

    /// Handles a start tag; returns true for XHTML, whose subtree has been consumed as markup and must be skipped.
    private mutating func startElement() throws(FHIRDecodingError) -> Bool {
        guard let localName = xmlTextReaderConstLocalName(reader) else {
            throw FHIRDecodingError(.syntax, "an element without a name", path: path())
        }
        let name = string(localName)
        guard frames.count < maximumDepth else {
            throw FHIRDecodingError(.tooDeep, "the document nests deeper than \(maximumDepth) elements", path: path(appending: name))
        }
        switch namespace(xmlTextReaderConstNamespaceUri(reader)) {
        case .fhir:
            break
        case .xhtml:
            try readXHTML(name)
            return true
        case .other(let uri):
            throw FHIRDecodingError(
                .unknownElement,
                "element '\(name)' is in namespace '\(uri)', not \(LibXML2.fhirNamespace)",
                path: path(appending: name)
            )
        }
        let isEmpty = xmlTextReaderIsEmptyElement(reader) == 1
        let isResource = localName[0] >= UInt8(ascii: "A") && localName[0] <= UInt8(ascii: "Z")
        if frames.isEmpty {
            guard isResource else {
                throw FHIRDecodingError(.unknownResourceType, "the root element '\(name)' is not a resource", path: name)
            }
            frames.append(Frame(name: name, kind: .resource, resourceType: name))
        } else if isResource {
            let parent = frames[frames.count - 1]
            guard parent.kind == .element, parent.children.isEmpty, parent.value == nil else {
                throw FHIRDecodingError(
                    .unknownElement,
                    "resource '\(name)' must be the only content of an element without attributes",
                    path: path(appending: name)
                )
            }
            frames[frames.count - 1].kind = .container
            frames[frames.count - 1].resourceType = name
            frames.append(Frame(name: name, kind: .resource, resourceType: name))
        } else {
            guard frames[frames.count - 1].kind != .container else {
                throw FHIRDecodingError(.unknownElement, "a resource container must hold exactly one resource", path: path(appending: name))
            }
            frames.append(Frame(name: name, kind: .element))
        }
        try readAttributes()
        if isEmpty { try endElement() }
        return false
    }

    /// Turns the attributes of the current element into its value and `id`/`url` children.
    private mutating func readAttributes() throws(FHIRDecodingError) {
        guard xmlTextReaderHasAttributes(reader) == 1 else { return }
        defer { xmlTextReaderMoveToElement(reader) }
        let top = frames.count - 1
        let isElement = frames[top].kind == .element
        var id: FHIRNode?
        var url: FHIRNode?
        while xmlTextReaderMoveToNextAttribute(reader) == 1 {
            if xmlTextReaderIsNamespaceDecl(reader) == 1 { continue }
            guard let localName = xmlTextReaderConstLocalName(reader) else { continue }
            let name = string(localName)
            if let uri = xmlTextReaderConstNamespaceUri(reader) {
                if top == 0, name == "schemaLocation", LibXML2.equals(uri, LibXML2.schemaInstanceNamespace) { continue }
                throw FHIRDecodingError(
                    .unknownElement,
                    "attribute '\(name)' in namespace '\(String(cString: uri))' is not allowed",
                    path: path() + ".@" + name
                )
            }
            guard isElement, name == "value" || name == "id" || name == "url" else {
                throw FHIRDecodingError(.unknownElement, "attribute '\(name)' is not allowed here", path: path() + ".@" + name)
            }
            let text = xmlTextReaderConstValue(reader).map { String(cString: $0) } ?? ""
            guard !text.isEmpty else {
                throw FHIRDecodingError(.empty, "attribute '\(name)' is empty", path: path() + ".@" + name)
            }
            switch name {
            case "value": frames[top].value = .string(text)
            case "id": id = FHIRNode(name: name, value: .string(text), origin: .attribute)
            default: url = FHIRNode(name: name, value: .string(text), origin: .attribute)
            }
        }
        if let url { frames[top].children.insert(url, at: 0) }
        if let id { frames[top].children.insert(id, at: 0) }
    }

    /// Closes the innermost element and hands its node to the parent.
    private mutating func endElement() throws(FHIRDecodingError) {
        guard let frame = frames.last else { return }
        switch frame.kind {
        case .element:
            guard frame.value != nil || !frame.children.isEmpty else {
                throw FHIRDecodingError(.empty, "element '\(frame.name)' has neither value nor content", path: path())
            }
        case .container:
            break
        case .resource:
            if frames.count > 1 {
                // The resource's elements become the container's children; the container node is made at its end tag.
                frames.removeLast()
                frames[frames.count - 1].children = frame.children
                return
            }
        }
        frames.removeLast()
        let node = FHIRNode(name: frame.name, value: frame.value, children: frame.children, resourceType: frame.resourceType)
        if frames.isEmpty {
            root = node
        } else {
            frames[frames.count - 1].children.append(node)
        }
    }

    /// Takes an XHTML element (the narrative `div`) as its markup, made self-contained by libxml2's serialiser.
    private mutating func readXHTML(_ name: String) throws(FHIRDecodingError) {
        guard let parent = frames.last, parent.kind == .element else {
            throw FHIRDecodingError(.unknownElement, "XHTML is only allowed inside a FHIR element", path: path(appending: name))
        }
        guard let raw = xmlTextReaderReadOuterXml(reader) else {
            throw errors.error(path: path(appending: name), fallback: "the XHTML could not be read")
        }
        let markup = String(cString: raw)
        clibxml2_free(raw)
        guard !errors.hasError else { throw errors.error(path: path(appending: name), fallback: "") }
        let startTag = markup.prefix { $0 != ">" }
        guard startTag.contains("\"\(LibXML2.xhtmlNamespace)\"") else {
            throw FHIRDecodingError(.invalidValue, "the XHTML does not declare its namespace", path: path(appending: name))
        }
        frames[frames.count - 1].children.append(FHIRNode(name: name, value: .string(markup)))
    }

    /// Text in FHIR elements is an error; whitespace reaches the reader as a different node type and is ignored.
    private func rejectText() throws(FHIRDecodingError) {
        if xmlTextReaderNodeType(reader) == Self.cdataType,
            let value = xmlTextReaderConstValue(reader),
            String(cString: value).allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
        {
            return
        }
        throw FHIRDecodingError(
            .unknownElement,
            "text is not allowed in FHIR elements (line \(xmlTextReaderGetParserLineNumber(reader)))",
            path: path()
        )
    }

    // MARK: - Names

    private enum Namespace {
        case fhir
        case xhtml
        case other(String)
    }

    /// Classifies a namespace URI; libxml2 interns them, so pointer equality is the fast path.
    private mutating func namespace(_ uri: UnsafePointer<xmlChar>?) -> Namespace {
        guard let uri else { return .other("") }
        if uri == fhirNamespace { return .fhir }
        if uri == xhtmlNamespace { return .xhtml }
        if LibXML2.equals(uri, LibXML2.fhirNamespace) {
            fhirNamespace = uri
            return .fhir
        }
        if LibXML2.equals(uri, LibXML2.xhtmlNamespace) {
            xhtmlNamespace = uri
            return .xhtml
        }
        return .other(String(cString: uri))
    }

    /// The `String` for an interned libxml2 name, made once per name and document.
    private mutating func string(_ name: UnsafePointer<xmlChar>) -> String {
        if let cached = names[name] { return cached }
        let string = String(cString: name)
        names[name] = string
        return string
    }

    /// The path of the innermost open element, or of a child named `name` about to be opened.
    private func path(appending name: String? = nil) -> String {
        var segments: [String] = []
        for (position, frame) in frames.enumerated() {
            if position == 0 {
                segments.append(frame.name)
            } else {
                segments.append(frame.name + Self.index(of: frame.name, among: frames[position - 1].children))
            }
        }
        if let name {
            segments.append(name + Self.index(of: name, among: frames.last?.children ?? []))
        }
        return segments.joined(separator: ".")
    }

    /// `[n]` for the n-th (zero-based) element named `name` after `siblings`, or nothing for the first.
    private static func index(of name: String, among siblings: [FHIRNode]) -> String {
        let count = siblings.lazy.filter { $0.name == name && !$0.origin.contains(.attribute) }.count
        return count > 0 ? "[\(count)]" : ""
    }
}
