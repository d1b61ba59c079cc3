// SPDX-License-Identifier: Apache-2.0

import PropertyBased
import Testing

@testable import FHIR

/// Generators of random but valid resources for the round-trip properties.
///
/// The property library draws a `UInt64` seed; ``ResourceFactory`` builds the resource from that seed alone, so a
/// failing case is rebuilt by the library's `.fixedSeed(…)` trait or directly with `ResourceFactory(seed:)`.
enum ResourceGenerators {
    /// Patients, Tasks, Medications and collection Bundles holding them, in about equal parts.
    /// Shrinking is off: a smaller seed builds an unrelated resource, not a smaller one.
    static let resources: Generator<GeneratedResource, Shrink.None<UInt64>> = Gen.uint64().withoutShrink().map { seed in
        GeneratedResource(seed: seed)
    }
}

/// A resource built from a seed; test output names the seed rather than printing the whole resource.
struct GeneratedResource: Sendable, CustomTestStringConvertible {
    let seed: UInt64
    let resource: Resource

    init(seed: UInt64) {
        let factory = ResourceFactory(seed: seed)
        self.seed = seed
        self.resource = factory.anyResource()
    }

    var testDescription: String {
        "\(resource.resourceType) built by ResourceFactory(seed: 0x\(String(seed, radix: 16))).anyResource()"
    }
}

/// SplitMix64: small, fast and fully determined by its seed.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}

/// Builds valid resources with awkward content from a seeded random number generator.
///
/// Every feature the properties are meant to exercise is recorded in ``features`` when it is generated, so a test can
/// check that the generator really produces it.
final class ResourceFactory {
    private var random: SplitMix64
    /// The features generated so far (see ``Feature``).
    private(set) var features: Set<Feature> = []

    init(seed: UInt64) {
        random = SplitMix64(seed: seed)
    }

    /// Generated features that the round-trip properties depend on.
    enum Feature: String, CaseIterable, Sendable {
        case patient, task, medication, bundle, contained
        case valueCoding, valueIdentifier, valueDecimal, valueBoolean, valueInteger, valueDateTime, nestedExtension
        case extensionOnlyPrimitive, primitiveWithIdAndExtension
        case dateYear, dateMonth, dateDay, dateTimeWithFraction, dateTimeWithOffset
        case decimalTrailingZero, decimalExponent, decimalNegative, decimalInteger
        case xmlSpecials, backslash, newline, tab, carriageReturn, nonASCII, emoji, leadingOrTrailingSpace, whitespaceOnly
        case identifierAssigner, taskInput, taskOutput, ratio
    }

    // MARK: - Resources

    /// A Patient, Task, Medication or collection Bundle.
    func anyResource() -> Resource {
        switch int(0...3) {
        case 0: .patient(patient(id: plainID()))
        case 1: .task(task(id: plainID(), subject: nil))
        case 2: .medication(medication(id: plainID()))
        default: .bundle(bundle())
        }
    }

    /// A Bundle of type `collection` whose entries have `urn:uuid:` fullUrls equal to their resources' ids.
    func bundle() -> Bundle {
        features.insert(.bundle)
        var entries: [Bundle.Entry] = []
        var patientURL: String?
        for _ in 0..<int(1...4) {
            let uuid = uuidString()
            let resource: Resource
            switch int(0...2) {
            case 0:
                resource = .patient(patient(id: uuid))
                patientURL = patientURL ?? "urn:uuid:" + uuid
            case 1: resource = .task(task(id: uuid, subject: patientURL))
            default: resource = .medication(medication(id: uuid))
            }
            entries.append(Bundle.Entry(fullUrl: Primitive("urn:uuid:" + uuid), resource: resource))
        }
        return Bundle(
            id: Primitive(plainID()),
            meta: maybe(0.3) { meta() },
            identifier: maybe(0.5) { Identifier(system: "https://gematik.de/fhir/sid/PrescriptionID", value: primitive(text())) },
            type: "collection",
            timestamp: maybe(0.7) { Primitive(dateTime(instant: true)) },
            entry: entries
        )
    }

