#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Independent JOSE implementation in Python, used as an interop oracle by JOSEInteropTests.

One JSON request on stdin, one JSON answer on stdout; binary values are unpadded base64url.

P-256 goes through the `joserfc` library (ES256, ECDH-ES + A256GCM, dir + A256GCM) and, where it checks, also
through the hand-written code below, so the hand-written code is itself checked against a library. brainpoolP256r1
is hand-written with `cryptography` only, because joserfc knows neither `BP256R1` nor `crv: BP-256` (the gematik IDP
names, spec/ref-impl.md C.2, C.5): ECDSA SHA-256 with raw r||s (RFC 7518 §3.4), ECDH-ES with the Concat KDF of
RFC 7518 §4.6.2 (ConcatKDFHash, SHA-256, AlgorithmID "A256GCM", 256 bits) and AES-256-GCM with the ASCII of the
base64url protected header as AAD (RFC 7516 §5.1).

Requests ("op" and its members):
  jws-verify   compact, jwk                      -> header, payload         (exits 1 if the signature is bad)
  jws-sign     crv, payload, header (extra)      -> compact, jwk
  jwe-decrypt  compact, crv, d                   -> plaintext
  jwe-encrypt  jwk, plaintext, header (extra)    -> compact
  dir-decrypt  compact, key                      -> plaintext
  dir-encrypt  key, plaintext, header (extra)    -> compact
"""
import base64
import json
import os
import struct
import sys

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature, encode_dss_signature
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.concatkdf import ConcatKDFHash

CURVES = {"BP-256": ec.BrainpoolP256R1(), "P-256": ec.SECP256R1()}
JWS_ALG = {"BP-256": "BP256R1", "P-256": "ES256"}


def b64e(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64d(text: str) -> bytes:
    if "=" in text:
        raise ValueError("padding in base64url")
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def compact_json(value) -> bytes:
    return json.dumps(value, separators=(",", ":"), sort_keys=True).encode("utf-8")


def public_key(jwk: dict) -> ec.EllipticCurvePublicKey:
    if jwk.get("kty") != "EC":
        raise ValueError("not an EC JWK")
    numbers = ec.EllipticCurvePublicNumbers(
        int.from_bytes(b64d(jwk["x"]), "big"), int.from_bytes(b64d(jwk["y"]), "big"), CURVES[jwk["crv"]]
    )
    return numbers.public_key()  # raises ValueError for a point off the curve


def jwk_of(key: ec.EllipticCurvePublicKey, crv: str) -> dict:
    numbers = key.public_numbers()
    return {"kty": "EC", "crv": crv, "x": b64e(numbers.x.to_bytes(32, "big")), "y": b64e(numbers.y.to_bytes(32, "big"))}


def private_key(crv: str, d: bytes) -> ec.EllipticCurvePrivateKey:
    return ec.derive_private_key(int.from_bytes(d, "big"), CURVES[crv])


def concat_kdf(z: bytes, apu: bytes, apv: bytes) -> bytes:
    def prefixed(data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + data

    other_info = prefixed(b"A256GCM") + prefixed(apu) + prefixed(apv) + struct.pack(">I", 256)
    return ConcatKDFHash(algorithm=hashes.SHA256(), length=32, otherinfo=other_info).derive(z)


# --- JWS ---------------------------------------------------------------------------------------------------------


def jws_verify_by_hand(compact: str, jwk: dict) -> tuple[dict, bytes]:
    header_b64, payload_b64, signature_b64 = compact.split(".")
    header = json.loads(b64d(header_b64))
    if header.get("alg") != JWS_ALG[jwk["crv"]]:
        raise ValueError(f"alg {header.get('alg')} does not fit crv {jwk['crv']}")
    signature = b64d(signature_b64)
    if len(signature) != 64:
        raise ValueError("signature is not 64 bytes r||s")
    der = encode_dss_signature(int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big"))
    public_key(jwk).verify(der, f"{header_b64}.{payload_b64}".encode("ascii"), ec.ECDSA(hashes.SHA256()))
    return header, b64d(payload_b64)


def jws_sign_by_hand(crv: str, payload: bytes, extra: dict) -> tuple[str, dict]:
    key = ec.generate_private_key(CURVES[crv])
    header_b64 = b64e(compact_json({**extra, "alg": JWS_ALG[crv]}))
    signing_input = f"{header_b64}.{b64e(payload)}"
    r, s = decode_dss_signature(key.sign(signing_input.encode("ascii"), ec.ECDSA(hashes.SHA256())))
    return f"{signing_input}.{b64e(r.to_bytes(32, 'big') + s.to_bytes(32, 'big'))}", jwk_of(key.public_key(), crv)


def jws_verify(request: dict) -> dict:
    compact, jwk = request["compact"], request["jwk"]
    header, payload = jws_verify_by_hand(compact, jwk)
    if jwk["crv"] == "P-256":
        from joserfc import jws
        from joserfc.jwk import ECKey

        registry = jws.JWSRegistry(algorithms=["ES256"], strict_check_header=False)
        verified = jws.deserialize_compact(compact, ECKey.import_key(jwk), registry=registry)
        if verified.payload != payload or dict(verified.headers()) != header:
            raise ValueError("joserfc and the hand-written verifier disagree")
    return {"header": header, "payload": b64e(payload)}


def jws_sign(request: dict) -> dict:
    crv, payload, extra = request["crv"], b64d(request["payload"]), request.get("header", {})
    if crv == "P-256":
        from joserfc import jws
        from joserfc.jwk import ECKey

        key = ECKey.generate_key("P-256")
        registry = jws.JWSRegistry(algorithms=["ES256"], strict_check_header=False)
        compact = jws.serialize_compact({**extra, "alg": "ES256"}, payload, key, registry=registry)
        jwk = {name: value for name, value in key.as_dict(private=False).items() if name in ("kty", "crv", "x", "y")}
        jws_verify_by_hand(compact, jwk)
        return {"compact": compact, "jwk": jwk}
    compact, jwk = jws_sign_by_hand(crv, payload, extra)
    return {"compact": compact, "jwk": jwk}


def jwe_registry(alg: str):
    """A joserfc registry for `alg` + A256GCM that tolerates extra header members such as the IDP's `exp`."""
    from joserfc import jwe

    return jwe.JWERegistry(algorithms=[alg, "A256GCM"], strict_check_header=False)


