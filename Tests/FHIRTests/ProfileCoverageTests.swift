// SPDX-License-Identifier: Apache-2.0

import Foundation
import Testing

@testable import FHIR

/// The model can represent every element that the gematik profiles constrain.
///
/// Each snapshot element path of each profile is walked through the generated element table
/// (``ModelDefinitions``), entering datatypes, backbone elements and primitives the way FHIR does; the types a
/// profile allows must be types the model's element allows, and a profile may not make an element repeat that
/// the model keeps single.
@Suite struct ProfileCoverageTests {
    @Test(arguments: ["de.gematik.erezept-workflow.r4", "de.gematik.ti", "de.gematik.epa", "de.fhir.medication"])
    func modelCoversEveryConstrainedElement(of packagePrefix: String) throws {
        let packages = try FHIRPackage.named(packagePrefix)
        try #require(!packages.isEmpty, "no package \(packagePrefix) in \(FHIRPackage.root.path)")
        var checked = 0
        var problems: [String] = []
        var outsideModel: Set<String> = []
        for package in packages {
            for profile in package.profiles {
                let type = profile["type"] as? String ?? ""
                guard ModelDefinitions.elements[type] != nil else {
                    outsideModel.insert(type)
                    continue
                }
                let snapshot = (profile["snapshot"] as? [String: Any])?["element"] as? [[String: Any]] ?? []
                for element in snapshot.dropFirst() {
                    checked += 1
                    if let problem = Self.check(element, in: snapshot) {
                        problems.append("\(package.name) \(profile["url"] as? String ?? "?"): \(problem)")
                    }
                }
            }
        }
        print("ProfileCoverageTests: \(packagePrefix): \(checked) constrained elements checked; types outside the model: \(outsideModel.sorted())")
        #expect(checked > 0)
        #expect(problems.isEmpty, "\(problems.count) problems:\n\(problems.prefix(40).joined(separator: "\n"))")
        if packagePrefix == "de.gematik.erezept-workflow.r4" {
            #expect(outsideModel.isEmpty, "workflow profiles on types the model lacks: \(outsideModel.sorted())")
        }
    }

    /// Returns what the model cannot represent about one profile element, or `nil`.
    ///
    /// The walk follows the element `id` (`Medication.ingredient.item[x]:itemCodeableConcept.coding`), so that a
    /// type slice of a choice element tells which type the rest of the path is in.
    static func check(_ element: [String: Any], in snapshot: [[String: Any]]) -> String? {
        guard let path = element["path"] as? String, let id = element["id"] as? String else { return "element without path" }
        let segments = id.split(separator: ".").map(String.init)
        var location = Location.type(path.split(separator: ".")[0].description)
        for index in 1..<segments.count {
            let (name, sliceName) = split(segments[index])
            guard let modelElement = location.element(named: name) else {
                return "\(path): the model has no element '\(name)' in \(location)"
            }
            let ancestorID = segments[0...index].joined(separator: ".")
            let profileElement = index + 1 == segments.count ? element : snapshot.first { $0["id"] as? String == ancestorID }
            let profileTypes = (profileElement?["type"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
                .map { $0.hasPrefix("http://hl7.org/fhirpath/System.") ? "System." + $0.dropFirst(31) : $0 }
            if index + 1 == segments.count {
                let unknown = profileTypes.filter { !modelElement.allows($0) }
                if !unknown.isEmpty { return "\(path): types \(unknown) not allowed by the model (\(modelElement.types))" }
                let max = element["max"] as? String ?? "1"
                if max != "0" && max != "1" && !modelElement.repeats { return "\(path): profile repeats (max \(max)), model does not" }
                return nil
            }
            if let backbone = modelElement.backbone {
                location = .type(backbone)
                continue
            }
            var candidates = profileTypes.count == 1 ? profileTypes : modelElement.types
            if candidates.count > 1, let sliceName, name.hasSuffix("[x]") {
                // A type slice is named after the element and its type: `itemCodeableConcept`.
                let typeName = sliceName.dropFirst(name.count - 3).lowercased()
                candidates = candidates.filter { $0.lowercased() == typeName }
            }
            if candidates.count > 1 {
                let next = split(segments[index + 1]).name
                candidates = candidates.filter { Location(typeCode: $0).element(named: next) != nil }
            }
            guard let next = candidates.first else {
                return "\(path): cannot tell which type of '\(name)' the path enters"
            }
            location = Location(typeCode: next)
        }
        return nil
    }

    /// Splits `extension:flowType` into the element name and the slice name.
    private static func split(_ segment: String) -> (name: String, sliceName: String?) {
        let parts = segment.split(separator: ":", maxSplits: 1).map(String.init)
        return (parts[0], parts.count > 1 ? parts[1] : nil)
    }

    /// Where a path walk stands: a generated type or backbone, or a primitive.
    enum Location: CustomStringConvertible {
        case type(String)
        case primitive(String)

        init(typeCode: String) {
            self = typeCode.first?.isLowercase == true || typeCode.hasPrefix("System.") ? .primitive(typeCode) : .type(typeCode)
        }

        func element(named name: String) -> ModelElement? {
            switch self {
            case .type(let key):
                return ModelDefinitions.elements[key]?.first { $0.name == name }
            case .primitive:
                switch name {
                case "id": return ModelElement(name: "id", types: ["System.String"], min: 0, repeats: false, backbone: nil)
                case "extension": return ModelElement(name: "extension", types: ["Extension"], min: 0, repeats: true, backbone: nil)
                // The value of a primitive is a FHIRPath system type (System.String, System.Boolean, …).
                case "value": return ModelElement(name: "value", types: ["System.*"], min: 0, repeats: false, backbone: nil)
                default: return nil
                }
            }
        }

        var description: String {
            switch self {
            case .type(let key): key
            case .primitive(let code): "primitive \(code)"
            }
        }
    }
}

extension ModelElement {
    /// Whether a profile may constrain this element to the type `code`.
    func allows(_ code: String) -> Bool {
        if types.contains(code) || types == ["BackboneElement"] { return true }
        // A primitive's value is a FHIRPath system type.
        if types == ["System.*"] { return code.hasPrefix("System.") }
        // The model's resource container holds every resource type the model has.
        if types == ["Resource"] { return ModelDefinitions.elements[code] != nil }
        return false
    }
}
