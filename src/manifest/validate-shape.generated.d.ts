// Types of the validator that scripts/generate-validator.mjs generates (at build time) from schema.ts.
/** True when `data` has the manifest's shape; fills in defaults (mutates `data`). */
declare function validateManifestShape(data: unknown): boolean;
export default validateManifestShape;
