// rasa-socketio-jwt minter, generated from src/minter/ by scripts/bundle-minter.mjs: do not edit.
// Includes jose (https://github.com/panva/jose), MIT licence.

// src/minter/run-in-cluster.ts
import { readFileSync as readFileSync2 } from "node:fs";

// src/settings/errors.ts
var RasaSocketioJwtError = class extends Error {
  /** A stable identifier of the kind of failure. */
  code = "ERR_RASA_SOCKETIO_JWT";
  constructor(message2, options) {
    super(message2, options);
    this.name = new.target.name;
  }
};

// src/minter/errors.ts
var MintError = class extends RasaSocketioJwtError {
  /** What went wrong, stable across releases: switch on this, not on the message. */
  code;
  constructor(code, message2) {
    super(message2);
    this.code = code;
  }
};

// src/settings/merge.ts
function isPlainObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// src/settings/rules/engine.ts
function runRules(entries, subject) {
  const problems = [];
  for (const entry of entries) {
    if ("scope" in entry) {
      for (const item of entry.items(subject)) problems.push(...runRules(entry.rules, item));
    } else {
      const args = entry.check(subject);
      if (args) problems.push(formatMessage(entry.message, args));
    }
  }
  return problems;
}
function formatMessage(template, args) {
  let next = 0;
  return template.replace(/%(?:\[(\d+)\])?([sd%])/g, (_, index, verb) => {
    if (verb === "%") return "%";
    if (index !== void 0) next = Number(index) - 1;
    return String(args[next++]);
  });
}

// src/settings/claims.ts
var DEFAULT_CLAIMS = Object.freeze({ sender_id: "rasa-chat-widget" });
function eachClaim(names, rule) {
  return {
    scope: names.map((name) => `{where}.${name}`).join(", "),
    items: ({ claims, where }) => isPlainObject(claims) ? names.filter((name) => name in claims).map((claim) => ({ claims, where, claim })) : [],
    rules: [rule]
  };
}
var CLAIM_RULES = [
  {
    id: "claimsNotAMap",
    paths: ["{where}"],
    message: "'%s' must be a map of claims (got %s)",
    check: (c) => !isPlainObject(c.claims) && [c.where, JSON.stringify(c.claims)]
  },
  {
    id: "claimsEmpty",
    paths: ["{where}"],
    message: "'%s' is empty: Rasa refuses a token whose payload is empty; keep at least sender_id",
    check: (c) => isPlainObject(c.claims) && Object.keys(c.claims).length === 0 && [c.where]
  },
  {
    id: "claimsAudience",
    paths: ["{where}.aud"],
    message: "'%s.aud' is not allowed: Rasa verifies without an audience, so PyJWT refuses any token that has one",
    check: (c) => isPlainObject(c.claims) && "aud" in c.claims && [c.where]
  },
  eachClaim(["sub", "jti"], {
    id: "claimNotAString",
    paths: ["{where}.sub", "{where}.jti"],
    message: "'%s.%s' must be a string (got %s): PyJWT 2.10 and later refuse any other",
    check: (c) => typeof c.claims[c.claim] !== "string" && [c.where, c.claim, JSON.stringify(c.claims[c.claim])]
  }),
  {
    id: "claimsExpiry",
    paths: ["{where}.exp"],
    message: "'%s.exp' is not allowed: set the lifetime with expiresIn, and the minter computes exp",
    check: (c) => isPlainObject(c.claims) && "exp" in c.claims && [c.where]
  },
  eachClaim(["iat", "nbf"], {
    id: "claimsIssuedOrNotBefore",
    paths: ["{where}.iat", "{where}.nbf"],
    message: "'%[1]s.%[2]s' is not allowed: the minter leaves %[2]s out, since a value ahead of Rasa's clock makes Rasa refuse the token",
    check: (c) => [c.where, c.claim]
  })
];
function claimProblems(claims, where) {
  return runRules(CLAIM_RULES, { claims, where });
}

// src/settings/lifetime.ts
var LIFETIME = /^[1-9][0-9]*[smhdw]$/;
var UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };
var MAX_LIFETIME_SECONDS = 10 * 365 * 86400;
var LIFETIME_TOO_LONG = "'%s' (%s) is longer than 10 years (3650d): use a shorter lifetime, or none for a token that never expires";
var NOT_A_LIFETIME = "'%s' (%s) is not a lifetime: use a number and one of s, m, h, d, w (e.g. 30d)";
function isOverMaxLifetime(text) {
  return text.length - 1 > String(MAX_LIFETIME_SECONDS).length || lifetimeSeconds(text) > MAX_LIFETIME_SECONDS;
}
function lifetimeProblem(text, where) {
  if (!LIFETIME.test(text)) return formatMessage(NOT_A_LIFETIME, [where, text]);
  return isOverMaxLifetime(text) ? formatMessage(LIFETIME_TOO_LONG, [where, text]) : void 0;
}
function lifetimeSeconds(text) {
  return Number(text.slice(0, -1)) * UNIT_SECONDS[text.slice(-1)];
}
var REMINT_FRACTION = 4;
var SHORTEST_REMINTED_LIFETIME_SECONDS = REMINT_FRACTION * 60;

// src/settings/rules.ts
var KEY_BYTES_FOR = { HS256: 32, HS384: 48, HS512: 64 };
var MIN_KEY_BYTES = KEY_BYTES_FOR.HS256;

// src/minter/key.ts
var METHODS = ["HS256", "HS384", "HS512"];
function checkMethod(method, where) {
  if (!METHODS.includes(method)) {
    throw new MintError(
      "ERR_MINT_METHOD",
      `'${where}' (${method}) is not supported: use ${METHODS.join(", ")}, the same as the channel's jwt_method`
    );
  }
  return method;
}
function signingKey(key, source, method = "HS256") {
  const needed = KEY_BYTES_FOR[method];
  if (key === void 0) {
    throw new MintError("ERR_MINT_KEY", `no key: ${source} is not set; it must hold the socketio jwt_key`);
  }
  if (key.includes("\0")) {
    throw new MintError("ERR_MINT_KEY", `the key in ${source} holds a NUL byte, which no environment variable can carry: use a text key (e.g. openssl rand -hex 32)`);
  }
  if (key.includes("�")) {
    throw new MintError("ERR_MINT_KEY", `the key in ${source} is not valid UTF-8 text, and Rasa reads the key as text: use a text key (e.g. openssl rand -hex 32)`);
  }
  const bytes = new TextEncoder().encode(key);
  if (bytes.length === 0) {
    throw new MintError("ERR_MINT_KEY", `the key in ${source} is empty: Rasa would run with auth off; set a key of at least ${needed} bytes`);
  }
  if (bytes.length < needed) {
    throw new MintError(
      "ERR_MINT_KEY",
      `the key in ${source} is ${bytes.length} bytes: ${method} needs at least ${needed} (e.g. openssl rand -hex 32, 64 bytes)`
    );
  }
  return bytes;
}

