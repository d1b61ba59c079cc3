#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""End-to-end interop check of a running `erezept serve`: IDP login and Task calls through the VAU, written only
from the wire-format documents (docs/idp.md, docs/test-pki.md, spec/ref-impl.md B and C), with Python
`cryptography` and `requests`. None of the project's Swift code is used, so this proves the wire format
independently of PrimarySystemKit.

Steps:
 1. Load the test PKI of the server's data directory (DATA/pki/identities.json and the files it names).
 2. Discovery document: a BP256R1 JWS whose x5c[0] must be the PKI's idp-sig certificate and whose signature must
    verify with it; fetch puk_idp_enc and check it is the key docs/test-pki.md derives from idp-sig.
 3. Authorization request (client gematikTestPs, PKCE S256), challenge signed by the SMC-B practice-a (inner JWS
    cty NJWT with x5c, outer JWE ECDH-ES/A256GCM to puk_idp_enc), the 302 followed by hand, token request with a
    key_verifier JWE, access and ID token decrypted (dir/A256GCM under token_key) and verified with idp-sig.
 4. VAU (ERP-VAU ECIES, brainpoolP256r1, HKDF-SHA256 "ecies-vau-transport", AES-128-GCM): /VAUCertificate must be
    the PKI's fd-enc certificate; POST /Task/$create (flowtype 160) → 201 draft with id and AccessCode; then
    POST /Task/{id}/$activate with a CAdES-BES QES of a KBV bundle by doctor-a's HBA → 200 ready.
 5. Negative: an envelope whose inner Authorization carries another token than the envelope → outer 400.

The QES is built here as well (CMS SignedData with contentType, signingTime, messageDigest and ESS
signingCertificateV2, DER by hand), because cryptography's PKCS7 builder cannot add signingCertificateV2.

Usage: idp_vau_e2e.py --data DATA_DIR --base-url URL [--bundle KBV_BUNDLE_XML] [--wait SECONDS]
  DATA_DIR  the --data directory of `erezept serve` (the PKI is DATA_DIR/pki)
  URL       the server's public URL, e.g. http://127.0.0.1:8080 (also the expected token audience)
  KBV_BUNDLE_XML  default: ../shared/fhir-examples/e2e-2025-10-01/PZN-Verordnung/PZN-Verordnung_1/
                  PZN_Nr1_VerordnungArzt.xml beside the repository. It is a KBV 1.3 bundle, which the Fachdienst's
                  profile-version table (Workflow ProfileVersionTable.live) accepts until 2027-01-14; from then on
                  pass a KBV 1.4 bundle of the same shape.
  SECONDS   first wait until GET /metadata answers at all (default 0: no waiting)