    func patient(id: String) -> Patient {
        features.insert(.patient)
        return Patient(
            id: Primitive(id),
            meta: maybe(0.4) { meta() },
            extension: list(0...2) { extensionElement(depth: 0) },
            identifier: list(0...2) { identifier(depth: 0) },
            active: maybe(0.5) { primitive(bool()) },
            name: list(1...3) { humanName() },
            telecom: list(0...2) { contactPoint() },
            gender: maybe(0.8) { primitive(pick(["male", "female", "other", "unknown"])) },
            birthDate: maybe(0.9) { birthDate() },
            deceased: maybe(0.3) { () -> Patient.DeceasedX in
                bool() ? .boolean(primitive(bool())) : .dateTime(primitive(dateTime()))
            },
            address: list(0...2) { address() },
            multipleBirth: maybe(0.2) { () -> Patient.MultipleBirthX in
                bool() ? .boolean(Primitive(bool())) : .integer(primitive(int32()))
            },
            generalPractitioner: list(0...1) { reference(depth: 0) },
            managingOrganization: maybe(0.3) { reference(depth: 0) }
        )
    }

    /// A Task; `subject` is the `urn:uuid:` of a Patient in the same Bundle, if there is one.
    func task(id: String, subject: String?) -> Task {
        features.insert(.task)
        let containedID = "contained-medication-\(int(1...99))"
        let contained = maybe(0.4) { Resource.medication(medication(id: containedID, containsMore: false)) }
        var input = list(0...3) { Task.Input(type: codeableConcept(), value: taskValue()) }
        if contained != nil {
            features.insert(.contained)
            input.append(Task.Input(type: codeableConcept(), value: .reference(Reference(reference: Primitive("#" + containedID)))))
        }
        if !input.isEmpty { features.insert(.taskInput) }
        let output = list(0...2) { Task.Output(type: codeableConcept(), value: taskOutputValue()) }
        if !output.isEmpty { features.insert(.taskOutput) }
        return Task(
            id: Primitive(id),
            meta: maybe(0.5) { meta() },
            contained: contained.map { [$0] } ?? [],
            extension: list(1...4) { extensionElement(depth: 0) },
            identifier: list(0...2) { identifier(depth: 0) },
            status: Primitive(pick(["draft", "ready", "in-progress", "completed", "cancelled", "entered-in-error"])),
            businessStatus: maybe(0.2) { codeableConcept() },
            intent: Primitive(pick(["order", "proposal", "plan", "unknown", "instance-order"])),
            priority: maybe(0.3) { primitive(pick(["routine", "urgent", "asap", "stat"])) },
            description: maybe(0.4) { primitive(text()) },
            for: Reference(reference: Primitive(subject ?? "Patient/" + plainID()), display: maybe(0.3) { primitive(text()) }),
            executionPeriod: maybe(0.3) { period() },
            authoredOn: maybe(0.8) { primitive(dateTime()) },
            lastModified: maybe(0.5) { primitive(dateTime()) },
            performerType: list(0...1) { codeableConcept() },
            note: list(0...1) { Annotation(time: maybe(0.5) { Primitive(dateTime()) }, text: primitive(text())) },
            restriction: maybe(0.2) { Task.Restriction(repetitions: Primitive(Int32(int(1...9))), period: period()) },
            input: input,
            output: output
        )
    }

    func medication(id: String) -> Medication {
        medication(id: id, containsMore: true)
    }

    private func medication(id: String, containsMore: Bool) -> Medication {
        features.insert(.medication)
        let containedID = "ingredient-\(int(1...99))"
        let contained = containsMore && chance(0.3) ? [Resource.medication(medication(id: containedID, containsMore: false))] : []
        var ingredients = list(0...2) {
            Medication.Ingredient(
                item: .codeableConcept(codeableConcept()),
                isActive: maybe(0.5) { Primitive(bool()) },
                strength: maybe(0.7) { ratio() }
            )
        }
        if !contained.isEmpty {
            features.insert(.contained)
            ingredients.append(Medication.Ingredient(item: .reference(Reference(reference: Primitive("#" + containedID))), strength: ratio()))
        }
        return Medication(
            id: Primitive(id),
            meta: maybe(0.4) { meta() },
            contained: contained,
            extension: list(0...3) { extensionElement(depth: 0) },
            code: codeableConcept(),
            status: maybe(0.3) { primitive(pick(["active", "inactive", "entered-in-error"])) },
            form: maybe(0.5) { codeableConcept() },
            amount: maybe(0.8) { ratio() },
            ingredient: ingredients,
            batch: maybe(0.3) {
                Medication.Batch(
                    lotNumber: primitive(text()),
                    expirationDate: maybe(0.6) { primitive(dateTime()) }
                )
            }
        )
    }