// src/minter/token.ts
import { webcrypto } from "node:crypto";

// node_modules/jose/dist/webapi/lib/buffer_utils.js
var encoder = new TextEncoder();
var decoder = new TextDecoder();
var strictDecoder = new TextDecoder("utf-8", { fatal: true });
var UINT32_RANGE = 2 ** 32;
function concat(...buffers) {
  const size = buffers.reduce((acc, { length }) => acc + length, 0), buf = new Uint8Array(size);
  let i = 0;
  for (const buffer of buffers)
    buf.set(buffer, i), i += buffer.length;
  return buf;
}
var NON_ASCII = /[^\x00-\x7f]/;
function encode(string) {
  if (typeof string == "string" && string.length >= 128) {
    if (NON_ASCII.test(string))
      throw new TypeError("non-ASCII string encountered in encode()");
    return encoder.encode(string);
  }
  const bytes = new Uint8Array(string.length);
  for (let i = 0; i < string.length; i++) {
    const code = string.charCodeAt(i);
    if (code > 127)
      throw new TypeError("non-ASCII string encountered in encode()");
    bytes[i] = code;
  }
  return bytes;
}
function encodeBase64(input, url = false) {
  if (Uint8Array.prototype.toBase64)
    return input.toBase64({ alphabet: url ? "base64url" : "base64", omitPadding: url });
  const CHUNK_SIZE = 32768, arr = [];
  for (let i = 0; i < input.length; i += CHUNK_SIZE)
    arr.push(String.fromCharCode.apply(null, input.subarray(i, i + CHUNK_SIZE)));
  const encoded = btoa(arr.join(""));
  return url ? encoded.replace(/=/g, "").replace(/\+/g, "-").replace(/\//g, "_") : encoded;
}
function decodeBase64(encoded, url = false) {
  if (Uint8Array.fromBase64)
    return Uint8Array.fromBase64(encoded, { alphabet: url ? "base64url" : "base64" });
  if (url) {
    if (encoded.includes("+") || encoded.includes("/"))
      throw new TypeError("Invalid base64url");
    encoded = encoded.replace(/-/g, "+").replace(/_/g, "/");
  }
  const binary = atob(encoded), bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++)
    bytes[i] = binary.charCodeAt(i);
  return bytes;
}

// node_modules/jose/dist/webapi/util/errors.js
var JOSEError = class extends Error {
  static code = "ERR_JOSE_GENERIC";
  code = "ERR_JOSE_GENERIC";
  constructor(message2, options) {
    super(message2, options), this.name = this.constructor.name, Error.captureStackTrace?.(this, this.constructor);
  }
};
var JOSENotSupported = class extends JOSEError {
  static code = "ERR_JOSE_NOT_SUPPORTED";
  code = "ERR_JOSE_NOT_SUPPORTED";
};
var JWSInvalid = class extends JOSEError {
  static code = "ERR_JWS_INVALID";
  code = "ERR_JWS_INVALID";
};
var JWTInvalid = class extends JOSEError {
  static code = "ERR_JWT_INVALID";
  code = "ERR_JWT_INVALID";
};

// node_modules/jose/dist/webapi/util/base64url.js
var invalid = "The input to be decoded is not correctly encoded.";
function decode(input) {
  try {
    return decodeBase64(typeof input == "string" ? input : decoder.decode(input), true);
  } catch (cause) {
    throw new TypeError(invalid, { cause });
  }
}
function encode2(input) {
  return encodeBase64(typeof input == "string" ? encoder.encode(input) : input, true);
}

// node_modules/jose/dist/webapi/lib/validate.js
function isObject(input) {
  if (typeof input != "object" || input === null || Object.prototype.toString.call(input) !== "[object Object]")
    return false;
  const prototype = Object.getPrototypeOf(input);
  return prototype === null || Object.getPrototypeOf(prototype) === null;
}
function isDisjoint(...headers) {
  const parameters = /* @__PURE__ */ new Set();
  for (const header of headers)
    if (header)
      for (const parameter of Object.keys(header)) {
        if (parameters.has(parameter))
          return false;
        parameters.add(parameter);
      }
  return true;
}
function assertNotSet(value, name) {
  if (value !== void 0)
    throw new TypeError(`${name} can only be called once`);
}
var JWS_RECOGNIZED = { __proto__: null, b64: true };
function validateCritDuplicates(Err, protectedHeader) {
  const { crit } = protectedHeader ?? {};
  if (Array.isArray(crit) && new Set(crit).size !== crit.length)
    throw new Err('"crit" (Critical) Header Parameter MUST NOT contain duplicate values');
}
function validateCrit(Err, recognizedDefault, recognizedOption, protectedHeader, joseHeader) {
  if (joseHeader.crit !== void 0 && protectedHeader?.crit === void 0)
    throw new Err('"crit" (Critical) Header Parameter MUST be integrity protected');
  if (!protectedHeader || protectedHeader.crit === void 0)
    return [];
  if (!Array.isArray(protectedHeader.crit) || protectedHeader.crit.length === 0 || protectedHeader.crit.some((input) => typeof input != "string" || input.length === 0))
    throw new Err('"crit" (Critical) Header Parameter MUST be an array of non-empty strings when present');
  const recognized = recognizedOption === void 0 ? recognizedDefault : { __proto__: null, ...recognizedOption, ...recognizedDefault };
  for (const parameter of protectedHeader.crit) {
    if (!(parameter in recognized))
      throw new JOSENotSupported(`Extension Header Parameter "${parameter}" is not recognized`);
    if (!Object.hasOwn(joseHeader, parameter) || joseHeader[parameter] === void 0)
      throw new Err(`Extension Header Parameter "${parameter}" is missing`);
    if (recognized[parameter] && (!Object.hasOwn(protectedHeader, parameter) || protectedHeader[parameter] === void 0))
      throw new Err(`Extension Header Parameter "${parameter}" MUST be integrity protected`);
  }
  return protectedHeader.crit;
}
function validateB64(protectedHeader, extensions) {
  if (extensions.includes("b64")) {
    const b64 = protectedHeader.b64;
    if (typeof b64 != "boolean")
      throw new JWSInvalid('The "b64" (base64url-encode payload) Header Parameter must be a boolean');
    return b64;
  }
  return true;
}
function serializeJoseHeader(Err, header) {
  let serialized, parsed;
  try {
    serialized = JSON.stringify(header), parsed = JSON.parse(serialized);
  } catch (cause) {
    throw new Err("JOSE Header is not valid JSON", { cause });
  }
  if (!isObject(parsed))
    throw new Err("JOSE Header is not a JSON object");
  return [parsed, serialized];
}

