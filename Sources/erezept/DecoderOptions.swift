// SPDX-License-Identifier: Apache-2.0

import ArgumentParser
import FHIR

/// The decoding rules the `fhir` commands can switch, shared by `convert` and `check`.
struct DecoderOptions: ParsableArguments {
    @Flag(help: "Do not check Bundle fullUrls and document references (the rules behind warnings 253 and 254).")
    var noBundleRules = false

    @Flag(help: "Require Resource.id on the document and on every Bundle entry, as the KBV profiles do.")
    var requireIds = false

    /// A strict decoder with these options applied.
    var decoder: FHIRDecoder {
        var decoder = FHIRDecoder()
        decoder.checksBundleEntries = !noBundleRules
        decoder.requiresResourceIDs = requireIds
        return decoder
    }
}
