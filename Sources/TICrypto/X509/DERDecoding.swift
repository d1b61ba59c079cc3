// SPDX-License-Identifier: Apache-2.0

internal import SwiftASN1

/// Small typed decoders for the DER primitives X.509 uses; every SwiftASN1 error becomes a ``TICryptoError``.
enum DERDecoding {
    /// Parses one complete DER element; trailing bytes are an error.
    static func parse(_ bytes: ArraySlice<UInt8>, _ context: String) throws(TICryptoError) -> ASN1Node {
        try mapped(context) { try DER.parse(bytes) }
    }

    /// Runs SwiftASN1 code and maps its error codes onto ours.
    static func mapped<T>(_ context: String, _ body: () throws -> T) throws(TICryptoError) -> T {
        do {
            return try body()
        } catch let error as TICryptoError {
            throw error
        } catch let error as ASN1Error {
            let code: TICryptoError.Code
            switch error.code {
            case .truncatedASN1Field: code = .truncated
            case .unsupportedFieldLength: code = .invalidLength
            case .unexpectedFieldType: code = .invalidTag
            case .invalidASN1IntegerEncoding: code = .invalidInteger
            case .tooFewOIDComponents: code = .invalidOID
            case .invalidStringRepresentation: code = .invalidString
            case .invalidPEMDocument: code = .invalidPEM
            default: code = .invalidStructure
            }
            throw TICryptoError(code, reason: "\(context): \(error)")
        } catch {
            throw TICryptoError(.invalidStructure, reason: "\(context): \(error)")
        }
    }

    /// The content octets of a primitive element with the given tag.
    static func primitive(
        _ node: ASN1Node,
        _ identifier: ASN1Identifier,
        _ context: String
    )
        throws(TICryptoError) -> ArraySlice<UInt8>
    {
        guard node.identifier == identifier else {
            throw TICryptoError(.invalidTag, reason: "\(context): expected \(identifier), found \(node.identifier)")
        }
        guard case .primitive(let bytes) = node.content else {
            throw TICryptoError(.invalidTag, reason: "\(context): expected a primitive element")
        }
        return bytes
    }

    /// An OBJECT IDENTIFIER (X.690 §8.19), optionally under an implicit tag.
    static func oid(_ node: ASN1Node, _ context: String, tag: ASN1Identifier = .objectIdentifier) throws(TICryptoError) -> OID {
        guard node.identifier == tag else {
            throw TICryptoError(.invalidTag, reason: "\(context): expected \(tag), found \(node.identifier)")
        }
        let value = try mapped(context) { try ASN1ObjectIdentifier(derEncoded: node, withIdentifier: tag) }
        let arcs = value.oidComponents
        guard let oid = OID(arcs: arcs) else { throw TICryptoError(.invalidOID, reason: "\(context): \(arcs)") }
        return oid
    }

    /// An OCTET STRING's content.
    static func octetString(
        _ node: ASN1Node,
        _ context: String,
        tag: ASN1Identifier = .octetString
    )
        throws(TICryptoError) -> [UInt8]
    {
        Array(try primitive(node, tag, context))
    }

    /// A DER BOOLEAN (X.690 §11.1: 0x00 or 0xFF).
    static func boolean(_ node: ASN1Node, _ context: String) throws(TICryptoError) -> Bool {
        let bytes = try primitive(node, .boolean, context)
        guard bytes.count == 1, let byte = bytes.first, byte == 0 || byte == 0xFF else {
            throw TICryptoError(.invalidStructure, reason: "\(context): invalid BOOLEAN")
        }
        return byte == 0xFF
    }

    /// An INTEGER's content octets (two's complement, X.690 §8.3), checked for minimal encoding.
    static func integerBytes(
        _ node: ASN1Node,
        _ context: String,
        tag: ASN1Identifier = .integer
    )
        throws(TICryptoError) -> [UInt8]
    {
        let bytes = Array(try primitive(node, tag, context))
        guard let first = bytes.first else { throw TICryptoError(.invalidInteger, reason: "\(context): empty INTEGER") }
        if bytes.count > 1 {
            let second = bytes[1]
            // X.690 §8.3.2: the first nine bits must not all be 0 or all be 1.
            if (first == 0x00 && second & 0x80 == 0) || (first == 0xFF && second & 0x80 != 0) {
                throw TICryptoError(.invalidInteger, reason: "\(context): INTEGER not minimally encoded")
            }
        }
        return bytes
    }

    /// A small non-negative INTEGER (versions, path lengths).
    static func smallInteger(_ node: ASN1Node, _ context: String) throws(TICryptoError) -> Int {
        let bytes = try integerBytes(node, context)
        guard bytes[0] & 0x80 == 0 else { throw TICryptoError(.invalidInteger, reason: "\(context): negative INTEGER") }
        let magnitude = bytes.drop { $0 == 0 }
        guard magnitude.count <= 4 else { throw TICryptoError(.invalidInteger, reason: "\(context): INTEGER too large") }
        return magnitude.reduce(0) { $0 << 8 | Int($1) }
    }

    /// A BIT STRING (X.690 §8.6): the content bytes and the number of unused bits in the last byte.
    static func bitString(_ node: ASN1Node, _ context: String) throws(TICryptoError) -> (bytes: [UInt8], unusedBits: Int) {
        let content = try primitive(node, .bitString, context)
        guard let unused = content.first, unused <= 7, !(unused > 0 && content.count == 1) else {
            throw TICryptoError(.invalidStructure, reason: "\(context): invalid BIT STRING")
        }
        // X.690 §11.2.1: in DER the unused bits of the last byte are zero.
        if unused > 0, let last = content.last, last & (UInt8(1) << unused &- 1) != 0 {
            throw TICryptoError(.invalidStructure, reason: "\(context): non-zero unused bits in BIT STRING")
        }
        return (Array(content.dropFirst()), Int(unused))
    }

    /// Uppercase hex of `bytes` without separators, e.g. `0241C1F7D3ABD8`.
    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