// node_modules/jose/dist/webapi/lib/key.js
var tag = (key) => key[Symbol.toStringTag];
var jwkMatchesOp = (entry, key, usage) => {
  const { alg } = entry;
  if (key.use !== void 0) {
    const expected = usage === "sign" || usage === "verify" ? "sig" : "enc";
    if (key.use !== expected)
      throw new TypeError(`Invalid key for this operation, its "use" must be "${expected}" when present`);
  }
  if (key.kty === "AKP" && key.alg === void 0)
    throw new TypeError('missing "alg" (Algorithm) Parameter value');
  if (key.alg !== void 0 && key.alg !== alg)
    throw new TypeError(`Invalid key for this operation, its "alg" must be "${alg}" when present`);
  if (Array.isArray(key.key_ops)) {
    const expectedKeyOp = usage === "encrypt" || usage === "decrypt" ? entry.ops?.[usage === "encrypt" ? 0 : 1] : usage;
    if (expectedKeyOp && !key.key_ops.includes(expectedKeyOp))
      throw new TypeError(`Invalid key for this operation, its "key_ops" must include "${expectedKeyOp}" when present`);
  }
};
async function prepareKey(entry, key, usage) {
  const { alg, secret } = entry, requiresPrivateKey = usage === "decrypt" || usage === "sign";
  if (secret && key instanceof Uint8Array)
    return key;
  let normalized, keyObject;
  if (isObject(key)) {
    if (normalized = normalizeJwk(key), typeof normalized.kty != "string")
      throw invalidKeyType(alg, key, secret);
    if (!(secret ? normalized.kty === "oct" && typeof normalized.k == "string" : normalized.kty !== "oct" && (requiresPrivateKey ? normalized.kty === "AKP" && typeof normalized.priv == "string" || typeof normalized.d == "string" : normalized.d === void 0 && normalized.priv === void 0)))
      throw new TypeError(secret ? 'JSON Web Key for symmetric algorithms must have JWK "kty" (Key Type) equal to "oct" and the JWK "k" (Key Value) present' : `JSON Web Key for this operation must be a ${requiresPrivateKey ? "private" : "public"} JWK`);
    if (jwkMatchesOp(entry, normalized, usage), normalized.kty === "oct")
      return decode(normalized.k);
    if (!Object.isFrozen(key)) {
      const { key_ops } = key;
      Array.isArray(key_ops) && Object.freeze(key_ops), Object.freeze(key);
    }
  } else {
    if (!isKeyLike(key))
      throw invalidKeyType(alg, key, secret);
    const expectedType = secret ? "secret" : requiresPrivateKey ? "private" : "public";
    if (key.type !== expectedType && (secret || ["secret", "public", "private"].includes(key.type)))
      throw new TypeError(`${tag(key)} instances must be of type "${expectedType}" for the ${alg} algorithm`);
    if (isCryptoKey(key))
      return key;
    if (keyObject = key, keyObject.type === "secret")
      return keyObject.export();
  }
  cache ||= /* @__PURE__ */ new WeakMap();
  const cacheKey = key;
  let cached = cache.get(cacheKey);
  if (cached?.[alg])
    return cached[alg];
  if (cached || cache.set(cacheKey, cached = {}), keyObject && typeof keyObject.toCryptoKey == "function") {
    const isPublic = keyObject.type === "public", crv = nist[keyObject.asymmetricKeyDetails?.namedCurve], params = entry.resolve?.({ crv, asymmetricKeyType: keyObject.asymmetricKeyType }) ?? entry.subtle;
    return cached[alg] = keyObject.toCryptoKey(params, isPublic, entry.usages[isPublic ? 0 : 1]);
  }
  return normalized ??= keyObject.export({ format: "jwk" }), normalized.alg = alg, cached[alg] = await jwkToKey(entry, normalized);
}
var cache;
var nist = {
  __proto__: null,
  prime256v1: "P-256",
  secp384r1: "P-384",
  secp521r1: "P-521"
};
var isCryptoKey = (key) => {
  if (key?.[Symbol.toStringTag] === "CryptoKey")
    return true;
  try {
    return key instanceof CryptoKey;
  } catch {
    return false;
  }
};
var isKeyObject = (key) => key?.[Symbol.toStringTag] === "KeyObject";
var isKeyLike = (key) => isCryptoKey(key) || isKeyObject(key);
function message(msg, actual, ...types) {
  if (types.length > 2) {
    const last = types.pop();
    msg += `one of type ${types.join(", ")}, or ${last}.`;
  } else types.length === 2 ? msg += `one of type ${types[0]} or ${types[1]}.` : msg += `of type ${types[0]}.`;
  return actual == null ? msg += ` Received ${actual}` : typeof actual == "function" && actual.name ? msg += ` Received function ${actual.name}` : typeof actual == "object" && actual != null && actual.constructor?.name && (msg += ` Received an instance of ${actual.constructor.name}`), msg;
}
function invalidKeyType(alg, actual, secret) {
  const types = ["CryptoKey", "KeyObject", "JSON Web Key"];
  return secret && types.push("Uint8Array"), new TypeError(message(`Key for the ${alg} algorithm must be `, actual, ...types));
}
var unusable = (name, prop = "algorithm.name") => new TypeError(`CryptoKey does not support this operation, its ${prop} must be ${name}`);
function checkUsage(key, usage) {
  if (usage && !key.usages.includes(usage))
    throw new TypeError(`CryptoKey does not support this operation, its usages must include ${usage}.`);
}
function checkModulusLength(alg, key) {
  const { modulusLength } = key.algorithm;
  if (typeof modulusLength != "number" || modulusLength < 2048)
    throw new TypeError(`${alg} requires key modulusLength to be 2048 bits or larger`);
}
function checkCryptoKey(key, expected, usage) {
  const algorithm = key.algorithm;
  if (algorithm.name !== expected.name)
    throw unusable(expected.name);
  if (expected.hash && algorithm.hash?.name !== expected.hash)
    throw unusable(expected.hash, "algorithm.hash");
  if (expected.namedCurve && algorithm.namedCurve !== expected.namedCurve)
    throw unusable(expected.namedCurve, "algorithm.namedCurve");
  if (expected.length !== void 0 && algorithm.length !== expected.length)
    throw unusable(expected.length, "algorithm.length");
  checkUsage(key, usage);
}
function snapshotJwk(jwk) {
  return { __proto__: null, ...jwk };
}
function normalizeJwk(jwk) {
  const normalized = snapshotJwk(jwk);
  if (normalized.ext !== void 0 && typeof normalized.ext != "boolean")
    throw new TypeError('"ext" (Extractable) Parameter must be a boolean');
  if (normalized.key_ops !== void 0) {
    const value = normalized.key_ops, keyOps = Array.isArray(value) ? [...value] : void 0;
    if (!keyOps || keyOps.some((operation) => typeof operation != "string") || new Set(keyOps).size !== keyOps.length)
      throw new TypeError('"key_ops" (Key Operations) Parameter must be an array of unique strings');
    normalized.key_ops = keyOps;
  }
  return normalized;
}
async function jwkToKey(entry, jwk, extractable) {
  if (!entry.kty.includes(jwk.kty))
    throw new JOSENotSupported('Invalid or unsupported JWK "alg" (Algorithm) Parameter value');
  const algorithm = entry.resolve?.({ kty: jwk.kty, crv: jwk.crv }) ?? entry.subtle, isPrivate = !!(jwk.d || jwk.priv), keyData = { ...jwk, ext: extractable ?? jwk.ext };
  return keyData.kty !== "AKP" && delete keyData.alg, delete keyData.use, crypto.subtle.importKey("jwk", keyData, algorithm, keyData.ext ?? !isPrivate, jwk.key_ops ?? entry.usages[isPrivate ? 1 : 0]);
}
async function rawKey(key, expected, usage, extractable = false) {
  return key instanceof Uint8Array && (key = await crypto.subtle.importKey("raw", key, expected, extractable, [usage])), checkCryptoKey(key, expected, usage), key;
}

