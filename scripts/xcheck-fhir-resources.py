#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Cross-checks `erezept fhir convert` against the Python library fhir.resources (6.4.0, FHIR R4).

Every XML example under the examples folder (except `invalid/`) is converted to JSON by the erezept binary,
and the JSON is parsed by fhir.resources, which rejects unknown elements. A file fails when the conversion
fails, the output is not JSON, its resourceType differs from the XML root element, or fhir.resources rejects
it. The few examples outside invalid/ that break an R4 rule are listed in EXPECTED_REJECTIONS: erezept must
reject them at the listed path (else they fail), and are then converted with --no-bundle-rules and checked
like the rest. Run it through `scripts/xcheck-fhir-resources`,
which prepares the virtual environment.

fhir.resources checks the structure (unknown elements, types, cardinality, one choice type per element); it does
not check the codes of required bindings or the XHTML of narratives.

Usage: xcheck-fhir-resources.py [EXAMPLES_DIR]   (default: ../shared/fhir-examples beside the repository)
Environment: EREZEPT_BIN, the binary to test (default: .build/debug/erezept in the repository).
"""

import decimal
import json
import os
import pathlib
import subprocess
import sys
import xml.etree.ElementTree as ElementTree

import pydantic
from fhir.resources import construct_fhir_element

REPO_ROOT = pathlib.Path(__file__).resolve().parent.parent
FHIR_NAMESPACE = "{http://hl7.org/fhir}"
CONVERT_TIMEOUT_SECONDS = 120

# Examples outside invalid/ that break a rule of FHIR R4 and that erezept therefore rejects, each with the path
# its error must name; they are then converted with --no-bundle-rules and checked. If erezept accepts one, it fails.
EXPECTED_REJECTIONS = {
    # The first entry's fullUrl ends in Composition/4ca03203-…, but the Composition's id is 7a0b2d5e-…; R4 says
    # the fullUrl SHALL NOT disagree with the resource's id (Bundle.entry.fullUrl).
    "e2e-2025-10-01/Wirkstoff-Verordnung_Unfall/Wirkstoff-Verordnung_Unfall_1/WS_Unfall_VerordnungArzt.xml": "Bundle.entry[0].fullUrl",
}


def one_line(text: str, limit: int = 400) -> str:
    """Folds a multi-line message into one line of at most `limit` characters."""
    folded = " | ".join(line.strip() for line in text.strip().splitlines() if line.strip())
    return folded if len(folded) <= limit else folded[: limit - 1] + "…"


def validation_reason(error: pydantic.ValidationError) -> str:
    """Names each rejected location and pydantic's reason, e.g. `Bundle.entry.0.resource: extra fields ...`."""
    parts = []
    for item in error.errors():
        location = ".".join(str(segment) for segment in item["loc"])
        parts.append(f"{location}: {item['msg']}")
    return f"fhir.resources rejects {error.model.__name__}: " + "; ".join(parts)


def xml_root_type(path: pathlib.Path) -> str | None:
    """The local name of the root element, if it is in the FHIR namespace."""
    try:
        root = ElementTree.parse(path).getroot()
    except ElementTree.ParseError:
        return None
    return root.tag[len(FHIR_NAMESPACE) :] if root.tag.startswith(FHIR_NAMESPACE) else None


def convert(binary: pathlib.Path, path: pathlib.Path, *options: str) -> subprocess.CompletedProcess:
    """Runs `erezept fhir convert --to json` on one file."""
    return subprocess.run(
        [str(binary), "fhir", "convert", "--to", "json", *options, str(path)],
        capture_output=True,
        timeout=CONVERT_TIMEOUT_SECONDS,
    )


def check_rejection(binary: pathlib.Path, path: pathlib.Path, error_path: str) -> tuple[bool, str]:
    """Checks that erezept rejects a known-bad example; returns whether it did as expected, and what it said."""
    try:
        result = convert(binary, path)
    except subprocess.TimeoutExpired:
        return False, f"erezept fhir convert took longer than {CONVERT_TIMEOUT_SECONDS} s"
    message = one_line(result.stderr.decode("utf-8", "replace"))
    if result.returncode == 1 and f": {error_path}:" in message:
        return True, message
    if result.returncode == 0:
        return False, f"expected erezept to reject it at {error_path}, but it converted it"
    return False, f"expected erezept to reject it at {error_path}, but it exited with {result.returncode}: {message}"


def check(binary: pathlib.Path, path: pathlib.Path, *options: str) -> str | None:
    """Converts one XML file and parses the result; returns the reason of a failure, or None."""
    try:
        result = convert(binary, path, *options)
    except subprocess.TimeoutExpired:
        return f"erezept fhir convert took longer than {CONVERT_TIMEOUT_SECONDS} s"
    if result.returncode != 0:
        message = one_line(result.stderr.decode("utf-8", "replace")) or "no message"
        return f"erezept fhir convert exited with {result.returncode}: {message}"

    try:
        resource = json.loads(result.stdout, parse_float=decimal.Decimal)
    except ValueError as error:
        return f"erezept wrote no valid JSON: {error}"
    if not isinstance(resource, dict) or not isinstance(resource.get("resourceType"), str):
        return "erezept wrote JSON without a resourceType"
    resource_type = resource["resourceType"]
    expected_type = xml_root_type(path)
    if expected_type is not None and expected_type != resource_type:
        return f"resourceType {resource_type} differs from the XML root element {expected_type}"

    try:
        construct_fhir_element(resource_type, resource)
    except pydantic.ValidationError as error:
        return one_line(validation_reason(error))
    except LookupError as error:
        return f"fhir.resources does not know the resource type: {error}"
    return None


def main() -> int:
    if len(sys.argv) > 2:
        print(__doc__, file=sys.stderr)
        return 2
    examples = pathlib.Path(sys.argv[1]) if len(sys.argv) == 2 else REPO_ROOT.parent / "shared" / "fhir-examples"
    binary = pathlib.Path(os.environ.get("EREZEPT_BIN", REPO_ROOT / ".build" / "debug" / "erezept"))
    if not examples.is_dir():
        print(f"error: no examples folder at {examples}", file=sys.stderr)
        return 2
    if not os.access(binary, os.X_OK):
        print(f"error: no erezept binary at {binary} (build it, or set EREZEPT_BIN)", file=sys.stderr)
        return 2

    files = sorted(
        path for path in examples.rglob("*.xml") if path.is_file() and path.relative_to(examples).parts[0] != "invalid"
    )
    if not files:
        print(f"error: no XML files under {examples}", file=sys.stderr)
        return 2

    passed = failed = 0
    for path in files:
        name = path.relative_to(examples).as_posix()
        if name in EXPECTED_REJECTIONS:
            as_expected, message = check_rejection(binary, path, EXPECTED_REJECTIONS[name])
            if not as_expected:
                failed += 1
                print(f"FAIL {name}: {message}")
                continue
            print(f"NOTE {name}: erezept rejects it, as expected ({message}); checked with --no-bundle-rules")
            reason = check(binary, path, "--no-bundle-rules")
        else:
            reason = check(binary, path)
        if reason is None:
            passed += 1
        else:
            failed += 1
            print(f"FAIL {name}: {reason}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