Exit code 0 when every check holds, 1 otherwise (the first failed check is printed).
scripts/interop-idp-vau starts a server in a temporary directory and runs this script against it (CI does that).
"""

import argparse
import base64
import datetime
import hashlib
import json
import os
import pathlib
import re
import sys
import time
import urllib.parse

import requests
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature, encode_dss_signature
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

REPO_ROOT = pathlib.Path(__file__).resolve().parent.parent.parent
DEFAULT_BUNDLE = (
    REPO_ROOT.parent / "shared/fhir-examples/e2e-2025-10-01/PZN-Verordnung/PZN-Verordnung_1/PZN_Nr1_VerordnungArzt.xml"
)
# The PrescriptionID of the example bundle, replaced by the task's.
BUNDLE_PRESCRIPTION_ID = "160.000.764.737.300.50"

CURVE = ec.BrainpoolP256R1()
CURVE_ORDER = 0xA9FB57DBA1EEA9BC3E660A909D838D718C397AA3B561A6F7901E0E82974856A7
CLIENT_ID = "gematikTestPs"
REDIRECT_URI = "http://test-ps.gematik.de/erezept"
USER_AGENT = "erezept-interop/1.0 erezept/gematikTestPs"
TIMEOUT = 30

FLOWTYPE_SYSTEM = "https://gematik.de/fhir/erp/CodeSystem/GEM_ERP_CS_FlowType"
PRESCRIPTION_ID_SYSTEM = "https://gematik.de/fhir/erp/NamingSystem/GEM_ERP_NS_PrescriptionId"
ACCESS_CODE_SYSTEM = "https://gematik.de/fhir/erp/NamingSystem/GEM_ERP_NS_AccessCode"
OID_PRAXIS_ARZT = "1.2.276.0.76.4.50"
FHIR_JSON = "application/fhir+json"


class CheckFailed(Exception):
    pass


def check(condition, message):
    if not condition:
        raise CheckFailed(message)


def passed(message):
    print(f"ok   {message}", flush=True)


# --- encodings -------------------------------------------------------------------------------------------------


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def json_bytes(value) -> bytes:
    return json.dumps(value, separators=(",", ":")).encode("utf-8")


# --- the test PKI (docs/test-pki.md) ----------------------------------------------------------------------------


class PKI:
    def __init__(self, directory: pathlib.Path):
        self.directory = directory
        entries = json.loads((directory / "identities.json").read_text(encoding="utf-8"))
        self.identities = {entry["name"]: entry for entry in entries}

    def certificate(self, name: str) -> x509.Certificate:
        path = self.directory / self.identities[name]["certificate"]
        return x509.load_pem_x509_certificate(path.read_bytes())

    def certificate_der(self, name: str) -> bytes:
        return self.certificate(name).public_bytes(serialization.Encoding.DER)

    def private_key(self, name: str) -> ec.EllipticCurvePrivateKey:
        data = (self.directory / self.identities[name]["privateKey"]).read_bytes()
        key = (
            serialization.load_pem_private_key(data, password=None)
            if b"-----BEGIN" in data
            else serialization.load_der_private_key(data, password=None)
        )
        check(
            isinstance(key, ec.EllipticCurvePrivateKey) and isinstance(key.curve, ec.BrainpoolP256R1),
            f"{name}'s key is not brainpoolP256r1",
        )
        return key

    def idp_encryption_key(self) -> ec.EllipticCurvePrivateKey:
        """puk_idp_enc's private key (docs/test-pki.md): HKDF-SHA256(IKM = the idp-sig scalar,
        salt "erezept-test-pki-v1", info "idp-enc|counter") until the scalar lies in [1, n-1]."""
        scalar = self.private_key("idp-sig").private_numbers().private_value.to_bytes(32, "big")
        for counter in range(64):
            derived = HKDF(hashes.SHA256(), 32, b"erezept-test-pki-v1", f"idp-enc|{counter}".encode()).derive(scalar)
            value = int.from_bytes(derived, "big")
            if 1 <= value < CURVE_ORDER:
                return ec.derive_private_key(value, CURVE)
        raise CheckFailed("no IDP encryption scalar derivable")


# --- JOSE: BP256R1 JWS, ECDH-ES and dir JWE with A256GCM -------------------------------------------------------


def jws_sign(header: dict, payload: bytes, key: ec.EllipticCurvePrivateKey) -> str:
    signing_input = b64url(json_bytes(header)) + "." + b64url(payload)
    r, s = decode_dss_signature(key.sign(signing_input.encode("ascii"), ec.ECDSA(hashes.SHA256())))
    return signing_input + "." + b64url(r.to_bytes(32, "big") + s.to_bytes(32, "big"))


def jws_parse(token: str):
    """(header, payload bytes, signing input, raw signature) of a compact JWS."""
    parts = token.split(".")
    check(len(parts) == 3, "not a compact JWS")
    return (
        json.loads(b64url_decode(parts[0])),
        b64url_decode(parts[1]),
        (parts[0] + "." + parts[1]).encode("ascii"),
        b64url_decode(parts[2]),
    )


def jws_verify(token: str, public_key: ec.EllipticCurvePublicKey):
    """Checks a BP256R1 signature (raw r||s, 64 bytes) and returns (header, payload)."""
    header, payload, signing_input, signature = jws_parse(token)
    check(header.get("alg") == "BP256R1", f"JWS alg is {header.get('alg')!r}, not BP256R1")
    check(len(signature) == 64, f"BP256R1 signature has {len(signature)} bytes, not 64")
    der = encode_dss_signature(int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big"))
    try:
        public_key.verify(der, signing_input, ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:
        raise CheckFailed("JWS signature does not verify") from None
    return header, payload


def concat_kdf(shared_secret: bytes, algorithm_id: str, key_bits: int) -> bytes:
    """NIST SP 800-56A Concat KDF with SHA-256 as ECDH-ES uses it (RFC 7518 §4.6.2), empty apu and apv."""

    def length_prefixed(data: bytes) -> bytes:
        return len(data).to_bytes(4, "big") + data

    other_info = (
        length_prefixed(algorithm_id.encode("ascii"))
        + length_prefixed(b"")
        + length_prefixed(b"")
        + key_bits.to_bytes(4, "big")
    )
    output = b""
    counter = 1
    while len(output) * 8 < key_bits:
        output += hashlib.sha256(counter.to_bytes(4, "big") + shared_secret + other_info).digest()
        counter += 1
    return output[: key_bits // 8]


def jwe_encrypt_ecdh_es(recipient: ec.EllipticCurvePublicKey, plaintext: bytes, extra_header: dict) -> str:
    """ECDH-ES (direct key agreement) + A256GCM with an ephemeral brainpoolP256r1 key, epk crv BP-256."""
    ephemeral = ec.generate_private_key(CURVE)
    numbers = ephemeral.public_key().public_numbers()
    header = {
        "alg": "ECDH-ES",
        "enc": "A256GCM",
        "epk": {
            "kty": "EC",
            "crv": "BP-256",
            "x": b64url(numbers.x.to_bytes(32, "big")),
            "y": b64url(numbers.y.to_bytes(32, "big")),
        },
        **extra_header,
    }
    key = concat_kdf(ephemeral.exchange(ec.ECDH(), recipient), "A256GCM", 256)
    protected = b64url(json_bytes(header))
    iv = os.urandom(12)
    sealed = AESGCM(key).encrypt(iv, plaintext, protected.encode("ascii"))
    return ".".join([protected, "", b64url(iv), b64url(sealed[:-16]), b64url(sealed[-16:])])


def jwe_decrypt_dir(token: str, key: bytes):
    """(header, plaintext) of a dir + A256GCM JWE under `key`."""
    parts = token.split(".")
    check(len(parts) == 5, "not a compact JWE")
    header = json.loads(b64url_decode(parts[0]))
    check(
        header.get("alg") == "dir" and header.get("enc") == "A256GCM",
        f"JWE is {header.get('alg')}/{header.get('enc')}, not dir/A256GCM",
    )
    check(parts[1] == "", "dir JWE with an encrypted key")
    plaintext = AESGCM(key).decrypt(
        b64url_decode(parts[2]), b64url_decode(parts[3]) + b64url_decode(parts[4]), parts[0].encode("ascii")
    )
    return header, plaintext


def public_key_from_jwk(jwk: dict) -> ec.EllipticCurvePublicKey:
    check(jwk.get("kty") == "EC" and jwk.get("crv") == "BP-256", f"JWK is not an EC BP-256 key: {jwk}")
    x, y = b64url_decode(jwk["x"]), b64url_decode(jwk["y"])
    check(len(x) == 32 and len(y) == 32, "JWK coordinates are not 32 bytes")
    return ec.EllipticCurvePublicKey.from_encoded_point(CURVE, b"\x04" + x + y)


def same_public_key(a: ec.EllipticCurvePublicKey, b: ec.EllipticCurvePublicKey) -> bool:
    return a.public_numbers() == b.public_numbers()


# --- the IDP login (docs/idp.md) -------------------------------------------------------------------------------


def login(base_url: str, pki: PKI, card: str):
    """Logs in with the SMC-B `card`; returns (access token JWS, id token JWS, access token claims)."""
    idp = base_url + "/idp"
    idp_sig_certificate = pki.certificate("idp-sig")
    idp_sig_key = idp_sig_certificate.public_key()

    # Discovery document: JWS signed by idp-sig, which x5c carries.
    response = requests.get(idp + "/.well-known/openid-configuration", timeout=TIMEOUT)
    check(response.status_code == 200, f"discovery: status {response.status_code}")
    discovery_jws = response.text.strip()
    header, _, _, _ = jws_parse(discovery_jws)
    check(header.get("kid") == "puk_disc_sig", f"discovery kid is {header.get('kid')!r}")
    x5c = header.get("x5c") or []
    check(len(x5c) >= 1, "discovery header without x5c")
    signer_der = base64.b64decode(x5c[0], validate=True)
    check(signer_der == pki.certificate_der("idp-sig"), "discovery x5c[0] is not the PKI's idp-sig certificate")
    _, payload = jws_verify(discovery_jws, x509.load_der_x509_certificate(signer_der).public_key())
    discovery = json.loads(payload)
    check(discovery.get("issuer") == idp, f"discovery issuer is {discovery.get('issuer')!r}, not {idp}")
    for field in ("authorization_endpoint", "token_endpoint", "uri_puk_idp_enc", "uri_puk_idp_sig"):
        check(str(discovery.get(field, "")).startswith(idp + "/"), f"discovery {field} is {discovery.get(field)!r}")
    check("S256" in discovery.get("code_challenge_methods_supported", []), "discovery lacks S256")
    passed("discovery document signed by the PKI's idp-sig (x5c and signature)")

    # puk_idp_enc: the key test-pki.md derives from idp-sig.
    response = requests.get(discovery["uri_puk_idp_enc"], timeout=TIMEOUT)
    check(response.status_code == 200, f"puk_idp_enc: status {response.status_code}")
    enc_jwk = response.json()
    check(enc_jwk.get("kid") == "puk_idp_enc" and enc_jwk.get("use") == "enc", f"puk_idp_enc JWK: {enc_jwk}")
    idp_enc_key = public_key_from_jwk(enc_jwk)
    check(
        same_public_key(idp_enc_key, pki.idp_encryption_key().public_key()),
        "puk_idp_enc is not the key derived from idp-sig",
    )
    response = requests.get(discovery["uri_puk_idp_sig"], timeout=TIMEOUT)
    check(response.status_code == 200, f"puk_idp_sig: status {response.status_code}")
    check(same_public_key(public_key_from_jwk(response.json()), idp_sig_key), "puk_idp_sig is not idp-sig's key")
    passed("puk_idp_enc is the key derived from idp-sig; puk_idp_sig is idp-sig")

    # Authorization request with PKCE S256.
    code_verifier = b64url(os.urandom(48))
    code_challenge = b64url(hashlib.sha256(code_verifier.encode("ascii")).digest())
    state = b64url(os.urandom(12))
    nonce = b64url(os.urandom(12))
    query = {
        "client_id": CLIENT_ID,
        "response_type": "code",
        "redirect_uri": REDIRECT_URI,
        "state": state,
        "code_challenge": code_challenge,
        "code_challenge_method": "S256",
        "scope": "openid e-rezept",
        "nonce": nonce,
    }
    response = requests.get(discovery["authorization_endpoint"], params=query, allow_redirects=False, timeout=TIMEOUT)
    check(response.status_code == 200, f"authorization request: status {response.status_code} {response.text[:300]}")
    challenge = response.json()["challenge"]
    challenge_header, challenge_claims = jws_verify(challenge, idp_sig_key)
    challenge_claims = json.loads(challenge_claims)
    check(challenge_header.get("kid") == "puk_idp_sig", "challenge kid is not puk_idp_sig")
    check(challenge_claims.get("token_type") == "challenge", "challenge token_type")
    check(
        challenge_claims.get("code_challenge") == code_challenge and challenge_claims.get("state") == state,
        "challenge does not echo the request",
    )
    passed("challenge signed by idp-sig, echoing code_challenge and state")

    # Signed challenge: card JWS (cty NJWT, x5c = card certificate) in a JWE to puk_idp_enc.
    card_jws = jws_sign(
        {
            "alg": "BP256R1",
            "typ": "JWT",
            "cty": "NJWT",
            "x5c": [base64.b64encode(pki.certificate_der(card)).decode("ascii")],
        },
        json_bytes({"njwt": challenge}),
        pki.private_key(card),
    )
    signed_challenge = jwe_encrypt_ecdh_es(
        idp_enc_key, json_bytes({"njwt": card_jws}), {"cty": "NJWT", "exp": challenge_claims["exp"]}
    )
    response = requests.post(
        discovery["authorization_endpoint"],
        data={"signed_challenge": signed_challenge},
        allow_redirects=False,
        timeout=TIMEOUT,
    )
    check(response.status_code == 302, f"signed challenge: status {response.status_code} {response.text[:300]}")
    location = response.headers.get("Location", "")
    check(location.startswith(REDIRECT_URI + "?"), f"redirect to {location!r}")
    redirect = urllib.parse.parse_qs(urllib.parse.urlsplit(location).query)
    check(redirect.get("state") == [state], "redirect state differs")
    check(len(redirect.get("code", [])) == 1, "redirect without code")
    code = redirect["code"][0]
    passed(f"signed challenge of {card} accepted: 302 to the redirect URI with code and state")

    # Token request with the key verifier.
    token_key = os.urandom(32)
    key_verifier = jwe_encrypt_ecdh_es(
        idp_enc_key, json_bytes({"token_key": b64url(token_key), "code_verifier": code_verifier}), {"cty": "JSON"}
    )
    form = {
        "grant_type": "authorization_code",
        "client_id": CLIENT_ID,
        "redirect_uri": REDIRECT_URI,
        "code": code,
        "key_verifier": key_verifier,
    }
    response = requests.post(discovery["token_endpoint"], data=form, allow_redirects=False, timeout=TIMEOUT)
    check(response.status_code == 200, f"token request: status {response.status_code} {response.text[:300]}")
    answer = response.json()
    check(
        answer.get("token_type") == "Bearer" and answer.get("expires_in") == 300,
        f"token answer: {answer.get('token_type')} {answer.get('expires_in')}",
    )

    tokens = {}
    for name in ("access_token", "id_token"):
        header, plaintext = jwe_decrypt_dir(answer[name], token_key)
        check(header.get("cty") == "NJWT", f"{name} JWE cty is {header.get('cty')!r}")
        tokens[name] = json.loads(plaintext)["njwt"]
    access_header, access_claims = jws_verify(tokens["access_token"], idp_sig_key)
    access_claims = json.loads(access_claims)
    check(
        access_header.get("typ") == "at+JWT" and access_header.get("kid") == "puk_idp_sig",
        f"access token header {access_header}",
    )
    _, id_claims = jws_verify(tokens["id_token"], idp_sig_key)
    id_claims = json.loads(id_claims)

    identity = pki.identities[card]
    now = datetime.datetime.now(datetime.timezone.utc).timestamp()
    expected = {
        "iss": idp,
        "aud": base_url,
        "acr": "gematik-ehealth-loa-high",
        "amr": ["mfa", "sc", "pin"],
        "professionOID": identity["professionOID"],
        "idNummer": identity["telematikId"],
        "client_id": CLIENT_ID,
        "scope": "openid e-rezept",
    }
    for claim, value in expected.items():
        check(access_claims.get(claim) == value, f"access token {claim} is {access_claims.get(claim)!r}, not {value!r}")
    check(access_claims["professionOID"] == OID_PRAXIS_ARZT, "the card is no doctor's practice")
    check(access_claims.get("exp") == access_claims.get("iat", 0) + 300, "access token exp is not iat + 300")
    check(access_claims["iat"] - 5 <= now <= access_claims["exp"], "access token not valid now")
    check(
        isinstance(access_claims.get("sub"), str) and isinstance(access_claims.get("jti"), str),
        "access token without sub or jti",
    )
    check(id_claims.get("aud") == CLIENT_ID and id_claims.get("nonce") == nonce, "id token aud or nonce")
    at_hash = b64url(hashlib.sha256(tokens["access_token"].encode("ascii")).digest()[:16])
    check(id_claims.get("at_hash") == at_hash, "id token at_hash does not match the access token")
    passed(
        f"access token (aud {base_url}, professionOID {access_claims['professionOID']}, "
        f"idNummer {access_claims['idNummer']}) and id token verified"
    )
    return tokens["access_token"], tokens["id_token"], access_claims


# --- ERP-VAU (spec/ref-impl.md B.1) ----------------------------------------------------------------------------


class VAUChannel:
    def __init__(self, base_url: str, certificate: x509.Certificate):
        self.base_url = base_url
        self.public_key = certificate.public_key()
        check(
            isinstance(self.public_key, ec.EllipticCurvePublicKey)
            and isinstance(self.public_key.curve, ec.BrainpoolP256R1),
            "VAU key is not brainpoolP256r1",
        )
        self.pseudonym = "0"
        self.host = urllib.parse.urlsplit(base_url).netloc

    def encrypt(self, plaintext: bytes) -> bytes:
        """0x01 || X || Y || IV || AES-128-GCM(HKDF-SHA256(ECDH X, salt empty, "ecies-vau-transport", 16)) || tag."""
        ephemeral = ec.generate_private_key(CURVE)
        shared = ephemeral.exchange(ec.ECDH(), self.public_key)  # the X coordinate, 32 bytes
        key = HKDF(hashes.SHA256(), 16, None, b"ecies-vau-transport").derive(shared)
        numbers = ephemeral.public_key().public_numbers()
        iv = os.urandom(12)
        return (
            b"\x01"
            + numbers.x.to_bytes(32, "big")
            + numbers.y.to_bytes(32, "big")
            + iv
            + AESGCM(key).encrypt(iv, plaintext, None)
        )

    def inner_request(self, method: str, target: str, token: str, body: bytes | None, headers: dict) -> bytes:
        lines = [
            f"{method} {target} HTTP/1.1",
            f"Host: {self.host}",
            f"Authorization: Bearer {token}",
            f"User-Agent: {USER_AGENT}",
            f"Accept: {FHIR_JSON}",
        ]
        lines += [f"{name}: {value}" for name, value in headers.items()]
        if body is not None:
            lines += [f"Content-Type: {FHIR_JSON}", f"Content-Length: {len(body)}"]
        return ("\r\n".join(lines) + "\r\n\r\n").encode("ascii") + (body or b"")

    def post_envelope(self, envelope_token: str, inner: bytes, resource: str):
        """Sends one envelope; returns (outer response, request id, response key)."""
        request_id = os.urandom(16).hex()
        response_key = os.urandom(16)
        plaintext = b" ".join(
            [
                b"1",
                envelope_token.encode("ascii"),
                request_id.encode("ascii"),
                response_key.hex().encode("ascii"),
                inner,
            ]
        )
        outer = requests.post(
            f"{self.base_url}/VAU/{self.pseudonym}",
            data=self.encrypt(plaintext),
            headers={
                "Content-Type": "application/octet-stream",
                "X-erp-user": "l",
                "X-erp-resource": resource,
                "User-Agent": USER_AGENT,
            },
            timeout=TIMEOUT,
        )
        return outer, request_id, response_key

    def send(self, method: str, target: str, token: str, body: bytes | None = None, headers: dict | None = None):
        """One inner request; returns (status, headers with lower-case names, body)."""
        inner = self.inner_request(method, target, token, body, headers or {})
        resource = target.lstrip("/").split("/", 1)[0].split("?", 1)[0]
        outer, request_id, response_key = self.post_envelope(token, inner, resource)
        check(outer.status_code == 200, f"VAU {method} {target}: outer status {outer.status_code} {outer.text[:300]}")
        check(
            outer.headers.get("Content-Type", "").startswith("application/octet-stream"),
            f"VAU outer Content-Type {outer.headers.get('Content-Type')}",
        )
        pseudonym = outer.headers.get("Userpseudonym")
        check(bool(pseudonym), "VAU answer without Userpseudonym")
        self.pseudonym = pseudonym
        sealed = outer.content
        check(len(sealed) >= 12 + 16, "VAU answer too short")
        plaintext = AESGCM(response_key).decrypt(sealed[:12], sealed[12:], None)
        prefix = f"1 {request_id} ".encode("ascii")
        check(plaintext.startswith(prefix), "VAU answer does not start with '1 <request id> '")
        return parse_http_response(plaintext[len(prefix) :])


def parse_http_response(data: bytes):
    head, separator, body = data.partition(b"\r\n\r\n")
    check(separator == b"\r\n\r\n", "inner response without an empty line")
    lines = head.decode("iso-8859-1").split("\r\n")
    match = re.fullmatch(r"HTTP/1\.1 (\d{3})(?: .*)?", lines[0])
    check(match is not None, f"inner status line {lines[0]!r}")
    headers = {}
    for line in lines[1:]:
        name, colon, value = line.partition(":")
        check(colon == ":", f"inner header line {line!r}")
        headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length", "0"))
    check(len(body) == length, f"inner body has {len(body)} bytes, Content-Length {length}")
    return int(match.group(1)), headers, body


# --- the QES: CAdES-BES by hand (RFC 5652, RFC 5035) ------------------------------------------------------------


def der(tag: int, content: bytes) -> bytes:
    length = len(content)
    if length < 0x80:
        encoded = bytes([length])
    else:
        octets = length.to_bytes((length.bit_length() + 7) // 8, "big")
        encoded = bytes([0x80 | len(octets)]) + octets
    return bytes([tag]) + encoded + content


def der_sequence(*items: bytes) -> bytes:
    return der(0x30, b"".join(items))


def der_set(*items: bytes) -> bytes:
    return der(0x31, b"".join(sorted(items)))  # DER: SET OF in ascending order of the encodings


def der_integer(value: int) -> bytes:
    return der(0x02, value.to_bytes(value.bit_length() // 8 + 1, "big"))  # non-negative, with a sign octet when needed


def der_oid(dotted: str) -> bytes:
    numbers = [int(part) for part in dotted.split(".")]
    out = bytes([40 * numbers[0] + numbers[1]])
    for number in numbers[2:]:
        chunk = [number & 0x7F]
        number >>= 7
        while number:
            chunk.insert(0, 0x80 | (number & 0x7F))
            number >>= 7
        out += bytes(chunk)
    return der(0x06, out)


def der_octets(data: bytes) -> bytes:
    return der(0x04, data)


def cades_sign(
    content: bytes,
    certificate: x509.Certificate,
    key: ec.EllipticCurvePrivateKey,
    chain: list,
    signing_time: datetime.datetime,
) -> bytes:
    """An enveloping CMS SignedData (content embedded) with contentType, signingTime, messageDigest and ESS
    signingCertificateV2 as signed attributes, ECDSA with SHA-256, the signer and `chain` in `certificates`."""
    sha256 = der_sequence(der_oid("2.16.840.1.101.3.4.2.1"))
    id_data = der_oid("1.2.840.113549.1.7.1")
    certificate_der = certificate.public_bytes(serialization.Encoding.DER)
    issuer = certificate.issuer.public_bytes()
    serial = der_integer(certificate.serial_number)

    def attribute(oid: str, value: bytes) -> bytes:
        return der_sequence(der_oid(oid), der_set(value))

    utc = signing_time.astimezone(datetime.timezone.utc)
    # ESSCertIDv2 with the default hash (SHA-256, omitted) and IssuerSerial {GeneralNames {directoryName}, serial}.
    ess_cert_id = der_sequence(
        der_octets(hashlib.sha256(certificate_der).digest()), der_sequence(der_sequence(der(0xA4, issuer)), serial)
    )
    attributes = [
        attribute("1.2.840.113549.1.9.3", id_data),
        attribute("1.2.840.113549.1.9.5", der(0x17, utc.strftime("%y%m%d%H%M%SZ").encode("ascii"))),
        attribute("1.2.840.113549.1.9.4", der_octets(hashlib.sha256(content).digest())),
        attribute("1.2.840.113549.1.9.16.2.47", der_sequence(der_sequence(ess_cert_id))),
    ]
    signed_attributes = der_set(*attributes)  # signed as SET OF; carried as [0] IMPLICIT
    signature = key.sign(signed_attributes, ec.ECDSA(hashes.SHA256()))
    signer_info = der_sequence(
        der_integer(1),
        der_sequence(issuer, serial),
        sha256,
        der(0xA0, strip_header(signed_attributes)),
        der_sequence(der_oid("1.2.840.10045.4.3.2")),
        der_octets(signature),
    )
    certificates = der(
        0xA0, b"".join(sorted([certificate_der] + [c.public_bytes(serialization.Encoding.DER) for c in chain]))
    )
    signed_data = der_sequence(
        der_integer(1),
        der_set(sha256),
        der_sequence(id_data, der(0xA0, der_octets(content))),
        certificates,
        der_set(signer_info),
    )
    return der_sequence(der_oid("1.2.840.113549.1.7.2"), der(0xA0, signed_data))


def strip_header(encoded: bytes) -> bytes:
    """The content octets of one DER element."""
    first = encoded[1]
    if first < 0x80:
        return encoded[2:]
    return encoded[2 + (first & 0x7F) :]


# --- the prescription ------------------------------------------------------------------------------------------


def berlin_date(instant: datetime.datetime) -> datetime.date:
    """The German calendar day of `instant` (Europe/Berlin)."""
    try:
        from zoneinfo import ZoneInfo

        return instant.astimezone(ZoneInfo("Europe/Berlin")).date()
    except (ImportError, KeyError):  # KeyError includes ZoneInfoNotFoundError
        # Without time-zone data: CET, CEST from the last Sunday of March to the last Sunday of October, 01:00 UTC.
        utc = instant.astimezone(datetime.timezone.utc)

        def last_sunday(month: int) -> datetime.datetime:
            day = datetime.datetime(utc.year, month, 31, 1, tzinfo=datetime.timezone.utc)
            return day - datetime.timedelta(days=(day.weekday() + 1) % 7)

        offset = 2 if last_sunday(3) <= utc < last_sunday(10) else 1
        return (utc + datetime.timedelta(hours=offset)).date()


def prescription_bundle(path: pathlib.Path, prescription_id: str, authored_on: datetime.date) -> bytes:
    """The KBV bundle as the Fachdienst tests adapt it: PrescriptionID replaced, authoredOn = the signing day."""
    text = path.read_text(encoding="utf-8")
    check(BUNDLE_PRESCRIPTION_ID in text, f"{path} does not carry PrescriptionID {BUNDLE_PRESCRIPTION_ID}")
    text = text.replace(BUNDLE_PRESCRIPTION_ID, prescription_id)
    text, count = re.subn(r'<authoredOn value="[0-9-]+"/>', f'<authoredOn value="{authored_on.isoformat()}"/>', text)
    check(count == 1, f"{path} has {count} authoredOn elements, not 1")
    return text.encode("utf-8")


def bundle_kvnr(bundle: bytes) -> str:
    """The Patient's kvid-10 identifier value of the KBV bundle."""
    match = re.search(rb'<system value="http://fhir.de/sid/gkv/kvid-10"/>\s*<value value="([A-Z][0-9]{9})"/>', bundle)
    check(match is not None, "the KBV bundle has no kvid-10 Patient identifier")
    return match.group(1).decode("ascii")


