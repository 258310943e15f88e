// Independent verifier of rotate-certificates' certificates, with no Bouncy Castle and no JDK: ML-DSA by
// @noble/post-quantum (FIPS 204, with context strings), ECDSA P-256/384/521, Ed25519 and Ed448 by @noble/curves,
// and (official test vectors only: rotate-certificates never issues them) RSA and brainpool ECDSA by node:crypto.
//
// Usage: node verify.mjs <cases-dir>        (what the tests run, through run.mjs which installs the packages)
//        node verify.mjs --vectors <file>   (the IETF LAMPS composite-sigs test vectors, see CertificateIssuerTest)
//
// <cases-dir> holds, per case <n>: <n>-leaf.pem (the certificate, or a chain leaf first), <n>-ca.pem (the trust
// anchor), <n>.at (validation time, epoch seconds), <n>.expect ("valid" or "invalid"). For every certificate of the
// chain it checks: signature (composite ML-DSA half by half, both halves always evaluated and reported), signature
// algorithm = TBS signature algorithm = the issuer key's algorithm, issuer name = the issuer's subject (bytes), validity
// at the given time, and that the issuer is a CA (basicConstraints cA, keyUsage keyCertSign; not asked of a self-signed
// certificate trusted as itself). A self-signed anchor's own signature is checked too. Prints one line per case and per-algorithm counts; exits 1 on any disagreement.
//
// Composite ML-DSA as Bouncy Castle 1.87 implements draft-ietf-lamps-pq-composite-sigs (and as the official vectors
// confirm): signature = mldsaSig || tradSig, public key = mldsaPK || tradPK, and both halves sign
//   M' = "CompositeAlgorithmSignatures2025" || Label || len(ctx) (1 byte) || ctx || PH(M)
// with Label = "COMPSIG-" + the algorithm name (the brainpool ones abbreviate: COMPSIG-MLDSA65-ECDSA-BP256-SHA512); the ML-DSA half is ML-DSA.Sign(sk, M', ctx = Label) (FIPS 204 pure
// mode with a context string, which the JDK's API lacks); the traditional half signs M' with its own hash.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createPublicKey, verify as nodeVerify, constants } from 'node:crypto';
import { ml_dsa44, ml_dsa65, ml_dsa87 } from '@noble/post-quantum/ml-dsa.js';
import { p256, p384, p521 } from '@noble/curves/nist.js';
import { ed25519 } from '@noble/curves/ed25519.js';
import { ed448 } from '@noble/curves/ed448.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { shake256 } from '@noble/hashes/sha3.js';