// node_modules/jose/dist/webapi/lib/key_descriptor.js
function table(entries) {
  const out = { __proto__: null };
  for (const alg in entries)
    out[alg] = { ...entries[alg], alg };
  return out;
}

// node_modules/jose/dist/webapi/lib/jws_algorithms.js
var sig = [["verify"], ["sign"]];
function hmac(bits) {
  const subtle = { name: "HMAC", hash: `SHA-${bits}` };
  return { kty: ["oct"], secret: true, subtle, signing: subtle, usages: sig };
}
function rsa(bits, saltLength) {
  const subtle = { name: saltLength ? "RSA-PSS" : "RSASSA-PKCS1-v1_5", hash: `SHA-${bits}` };
  return {
    kty: ["RSA"],
    subtle,
    signing: saltLength ? { ...subtle, saltLength } : subtle,
    usages: sig,
    minRsaBits: 2048
  };
}
function ecdsa(crv, bits) {
  return {
    kty: ["EC"],
    crv,
    subtle: { name: "ECDSA", namedCurve: crv },
    signing: { name: "ECDSA", hash: `SHA-${bits}` },
    usages: sig
  };
}
function eddsa() {
  const subtle = { name: "Ed25519" };
  return {
    kty: ["OKP"],
    crv: "Ed25519",
    subtle,
    signing: subtle,
    usages: sig
  };
}
function mldsa(parameterSet) {
  const subtle = { name: `ML-DSA-${parameterSet}` };
  return {
    kty: ["AKP"],
    subtle,
    signing: subtle,
    usages: sig
  };
}
var JWS = table({
  HS256: hmac(256),
  HS384: hmac(384),
  HS512: hmac(512),
  RS256: rsa(256),
  RS384: rsa(384),
  RS512: rsa(512),
  PS256: rsa(256, 32),
  PS384: rsa(384, 48),
  PS512: rsa(512, 64),
  ES256: ecdsa("P-256", 256),
  ES384: ecdsa("P-384", 384),
  ES512: ecdsa("P-521", 512),
  EdDSA: eddsa(),
  Ed25519: eddsa(),
  "ML-DSA-44": mldsa(44),
  "ML-DSA-65": mldsa(65),
  "ML-DSA-87": mldsa(87)
});
function jwsAlgorithm(alg) {
  const entry = typeof alg == "string" ? JWS[alg] : void 0;
  if (!entry)
    throw new JOSENotSupported(`alg ${alg} is not supported either by JOSE or your javascript runtime`);
  return entry;
}

// node_modules/jose/dist/webapi/lib/jwt_claims_set.js
var epoch = (date) => Math.floor(date.getTime() / 1e3);
var multipliers = {
  s: 1,
  m: 60,
  h: 3600,
  d: 86400,
  w: 604800,
  y: 31557600
};
var REGEX = /^(\+|\-)? ?(\d+|\d+\.\d+) ?(seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|w|years?|yrs?|y)(?: (ago|from now))?$/i;
function invalidDuration() {
  throw new TypeError("Invalid time period format");
}
function secs(str) {
  typeof str != "string" && invalidDuration();
  const matched = REGEX.exec(str);
  (!matched || matched[4] && matched[1]) && invalidDuration();
  const value = parseFloat(matched[2]), durationSeconds = Math.round(value * multipliers[matched[3][0].toLowerCase()]);
  return Number.isFinite(durationSeconds) || invalidDuration(), matched[1] === "-" || matched[4]?.toLowerCase() === "ago" ? -durationSeconds : durationSeconds;
}
function validateInput(label, input) {
  if (!Number.isFinite(input))
    throw new TypeError(`Invalid ${label} input`);
  return input;
}
function validateStringClaim(claim, value) {
  if (typeof value != "string")
    throw new TypeError(`"${claim}" claim must be a string`);
}
function validateAudienceClaim(value) {
  if (typeof value != "string" && (!Array.isArray(value) || Array.from(value).some((member) => typeof member != "string")))
    throw new TypeError('"aud" claim must be a string or an array of strings');
}
function numericDate(value, label) {
  return typeof value == "number" ? validateInput(label, value) : value instanceof Date ? validateInput(label, epoch(value)) : epoch(/* @__PURE__ */ new Date()) + secs(value);
}
var producerClaimsSets;
function producerClaimsSet(producer) {
  return producerClaimsSets.get(producer);
}
function jwtClaimsSetBytes(producer) {
  const claimsSet = producerClaimsSet(producer);
  for (const claim of ["iat", "nbf", "exp"]) {
    const value = claimsSet[claim];
    if (typeof value == "number" && !Number.isFinite(value))
      throw new TypeError(`"${claim}" claim must be a finite number`);
  }
  return encoder.encode(JSON.stringify(claimsSet));
}
var JWTClaimsBuilder = class {
  constructor(claimsSet = {}) {
    if (!isObject(claimsSet))
      throw new TypeError("JWT Claims Set MUST be an object");
    (producerClaimsSets ||= /* @__PURE__ */ new WeakMap()).set(this, structuredClone(claimsSet));
  }
  setIssuer(value) {
    return validateStringClaim("iss", value), producerClaimsSet(this).iss = value, this;
  }
  setSubject(value) {
    return validateStringClaim("sub", value), producerClaimsSet(this).sub = value, this;
  }
  setAudience(value) {
    return validateAudienceClaim(value), producerClaimsSet(this).aud = value, this;
  }
  setJti(value) {
    return validateStringClaim("jti", value), producerClaimsSet(this).jti = value, this;
  }
  setNotBefore(value) {
    return producerClaimsSet(this).nbf = numericDate(value, "setNotBefore"), this;
  }
  setExpirationTime(value) {
    return producerClaimsSet(this).exp = numericDate(value, "setExpirationTime"), this;
  }
  setIssuedAt(value) {
    const claimsSet = producerClaimsSet(this);
    return value === void 0 ? claimsSet.iat = epoch(/* @__PURE__ */ new Date()) : typeof value == "string" ? claimsSet.iat = validateInput("setIssuedAt", epoch(/* @__PURE__ */ new Date()) + secs(value)) : claimsSet.iat = numericDate(value, "setIssuedAt"), this;
  }
};