    // MARK: - Datatypes

    private func meta() -> Meta {
        Meta(
            versionId: maybe(0.3) { Primitive(String(int(1...99))) },
            lastUpdated: maybe(0.6) { Primitive(dateTime(instant: true)) },
            profile: list(1...2) { Primitive("https://fhir.kbv.de/StructureDefinition/KBV_PR_\(int(1...9))|1.\(int(0...3)).0") },
            tag: list(0...1) { coding() }
        )
    }

    private func humanName() -> HumanName {
        HumanName(
            use: maybe(0.6) { primitive(pick(["official", "usual", "maiden", "nickname"])) },
            text: maybe(0.3) { primitive(text()) },
            family: maybe(0.9) {
                primitive(
                    text(),
                    extensions: [
                        Extension(url: "http://hl7.org/fhir/StructureDefinition/humanname-own-name", value: .string(Primitive(text())))
                    ]
                )
            },
            given: list(1...3) { primitive(text()) },
            prefix: list(0...1) { primitive(pick(["Dr.", "Prof. Dr. med.", "Dipl.-Ing."])) }
        )
    }

    private func contactPoint() -> ContactPoint {
        ContactPoint(
            system: Primitive(pick(["phone", "email", "fax", "url", "other"])),
            value: primitive(text()),
            use: maybe(0.5) { primitive(pick(["home", "work", "mobile"])) },
            rank: maybe(0.3) { Primitive(Int32(int(1...Int(Int32.max)))) }
        )
    }

    private func address() -> Address {
        Address(
            use: maybe(0.4) { primitive(pick(["home", "work", "billing"])) },
            type: maybe(0.6) { Primitive(pick(["both", "postal", "physical"])) },
            line: list(1...3) { addressLine() },
            city: maybe(0.8) { primitive(text()) },
            postalCode: maybe(0.8) { Primitive(String(int(10_000...99_999))) },
            country: maybe(0.5) { primitive(pick(["D", "DE", "Deutschland"])) }
        )
    }

    /// An address line with the German street-name and house-number extensions, sometimes without a value.
    private func addressLine() -> Primitive<FHIRString> {
        let adxp = "http://hl7.org/fhir/StructureDefinition/iso21090-ADXP-"
        let extensions = [
            Extension(url: adxp + "streetName", value: .string(primitive(text()))),
            Extension(url: adxp + "houseNumber", value: .string(Primitive(String(int(1...999)) + pick(["", "a", " b"])))),
        ]
        if chance(0.2) {
            features.insert(.extensionOnlyPrimitive)
            return Primitive(nil, extension: extensions)
        }
        return Primitive(text(), id: maybe(0.2) { elementID() }, extension: Array(extensions.prefix(int(0...2))))
    }

    private func identifier(depth: Int) -> Identifier {
        var identifier = Identifier(
            use: maybe(0.3) { primitive(pick(["official", "usual", "secondary"])) },
            type: maybe(0.4) { codeableConcept() },
            system: maybe(0.9) { primitive(uri()) },
            value: primitive(text()),
            period: maybe(0.2) { period() }
        )
        if depth < 2, chance(0.4) {
            features.insert(.identifierAssigner)
            identifier.assigner = reference(depth: depth + 1)
        }
        return identifier
    }

    private func reference(depth: Int) -> Reference {
        Reference(
            reference: maybe(0.6) { Primitive("Organization/" + plainID()) },
            type: maybe(0.3) { Primitive(pick(["Organization", "Practitioner", "Patient"])) },
            identifier: depth < 2 && chance(0.4) ? identifier(depth: depth + 1) : nil,
            display: primitive(text())
        )
    }

    private func coding() -> Coding {
        Coding(
            system: maybe(0.9) { primitive(uri()) },
            version: maybe(0.2) { Primitive("1.\(int(0...9))") },
            code: Primitive(pick(["GKV", "PKV", "BG", "1", "e16A", "Prescription", "N1", "TAB", "a b"])),
            display: maybe(0.5) { primitive(text()) },
            userSelected: maybe(0.1) { Primitive(bool()) }
        )
    }

    private func codeableConcept() -> CodeableConcept {
        let codings = list(0...2) { coding() }
        let text: Primitive<FHIRString>? = codings.isEmpty || chance(0.3) ? primitive(self.text()) : nil
        return CodeableConcept(coding: codings, text: text)
    }

