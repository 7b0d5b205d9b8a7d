/** How the values schema is compiled, at run time or ahead of it (scripts/compile-schema.mjs). */
export const AJV_OPTIONS = { allErrors: true, strict: true, allowUnionTypes: true, verbose: true } as const;

/** The precompiled validator's file name, next to the compiled schema.js in lib/settings/. */
export const PRECOMPILED_VALIDATOR = 'values-validator.cjs';
