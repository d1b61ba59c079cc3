// SPDX-License-Identifier: Apache-2.0

/// `application/x-www-form-urlencoded` and query strings: every byte except the unreserved characters of RFC 3986
/// (`A-Z a-z 0-9 - . _ ~`) percent-encoded, so values with `+`, `&`, `=`, `/` or spaces arrive unchanged.
enum FormEncoding {
    /// `name=value&…` in order.
    static func encode(_ fields: [(String, String)]) -> String {
        fields.map { "\(self.escape($0.0))=\(self.escape($0.1))" }.joined(separator: "&")
    }

    /// The fields of a query or form body; `+` is a space.
    static func decode(_ text: some StringProtocol) -> [(String, String)] {
        text.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (self.unescape(parts[0]), parts.count > 1 ? self.unescape(parts[1]) : "")
        }
    }

    private static func escape(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.append(byte)
            default:
                out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func unescape(_ text: some StringProtocol) -> String {
        var out: [UInt8] = []
        var bytes = Array(text.utf8)[...]
        while let byte = bytes.popFirst() {
            if byte == UInt8(ascii: "+") {
                out.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), bytes.count >= 2,
                let value = UInt8(String(decoding: bytes.prefix(2), as: UTF8.self), radix: 16)
            {
                out.append(value)
                bytes = bytes.dropFirst(2)
            } else {
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
