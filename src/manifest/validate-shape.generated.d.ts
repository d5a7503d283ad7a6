// Types of the validator that scripts/generate-validator.mjs generates (at build time) from schema.ts.
/** True when `data` has the manifest's shape; fills in defaults (mutates `data`). */
declare function validateManifestShape(data: unknown): boolean;
// The named export is the one to import: it reads the same from ESM source and from the
// CommonJS file the build makes of it (dist/vendor/manifest-validator.cjs).
export { validateManifestShape as validate };
export default validateManifestShape;