const MLDSA = {
  'ML-DSA-44': { impl: ml_dsa44, sigLen: 2420, pkLen: 1312 },
  'ML-DSA-65': { impl: ml_dsa65, sigLen: 3309, pkLen: 1952 },
  'ML-DSA-87': { impl: ml_dsa87, sigLen: 4627, pkLen: 2592 },
};
const PURE = {
  '2.16.840.1.101.3.4.3.17': 'ML-DSA-44',
  '2.16.840.1.101.3.4.3.18': 'ML-DSA-65',
  '2.16.840.1.101.3.4.3.19': 'ML-DSA-87',
};
// arc under 1.3.6.1.5.5.7.6 -> [name, ML-DSA, pre-hash, traditional verifier, Label if not "COMPSIG-" + name]
const ecdsa = (curve, label) => ({ label, verify: (sig, msg, pk) => curve.verify(sig, msg, pk, { format: 'der', lowS: false }) });
const eddsa = (curve, label) => ({ label, verify: (sig, msg, pk) => curve.verify(sig, msg, pk) });
const rsa = (hash, pss, saltLength, label) => ({
  label: label + ' (node:crypto)',
  verify: (sig, msg, pk) => nodeVerify(hash, msg, pss
    ? { key: createPublicKey({ key: Buffer.from(pk), format: 'der', type: 'pkcs1' }), padding: constants.RSA_PKCS1_PSS_PADDING, saltLength }
    : createPublicKey({ key: Buffer.from(pk), format: 'der', type: 'pkcs1' }), sig),
});
const brainpool = (curveOid, hash, label) => ({
  label: label + ' (node:crypto)',
  verify: (sig, msg, pk) => nodeVerify(hash, msg, createPublicKey({ key: ecSpki(curveOid, pk), format: 'der', type: 'spki' }), sig),
});
const sha512ph = (m) => sha512(m);
const COMPOSITES = {
  37: ['MLDSA44-RSA2048-PSS-SHA256', 'ML-DSA-44', sha256, rsa('sha256', true, 32, 'RSA-PSS-2048-SHA256')],
  38: ['MLDSA44-RSA2048-PKCS15-SHA256', 'ML-DSA-44', sha256, rsa('sha256', false, 0, 'RSA-PKCS1-2048-SHA256')],
  39: ['MLDSA44-Ed25519-SHA512', 'ML-DSA-44', sha512ph, eddsa(ed25519, 'Ed25519')],
  40: ['MLDSA44-ECDSA-P256-SHA256', 'ML-DSA-44', sha256, ecdsa(p256, 'ECDSA-P256-SHA256')],
  41: ['MLDSA65-RSA3072-PSS-SHA512', 'ML-DSA-65', sha512ph, rsa('sha256', true, 32, 'RSA-PSS-3072-SHA256')],
  42: ['MLDSA65-RSA3072-PKCS15-SHA512', 'ML-DSA-65', sha512ph, rsa('sha256', false, 0, 'RSA-PKCS1-3072-SHA256')],
  43: ['MLDSA65-RSA4096-PSS-SHA512', 'ML-DSA-65', sha512ph, rsa('sha384', true, 48, 'RSA-PSS-4096-SHA384')],
  44: ['MLDSA65-RSA4096-PKCS15-SHA512', 'ML-DSA-65', sha512ph, rsa('sha384', false, 0, 'RSA-PKCS1-4096-SHA384')],
  45: ['MLDSA65-ECDSA-P256-SHA512', 'ML-DSA-65', sha512ph, ecdsa(p256, 'ECDSA-P256-SHA256')],
  46: ['MLDSA65-ECDSA-P384-SHA512', 'ML-DSA-65', sha512ph, ecdsa(p384, 'ECDSA-P384-SHA384')],
  47: ['MLDSA65-ECDSA-brainpoolP256r1-SHA512', 'ML-DSA-65', sha512ph, brainpool('1.3.36.3.3.2.8.1.1.7', 'sha256', 'ECDSA-brainpoolP256r1-SHA256'), 'COMPSIG-MLDSA65-ECDSA-BP256-SHA512'],
  48: ['MLDSA65-Ed25519-SHA512', 'ML-DSA-65', sha512ph, eddsa(ed25519, 'Ed25519')],
  49: ['MLDSA87-ECDSA-P384-SHA512', 'ML-DSA-87', sha512ph, ecdsa(p384, 'ECDSA-P384-SHA384')],
  50: ['MLDSA87-ECDSA-brainpoolP384r1-SHA512', 'ML-DSA-87', sha512ph, brainpool('1.3.36.3.3.2.8.1.1.11', 'sha384', 'ECDSA-brainpoolP384r1-SHA384'), 'COMPSIG-MLDSA87-ECDSA-BP384-SHA512'],
  51: ['MLDSA87-Ed448-SHAKE256', 'ML-DSA-87', (m) => shake256(m, { dkLen: 64 }), eddsa(ed448, 'Ed448')],
  52: ['MLDSA87-RSA3072-PSS-SHA512', 'ML-DSA-87', sha512ph, rsa('sha256', true, 32, 'RSA-PSS-3072-SHA256')],
  53: ['MLDSA87-RSA4096-PSS-SHA512', 'ML-DSA-87', sha512ph, rsa('sha384', true, 48, 'RSA-PSS-4096-SHA384')],
  54: ['MLDSA87-ECDSA-P521-SHA512', 'ML-DSA-87', sha512ph, ecdsa(p521, 'ECDSA-P521-SHA512')],
};
const COMPOSITE_ARC = '1.3.6.1.5.5.7.6.';
const PREFIX = new TextEncoder().encode('CompositeAlgorithmSignatures2025');