// node_modules/jose/dist/webapi/lib/jws_sign.js
async function createSignature(input, key, rejectUnencoded) {
  let [payload, protectedHeader, unprotectedHeader, crit] = input, encodedProtectedHeader = "";
  if (protectedHeader !== void 0) {
    const normalized = serializeJoseHeader(JWSInvalid, protectedHeader);
    protectedHeader = normalized[0], encodedProtectedHeader = encode2(normalized[1]);
  }
  if (unprotectedHeader !== void 0 && (unprotectedHeader = serializeJoseHeader(JWSInvalid, unprotectedHeader)[0]), !protectedHeader && !unprotectedHeader)
    throw new JWSInvalid("either setProtectedHeader or setUnprotectedHeader must be called before #sign()");
  if (!isDisjoint(protectedHeader, unprotectedHeader))
    throw new JWSInvalid("JWS Protected and JWS Unprotected Header Parameter names must be disjoint");
  const joseHeader = { ...protectedHeader, ...unprotectedHeader };
  validateCritDuplicates(JWSInvalid, protectedHeader);
  const b64 = validateB64(protectedHeader, validateCrit(JWSInvalid, JWS_RECOGNIZED, crit, protectedHeader, joseHeader));
  b64 || rejectUnencoded?.();
  const { alg } = joseHeader;
  if (typeof alg != "string" || !alg)
    throw new JWSInvalid('JWS "alg" (Algorithm) Header Parameter missing or invalid');
  const entry = jwsAlgorithm(alg);
  let encodedPayload = "", signingPayload = payload, signingInput;
  if (b64) {
    const encodedPayloadCache = input[4];
    encodedPayloadCache ? (encodedPayload = encodedPayloadCache[0] ??= encode2(payload), signingPayload = encodedPayloadCache[1] ??= encode(encodedPayload)) : (encodedPayload = encode2(payload), signingInput = encoder.encode(`${encodedProtectedHeader}.${encodedPayload}`));
  }
  signingInput ??= concat(encode(encodedProtectedHeader), encode("."), signingPayload);
  const signingKey2 = await rawKey(await prepareKey(entry, key, "sign"), entry.subtle, "sign");
  entry.minRsaBits && checkModulusLength(entry.alg, signingKey2);
  const jws = {
    signature: encode2(new Uint8Array(await crypto.subtle.sign(entry.signing, signingKey2, signingInput))),
    payload: encodedPayload
  };
  return protectedHeader && (jws.protected = encodedProtectedHeader), unprotectedHeader && (jws.header = unprotectedHeader), [jws, b64];
}
async function createCompactSignature(payload, protectedHeader, crit, key, rejectUnencoded) {
  const [jws] = await createSignature([payload, protectedHeader, void 0, crit], key, rejectUnencoded);
  return `${jws.protected}.${jws.payload}.${jws.signature}`;
}

// node_modules/jose/dist/webapi/jwt/sign.js
var SignJWT_base = JWTClaimsBuilder;
var SignJWT = class extends SignJWT_base {
  #protectedHeader;
  setProtectedHeader(protectedHeader) {
    return assertNotSet(this.#protectedHeader, "setProtectedHeader"), this.#protectedHeader = protectedHeader, this;
  }
  async sign(key, options) {
    return createCompactSignature(jwtClaimsSetBytes(this), this.#protectedHeader, options?.crit, key, () => {
      throw new JWTInvalid("JWTs MUST NOT use unencoded payload");
    });
  }
};

// src/minter/duration.ts
function parseDuration(text, where) {
  const problem = lifetimeProblem(text, where);
  if (problem) throw new MintError("ERR_MINT_CLAIMS", problem);
  return lifetimeSeconds(text);
}

// src/minter/token.ts
var webKeys = /* @__PURE__ */ new WeakMap();
async function mintToken(req) {
  checkClaims(req.claims, `${req.where}.claims`);
  const payload = { ...req.claims };
  let expiresAt = null;
  if (req.expiresIn) {
    expiresAt = Math.floor(req.now / 1e3) + parseDuration(req.expiresIn, `${req.where}.expiresIn`);
    payload.exp = expiresAt;
  }
  return { token: await signToken(payload, req.key, req.method), expiresAt };
}
function checkClaims(claims, where) {
  const problems = claimProblems(claims, where);
  if (problems.length > 0) throw new MintError("ERR_MINT_CLAIMS", problems.join("; "));
}
function signToken(payload, key, method) {
  return new SignJWT(payload).setProtectedHeader({ alg: method, typ: "JWT" }).sign(joseKey(key));
}
function joseKey(key) {
  if (key instanceof Uint8Array) return key;
  const webKey = webKeys.get(key);
  if (!webKey) throw new TypeError("a SigningKey is the key's bytes or what hmacKey returned");
  return webKey;
}
var HASH_OF = { HS256: "SHA-256", HS384: "SHA-384", HS512: "SHA-512" };
async function hmacKey(key, method) {
  const webKey = await webcrypto.subtle.importKey("raw", key, { name: "HMAC", hash: HASH_OF[method] }, false, ["sign"]);
  const handle = Object.freeze({ method });
  webKeys.set(handle, webKey);
  return handle;
}

