// package.json and package-lock.json as npm writes them for a project pinning lepton from a tarball
// (lepton is on no registry): what `ci init` and `hooks install` accept besides a vendored lepton.
export const PINNED_PACKAGE_JSON = `${JSON.stringify({ name: 'gated-project', private: true, devDependencies: { lepton: 'file:vendor/lepton-0.1.0.tgz' } }, null, 2)}\n`;

export const PINNED_PACKAGE_LOCK = `${JSON.stringify(
  {
    name: 'gated-project',
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': { name: 'gated-project', devDependencies: { lepton: 'file:vendor/lepton-0.1.0.tgz' } },
      'node_modules/lepton': { version: '0.1.0', resolved: 'file:vendor/lepton-0.1.0.tgz', dev: true, bin: { lepton: 'bin/lepton.js' } },
    },
  },
  null,
  2,
)}\n`;

/** The two files, to spread into a temporary repository's files. */
export const PINNED_LEPTON_FILES = { 'package.json': PINNED_PACKAGE_JSON, 'package-lock.json': PINNED_PACKAGE_LOCK };