// ---- minimal DER reader ----------------------------------------------------------------------------------------
function tlv(buf, off) {
  const tag = buf[off];
  let len = buf[off + 1];
  let hdr = 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4) throw new Error('unsupported DER length at ' + off);
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[off + 2 + i];
    hdr += n;
  }
  const start = off + hdr;
  const end = start + len;
  if (end > buf.length) throw new Error('DER element overruns its buffer at ' + off);
  return { tag, off, start, end, raw: buf.subarray(off, end), value: buf.subarray(start, end) };
}
function children(el, buf) {
  const out = [];
  for (let p = el.start; p < el.end;) {
    const c = tlv(buf, p);
    out.push(c);
    p = c.end;
  }
  return out;
}
function oid(bytes) {
  const parts = [];
  let v = 0;
  for (const b of bytes) {
    v = v * 128 + (b & 0x7f);
    if (!(b & 0x80)) { parts.push(v); v = 0; }
  }
  const first = parts[0] < 80 ? Math.floor(parts[0] / 40) : 2;
  return [first, parts[0] - first * 40, ...parts.slice(1)].join('.');
}
function oidBytes(dotted) {
  const p = dotted.split('.').map(Number);
  const out = [p[0] * 40 + p[1]];
  for (const n of p.slice(2)) {
    const chunk = [];
    let x = n;
    do { chunk.unshift(x & 0x7f); x = Math.floor(x / 128); } while (x > 0);
    for (let i = 0; i < chunk.length - 1; i++) chunk[i] |= 0x80;
    out.push(...chunk);
  }
  return Uint8Array.from(out);
}
function der(tag, content) {
  const len = content.length;
  const head = len < 128 ? [tag, len] : len < 256 ? [tag, 0x81, len] : [tag, 0x82, len >> 8, len & 0xff];
  return Uint8Array.from([...head, ...content]);
}
function ecSpki(curveOid, point) {
  const alg = der(0x30, [...der(0x06, oidBytes('1.2.840.10045.2.1')), ...der(0x06, oidBytes(curveOid))]);
  return Buffer.from(der(0x30, [...alg, ...der(0x03, [0, ...point])]));
}
function time(el) {
  const s = Buffer.from(el.value).toString('latin1');
  const m = el.tag === 0x17 ? /^(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)Z$/.exec(s) : /^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)Z$/.exec(s);
  if (!m) throw new Error('bad time ' + s);
  let y = Number(m[1]);
  if (el.tag === 0x17) y += y >= 50 ? 1900 : 2000;
  return Date.UTC(y, m[2] - 1, m[3], m[4], m[5], m[6]) / 1000;
}
const equal = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);

function parseCertificate(bytes) {
  const buf = Uint8Array.from(bytes);
  const cert = tlv(buf, 0);
  if (cert.tag !== 0x30 || cert.end !== buf.length) throw new Error('not a DER certificate');
  const [tbs, sigAlg, sigVal] = children(cert, buf);
  const sigAlgParts = children(sigAlg, buf);
  const t = children(tbs, buf);
  let i = t[0].tag === 0xa0 ? 1 : 0;
  const serial = t[i++];
  const tbsSigAlg = t[i++];
  const issuer = t[i++];
  const validity = children(t[i++], buf);
  const subject = t[i++];
  const spki = t[i++];
  const [keyAlg, keyBits] = children(spki, buf);
  const exts = {};
  for (; i < t.length; i++) {
    if (t[i].tag !== 0xa3) continue;
    for (const ext of children(children(t[i], buf)[0], buf)) {
      const parts = children(ext, buf);
      exts[oid(parts[0].value)] = parts[parts.length - 1].value;
    }
  }
  if (sigVal.value[0] !== 0) throw new Error('signature BIT STRING has unused bits');
  return {
    der: buf,
    tbs: tbs.raw,
    sigOid: oid(sigAlgParts[0].value),
    sigAlgRaw: sigAlg.raw,
    tbsSigAlgRaw: tbsSigAlg.raw,
    sigAlgHasParams: sigAlgParts.length > 1,
    signature: sigVal.value.subarray(1),
    serial: Buffer.from(serial.value).toString('hex'),
    issuer: issuer.raw,
    subject: subject.raw,
    notBefore: time(validity[0]),
    notAfter: time(validity[1]),
    keyOid: oid(children(keyAlg, buf)[0].value),
    publicKey: keyBits.value.subarray(1),
    exts,
  };
}
function isCa(c) {
  const bc = c.exts['2.5.29.19'];
  if (!bc) return false;
  const seq = tlv(bc, 0);
  const parts = children(seq, bc);
  const caFlag = parts.length > 0 && parts[0].tag === 0x01 && parts[0].value[0] !== 0;
  const ku = c.exts['2.5.29.15'];
  if (ku) {
    const bits = tlv(ku, 0).value; // [unused bits, byte0, ...]; keyCertSign is bit 5
    if (bits.length < 2 || !(bits[1] & 0x04)) return false;
  }
  return caFlag;
}
function pems(text) {
  return [...text.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)]
    .map((m) => Buffer.from(m[1].replace(/\s+/g, ''), 'base64'));
}