    private func period() -> Period {
        let start: Primitive<FHIRDateTime>? = maybe(0.8) { Primitive(dateTime()) }
        let end: Primitive<FHIRDateTime>? = start == nil || chance(0.5) ? Primitive(dateTime()) : nil
        return Period(start: start, end: end)
    }

    private func quantity() -> Quantity {
        Quantity(
            value: primitive(decimal()),
            comparator: maybe(0.1) { Primitive(pick(["<", "<=", ">=", ">"])) },
            unit: maybe(0.7) { primitive(pick(["mg", "Stück", "ml", "µg/h", "I.E.", "% (w/w)"])) },
            system: maybe(0.5) { "http://unitsofmeasure.org" },
            code: maybe(0.5) { Primitive(pick(["mg", "mL", "ug/h", "{tbl}", "%"])) }
        )
    }

    private func ratio() -> Ratio {
        features.insert(.ratio)
        return Ratio(numerator: quantity(), denominator: maybe(0.8) { quantity() })
    }

    // MARK: - Extensions and choice values

    /// An extension with one of the value types the properties must cover, or with nested extensions.
    private func extensionElement(depth: Int) -> Extension {
        let url = uri() + "/StructureDefinition/ext-\(int(1...20))"
        if depth < 2, chance(0.15) {
            features.insert(.nestedExtension)
            return Extension(id: maybe(0.2) { elementID() }, extension: list(1...2) { extensionElement(depth: depth + 1) }, url: url)
        }
        return Extension(id: maybe(0.1) { elementID() }, url: url, value: extensionValue(depth: depth))
    }

    private func extensionValue(depth: Int) -> Extension.ValueX {
        switch int(0...9) {
        case 0:
            features.insert(.valueCoding)
            return .coding(coding())
        case 1:
            features.insert(.valueIdentifier)
            return .identifier(identifier(depth: depth + 1))
        case 2:
            features.insert(.valueDecimal)
            return .decimal(primitive(decimal(), depth: depth + 1))
        case 3:
            features.insert(.valueBoolean)
            return .boolean(primitive(bool(), depth: depth + 1))
        case 4:
            features.insert(.valueInteger)
            return .integer(primitive(int32(), depth: depth + 1))
        case 5:
            features.insert(.valueDateTime)
            return .dateTime(primitive(dateTime(), depth: depth + 1))
        case 6: return .string(primitive(text(), depth: depth + 1))
        case 7: return .code(Primitive(pick(["00", "1", "true", "GKV"])))
        case 8: return .quantity(quantity())
        default: return .reference(reference(depth: depth + 1))
        }
    }

    private func taskValue() -> Task.Input.ValueX {
        switch int(0...9) {
        case 0: .reference(reference(depth: 0))
        case 1: .string(primitive(text()))
        case 2: .boolean(primitive(bool()))
        case 3: .integer(primitive(int32()))
        case 4: .decimal(primitive(decimal()))
        case 5: .dateTime(primitive(dateTime()))
        case 6: .coding(coding())
        case 7: .identifier(identifier(depth: 0))
        case 8: .quantity(quantity())
        default: .codeableConcept(codeableConcept())
        }
    }

    private func taskOutputValue() -> Task.Output.ValueX {
        switch int(0...6) {
        case 0: .reference(reference(depth: 0))
        case 1: .string(primitive(text()))
        case 2: .instant(Primitive(dateTime(instant: true)))
        case 3: .date(Primitive(date()))
        case 4: .uri(Primitive(uri()))
        case 5: .ratio(ratio())
        default: .unsignedInt(Primitive(Int32(int(0...Int(Int32.max)))))
        }
    }

    // MARK: - Primitives

    /// A primitive with the value, sometimes with an element id or an extension, sometimes with the extension only.
    private func primitive<Kind: FHIRPrimitiveType>(_ value: Kind.Value, depth: Int = 0) -> Primitive<Kind> {
        guard depth < 2 else { return Primitive(value) }
        switch int(0...19) {
        case 0:
            features.insert(.extensionOnlyPrimitive)
            return Primitive(nil, extension: [dataAbsentReason()])
        case 1:
            features.insert(.primitiveWithIdAndExtension)
            return Primitive(value, id: elementID(), extension: list(1...2) { extensionElement(depth: depth + 1) })
        case 2:
            return Primitive(value, extension: [extensionElement(depth: depth + 1)])
        default:
            return Primitive(value)
        }
    }

