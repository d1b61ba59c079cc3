// SPDX-License-Identifier: Apache-2.0

/// The members of one JSON object while it is parsed, turned into element nodes.
///
/// It applies the FHIR JSON conventions: `resourceType` is kept apart, an array becomes one node per item, and a
/// `_x` member is held back until the object is complete and then merged into the node(s) of `x`. Errors carry
/// paths relative to the object; the parser puts the path of the object in front.
struct JSONObjectBuilder {
    /// A `_x` member, held back because `x` may come after it.
    private struct Shadow {
        /// The name without the underscore.
        let name: String
        let value: JSONValue
        /// How many nodes the object had when the member was read: where a `_x` without `x` goes.
        let position: Int
    }

    private var children: [FHIRNode] = []
    private(set) var resourceType: String?
    private var keys = KeySet()
    private var shadows: [Shadow] = []
    /// Whether a `null` array item left a placeholder that a `_x` item has to fill.
    private var hasNullItems = false
    /// The member being read, until the separator after its value; for error paths.
    private(set) var key: String?

    /// Starts member `key`; fails if the object had it already.
    mutating func begin(_ key: String) throws(FHIRDecodingError) {
        self.key = key
        guard keys.insert(key) else { throw FHIRDecodingError(.duplicate, "duplicate member '\(key)'") }
    }

    /// Takes the value of the member begun last.
    mutating func add(_ value: JSONValue) throws(FHIRDecodingError) {
        guard let key else { return }
        if key == "resourceType" {
            guard case .scalar(.string(let type)) = value else {
                throw FHIRDecodingError(.wrongType, "resourceType must be a string")
            }
            resourceType = type
        } else if key.utf8.count > 1, key.utf8.first == UInt8(ascii: "_") {
            shadows.append(Shadow(name: String(key.dropFirst()), value: value, position: children.count))
        } else {
            try appendNodes(named: key, value)
        }
    }

    /// Ends the current member once its separator is read; until then errors still name it.
    mutating func endMember() {
        key = nil
    }

    /// Completes the object: merges the `_x` members and checks that no `null` item stayed empty.
    mutating func finish() throws(FHIRDecodingError) -> JSONValue {
        if !shadows.isEmpty { try mergeShadows() }
        if hasNullItems { try rejectEmptyItems() }
        return .object(children: children, resourceType: resourceType)
    }

    // MARK: - Members

    /// Appends the node(s) for member `name`; a `null` array item becomes an empty placeholder that `_x` may fill.
    private mutating func appendNodes(named name: String, _ value: JSONValue) throws(FHIRDecodingError) {
        switch value {
        case .null:
            throw FHIRDecodingError(.empty, "null is not allowed here")
        case .scalar(let scalar):
            children.append(FHIRNode(name: name, value: scalar))
        case .object(let members, let resourceType):
            guard !members.isEmpty || resourceType != nil else {
                throw FHIRDecodingError(.empty, "empty objects are not allowed")
            }
            children.append(FHIRNode(name: name, children: members, resourceType: resourceType))
        case .array(let items):
            children.reserveCapacity(children.count + items.count)
            for (position, item) in items.enumerated() {
                switch item {
                case .null:
                    hasNullItems = true
                    children.append(FHIRNode(name: name, origin: .arrayItem))
                case .scalar(let scalar):
                    children.append(FHIRNode(name: name, value: scalar, origin: .arrayItem))
                case .object(let members, let resourceType):
                    guard !members.isEmpty || resourceType != nil else {
                        throw FHIRDecodingError(.empty, "empty objects are not allowed", path: "[\(position)]")
                    }
                    children.append(FHIRNode(name: name, children: members, resourceType: resourceType, origin: .arrayItem))
                case .array:
                    throw FHIRDecodingError(.wrongType, "arrays cannot be nested", path: "[\(position)]")
                }
            }
        }
    }

    // MARK: - Primitive extensions

    /// Merges each `_x` member into the nodes of `x`, or adds value-less primitives where there is no `x`.
    private mutating func mergeShadows() throws(FHIRDecodingError) {
        var inserted = 0
        for shadow in shadows {
            let key = "_" + shadow.name
            // The nodes of one member are contiguous because member names are unique within an object.
            guard let first = children.firstIndex(where: { $0.name == shadow.name }) else {
                let nodes: [FHIRNode]
                do throws(FHIRDecodingError) {
                    nodes = try Self.primitivesWithoutValue(shadow)
                } catch {
                    throw error.prefixed(with: key)
                }
                children.insert(contentsOf: nodes, at: shadow.position + inserted)
                inserted += nodes.count
                continue
            }
            var end = first + 1
            while end < children.count, children[end].name == shadow.name { end += 1 }
            try merge(shadow, into: first..<end)
        }
    }