// ---- signatures --------------------------------------------------------------------------------------------------
const counts = {};
const count = (key, ok) => {
  counts[key] ??= { ok: 0, failed: 0 };
  counts[key][ok ? 'ok' : 'failed']++;
};
const utf8 = (s) => new TextEncoder().encode(s);
const concat = (...parts) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
};
const attempt = (f) => { try { return f() === true; } catch { return false; } };

/** Verifies `signature` over `message` with the issuer key of algorithm `sigOid`; returns {ok, detail}. */
export function verifySignature(sigOid, publicKey, message, signature, ctx = new Uint8Array(0)) {
  if (PURE[sigOid]) {
    const name = PURE[sigOid];
    const ok = attempt(() => MLDSA[name].impl.verify(signature, message, publicKey, { context: ctx }));
    count(name, ok);
    return { ok, detail: `${name}=${ok ? 'ok' : 'FAIL'}` };
  }
  if (sigOid.startsWith(COMPOSITE_ARC) && COMPOSITES[sigOid.substring(COMPOSITE_ARC.length)]) {
    const [name, mldsaName, ph, trad, labelText = 'COMPSIG-' + name] = COMPOSITES[sigOid.substring(COMPOSITE_ARC.length)];
    const mldsa = MLDSA[mldsaName];
    const label = utf8(labelText);
    const mPrime = concat(PREFIX, label, Uint8Array.of(ctx.length), ctx, ph(message));
    // both halves are always evaluated, so a report names every half that failed
    const mldsaOk = attempt(() => mldsa.impl.verify(signature.subarray(0, mldsa.sigLen), mPrime,
      publicKey.subarray(0, mldsa.pkLen), { context: label }));
    const tradOk = attempt(() => trad.verify(signature.subarray(mldsa.sigLen), mPrime, publicKey.subarray(mldsa.pkLen)));
    count(`${name} mldsa-half(${mldsaName})`, mldsaOk);
    count(`${name} trad-half(${trad.label})`, tradOk);
    return {
      ok: mldsaOk && tradOk,
      detail: `${name} mldsa-half=${mldsaOk ? 'ok' : 'FAIL'}(${mldsaName},ctx=${labelText}) trad-half=${tradOk ? 'ok' : 'FAIL'}(${trad.label})`,
    };
  }
  throw new Error('signature algorithm ' + sigOid + ' not supported by this verifier');
}

function verifyLink(cert, issuer, at, what) {
  const problems = [];
  if (!equal(cert.sigAlgRaw, cert.tbsSigAlgRaw)) problems.push(`${what}: signatureAlgorithm differs from the TBS signature field`);
  if ((PURE[cert.sigOid] || cert.sigOid.startsWith(COMPOSITE_ARC)) && cert.sigAlgHasParams) problems.push(`${what}: parameters present in the AlgorithmIdentifier (RFC 9881: absent)`);
  if (issuer.keyOid !== cert.sigOid) problems.push(`${what}: issuer key ${issuer.keyOid} cannot make a ${cert.sigOid} signature`);
  if (!equal(cert.issuer, issuer.subject)) problems.push(`${what}: issuer name differs from the issuer's subject`);
  if (at < cert.notBefore || at > cert.notAfter) problems.push(`${what}: not valid at ${at} (${cert.notBefore}..${cert.notAfter})`);
  // a self-signed certificate trusted as itself (the official vectors' x5c) need not be a CA; any other issuer must
  if (!equal(cert.der, issuer.der) && !isCa(issuer)) problems.push(`${what}: issuer is not a CA (basicConstraints cA / keyUsage keyCertSign)`);
  const sig = verifySignature(cert.sigOid, issuer.publicKey, cert.tbs, cert.signature);
  if (!sig.ok) problems.push(`${what}: signature does not verify`);
  return { problems, detail: `${what}:${sig.detail}` };
}