    /// A primitive with the given value and extensions.
    private func primitive<Kind: FHIRPrimitiveType>(_ value: Kind.Value, extensions: [Extension]) -> Primitive<Kind> {
        Primitive(value, extension: chance(0.5) ? extensions : [])
    }

    private func dataAbsentReason() -> Extension {
        Extension(
            url: "http://hl7.org/fhir/StructureDefinition/data-absent-reason",
            value: .code(Primitive(pick(["unknown", "asked-unknown", "masked", "not-applicable"])))
        )
    }

    private func birthDate() -> Primitive<FHIRDate> {
        if chance(0.1) {
            features.insert(.extensionOnlyPrimitive)
            return Primitive(nil, extension: [dataAbsentReason()])
        }
        return Primitive(date())
    }

    /// A date of year, year-month or full-date precision.
    private func date() -> DateTimeValue {
        lexicalValue(dateLexical(precision: int(0...2)))
    }

    /// A dateTime of any precision, or an instant (always with time and zone).
    private func dateTime(instant: Bool = false) -> DateTimeValue {
        let precision = instant ? 3 : int(0...3)
        var lexical = dateLexical(precision: min(precision, 2))
        if precision == 3 {
            lexical += "T" + pad(int(0...23), 2) + ":" + pad(int(0...59), 2) + ":" + pad(int(0...59), 2)
            if chance(0.4) {
                features.insert(.dateTimeWithFraction)
                lexical += "." + digits(count: int(1...9))
            }
            if chance(0.3) {
                lexical += "Z"
            } else {
                features.insert(.dateTimeWithOffset)
                lexical += pick(["+00:00", "+01:00", "+02:00", "-05:30", "+05:45", "+14:00", "-12:00"])
            }
        }
        return lexicalValue(lexical)
    }

    /// `precision` 0: year, 1: year-month, 2: full date.
    private func dateLexical(precision: Int) -> String {
        let year = chance(0.05) ? pick([1, 1000, 2000, 2400, 9999]) : int(1900...2100)
        var lexical = pad(year, 4)
        features.insert(.dateYear)
        if precision >= 1 {
            features.insert(.dateMonth)
            let month = int(1...12)
            lexical += "-" + pad(month, 2)
            if precision >= 2 {
                features.insert(.dateDay)
                lexical += "-" + pad(int(1...DateTimeValue.days(inMonth: month, year: year)), 2)
            }
        }
        return lexical
    }

    /// A decimal lexeme: fixed favourites (`1.50`, `-0.001`, `1e3`, `100`) or a random one with the same traits.
    private func decimal() -> DecimalValue {
        var lexical: String
        if chance(0.4) {
            lexical = pick(["1.50", "-0.001", "1e3", "100", "0", "0.0", "-0", "2.50E-2", "1E+10", "12345678901234567890.0123456789"])
        } else {
            lexical = (chance(0.3) ? "-" : "") + (chance(0.3) ? "0" : String(int(1...99_999)))
            if chance(0.6) { lexical += "." + digits(count: int(1...6)) + (chance(0.4) ? "0" : "") }
            if chance(0.15) { lexical += pick(["e", "E"]) + pick(["", "+", "-"]) + String(int(0...20)) }
        }
        if lexical.hasPrefix("-") { features.insert(.decimalNegative) }
        if lexical.contains("e") || lexical.contains("E") { features.insert(.decimalExponent) }
        if lexical.contains(".") && lexical.hasSuffix("0") { features.insert(.decimalTrailingZero) }
        if !lexical.contains(".") && !lexical.contains("e") && !lexical.contains("E") { features.insert(.decimalInteger) }
        guard let value = DecimalValue(lexical: lexical) else { preconditionFailure("generated an invalid decimal \(lexical)") }
        return value
    }

    private func int32() -> Int32 {
        chance(0.3) ? pick([0, 1, -1, Int32.max, Int32.min]) : Int32.random(in: .min ... .max, using: &random)
    }

    private func bool() -> Bool { random.next() & 1 == 1 }

    private func lexicalValue(_ lexical: String) -> DateTimeValue {
        guard let value = DateTimeValue(lexical: lexical) else { preconditionFailure("generated an invalid dateTime \(lexical)") }
        return value
    }

    // MARK: - Text

