// lepton's version, set by the build (scripts/build.mjs); the test build and unbuilt sources say 0.0.0-dev.
declare const __LEPTON_VERSION__: string;
export const VERSION = typeof __LEPTON_VERSION__ === 'string' ? __LEPTON_VERSION__ : '0.0.0-dev';