def task_identifier(task: dict, system: str):
    return next((entry.get("value") for entry in task.get("identifier", []) if entry.get("system") == system), None)


# --- main ------------------------------------------------------------------------------------------------------


def wait_until_answering(base_url: str, seconds: float) -> None:
    """Polls GET /metadata until the server answers at all (401 without a token counts) or `seconds` pass."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            requests.get(base_url + "/metadata", timeout=5)
            return
        except requests.ConnectionError:
            check(time.monotonic() < deadline, f"{base_url} did not answer within {seconds:g} s")
            time.sleep(0.2)


def run(arguments) -> None:
    base_url = arguments.base_url.rstrip("/")
    if arguments.wait > 0:
        wait_until_answering(base_url, arguments.wait)
    pki = PKI(pathlib.Path(arguments.data) / "pki")
    token, other_token, _ = login(base_url, pki, "practice-a")

    response = requests.get(base_url + "/VAUCertificate", timeout=TIMEOUT)
    check(response.status_code == 200, f"/VAUCertificate: status {response.status_code}")
    check(response.content == pki.certificate_der("fd-enc"), "/VAUCertificate is not the PKI's fd-enc certificate")
    passed("/VAUCertificate is the PKI's fd-enc certificate")
    vau = VAUChannel(base_url, x509.load_der_x509_certificate(response.content))

    # $create, flowtype 160.
    parameters = {
        "resourceType": "Parameters",
        "parameter": [{"name": "workflowType", "valueCoding": {"system": FLOWTYPE_SYSTEM, "code": "160"}}],
    }
    status, headers, body = vau.send("POST", "/Task/$create", token, json_bytes(parameters))
    check(status == 201, f"$create: inner status {status} {body[:500]!r}")
    task = json.loads(body)
    check(
        task.get("resourceType") == "Task" and task.get("status") == "draft",
        f"$create answered {task.get('resourceType')} {task.get('status')}",
    )
    task_id = task.get("id", "")
    check(
        re.fullmatch(r"160(\.\d{3}){4}\.\d{2}", task_id) is not None,
        f"task id {task_id!r} is no flowtype-160 PrescriptionID",
    )
    check(task_identifier(task, PRESCRIPTION_ID_SYSTEM) == task_id, "task PrescriptionID differs from its id")
    access_code = task_identifier(task, ACCESS_CODE_SYSTEM)
    check(
        access_code is not None and re.fullmatch(r"[0-9a-f]{64}", access_code) is not None,
        f"AccessCode {access_code!r}",
    )
    passed(f"VAU $create: 201, draft task {task_id} with an AccessCode (pseudonym {vau.pseudonym})")

    # $activate with doctor-a's QES over the adapted KBV bundle.
    signing_time = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    bundle = prescription_bundle(pathlib.Path(arguments.bundle), task_id, berlin_date(signing_time))
    qes = cades_sign(
        bundle, pki.certificate("doctor-a"), pki.private_key("doctor-a"), [pki.certificate("hba-ca")], signing_time
    )
    activation = {
        "resourceType": "Parameters",
        "parameter": [
            {
                "name": "ePrescription",
                "resource": {
                    "resourceType": "Binary",
                    "contentType": "application/pkcs7-mime",
                    "data": base64.b64encode(qes).decode("ascii"),
                },
            }
        ],
    }
    status, headers, body = vau.send(
        "POST", f"/Task/{task_id}/$activate", token, json_bytes(activation), {"X-AccessCode": access_code}
    )
    check(status == 200, f"$activate: inner status {status} {body[:800]!r}")
    activated = json.loads(body)
    check(
        activated.get("id") == task_id and activated.get("status") == "ready",
        f"$activate answered task {activated.get('id')} {activated.get('status')}",
    )
    beneficiary = activated.get("for", {}).get("identifier", {}).get("value")
    check(beneficiary == bundle_kvnr(bundle), f"activated task's for is {beneficiary!r}, not the bundle's KVNR")
    passed(f"VAU $activate with doctor-a's QES: 200, task {task_id} ready for {beneficiary}")

    # Negative: the inner Authorization carries another token (the ID token) than the envelope.
    inner = vau.inner_request("GET", f"/Task/{task_id}", other_token, None, {"X-AccessCode": access_code})
    outer, _, _ = vau.post_envelope(token, inner, "Task")
    check(outer.status_code == 400, f"token mismatch: outer status {outer.status_code}, not 400")
    check(
        outer.headers.get("Content-Type", "").startswith("application/json"),
        "token mismatch: the outer error is not JSON",
    )
    error = outer.json()
    check(
        error.get("status") == 400 and "tokenMismatch" in error.get("message", ""),
        f"token mismatch: outer error {error}",
    )
    passed("VAU envelope whose inner Authorization differs from its token: outer 400 (tokenMismatch)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", required=True, help="the data directory of `erezept serve` (the PKI is DATA/pki)")
    parser.add_argument("--base-url", required=True, help="the server's public URL, also the token audience")
    parser.add_argument("--bundle", default=str(DEFAULT_BUNDLE), help="the KBV bundle (XML) to sign for $activate")
    parser.add_argument(
        "--wait", type=float, default=0, help="first wait up to this many seconds for the server to answer"
    )
    arguments = parser.parse_args()
    try:
        run(arguments)
    except CheckFailed as failure:
        print(f"FAIL {failure}", file=sys.stderr)
        return 1
    print("idp_vau_e2e: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