# --- JWE ---------------------------------------------------------------------------------------------------------


def jwe_decrypt_by_hand(compact: str, crv: str, d: bytes) -> bytes:
    header_b64, encrypted_key, iv, ciphertext, tag = compact.split(".")
    header = json.loads(b64d(header_b64))
    if header.get("alg") != "ECDH-ES" or header.get("enc") != "A256GCM" or encrypted_key != "":
        raise ValueError(f"not ECDH-ES + A256GCM: {header}")
    if header["epk"]["crv"] != crv:
        raise ValueError(f"epk on {header['epk']['crv']}, recipient on {crv}")
    z = private_key(crv, d).exchange(ec.ECDH(), public_key(header["epk"]))
    key = concat_kdf(z, b64d(header.get("apu", "")), b64d(header.get("apv", "")))
    return AESGCM(key).decrypt(b64d(iv), b64d(ciphertext) + b64d(tag), header_b64.encode("ascii"))


def jwe_encrypt_by_hand(jwk: dict, plaintext: bytes, extra: dict) -> str:
    crv = jwk["crv"]
    ephemeral = ec.generate_private_key(CURVES[crv])
    header = {**extra, "alg": "ECDH-ES", "enc": "A256GCM", "epk": jwk_of(ephemeral.public_key(), crv)}
    header_b64 = b64e(compact_json(header))
    key = concat_kdf(
        ephemeral.exchange(ec.ECDH(), public_key(jwk)), b64d(header.get("apu", "")), b64d(header.get("apv", ""))
    )
    iv = os.urandom(12)
    sealed = AESGCM(key).encrypt(iv, plaintext, header_b64.encode("ascii"))
    return ".".join([header_b64, "", b64e(iv), b64e(sealed[:-16]), b64e(sealed[-16:])])


def jwe_decrypt(request: dict) -> dict:
    compact, crv, d = request["compact"], request["crv"], b64d(request["d"])
    plaintext = jwe_decrypt_by_hand(compact, crv, d)
    if crv == "P-256":
        from joserfc import jwe
        from joserfc.jwk import ECKey

        numbers = private_key(crv, d).private_numbers()
        jwk = {**jwk_of(numbers.public_numbers.public_key(), crv), "d": b64e(d)}
        decrypted = jwe.decrypt_compact(compact, ECKey.import_key(jwk), registry=jwe_registry("ECDH-ES"))
        if decrypted.plaintext != plaintext:
            raise ValueError("joserfc and the hand-written decrypter disagree")
    return {"plaintext": b64e(plaintext)}


def jwe_encrypt(request: dict) -> dict:
    jwk, plaintext, extra = request["jwk"], b64d(request["plaintext"]), request.get("header", {})
    if jwk["crv"] == "P-256":
        from joserfc import jwe
        from joserfc.jwk import ECKey

        protected = {**extra, "alg": "ECDH-ES", "enc": "A256GCM"}
        compact = jwe.encrypt_compact(protected, plaintext, ECKey.import_key(jwk), registry=jwe_registry("ECDH-ES"))
        return {"compact": compact}
    return {"compact": jwe_encrypt_by_hand(jwk, plaintext, extra)}


def dir_decrypt(request: dict) -> dict:
    from joserfc import jwe
    from joserfc.jwk import OctKey

    key = OctKey.import_key(b64d(request["key"]))
    decrypted = jwe.decrypt_compact(request["compact"], key, registry=jwe_registry("dir"))
    return {"plaintext": b64e(decrypted.plaintext)}


def dir_encrypt(request: dict) -> dict:
    from joserfc import jwe
    from joserfc.jwk import OctKey

    protected = {**request.get("header", {}), "alg": "dir", "enc": "A256GCM"}
    key = OctKey.import_key(b64d(request["key"]))
    return {"compact": jwe.encrypt_compact(protected, b64d(request["plaintext"]), key, registry=jwe_registry("dir"))}


OPERATIONS = {
    "jws-verify": jws_verify,
    "jws-sign": jws_sign,
    "jwe-decrypt": jwe_decrypt,
    "jwe-encrypt": jwe_encrypt,
    "dir-decrypt": dir_decrypt,
    "dir-encrypt": dir_encrypt,
}


def main() -> None:
    request = json.load(sys.stdin)
    try:
        answer = OPERATIONS[request["op"]](request)
    except (InvalidSignature, ValueError, KeyError) as error:
        print(f"{request.get('op')} refused: {type(error).__name__}: {error}", file=sys.stderr)
        sys.exit(1)
    json.dump(answer, sys.stdout)


if __name__ == "__main__":
    main()