    /// Merges one `_x` member into the nodes of `x` at `range`; both must be arrays of the same length, or neither.
    private mutating func merge(_ shadow: Shadow, into range: Swift.Range<Int>) throws(FHIRDecodingError) {
        let key = "_" + shadow.name
        let isArray = children[range.lowerBound].origin.contains(.arrayItem)
        switch shadow.value {
        case .null:
            throw FHIRDecodingError(.empty, "null is not allowed here", path: key)
        case .scalar:
            throw FHIRDecodingError(.wrongType, "\(key) must be an object or an array", path: key)
        case .object(let members, let resourceType):
            try Self.checkExtensionObject(members, resourceType, path: key)
            guard !isArray else {
                throw FHIRDecodingError(.cardinality, "\(key) is an object but \(shadow.name) is an array", path: key)
            }
            try Self.attach(members, to: &children[range.lowerBound], path: shadow.name)
        case .array(let items):
            guard isArray else {
                throw FHIRDecodingError(.cardinality, "\(key) is an array but \(shadow.name) is not", path: key)
            }
            guard items.count == range.count else {
                throw FHIRDecodingError(.cardinality, "\(key) has \(items.count) items but \(shadow.name) has \(range.count)", path: key)
            }
            for (position, item) in items.enumerated() {
                switch item {
                case .null:
                    continue
                case .object(let members, let resourceType):
                    try Self.checkExtensionObject(members, resourceType, path: "\(key)[\(position)]")
                    try Self.attach(members, to: &children[range.lowerBound + position], path: "\(shadow.name)[\(position)]")
                case .scalar, .array:
                    throw FHIRDecodingError(.wrongType, "items of \(key) must be objects or null", path: "\(key)[\(position)]")
                }
            }
        }
    }

    /// The nodes for a `_x` member without `x`: primitives with only `id` and `extension`.
    private static func primitivesWithoutValue(_ shadow: Shadow) throws(FHIRDecodingError) -> [FHIRNode] {
        switch shadow.value {
        case .null:
            throw FHIRDecodingError(.empty, "null is not allowed here")
        case .scalar:
            throw FHIRDecodingError(.wrongType, "a primitive's extension member must be an object or an array")
        case .object(let members, let resourceType):
            try checkExtensionObject(members, resourceType, path: "")
            return [FHIRNode(name: shadow.name, children: members, origin: .primitive)]
        case .array(let items):
            var nodes: [FHIRNode] = []
            nodes.reserveCapacity(items.count)
            for (position, item) in items.enumerated() {
                switch item {
                case .null:
                    throw FHIRDecodingError(.empty, "an item with neither value nor extension", path: "[\(position)]")
                case .object(let members, let resourceType):
                    try checkExtensionObject(members, resourceType, path: "[\(position)]")
                    nodes.append(FHIRNode(name: shadow.name, children: members, origin: [.arrayItem, .primitive]))
                case .scalar, .array:
                    throw FHIRDecodingError(.wrongType, "items must be objects or null", path: "[\(position)]")
                }
            }
            return nodes
        }
    }

    /// A `_x` object holds `id` and `extension` of a primitive: never a resource, never empty.
    private static func checkExtensionObject(_ members: [FHIRNode], _ resourceType: String?, path: String) throws(FHIRDecodingError) {
        guard resourceType == nil else {
            throw FHIRDecodingError(.wrongType, "a primitive's extension object cannot be a resource", path: path)
        }
        guard !members.isEmpty else { throw FHIRDecodingError(.empty, "empty objects are not allowed", path: path) }
    }

    /// Puts the `_x` members in front of a primitive node's children; `x` must not be an object.
    private static func attach(_ members: [FHIRNode], to node: inout FHIRNode, path: String) throws(FHIRDecodingError) {
        if node.value == nil, !node.children.isEmpty || node.resourceType != nil {
            throw FHIRDecodingError(.wrongType, "an object cannot have a primitive extension member", path: path)
        }
        node.children = members + node.children
        if node.value == nil { node.origin.insert(.primitive) }
    }

    /// Rejects `null` array items that no `_x` item filled.
    private func rejectEmptyItems() throws(FHIRDecodingError) {
        var previousName = ""
        var position = 0
        for node in children {
            if node.name == previousName {
                position += 1
            } else {
                previousName = node.name
                position = 0
            }
            if node.value == nil, node.children.isEmpty, node.resourceType == nil {
                throw FHIRDecodingError(.empty, "an array item with neither value nor extension", path: "\(node.name)[\(position)]")
            }
        }
    }
}

/// The member names of one object, for the duplicate check: a short list, and a set once objects get large.
private struct KeySet {
    private var small: [String] = []
    private var large: Set<String> = []

    /// Adds `key`; false if it was there already.
    mutating func insert(_ key: String) -> Bool {
        if small.count < 16 {
            if small.contains(key) { return false }
            small.append(key)
            return true
        }
        if large.isEmpty { large = Set(small) }
        return large.insert(key).inserted
    }
}
