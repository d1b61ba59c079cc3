// SPDX-License-Identifier: Apache-2.0

/// Writes the format-neutral element tree as FHIR JSON.
///
/// Children with the same name become one member, in the order of the name's first appearance; a member is an array
/// when its nodes are array items (or when there are several). Primitives put their value in `x` and their `id` and
/// `extension` in `_x`, aligned item by item for arrays.
enum JSONWriter {
    /// Serialises a resource node (or any node, as an object) to UTF-8 JSON.
    /// - Parameter prettyPrinted: indent with two spaces and put one member per line, like the FHIR examples.
    static func write(_ node: FHIRNode, prettyPrinted: Bool) -> [UInt8] {
        var output = JSONOutput(prettyPrinted: prettyPrinted)
        output.writeObject(node, level: 0)
        return output.bytes
    }
}

/// The output buffer and the writing logic of `JSONWriter`.
private struct JSONOutput {
    var bytes: [UInt8] = []
    let prettyPrinted: Bool

    init(prettyPrinted: Bool) {
        self.prettyPrinted = prettyPrinted
        bytes.reserveCapacity(16 * 1024)
    }

    /// Writes a node as an object: its resource type first, then its children as members.
    mutating func writeObject(_ node: FHIRNode, level: Int) {
        writeObject(members: node.children, resourceType: node.resourceType, level: level)
    }

    mutating func writeObject(members children: [FHIRNode], resourceType: String?, level: Int) {
        bytes.append(UInt8(ascii: "{"))
        var first = true
        if let resourceType {
            beginMember("resourceType", first: &first, level: level + 1)
            writeString(resourceType)
        }
        for nodes in Self.groups(of: children) {
            writeMember(nodes[nodes.startIndex].name, nodes: nodes, first: &first, level: level + 1)
        }
        if !first { newline(level: level) }
        bytes.append(UInt8(ascii: "}"))
    }

    /// The children grouped by name, names in order of first appearance.
    ///
    /// Readers and model encoders keep same-named children together, so runs are the common case; other trees are
    /// regrouped with a dictionary.
    static func groups(of children: [FHIRNode]) -> [ArraySlice<FHIRNode>] {
        var runs: [ArraySlice<FHIRNode>] = []
        var names: Set<String> = []
        var start = 0
        while start < children.count {
            var end = start + 1
            while end < children.count, children[end].name == children[start].name { end += 1 }
            guard names.insert(children[start].name).inserted else { return regrouped(children) }
            runs.append(children[start..<end])
            start = end
        }
        return runs
    }

    private static func regrouped(_ children: [FHIRNode]) -> [ArraySlice<FHIRNode>] {
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
        return groups.map { $0[...] }
    }

    /// Writes the member(s) for the nodes named `name`: `x`, and `_x` for primitives with `id` or `extension`.
    mutating func writeMember(_ name: String, nodes: ArraySlice<FHIRNode>, first: inout Bool, level: Int) {
        let isArray = nodes.count > 1 || nodes.contains { $0.origin.contains(.arrayItem) }
        let isPrimitive = nodes.contains { $0.value != nil || ($0.origin.contains(.primitive) && $0.resourceType == nil) }
        switch (isPrimitive, isArray) {
        case (false, false):
            beginMember(name, first: &first, level: level)
            writeObject(nodes[nodes.startIndex], level: level)
        case (false, true):
            beginMember(name, first: &first, level: level)
            writeArray(nodes, level: level) { output, node in output.writeObject(node, level: level + 1) }
        case (true, false):
            let node = nodes[nodes.startIndex]
            if let value = node.value {
                beginMember(name, first: &first, level: level)
                writeScalar(value)
            }
            if !node.children.isEmpty {
                beginMember("_" + name, first: &first, level: level)
                writeObject(members: node.children, resourceType: nil, level: level)
            }
        case (true, true):
            if nodes.contains(where: { $0.value != nil }) {
                beginMember(name, first: &first, level: level)
                writeArray(nodes, level: level) { output, node in
                    if let value = node.value { output.writeScalar(value) } else { output.writeNull() }
                }
            }
            if nodes.contains(where: { !$0.children.isEmpty }) {
                beginMember("_" + name, first: &first, level: level)
                writeArray(nodes, level: level) { output, node in
                    if node.children.isEmpty {
                        output.writeNull()
                    } else {
                        output.writeObject(members: node.children, resourceType: nil, level: level + 1)
                    }
                }
            }
        }
    }

    /// Writes `[item, item, …]`, one item per line when pretty printing.
    mutating func writeArray(_ nodes: ArraySlice<FHIRNode>, level: Int, item: (inout JSONOutput, FHIRNode) -> Void) {
        bytes.append(UInt8(ascii: "["))
        for (position, node) in nodes.enumerated() {
            if position > 0 { bytes.append(UInt8(ascii: ",")) }
            newline(level: level + 1)
            item(&self, node)
        }
        newline(level: level)
        bytes.append(UInt8(ascii: "]"))
    }

    /// Writes the separator, line break and key of a member.
    mutating func beginMember(_ name: String, first: inout Bool, level: Int) {
        if first {
            first = false
        } else {
            bytes.append(UInt8(ascii: ","))
        }
        newline(level: level)
        writeString(name)
        bytes.append(UInt8(ascii: ":"))
        if prettyPrinted { bytes.append(UInt8(ascii: " ")) }
    }

    mutating func newline(level: Int) {
        guard prettyPrinted else { return }
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * level))
    }

    mutating func writeScalar(_ scalar: FHIRScalar) {
        switch scalar {
        case .string(let string): writeString(string)
        case .number(let lexeme): bytes.append(contentsOf: lexeme.utf8)
        case .bool(let bool): bytes.append(contentsOf: (bool ? "true" : "false").utf8)
        }
    }

    mutating func writeNull() {
        bytes.append(contentsOf: "null".utf8)
    }

    /// Writes a JSON string, escaping only what JSON requires: quote, backslash and control characters.
    mutating func writeString(_ string: String) {
        bytes.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { utf8 in
            var runStart = 0
            for (index, byte) in utf8.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                runStart = index + 1
                bytes.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
                case 0x0A: bytes.append(UInt8(ascii: "n"))
                case 0x0D: bytes.append(UInt8(ascii: "r"))
                case 0x09: bytes.append(UInt8(ascii: "t"))
                case 0x08: bytes.append(UInt8(ascii: "b"))
                case 0x0C: bytes.append(UInt8(ascii: "f"))
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