// src/minter/input.ts
function parseMinterInput(value) {
  const fail = (message2) => {
    throw new MintError("ERR_MINT_INPUT", `minter input: ${message2}`);
  };
  if (!isPlainObject(value)) return fail("must be a JSON object");
  for (const field of ["configMap", "keyEnv", "method"]) {
    if (typeof value[field] !== "string" || value[field] === "") fail(`'${field}' must be a non-empty string`);
  }
  const labels = value.labels ?? {};
  if (!isPlainObject(labels) || Object.values(labels).some((v) => typeof v !== "string")) {
    fail("'labels' must map names to strings");
  }
  const restartDeployment = value.restartDeployment ?? "";
  if (typeof restartDeployment !== "string") fail("'restartDeployment' must be a string");
  if (!Array.isArray(value.widgets)) return fail("'widgets' must be a list");
  const widgets = value.widgets.map((w, i) => {
    if (!isPlainObject(w)) return fail(`'widgets[${i}]' must be an object`);
    for (const field of ["name", "url", "expiresIn", "initialPayload"]) {
      if (typeof w[field] !== "string") fail(`'widgets[${i}].${field}' must be a string`);
    }
    if (w.name === "") fail(`'widgets[${i}].name' must not be empty`);
    checkClaims(w.claims, `widgets[${i}].claims`);
    return w;
  });
  return {
    configMap: value.configMap,
    labels,
    keyEnv: value.keyEnv,
    method: checkMethod(value.method, "method"),
    restartDeployment,
    widgets
  };
}