function verifyCase(dir, n) {
  const chain = pems(readFileSync(join(dir, n + '-leaf.pem'), 'latin1')).map(parseCertificate);
  const anchor = parseCertificate(pems(readFileSync(join(dir, n + '-ca.pem'), 'latin1'))[0]);
  const at = Number(readFileSync(join(dir, n + '.at'), 'latin1').trim());
  const problems = [];
  const details = [];
  for (let i = 0; i < chain.length; i++) {
    const issuer = i + 1 < chain.length ? chain[i + 1] : anchor;
    const r = verifyLink(chain[i], issuer, at, i === 0 ? 'leaf' : 'intermediate' + i);
    problems.push(...r.problems);
    details.push(r.detail);
  }
  if (equal(anchor.issuer, anchor.subject) && !equal(anchor.der, chain[chain.length - 1].der)) {
    const r = verifyLink(anchor, anchor, at, 'anchor');
    problems.push(...r.problems);
    details.push(r.detail);
  }
  return { valid: problems.length === 0, text: (problems.length ? problems.join('; ') + ' | ' : '') + details.join(' ') };
}

function runCases(dir) {
  const names = readdirSync(dir).filter((f) => f.endsWith('-leaf.pem')).map((f) => f.slice(0, -'-leaf.pem'.length)).sort();
  let mismatches = 0;
  for (const n of names) {
    const expectValid = readFileSync(join(dir, n + '.expect'), 'latin1').trim() === 'valid';
    let valid;
    let text;
    try {
      ({ valid, text } = verifyCase(dir, n));
    } catch (e) {
      valid = false;
      text = 'error: ' + e.message;
    }
    const ok = valid === expectValid;
    if (!ok) mismatches++;
    console.log(`${ok ? 'OK' : 'MISMATCH'} ${n} expected=${expectValid ? 'valid' : 'invalid'} got=${valid ? 'valid' : 'invalid'} ${text}`);
  }
  report(`cases=${names.length} mismatches=${mismatches}`);
  return mismatches === 0 && names.length > 0;
}

// The official vectors: every x5c self-signature, `s` (empty ctx) and `sWithContext` (the vector's ctx), each
// composite half by half, and every tcId must name the algorithm of its certificate's OID.
function runVectors(file) {
  const v = JSON.parse(readFileSync(file, 'utf8'));
  const b64 = (s) => Uint8Array.from(Buffer.from(s, 'base64'));
  const m = b64(v.m);
  const ctx = b64(v.ctx);
  let failures = 0;
  for (const t of v.tests) {
    const cert = parseCertificate(b64(t.x5c));
    const name = PURE[cert.sigOid] ?? COMPOSITES[cert.sigOid.substring(COMPOSITE_ARC.length)]?.[0];
    const pk = b64(t.pk);
    const checks = [
      ['name', 'id-' + name === t.tcId],
      ['pk=x5c key', equal(pk, cert.publicKey)],
      ['x5c', verifySignature(cert.sigOid, cert.publicKey, cert.tbs, cert.signature)],
      ['s', verifySignature(cert.sigOid, pk, m, b64(t.s))],
      ['sWithContext', verifySignature(cert.sigOid, pk, m, b64(t.sWithContext), ctx)],
      ['s under the wrong ctx', verifySignature(cert.sigOid, pk, m, b64(t.s), ctx)],
    ];
    const ok = checks.every(([what, r], i) => (i === 5 ? !r.ok : r === true || r.ok === true));
    if (!ok) failures++;
    console.log(`${ok ? 'OK' : 'MISMATCH'} ${t.tcId} ${checks.map(([w, r]) => `${w}=${typeof r === 'boolean' ? r : r.detail}`).join(' ')}`);
  }
  report(`vectors=${v.tests.length} mismatches=${failures}`);
  return failures === 0;
}

function report(summary) {
  for (const [k, c] of Object.entries(counts).sort()) console.log(`count ${k} ok=${c.ok} failed=${c.failed}`);
  console.log(`node=${process.version} @noble/post-quantum ML-DSA ${summary}`);
}

const args = process.argv.slice(2);
const passed = args[0] === '--vectors' ? runVectors(args[1]) : runCases(args[0]);
process.exit(passed ? 0 : 1);
