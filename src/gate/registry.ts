// The one map from check kind to its module. A new kind is one file in checks/ and one line here;
// modules load only when a gate uses their kind.
import type { CheckKind } from '../manifest/kinds.js';
import type { CheckModule } from './types.js';

// biome-ignore lint/suspicious/noExplicitAny: each module is typed by its own kind; the map holds them all.
type Loader = () => Promise<CheckModule<any>>;

// A Record over every kind: the compiler refuses a kind without its module.
const checkModules: Record<CheckKind, Loader> = {
  file: () => import('./checks/file.js').then((module) => module.default),
  doc: () => import('./checks/doc.js').then((module) => module.default),
  run: () => import('./checks/run.js').then((module) => module.default),
  metric: () => import('./checks/metric.js').then((module) => module.default),
  git: () => import('./checks/git.js').then((module) => module.default),
  http: () => import('./checks/http.js').then((module) => module.default),
  approval: () => import('./checks/approval.js').then((module) => module.default),
  coverage: () => import('./checks/coverage.js').then((module) => module.default),
  tests: () => import('./checks/tests.js').then((module) => module.default),
  mlscore: () => import('./checks/mlscore.js').then((module) => module.default),
  eval: () => import('./checks/eval.js').then((module) => module.default),
};

export async function loadCheckModule(kind: CheckKind): Promise<CheckModule> {
  return (await checkModules[kind]()) as CheckModule;
}