// src/minter/kube/request.ts
import { request as httpsRequest } from "node:https";
function kubeRequest(conn, req) {
  const url = new URL(req.path, conn.server);
  const headers = { Accept: req.accept ?? "application/json", ...conn.headers };
  const token = conn.token?.();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (req.body !== void 0) {
    headers["Content-Type"] = req.contentType ?? "application/json";
    headers["Content-Length"] = String(Buffer.byteLength(req.body));
  }
  return new Promise((resolve, reject) => {
    const call = httpsRequest(url, {
      method: req.method,
      headers,
      ca: conn.ca,
      cert: conn.cert,
      key: conn.key,
      timeout: req.timeoutMs
    }, (res) => {
      const chunks = [];
      res.on("data", (chunk) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    call.on("timeout", () => call.destroy(Object.assign(new Error(`no answer within ${req.timeoutMs} ms`), { code: "ETIMEDOUT" })));
    call.on("error", reject);
    call.end(req.body);
  });
}

// src/minter/kube/status.ts
function apiMessage(res) {
  try {
    const status = JSON.parse(res.body);
    if (status.message) return status.message;
  } catch {
  }
  return res.body.slice(0, 200) || "no message";
}
function retryAfterMs(res) {
  const header = res.headers["retry-after"];
  const value = Array.isArray(header) ? header[0] : header;
  if (value === void 0) return void 0;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1e3;
  const date = Date.parse(value);
  return Number.isNaN(date) ? void 0 : Math.max(0, date - Date.now());
}

// src/minter/kube/retry.ts
var DEFAULT_RETRY_POLICY = {
  attempts: 6,
  baseMs: 500,
  capMs: 1e4,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random
};
var RetriesExhausted = class extends Error {
  constructor(attempts, lastReason) {
    super(`gave up after ${attempts} attempts; last: ${lastReason}`);
    this.attempts = attempts;
    this.lastReason = lastReason;
  }
  attempts;
  lastReason;
};
async function withRetries(attempt, policy, onRetry = () => {
}) {
  let lastReason = "";
  for (let n = 1; n <= policy.attempts; n++) {
    const outcome = await attempt(n);
    if ("done" in outcome) return outcome.done;
    if ("fail" in outcome) throw outcome.fail;
    lastReason = outcome.retry;
    if (n === policy.attempts) break;
    const backoff = policy.random() * Math.min(policy.capMs, policy.baseMs * 2 ** (n - 1));
    const delay = Math.min(policy.capMs, outcome.retryAfterMs ?? backoff);
    onRetry(outcome.retry, delay, n);
    await policy.sleep(delay);
  }
  throw new RetriesExhausted(policy.attempts, lastReason);
}

// src/minter/kube/apply-configmap.ts
var FIELD_MANAGER = "rasa-socketio-jwt-minter";
var METADATA_ONLY = "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json";
async function applyConfigMap(conn, target, opts = {}) {
  const where = `ConfigMap ${target.namespace}/${target.name}`;
  const body = JSON.stringify({
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: target.name, namespace: target.namespace, labels: target.labels },
    data: target.data
  });
  const path = `/api/v1/namespaces/${encodeURIComponent(target.namespace)}/configmaps/${encodeURIComponent(target.name)}?fieldManager=${FIELD_MANAGER}&force=true`;
  const attempt = async () => {
    let res;
    try {
      res = await kubeRequest(conn, {
        method: "PATCH",
        path,
        body,
        contentType: "application/apply-patch+yaml",
        accept: METADATA_ONLY,
        timeoutMs: opts.timeoutMs ?? 15e3
      });
    } catch (error) {
      return { retry: `cannot reach ${conn.server}: ${error.code ?? error.message}` };
    }
    return classify(res, conn, target, where);
  };
  try {
    return await withRetries(
      attempt,
      opts.policy ?? DEFAULT_RETRY_POLICY,
      (reason, delay, n) => opts.log?.(`attempt ${n} to write ${where} failed (${reason}); retrying in ${Math.round(delay)} ms`)
    );
  } catch (error) {
    if (error instanceof RetriesExhausted) {
      throw new MintError(
        "ERR_WRITE_FAILED",
        `could not write ${where}: ${error.message}. The previous ConfigMap, if any, is unchanged`
      );
    }
    throw error;
  }
}
function classify(res, conn, target, where) {
  const status = res.status;
  if (status === 200 || status === 201) {
    const object = JSON.parse(res.body);
    return { done: { resourceVersion: object.metadata?.resourceVersion ?? "" } };
  }
  const message2 = apiMessage(res);
  if (status === 401) {
    return { fail: new MintError("ERR_WRITE_UNAUTHORIZED", `401 Unauthorized writing ${where}: the API server refused the credentials of ${conn.identity} (${message2})`) };
  }
  if (status === 403) {
    return {
      fail: new MintError(
        "ERR_WRITE_FORBIDDEN",
        `403 Forbidden writing ${where}: ${conn.identity} lacks the permission (${message2}); its Role must grant get, patch and create on configmaps with resourceNames ["${target.name}"] in namespace ${target.namespace}`
      )
    };
  }
  if (status === 409 || status === 429 || status >= 500) {
    return { retry: `${status} ${message2}`, retryAfterMs: retryAfterMs(res) };
  }
  return { fail: new MintError("ERR_WRITE_REJECTED", `${status} writing ${where}: ${message2}`) };
}

// src/minter/snippets.ts
var LEGACY_WIDGET_SCRIPT = "https://unpkg.com/@rasahq/rasa-chat";
var WEB_COMPONENT_SCRIPT = "https://unpkg.com/@rasahq/chat-widget-ui/dist/rasa-chatwidget/rasa-chatwidget.esm.js";
var WEB_COMPONENT_STYLESHEET = "https://unpkg.com/@rasahq/chat-widget-ui/dist/rasa-chatwidget/rasa-chatwidget.css";
function legacySnippet(w) {
  const attributes = [
    ["id", "rasa-chat-widget"],
    ["data-websocket-url", w.url],
    ["data-token", w.token],
    ...w.initialPayload ? [["data-initial-payload", w.initialPayload]] : []
  ];
  return `<div ${attributes.map(([k, v]) => `${k}="${escapeAttribute(v)}"`).join(" ")}></div>
<script src="${LEGACY_WIDGET_SCRIPT}" type="application/javascript"></script>
`;
}
function webComponentSnippet(w) {
  const attributes = [
    ["server-url", w.url],
    ["authentication-token", w.token],
    ...w.initialPayload ? [["initial-payload", w.initialPayload]] : []
  ];
  return `<rasa-chatbot-widget ${attributes.map(([k, v]) => `${k}="${escapeAttribute(v)}"`).join(" ")}></rasa-chatbot-widget>
<script type="module" src="${WEB_COMPONENT_SCRIPT}"></script>
<link rel="stylesheet" href="${WEB_COMPONENT_STYLESHEET}">
`;
}
var ENTITIES = { "&": "&amp;", '"': "&quot;", "<": "&lt;", ">": "&gt;" };
function escapeAttribute(value) {
  return value.replace(/[&"<>]/g, (c) => ENTITIES[c]);
}

// src/minter/output.ts
var CONFIGMAP_LIMIT_BYTES2 = 1024 * 1024;
function widgetsConfigMapData(widgets, meta) {
  const data = {};
  for (const w of widgets) {
    data[`${w.name}.token`] = w.token;
    data[`${w.name}.legacy.html`] = legacySnippet(w);
    data[`${w.name}.web-component.html`] = webComponentSnippet(w);
    if (w.expiresAt !== null) data[`${w.name}.expires-at`] = expiryTime(w.expiresAt);
  }
  const index = {
    method: meta.method,
    keyFingerprint: meta.keyFingerprint,
    widgets: widgets.map((w) => ({
      name: w.name,
      url: w.url,
      expiresAt: w.expiresAt === null ? null : new Date(w.expiresAt * 1e3).toISOString()
    }))
  };
  data["index.json"] = `${JSON.stringify(index)}
`;
  return data;
}
function parseWidgetsIndex(text) {
  if (text === void 0) return void 0;
  try {
    const index = JSON.parse(text);
    return typeof index?.keyFingerprint === "string" && Array.isArray(index.widgets) ? index : void 0;
  } catch {
    return void 0;
  }
}
function expiryTime(exp) {
  return new Date(exp * 1e3).toISOString().replace(/\.\d{3}Z$/, "Z");
}
function checkConfigMapSize(data, name) {
  let total = 0;
  for (const [key, value] of Object.entries(data)) total += Buffer.byteLength(key, "utf8") + Buffer.byteLength(value, "utf8");
  if (total > CONFIGMAP_LIMIT_BYTES2) {
    throw new MintError(
      "ERR_MINT_TOO_LARGE",
      `ConfigMap ${name} would hold ${total} bytes, over the ${CONFIGMAP_LIMIT_BYTES2}-byte limit of a ConfigMap: spread the widgets over several releases (each with its own minter.configMapName), or drop some`
    );
  }
  return total;
}

// src/minter/kube/json-request.ts
async function kubeJson(conn, req, opts = {}) {
  const attempt = async () => {
    let res;
    try {
      res = await kubeRequest(conn, {
        method: req.method,
        path: req.path,
        ...req.body === void 0 ? {} : { body: JSON.stringify(req.body), contentType: req.contentType ?? "application/json" },
        timeoutMs: opts.timeoutMs ?? 15e3
      });
    } catch (error) {
      return { retry: `cannot reach ${conn.server}: ${error.code ?? error.message}` };
    }
    if (res.status >= 200 && res.status < 300) return { done: res.body ? JSON.parse(res.body) : {} };
    if (res.status === 404) return { done: void 0 };
    const message2 = apiMessage(res);
    if (res.status === 401) {
      return { fail: new MintError("ERR_WRITE_UNAUTHORIZED", `401 Unauthorized on ${req.what}: the API server refused the credentials of ${conn.identity} (${message2})`) };
    }
    if (res.status === 403) {
      return {
        fail: new MintError(
          "ERR_WRITE_FORBIDDEN",
          `403 Forbidden on ${req.what}: ${conn.identity} lacks the permission (${message2}); it needs ${req.permission}`
        )
      };
    }
    if (res.status === 409 || res.status === 429 || res.status >= 500) return { retry: `${res.status} ${message2}`, retryAfterMs: retryAfterMs(res) };
    return { fail: new MintError("ERR_WRITE_REJECTED", `${res.status} on ${req.what}: ${message2}`) };
  };
  try {
    return await withRetries(
      attempt,
      opts.policy ?? DEFAULT_RETRY_POLICY,
      (reason, delay, n) => opts.log?.(`attempt ${n} on ${req.what} failed (${reason}); retrying in ${Math.round(delay)} ms`)
    );
  } catch (error) {
    if (error instanceof RetriesExhausted) throw new MintError("ERR_WRITE_FAILED", `could not reach ${req.what}: ${error.message}`);
    throw error;
  }
}

// src/minter/kube/key-rollout.ts
var KEY_FINGERPRINT_ANNOTATION = "rasa-socketio-jwt/key-fingerprint";
var KEY_ROLLOUT_FIELD_MANAGER = "rasa-socketio-jwt-key-rollout";
async function restartOnNewKey(conn, target, opts = {}) {
  const { namespace, deployment, fingerprint } = target;
  const path = `/apis/apps/v1/namespaces/${encodeURIComponent(namespace)}/deployments/${encodeURIComponent(deployment)}`;
  const what = `Deployment ${namespace}/${deployment}`;
  const permission = `get and patch on deployments (apps) with resourceNames ["${deployment}"] in namespace ${namespace} (minter.restartOnKeyChange gives its Role that rule)`;
  const live = await kubeJson(conn, { method: "GET", path, what, permission }, opts);
  if (live === void 0) return { restarted: false, reason: "no deployment" };
  const recorded = live.spec?.template?.metadata?.annotations?.[KEY_FINGERPRINT_ANNOTATION];
  const previous = recorded ?? await tokensKeyFingerprint(conn, target, opts);
  if (previous === void 0) return { restarted: false, reason: "first key" };
  if (previous === fingerprint) return { restarted: false, reason: "same key" };
  await kubeJson(conn, {
    method: "PATCH",
    path: `${path}?fieldManager=${KEY_ROLLOUT_FIELD_MANAGER}&force=true`,
    contentType: "application/apply-patch+yaml",
    body: {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: deployment, namespace },
      spec: { template: { metadata: { annotations: { [KEY_FINGERPRINT_ANNOTATION]: fingerprint } } } }
    },
    what,
    permission
  }, opts);
  return { restarted: true, previous };
}
async function tokensKeyFingerprint(conn, target, opts) {
  const { namespace, configMap } = target;
  const found = await kubeJson(conn, {
    method: "GET",
    path: `/api/v1/namespaces/${encodeURIComponent(namespace)}/configmaps/${encodeURIComponent(configMap)}`,
    what: `ConfigMap ${namespace}/${configMap}`,
    permission: `get on configmaps with resourceNames ["${configMap}"] in namespace ${namespace}`
  }, opts);
  return parseWidgetsIndex(found?.data?.["index.json"])?.keyFingerprint;
}

// src/minter/kube/program.ts
var PROGRAM_EXIT = { OK: 0, INVALID: 2, WRITE_FAILED: 3 };
async function runProgram(log, body) {
  try {
    await body();
    return PROGRAM_EXIT.OK;
  } catch (error) {
    const code = error.code ?? "";
    log(`error: ${error.message}`);
    return code.startsWith("ERR_MINT_") || error instanceof SyntaxError ? PROGRAM_EXIT.INVALID : PROGRAM_EXIT.WRITE_FAILED;
  }
}
function requestOptions(env, prefix, log) {
  return {
    log,
    policy: { ...DEFAULT_RETRY_POLICY, attempts: positive(env, `${prefix}_MAX_ATTEMPTS`, DEFAULT_RETRY_POLICY.attempts) },
    timeoutMs: positive(env, `${prefix}_REQUEST_TIMEOUT_MS`, 15e3)
  };
}
function positive(env, name, fallback) {
  const text = env[name];
  if (text === void 0 || text === "") return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    throw new MintError("ERR_MINT_INPUT", `${name} (${text}) must be a whole number of at least 1`);
  }
  return value;
}

// src/minter/kube/service-account.ts
import { readFileSync } from "node:fs";
import { join } from "node:path";
var SERVICE_ACCOUNT_DIR = "/var/run/secrets/kubernetes.io/serviceaccount";
function inClusterConnection(env, program, dir = SERVICE_ACCOUNT_DIR) {
  const host = env.KUBERNETES_SERVICE_HOST;
  const port = env.KUBERNETES_SERVICE_PORT;
  if (!host || !port) {
    throw new Error(`KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set: the ${program} runs inside a pod`);
  }
  const read = (name) => {
    try {
      return readFileSync(join(dir, name), "utf8");
    } catch (error) {
      throw new Error(`cannot read the service account's ${name} in ${dir} (${error.code}): the ${program} pod needs its service account token mounted`, { cause: error });
    }
  };
  const namespace = read("namespace").trim();
  const token = () => read("token").trim();
  token();
  const server = `https://${host.includes(":") ? `[${host}]` : host}:${port}`;
  return { conn: { server, ca: read("ca.crt"), token, identity: `the ${program}'s service account in ${namespace}` }, namespace };
}

// src/minter/fingerprint.ts
import { createHash } from "node:crypto";
function keyFingerprint(key) {
  return createHash("sha256").update("rasa-socketio-jwt key fingerprint\0").update(key).digest("hex").slice(0, 16);
}

// src/minter/mint.ts
async function mintWidgets(input, key, now) {
  const cryptoKey = await hmacKey(key, input.method);
  const minted = await Promise.all(input.widgets.map(async (w, i) => {
    const { token, expiresAt } = await mintToken({
      key: cryptoKey,
      method: input.method,
      claims: w.claims,
      expiresIn: w.expiresIn,
      now,
      where: `widgets[${i}]`
    });
    return { name: w.name, url: w.url, initialPayload: w.initialPayload, token, expiresAt };
  }));
  const fingerprint = keyFingerprint(key);
  const data = widgetsConfigMapData(minted, { method: input.method, keyFingerprint: fingerprint });
  return { data, bytes: checkConfigMapSize(data, input.configMap), keyFingerprint: fingerprint };
}

// src/minter/run-in-cluster.ts
function runInCluster(opts) {
  const { log } = opts;
  return runProgram(log, async () => {
    const inputPath = opts.argv[0];
    if (!inputPath) throw new MintError("ERR_MINT_INPUT", "usage: minter.mjs <minter.json>");
    const input = parseMinterInput(JSON.parse(readFileSync2(inputPath, "utf8")));
    const key = signingKey(opts.env[input.keyEnv], `the environment variable ${input.keyEnv}`, input.method);
    const { conn, namespace } = inClusterConnection(opts.env, "minter", opts.env.MINTER_SERVICE_ACCOUNT_DIR || void 0);
    const result = await mintWidgets(input, key, (opts.now ?? Date.now)());
    log(`minted ${input.widgets.length} widget token(s) with ${input.method}, key fingerprint ${result.keyFingerprint}`);
    const requests = requestOptions(opts.env, "MINTER", log);
    if (input.restartDeployment) {
      const rollout = await restartOnNewKey(conn, {
        namespace,
        deployment: input.restartDeployment,
        configMap: input.configMap,
        fingerprint: result.keyFingerprint
      }, requests).catch((error) => {
        if (error instanceof MintError && error.code === "ERR_WRITE_FAILED") {
          throw new MintError(error.code, `${error.message}. ConfigMap ${namespace}/${input.configMap} was not written: the previous one, if any, is unchanged`);
        }
        throw error;
      });
      if (rollout.restarted) {
        log(`the key has changed (fingerprint ${result.keyFingerprint}, the pods' was ${rollout.previous}): restarting the Rasa pods of Deployment ${namespace}/${input.restartDeployment}, which read the key only at start (pod template annotation ${KEY_FINGERPRINT_ANNOTATION})`);
      }
    }
    const { resourceVersion } = await applyConfigMap(conn, {
      namespace,
      name: input.configMap,
      labels: input.labels,
      data: result.data
    }, requests);
    log(`wrote ConfigMap ${namespace}/${input.configMap}: ${Object.keys(result.data).length} keys, ${result.bytes} bytes, resourceVersion ${resourceVersion}`);
  });
}

// src/minter/in-cluster.ts
process.exitCode = await runInCluster({
  argv: process.argv.slice(2),
  env: process.env,
  log: (line) => process.stdout.write(`minter: ${line}
`)
});