    /// Pieces of text that are valid in a FHIR string but awkward for a codec, with the features they carry.
    private static let fragments: [(text: String, features: [Feature])] = [
        ("Müller", [.nonASCII]), ("Anna", []), ("Straße", [.nonASCII]), ("漢字", [.nonASCII]), ("テスト", [.nonASCII]),
        ("Ærø ä ö ü", [.nonASCII]), ("e\u{301}", [.nonASCII]), ("\u{A0}", [.nonASCII]), ("\u{2028}", [.nonASCII]),
        ("\u{FEFF}", [.nonASCII]), ("😀", [.emoji]), ("👩‍⚕️", [.emoji]), ("🇩🇪", [.emoji]), ("𝄞", [.emoji]),
        ("<", [.xmlSpecials]), (">", [.xmlSpecials]), ("&", [.xmlSpecials]), ("\"", [.xmlSpecials]), ("'", [.xmlSpecials]),
        ("&amp;", [.xmlSpecials]), ("<b>bold</b>", [.xmlSpecials]), ("]]>", [.xmlSpecials]), ("&#10;", [.xmlSpecials]),
        ("\"quoted\"", [.xmlSpecials]), ("\\", [.backslash]), ("C:\\Temp\\new", [.backslash]), ("\\u0041\\n", [.backslash]),
        ("\n", [.newline]), ("\t", [.tab]), ("\r\n", [.carriageReturn]), ("\r", [.carriageReturn]),
        ("{\"a\": [1]}", [.xmlSpecials]), ("/", []), ("12", []), ("a/b?c=1&d=2", [.xmlSpecials]),
    ]

    /// A non-empty string: usually a plain word, often one with awkward fragments, sometimes padded with spaces.
    private func text() -> String {
        if chance(0.02) {
            features.insert(.whitespaceOnly)
            return pick([" ", "  ", " \t ", "\n"])
        }
        var result = pick(["Ludger", "Königsstein", "Musterstr. 1", "Berlin", "Ibuprofen 400 mg", "Stück"])
        if chance(0.6) {
            for _ in 0..<int(1...4) {
                let fragment = pick(Self.fragments)
                features.formUnion(fragment.features)
                result += chance(0.5) ? fragment.text : " " + fragment.text
            }
        }
        if chance(0.15) {
            features.insert(.leadingOrTrailingSpace)
            result = pick(["", " ", "  "]) + result + pick([" ", "  ", "\t"])
        }
        return result
    }

    /// An absolute URI without whitespace; some carry XML specials.
    private func uri() -> String {
        pick([
            "http://fhir.de/sid/gkv/kvid-10", "https://gematik.de/fhir/erp", "urn:oid:1.2.276.0.76.4.8",
            "https://example.org/fhir?a=1&b='2'", "http://example.org/<path>",
        ])
    }

    /// An `Element.id`.
    private func elementID() -> String {
        pick(["e1", "line-\(int(1...9))", "x.y", "a&b"])
    }

    /// A resource id: 1 to 64 of `A-Z a-z 0-9 - .`.
    private func plainID() -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-.")
        return String((0..<int(1...64)).map { _ in alphabet[int(0...(alphabet.count - 1))] })
    }

    /// A random version 4 UUID in lower case.
    private func uuidString() -> String {
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &random) }
        bytes[6] = bytes[6] & 0x0F | 0x40
        bytes[8] = bytes[8] & 0x3F | 0x80
        let hex: [String] = bytes.map { pad($0, 2, radix: 16) }
        let groups: [ArraySlice<String>] = [hex[0..<4], hex[4..<6], hex[6..<8], hex[8..<10], hex[10..<16]]
        return groups.map { $0.joined() }.joined(separator: "-")
    }

    private func digits(count: Int) -> String {
        String((0..<count).map { _ in Character(String(int(0...9))) })
    }

    private func pad(_ value: some BinaryInteger, _ width: Int, radix: Int = 10) -> String {
        let digits = String(value, radix: radix)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    // MARK: - Random choices

    private func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }

    private func chance(_ probability: Double) -> Bool { Double.random(in: 0..<1, using: &random) < probability }

    private func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

    private func maybe<T>(_ probability: Double, _ make: () -> T) -> T? {
        chance(probability) ? make() : nil
    }

    private func list<T>(_ count: ClosedRange<Int>, _ make: () -> T) -> [T] {
        (0..<int(count)).map { _ in make() }
    }
}
