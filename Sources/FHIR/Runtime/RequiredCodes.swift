// SPDX-License-Identifier: Apache-2.0

/// The codes a `code` element with a required binding may take (R4 terminology binding strength "required").
///
/// The generator expands the value sets that the R4 core package defines completely; codes outside them are a
/// decoding error, as a strict server rejects `Task.status` `done`.
struct RequiredCodes: Sendable {
    /// The canonical URL of the value set, for messages.
    let valueSet: String
    let codes: Set<String>

    func check(_ code: Primitive<FHIRCode>) throws(FHIRDecodingError) {
        if let value = code.value, !codes.contains(value) {
            throw FHIRDecodingError(.invalidValue, "'\(value.prefix(80))' is not a code of the required value set \(valueSet)")
        }
    }
}

extension ElementReader {
    /// Decodes a singular `code` element with a required binding.
    mutating func single(
        _ slot: inout Primitive<FHIRCode>?,
        _ child: FHIRNode,
        order: Int,
        codes: RequiredCodes
    ) throws(FHIRDecodingError) {
        try single(&slot, child, order: order)
        if let slot {
            do {
                try codes.check(slot)
            } catch {
                throw error.prefixed(with: child.name)
            }
        }
    }

    /// Decodes one item of a repeating `code` element with a required binding.
    mutating func repeated(
        _ items: inout [Primitive<FHIRCode>],
        _ child: FHIRNode,
        order: Int,
        codes: RequiredCodes
    ) throws(FHIRDecodingError) {
        try repeated(&items, child, order: order)
        if let last = items.last {
            do {
                try codes.check(last)
            } catch {
                throw error.prefixed(with: "\(child.name)[\(items.count - 1)]")
            }
        }
    }
}
