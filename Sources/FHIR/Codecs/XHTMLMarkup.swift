// SPDX-License-Identifier: Apache-2.0

import CLibXML2

/// The check for narrative markup that did not come through the XML reader (from JSON, or built in code).
enum XHTMLMarkup {
    /// Requires well-formed XML whose root is a `div` in the XHTML namespace, parsed as securely as FHIR XML.
    ///
    /// The narrative rules of FHIR (allowed elements and attributes) are not checked.
    static func validate(_ markup: String) throws(FHIRDecodingError) {
        let bytes = Array(markup.utf8)
        try bytes.withUnsafeBufferPointer { (buffer) throws(FHIRDecodingError) in
            try LibXML2.withReader(buffer, makeError: { FHIRDecodingError(.invalidValue, "invalid XHTML: \($0)") }) {
                (reader, sink) throws(FHIRDecodingError) in
                try check(reader, sink)
            }
        }
    }

    /// Reads every node, checking the root element and that libxml2 reports no error.
    private static func check(_ reader: OpaquePointer, _ sink: XMLErrorSink) throws(FHIRDecodingError) {
        let elementType = Int32(XML_READER_TYPE_ELEMENT.rawValue)
        let doctypeType = Int32(XML_READER_TYPE_DOCUMENT_TYPE.rawValue)
        let entityReferenceType = Int32(XML_READER_TYPE_ENTITY_REFERENCE.rawValue)
        var sawRoot = false
        var status = xmlTextReaderRead(reader)
        while status == 1, !sink.hasError {
            switch xmlTextReaderNodeType(reader) {
            case elementType where !sawRoot:
                sawRoot = true
                guard let name = xmlTextReaderConstLocalName(reader), LibXML2.equals(name, "div"),
                    let uri = xmlTextReaderConstNamespaceUri(reader), LibXML2.equals(uri, LibXML2.xhtmlNamespace)
                else {
                    throw FHIRDecodingError(.invalidValue, "the narrative must be a div element in the XHTML namespace")
                }
            case doctypeType, entityReferenceType:
                throw FHIRDecodingError(.invalidValue, "invalid XHTML: DTDs and entities are not allowed")
            default:
                break
            }
            status = xmlTextReaderRead(reader)
        }
        if sink.hasError || status < 0 {
            let error = sink.error(path: "", fallback: "malformed XML")
            throw FHIRDecodingError(.invalidValue, "invalid XHTML: \(error.message)")
        }
        guard sawRoot else { throw FHIRDecodingError(.invalidValue, "invalid XHTML: no element") }
    }
}
