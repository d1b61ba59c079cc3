// SPDX-License-Identifier: Apache-2.0

/// Writes the element tree as canonical FHIR JSON (see ``FHIRCanonicalization``).
///
/// The mapping of nodes to JSON members is the one of `JSONWriter` (same-named children form one member, an array when
/// they are array items or several; primitives put their value in `x` and their `id`/`extension` in `_x`); the tree is
/// first turned into members, which are then sorted by name and written without any whitespace.
enum CanonicalJSONWriter {
    /// The canonical JSON of the resource `node`, without the root members named in `omitted`.
    static func write(_ node: FHIRNode, omittingRootMembers omitted: Set<String>) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16 * 1024)
        Self.object(members: node.children, resourceType: node.resourceType, omitting: omitted).write(to: &bytes)
        return bytes
    }

    /// The object of `children` (plus `resourceType` for a resource), members sorted by name.
    private static func object(members children: [FHIRNode], resourceType: String?, omitting omitted: Set<String> = []) -> Value {
        var members: [(name: String, value: Value)] = []
        if let resourceType {
            members.append(("resourceType", .scalar(.string(resourceType))))
        }
        for nodes in Self.groups(of: children) where !omitted.contains(nodes[0].name) {
            members.append(contentsOf: Self.members(named: nodes[0].name, nodes: nodes))
        }
        members.sort { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        return .object(members)
    }

    private static func object(_ node: FHIRNode) -> Value {
        Self.object(members: node.children, resourceType: node.resourceType)
    }

    /// The member(s) for the nodes named `name`: `x` and, for primitives with `id` or `extension`, `_x`.
    private static func members(named name: String, nodes: [FHIRNode]) -> [(name: String, value: Value)] {
        let isArray = nodes.count > 1 || nodes.contains { $0.origin.contains(.arrayItem) }
        let isPrimitive = nodes.contains { $0.value != nil || ($0.origin.contains(.primitive) && $0.resourceType == nil) }
        switch (isPrimitive, isArray) {
        case (false, false):
            return [(name, Self.object(nodes[0]))]
        case (false, true):
            return [(name, .array(nodes.map(Self.object)))]
        case (true, false):
            var members: [(name: String, value: Value)] = []
            if let value = nodes[0].value { members.append((name, .scalar(value))) }
            if !nodes[0].children.isEmpty { members.append(("_" + name, Self.object(members: nodes[0].children, resourceType: nil))) }
            return members
        case (true, true):
            var members: [(name: String, value: Value)] = []
            if nodes.contains(where: { $0.value != nil }) {
                members.append((name, .array(nodes.map { $0.value.map(Value.scalar) ?? .null })))
            }
            if nodes.contains(where: { !$0.children.isEmpty }) {
                let extensions = nodes.map { $0.children.isEmpty ? Value.null : Self.object(members: $0.children, resourceType: nil) }
                members.append(("_" + name, .array(extensions)))
            }
            return members
        }
    }

    /// The children grouped by name, each group in document order.
    private static func groups(of children: [FHIRNode]) -> [[FHIRNode]] {
        var positions: [String: Int] = [:]
        var groups: [[FHIRNode]] = []
        for child in children {
            if let position = positions[child.name] {
                groups[position].append(child)
            } else {
                positions[child.name] = groups.count
                groups.append([child])
            }
        }
        return groups
    }

    /// A JSON value with its object members already in canonical order.
    private indirect enum Value {
        case null
        case scalar(FHIRScalar)
        case object([(name: String, value: Value)])
        case array([Value])

        func write(to bytes: inout [UInt8]) {
            switch self {
            case .null:
                bytes.append(contentsOf: "null".utf8)
            case .scalar(.string(let string)):
                Self.writeString(string, to: &bytes)
            case .scalar(.number(let lexeme)):
                bytes.append(contentsOf: lexeme.utf8)
            case .scalar(.bool(let bool)):
                bytes.append(contentsOf: (bool ? "true" : "false").utf8)
            case .object(let members):
                bytes.append(UInt8(ascii: "{"))
                for (position, member) in members.enumerated() {
                    if position > 0 { bytes.append(UInt8(ascii: ",")) }
                    Self.writeString(member.name, to: &bytes)
                    bytes.append(UInt8(ascii: ":"))
                    member.value.write(to: &bytes)
                }
                bytes.append(UInt8(ascii: "}"))
            case .array(let items):
                bytes.append(UInt8(ascii: "["))
                for (position, item) in items.enumerated() {
                    if position > 0 { bytes.append(UInt8(ascii: ",")) }
                    item.write(to: &bytes)
                }
                bytes.append(UInt8(ascii: "]"))
            }
        }

        /// A JSON string with the escapes JSON requires and no others (the escaping of RFC 8785 §3.2.2.2): quote and
        /// backslash, `\b \t \n \f \r` for those controls, `\u00xx` (lower-case hex) for the other controls; all other
        /// characters, including `/` and non-ASCII, as their UTF-8 bytes.
        static func writeString(_ string: String, to bytes: inout [UInt8]) {
            let hex = Array("0123456789abcdef".utf8)
            bytes.append(UInt8(ascii: "\""))
            for byte in string.utf8 {
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), byte])
                case 0x08: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
                case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
                case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
                case 0x0C: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
                case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
                case ..<0x20:
                    bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
                default: bytes.append(byte)
                }
            }
            bytes.append(UInt8(ascii: "\""))
        }
    }
}
