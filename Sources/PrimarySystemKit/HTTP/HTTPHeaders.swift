// SPDX-License-Identifier: Apache-2.0

/// Ordered HTTP header fields with case-insensitive lookup (RFC 9110 §5.1).
public struct HTTPHeaders: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral {
    /// One field.
    public struct Field: Sendable, Hashable {
        /// The name as written.
        public var name: String
        /// The value.
        public var value: String

        /// Creates a field.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The fields in order.
    public private(set) var fields: [Field]

    /// Creates headers from `fields`.
    public init(_ fields: [Field] = []) { self.fields = fields }

    /// Creates headers from a literal, in the literal's order.
    public init(dictionaryLiteral elements: (String, String)...) {
        self.fields = elements.map { Field(name: $0.0, value: $0.1) }
    }

    /// The first value of `name`, any case; setting replaces every field of that name (or removes them for `nil`).
    public subscript(name: String) -> String? {
        get { self.fields.first { $0.name.lowercased() == name.lowercased() }?.value }
        set {
            let index = self.fields.firstIndex { $0.name.lowercased() == name.lowercased() }
            self.fields.removeAll { $0.name.lowercased() == name.lowercased() }
            guard let newValue else { return }
            self.fields.insert(Field(name: name, value: newValue), at: Swift.min(index ?? self.fields.count, self.fields.count))
        }
    }

    /// Appends a field, keeping existing ones of the same name.
    public mutating func append(name: String, value: String) { self.fields.append(Field(name: name, value: value)) }

    /// Iterates the fields in order.
    public func makeIterator() -> IndexingIterator<[Field]> { self.fields.makeIterator() }
}
